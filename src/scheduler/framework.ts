// The scheduling framework's contracts (upstream pkg/scheduler/framework/interface.go): extension
// points as optional plugin methods, the per-cycle context, and profiles.
import type { Binding, Pod } from 'kubernetes-types/core/v1.js';
import type { Rng } from '../runtime/sim/rng.ts';
import type { ClusterEvent } from './clusterEvents.ts';
import type { ClusterSnapshot } from './clusterSnapshot.ts';
import type { NodeInfo } from './nodeInfo.ts';
import type { PodInfo } from './podInfo.ts';
import type { Status } from './status.ts';

/** The highest score a plugin may give after normalization. */
export const MAX_NODE_SCORE = 100;
/** The lowest score a plugin may give after normalization. */
export const MIN_NODE_SCORE = 0;

/** Per-cycle plugin state (upstream `CycleState`), keyed by plugin-chosen strings. */
export type CycleState = Map<string, unknown>;

/** One node's score from one plugin. */
export interface NodeScore {
  readonly name: string;
  score: number;
}

/**
 * Framework services a plugin may call back into (upstream `framework.Handle`).
 * @public
 */
export interface FrameworkHandle {
  /**
   * Runs every PreFilter (on a fresh state) and then every Filter for `pod` on one node against the
   * snapshot as it is now, nominated pods included (upstream `RunFilterPluginsWithNominatedPods`).
   */
  filterNode(pod: Pod, nodeInfo: NodeInfo): Status;
}

/**
 * What a plugin sees during one scheduling cycle.
 * @public
 */
export interface CycleContext {
  readonly snapshot: ClusterSnapshot;
  readonly state: CycleState;
  readonly rng: Rng;
  /** Pods nominated to a node (by earlier preemptions), from the scheduling queue. */
  readonly nominatedPods: (nodeName: string) => readonly PodInfo[];
  readonly handle: FrameworkHandle;
}

/**
 * A PostFilter outcome: the node the pod is nominated to (`''` clears a nomination), the victims to
 * delete and the lower-priority pods whose nomination to that node must be cleared.
 * @public
 */
export interface PostFilterResult {
  readonly nominatedNodeName: string;
  readonly victims: readonly Pod[];
  readonly clearNominationOf: readonly Pod[];
}

/** The pod/timestamp pair QueueSort compares. */
export interface QueueSortItem {
  readonly pod: Pod;
  readonly timestamp: number;
}

/**
 * A scheduler plugin. Every extension point is an optional method; the framework calls the ones a
 * plugin has, in profile order. A missing or `undefined` status means Success.
 * @public
 */
export interface Plugin {
  readonly name: string;
  /** Events that may make a pod this plugin rejected schedulable (upstream `EventsToRegister`). */
  readonly events?: readonly ClusterEvent[];
  preEnqueue?(pod: Pod): Status | undefined;
  less?(a: QueueSortItem, b: QueueSortItem): boolean;
  preFilter?(ctx: CycleContext, pod: Pod): Status | undefined;
  filter?(ctx: CycleContext, pod: Pod, nodeInfo: NodeInfo): Status | undefined;
  postFilter?(ctx: CycleContext, pod: Pod, statuses: ReadonlyMap<string, Status>): { readonly result?: PostFilterResult; readonly status: Status };
  preScore?(ctx: CycleContext, pod: Pod, nodes: readonly NodeInfo[]): Status | undefined;
  /** A raw score, or an error status. */
  score?(ctx: CycleContext, pod: Pod, nodeInfo: NodeInfo): number | Status;
  /** Rewrites `scores` in place into [0, 100]. */
  normalizeScore?(ctx: CycleContext, pod: Pod, scores: NodeScore[]): Status | undefined;
  reserve?(ctx: CycleContext, pod: Pod, nodeName: string): Status | undefined;
  unreserve?(ctx: CycleContext, pod: Pod, nodeName: string): void;
  permit?(ctx: CycleContext, pod: Pod, nodeName: string): { readonly status: Status; readonly timeoutMs?: number };
  preBind?(ctx: CycleContext, pod: Pod, nodeName: string): Status | undefined;
  bind?(ctx: CycleContext, pod: Pod, nodeName: string): { readonly status: Status; readonly binding?: Binding };
}

/** A plugin with a PreEnqueue method. */
export type PreEnqueuePlugin = Plugin & Required<Pick<Plugin, 'preEnqueue'>>;
/** A plugin with a QueueSort `less`. */
export type QueueSortPlugin = Plugin & Required<Pick<Plugin, 'less'>>;
/** A plugin with a PreFilter method. */
export type PreFilterPlugin = Plugin & Required<Pick<Plugin, 'preFilter'>>;
/** A plugin with a Filter method. */
export type FilterPlugin = Plugin & Required<Pick<Plugin, 'filter'>>;
/** A plugin with a PostFilter method. */
export type PostFilterPlugin = Plugin & Required<Pick<Plugin, 'postFilter'>>;
/** A plugin with a PreScore method. */
export type PreScorePlugin = Plugin & Required<Pick<Plugin, 'preScore'>>;
/** A plugin with a Score method (NormalizeScore optional). */
export type ScorePlugin = Plugin & Required<Pick<Plugin, 'score'>>;
/** A plugin with Reserve and Unreserve. */
export type ReservePlugin = Plugin & Required<Pick<Plugin, 'reserve' | 'unreserve'>>;
/** A plugin with a Permit method. */
export type PermitPlugin = Plugin & Required<Pick<Plugin, 'permit'>>;
/** A plugin with a PreBind method. */
export type PreBindPlugin = Plugin & Required<Pick<Plugin, 'preBind'>>;
/** A plugin with a Bind method. */
export type BindPlugin = Plugin & Required<Pick<Plugin, 'bind'>>;

/**
 * An enabled plugin and its score weight.
 * @public
 */
export interface ProfilePlugin {
  readonly plugin: Plugin;
  readonly weight: number;
}

/**
 * A scheduling profile: pods with `spec.schedulerName === schedulerName` use it. Plugins run in
 * list order at every extension point they implement. `percentageOfNodesToScore` 0 or unset
 * means adaptive (upstream default).
 * @public
 */
export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfilePlugin[];
  readonly percentageOfNodesToScore?: number;
}

/**
 * The serializable form of a profile (like a `KubeSchedulerConfiguration` profile): plugin names
 * with weights (default 1) and per-plugin args.
 * @public
 */
export interface ProfileConfig {
  readonly schedulerName: string;
  readonly plugins: readonly { readonly name: string; readonly weight?: number }[];
  readonly pluginConfig?: Readonly<Record<string, unknown>>;
  readonly percentageOfNodesToScore?: number;
}

const byMethod = new WeakMap<Profile, Map<keyof Plugin, readonly ProfilePlugin[]>>();

/** The enabled plugins that implement `method`, in profile order (cached per profile object). */
export function pluginsWith<K extends keyof Plugin>(profile: Profile, method: K): readonly (ProfilePlugin & { readonly plugin: Plugin & Required<Pick<Plugin, K>> })[] {
  let cache = byMethod.get(profile);
  if (cache === undefined) byMethod.set(profile, (cache = new Map<keyof Plugin, readonly ProfilePlugin[]>()));
  let list = cache.get(method);
  if (list === undefined) cache.set(method, (list = profile.plugins.filter((p) => p.plugin[method] !== undefined)));
  return list as readonly (ProfilePlugin & { readonly plugin: Plugin & Required<Pick<Plugin, K>> })[];
}
