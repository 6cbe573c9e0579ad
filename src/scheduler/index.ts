// The scheduler kernel's public surface (pure: no I/O, no XState).
export type { AffinityTerm, PodAffinityTerms, WeightedAffinityTerm } from './affinityTerms.ts';
export { runBindPlugins, runPreBindPlugins } from './bindingCycle.ts';
export { ACTION, EVENTS, eventMatches, nodeUpdateEvent, type ClusterEvent } from './clusterEvents.ts';
export { createClusterSnapshot, type ClusterLookups, type ClusterSnapshot } from './clusterSnapshot.ts';
export { createCycleContext, type CycleContextOptions } from './cycleContext.ts';
export { formatFitError, type FitErrorInput } from './fitError.ts';
export { makeNode, makePod, type NodeOptions, type PodOptions } from './fixtures.ts';
export {
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  pluginsWith,
  type BindPlugin,
  type CycleContext,
  type CycleState,
  type FilterPlugin,
  type FrameworkHandle,
  type NodeScore,
  type PermitPlugin,
  type Plugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type Profile,
  type ProfileConfig,
  type ProfilePlugin,
  type QueueSortItem,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './framework.ts';
export type { NodeInfo } from './nodeInfo.ts';
export type { Nominator } from './nominator.ts';
export { namespacedName, newPodInfo, podKey, podPriority, type PodInfo } from './podInfo.ts';
export { buildProfile, createPluginRegistry, inTreeRegistry, type PluginFactory, type PluginRegistry } from './pluginRegistry.ts';
export { DEFAULT_SCHEDULER_NAME, defaultProfile, defaultProfileConfig, legacyProfile, legacyProfileConfig, type DefaultProfileOptions, type LegacyProfileArgs } from './profiles.ts';
export { queueOptionsForProfile } from './queueOptionsForProfile.ts';
export { runPermitPlugins, runReservePlugins, runUnreservePlugins } from './reservePermit.ts';
export { podNonZeroRequests, podRequests, type Resource } from './resources.ts';
export { numFeasibleNodesToFind, type Diagnosis } from './runFilters.ts';
export type { NodePluginScores } from './runScores.ts';
export { NO_NODES_AVAILABLE, runSchedulingCycle, type ScheduledResult, type SchedulingCycleOptions, type SchedulingCycleResult, type UnschedulableResult } from './schedulingCycle.ts';
export { createDecision, decisionAnnotations, SIMULATOR_ANNOTATION_PREFIX, type SchedulingDecision } from './schedulingDecision.ts';
export {
  createSchedulingQueue,
  DEFAULT_POD_INITIAL_BACKOFF_MS,
  DEFAULT_POD_MAX_BACKOFF_MS,
  DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS,
  type QueuedPodInfo,
  type SchedulingQueue,
  type SchedulingQueueOptions,
} from './schedulingQueue.ts';
export { errorStatus, isRejected, isSuccess, skip, statusMessage, SUCCESS, unresolvable, unschedulable, type Status, type StatusCode } from './status.ts';
