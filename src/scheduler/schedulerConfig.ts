// The running scheduler's configuration (like a KubeSchedulerConfiguration): profiles by scheduler
// name, user plugins registered by name, and the one scheduling queue all profiles share.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ClusterEvent } from './clusterEvents.ts';
import type { Plugin, Profile, ProfileConfig, QueueSortItem } from './framework.ts';
import { buildProfile, inTreeRegistry, type PluginFactory, type PluginRegistry } from './pluginRegistry.ts';
import { DEFAULT_SCHEDULER_NAME, defaultProfileConfig } from './profiles.ts';
import type { SchedulingQueueOptions } from './schedulingQueue.ts';

/**
 * A profile as configured: a {@link ProfileConfig} (plugins by name) with the option to write each
 * decision on the pod as kube-scheduler-simulator annotations, or an already built {@link Profile}.
 * @public
 */
export type SchedulerProfileConfig = (ProfileConfig | Profile) & { readonly recordDecisions?: boolean };

/**
 * Scheduler options of a cluster (`createCluster({ scheduler })`).
 * @public
 */
export interface SchedulerOptions {
  /** Profiles by `schedulerName` (default: the default profile named `default-scheduler`). */
  readonly profiles?: readonly SchedulerProfileConfig[];
  /** User plugins, registered by name next to the in-tree ones (use the names in `profiles`). */
  readonly plugins?: Readonly<Record<string, PluginFactory>>;
  /** Default of every profile's `recordDecisions`: write decisions as simulator annotations on pods. */
  readonly recordDecisions?: boolean;
  /**
   * How many of the latest decisions keep their per-node Filter and Score maps in memory (default
   * {@link DEFAULT_DETAILED_DECISIONS}); older ones keep only their summary. 0 records no maps at all
   * (faster at thousands of nodes) unless a profile writes annotations.
   */
  readonly detailedDecisions?: number;
  /** Do not start kube-scheduler (pods then stay Pending unless something else binds them). */
  readonly disabled?: boolean;
}

/** Decisions whose per-node maps are kept by default (a decision at 5,000 nodes holds about 500 nodes' worth). */
export const DEFAULT_DETAILED_DECISIONS = 1000;

/** A built profile and whether its decisions go onto pods as annotations. */
export interface ResolvedProfile {
  readonly profile: Profile;
  readonly recordDecisions: boolean;
}

function isBuilt(p: ProfileConfig | Profile): p is Profile {
  return p.plugins.some((x) => 'plugin' in x);
}

/**
 * Builds every profile: user plugins are registered into `registry` (default: a fresh in-tree one).
 * @throws Error for an unknown plugin name, a plugin name taken twice or two profiles with one scheduler name.
 */
export function resolveProfiles(options: Pick<SchedulerOptions, 'profiles' | 'plugins' | 'recordDecisions'> = {}, registry: PluginRegistry = inTreeRegistry()): ReadonlyMap<string, ResolvedProfile> {
  for (const [name, factory] of Object.entries(options.plugins ?? {})) registry.register(name, factory);
  const out = new Map<string, ResolvedProfile>();
  const configs: readonly SchedulerProfileConfig[] = options.profiles ?? [defaultProfileConfig()];
  for (const c of configs) {
    const profile = isBuilt(c) ? c : buildProfile(c, registry);
    if (out.has(profile.schedulerName)) throw new Error(`duplicate profile for scheduler name "${profile.schedulerName}"`);
    out.set(profile.schedulerName, { profile, recordDecisions: c.recordDecisions ?? options.recordDecisions ?? false });
  }
  return out;
}

/** The scheduler name a pod asks for (`default-scheduler` when unset). */
export function schedulerNameOf(pod: Pod): string {
  const name = pod.spec?.schedulerName ?? '';
  return name === '' ? DEFAULT_SCHEDULER_NAME : name;
}

/**
 * Options of the one queue shared by all profiles (upstream requires one QueueSort across
 * profiles: the first profile's is used). PreEnqueue plugins apply only to their profile's pods;
 * event registrations of all profiles are merged.
 */
export function queueOptionsForProfiles(profiles: readonly Profile[], now: () => number): SchedulingQueueOptions {
  const sorter = profiles.flatMap((p) => p.plugins).find((p) => p.plugin.less !== undefined)?.plugin;
  const preEnqueue: Plugin[] = [];
  const events = new Map<string, ClusterEvent[]>();
  for (const profile of profiles) {
    for (const { plugin } of profile.plugins) {
      const pre = plugin.preEnqueue?.bind(plugin);
      if (pre !== undefined) preEnqueue.push({ name: plugin.name, preEnqueue: (pod) => (schedulerNameOf(pod) === profile.schedulerName ? pre(pod) : undefined) });
      if (plugin.events !== undefined) events.set(plugin.name, [...(events.get(plugin.name) ?? []), ...plugin.events]);
    }
  }
  return {
    now,
    ...(sorter?.less === undefined ? {} : { less: (a: QueueSortItem, b: QueueSortItem) => sorter.less?.(a, b) === true }),
    preEnqueuePlugins: preEnqueue,
    eventsByPlugin: events,
  };
}
