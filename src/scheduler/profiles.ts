// The built-in profiles: the modern default (upstream apis/config/v1/default_plugins.go) and the
// legacy v1.x DefaultProvider described by the seeds (§20).
import type { Profile, ProfileConfig } from './framework.ts';
import { buildProfile, inTreeRegistry, type PluginRegistry } from './pluginRegistry.ts';
import type { CalculateNodeLabelPriorityArgs } from './plugins/legacy/calculateNodeLabelPriority.ts';
import type { CheckNodeLabelPresenceArgs } from './plugins/legacy/checkNodeLabelPresence.ts';
import type { CheckServiceAffinityArgs } from './plugins/legacy/checkServiceAffinity.ts';

/** The scheduler name pods get by default. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Overrides for {@link defaultProfile}. */
export interface DefaultProfileOptions {
  readonly schedulerName?: string;
  readonly percentageOfNodesToScore?: number;
  readonly pluginConfig?: Readonly<Record<string, unknown>>;
}

/** The default plugin set in upstream's multi-point order with its score weights. */
export function defaultProfileConfig(options: DefaultProfileOptions = {}): ProfileConfig {
  return {
    schedulerName: options.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: [
      { name: 'SchedulingGates' },
      { name: 'PrioritySort' },
      { name: 'NodeUnschedulable' },
      { name: 'NodeName' },
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodePorts' },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'VolumeRestrictions' },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'DefaultPreemption' },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
      { name: 'DefaultBinder' },
    ],
    ...(options.pluginConfig === undefined ? {} : { pluginConfig: options.pluginConfig }),
    ...(options.percentageOfNodesToScore === undefined ? {} : { percentageOfNodesToScore: options.percentageOfNodesToScore }),
  };
}

/** The default profile, instantiated. */
export function defaultProfile(options: DefaultProfileOptions = {}, registry: PluginRegistry = inTreeRegistry()): Profile {
  return buildProfile(defaultProfileConfig(options), registry);
}

/**
 * Legacy profile args: the optional custom predicates/priorities of the v1.x policy file.
 * @public
 */
export interface LegacyProfileArgs {
  readonly schedulerName?: string;
  readonly nodeLabelPresence?: CheckNodeLabelPresenceArgs;
  readonly serviceAffinity?: CheckServiceAffinityArgs;
  readonly nodeLabelPriority?: CalculateNodeLabelPriorityArgs & { readonly weight?: number };
}

/**
 * The v1.x DefaultProvider: predicates PodFitsPorts, PodFitsResources, NoDiskConflict,
 * PodSelectorMatches (MatchNodeSelector), PodFitsHost (HostName), plus the configured custom ones;
 * priorities LeastRequestedPriority and BalancedResourceAllocation (weight 1, scores 0–10). Every node
 * is evaluated (percentageOfNodesToScore 100) and there is no preemption.
 */
export function legacyProfileConfig(args: LegacyProfileArgs = {}): ProfileConfig {
  const plugins: { name: string; weight?: number }[] = [
    { name: 'PrioritySort' },
    { name: 'PodFitsPorts' },
    { name: 'PodFitsResources' },
    { name: 'NoDiskConflict' },
    { name: 'PodSelectorMatches' },
    { name: 'PodFitsHost' },
  ];
  const pluginConfig: Record<string, unknown> = {};
  if (args.nodeLabelPresence !== undefined) {
    plugins.push({ name: 'CheckNodeLabelPresence' });
    pluginConfig['CheckNodeLabelPresence'] = args.nodeLabelPresence;
  }
  if (args.serviceAffinity !== undefined) {
    plugins.push({ name: 'CheckServiceAffinity' });
    pluginConfig['CheckServiceAffinity'] = args.serviceAffinity;
  }
  plugins.push({ name: 'LeastRequestedPriority', weight: 1 }, { name: 'BalancedResourceAllocation', weight: 1 });
  if (args.nodeLabelPriority !== undefined) {
    plugins.push({ name: 'CalculateNodeLabelPriority', weight: args.nodeLabelPriority.weight ?? 1 });
    pluginConfig['CalculateNodeLabelPriority'] = args.nodeLabelPriority;
  }
  plugins.push({ name: 'DefaultBinder' });
  return { schedulerName: args.schedulerName ?? DEFAULT_SCHEDULER_NAME, plugins, pluginConfig, percentageOfNodesToScore: 100 };
}

/** The legacy profile, instantiated. */
export function legacyProfile(args: LegacyProfileArgs = {}, registry: PluginRegistry = inTreeRegistry()): Profile {
  return buildProfile(legacyProfileConfig(args), registry);
}
