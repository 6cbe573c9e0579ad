// PreFilter and Filter phases (upstream frameworkImpl.RunPreFilterPlugins / RunFilterPlugins* and
// schedule_one.go findNodesThatFitPod / findNodesThatPassFilters).
import type { Pod } from 'kubernetes-types/core/v1.js';
import { pluginsWith, type CycleContext, type CycleState, type Profile } from './framework.ts';
import type { NodeInfo } from './nodeInfo.ts';
import { podKey, podPriority } from './podInfo.ts';
import { errorStatus, isRejected, isSuccess, statusMessage, SUCCESS, withPlugin, type Status } from './status.ts';

/** The nodes reached fewer than this are all evaluated (upstream `minFeasibleNodesToFind`). */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** The adaptive percentage never goes below this (upstream `minFeasibleNodesPercentageToFind`). */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes to look for before scoring (upstream `numFeasibleNodesToFind`):
 * all of them under 100 nodes; else `percentage` (0 = adaptive `50 − nodes/125`, at least 5%) of
 * the nodes, but at least 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/** Results of PreFilter: the (first) rejection or error, and the plugins that asked to be skipped. */
export interface PreFilterOutcome {
  readonly status: Status;
  readonly skip: ReadonlySet<string>;
  /** plugin → `success` / `skip` / message, for the decision record. */
  readonly record: Record<string, string>;
}

const SKIP_KEY = 'framework/skipFilterPlugins';

/**
 * Runs every PreFilter plugin into `ctx.state`. An UnschedulableAndUnresolvable or Error stops at once;
 * an Unschedulable lets the rest run and is returned at the end (so preemption has their state).
 */
export function runPreFilterPlugins(profile: Profile, ctx: CycleContext, pod: Pod): PreFilterOutcome {
  const skipSet = new Set<string>();
  const record: Record<string, string> = {};
  let result: Status = SUCCESS;
  for (const { plugin } of pluginsWith(profile, 'preFilter')) {
    const s = plugin.preFilter(ctx, pod);
    if (s?.code === 'Skip') {
      skipSet.add(plugin.name);
      record[plugin.name] = 'skip';
      continue;
    }
    record[plugin.name] = isSuccess(s) ? 'success' : statusMessage(s);
    if (s === undefined || isSuccess(s)) continue;
    if (s.code === 'UnschedulableAndUnresolvable') return { status: withPlugin(s, plugin.name), skip: skipSet, record };
    if (s.code === 'Unschedulable') {
      if (isSuccess(result)) result = withPlugin(s, plugin.name);
      continue;
    }
    return { status: withPlugin(errorStatus(`running PreFilter plugin "${plugin.name}": ${statusMessage(s)}`), plugin.name), skip: skipSet, record };
  }
  ctx.state.set(SKIP_KEY, skipSet);
  return { status: result, skip: skipSet, record };
}

function skippedFilters(state: CycleState): ReadonlySet<string> {
  return (state.get(SKIP_KEY) as ReadonlySet<string> | undefined) ?? new Set();
}

/** One node's Filter outcome and the per-plugin record (`passed` or the reason). */
export interface FilterOutcome {
  readonly status: Status;
  readonly record: Record<string, string>;
}

/** Runs the Filter plugins on one node, stopping at the first rejection (upstream `RunFilterPlugins`). */
export function runFilterPlugins(profile: Profile, ctx: CycleContext, pod: Pod, nodeInfo: NodeInfo): FilterOutcome {
  const skipped = skippedFilters(ctx.state);
  const record: Record<string, string> = {};
  for (const { plugin } of pluginsWith(profile, 'filter')) {
    if (skipped.has(plugin.name)) continue;
    const s = plugin.filter(ctx, pod, nodeInfo);
    if (s === undefined || isSuccess(s)) {
      record[plugin.name] = 'passed';
      continue;
    }
    record[plugin.name] = statusMessage(s);
    const status = isRejected(s) ? s : errorStatus(`running "${plugin.name}" filter plugin: ${statusMessage(s)}`);
    return { status: withPlugin(status, plugin.name), record };
  }
  return { status: SUCCESS, record };
}

/**
 * Filters one node twice when pods of equal or higher priority are nominated to it: first as if they
 * ran there (PreFilter recomputed with them added), then without them; both must pass
 * (upstream `RunFilterPluginsWithNominatedPods`).
 */
export function runFilterPluginsWithNominatedPods(profile: Profile, ctx: CycleContext, pod: Pod, nodeInfo: NodeInfo): FilterOutcome {
  const self = podKey(pod);
  const prio = podPriority(pod);
  const nominated = ctx
    .nominatedPods(nodeInfo.name)
    .filter((pi) => pi.key !== self && podPriority(pi.pod) >= prio && ctx.snapshot.getPodInfo(pi.key) === undefined);
  if (nominated.length === 0) return runFilterPlugins(profile, ctx, pod, nodeInfo);
  for (const pi of nominated) ctx.snapshot.addPodInfo(nodeInfo.name, pi);
  let first: FilterOutcome;
  try {
    const withState: CycleContext = { ...ctx, state: new Map() };
    const pre = runPreFilterPlugins(profile, withState, pod);
    first = isSuccess(pre.status) ? runFilterPlugins(profile, withState, pod, nodeInfo) : { status: pre.status, record: {} };
  } finally {
    for (const pi of nominated) ctx.snapshot.removePod(pi.key);
  }
  if (!isSuccess(first.status)) return first;
  return runFilterPlugins(profile, ctx, pod, nodeInfo);
}

/**
 * What the filter phase found out about the nodes that failed (upstream `framework.Diagnosis`).
 * @public
 */
export interface Diagnosis {
  readonly nodeToStatus: Map<string, Status>;
  readonly unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** The filter phase's result. `error` is set when a plugin failed with Error. */
export interface FilterPhase {
  readonly feasible: NodeInfo[];
  readonly diagnosis: Diagnosis;
  readonly nextStartNodeIndex: number;
  readonly preFilter: PreFilterOutcome;
  readonly filterRecord: Record<string, Record<string, string>>;
  readonly error?: Status;
}

function recordFailure(d: Diagnosis, node: string, s: Status): void {
  d.nodeToStatus.set(node, s);
  if (s.plugin !== undefined) d.unschedulablePlugins.add(s.plugin);
}

/**
 * PreFilter, then Filter over the nodes from `startIndex` round-robin until enough feasible nodes are
 * found; a nominated node that passes is taken alone (upstream `findNodesThatFitPod`).
 */
export function findNodesThatFitPod(profile: Profile, ctx: CycleContext, pod: Pod, startIndex: number, record = true): FilterPhase {
  const all = ctx.snapshot.nodeInfos();
  const diagnosis: Diagnosis = { nodeToStatus: new Map(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
  const filterRecord: Record<string, Record<string, string>> = {};
  const start = all.length === 0 ? 0 : startIndex % all.length;
  const preFilter = runPreFilterPlugins(profile, ctx, pod);
  if (!isSuccess(preFilter.status)) {
    if (!isRejected(preFilter.status)) return { feasible: [], diagnosis, nextStartNodeIndex: start, preFilter, filterRecord, error: preFilter.status };
    for (const ni of all) diagnosis.nodeToStatus.set(ni.name, preFilter.status);
    if (preFilter.status.plugin !== undefined) diagnosis.unschedulablePlugins.add(preFilter.status.plugin);
    diagnosis.preFilterMsg = statusMessage(preFilter.status);
    return { feasible: [], diagnosis, nextStartNodeIndex: start, preFilter, filterRecord };
  }
  const nominatedName = pod.status?.nominatedNodeName ?? '';
  const nominatedNode = nominatedName === '' ? undefined : ctx.snapshot.getNodeInfo(nominatedName);
  if (nominatedNode !== undefined) {
    const out = runFilterPluginsWithNominatedPods(profile, ctx, pod, nominatedNode);
    filterRecord[nominatedNode.name] = out.record;
    if (isSuccess(out.status)) return { feasible: [nominatedNode], diagnosis, nextStartNodeIndex: start, preFilter, filterRecord };
    if (!isRejected(out.status)) return { feasible: [], diagnosis, nextStartNodeIndex: start, preFilter, filterRecord, error: out.status };
    recordFailure(diagnosis, nominatedNode.name, out.status);
  }
  const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, all.length);
  const feasible: NodeInfo[] = [];
  const hasFilters = pluginsWith(profile, 'filter').length > 0;
  let processed = 0;
  for (let i = 0; i < all.length && feasible.length < toFind; i++) {
    const ni = all[(start + i) % all.length] as NodeInfo;
    processed++;
    if (!hasFilters) {
      feasible.push(ni);
      continue;
    }
    const out = runFilterPluginsWithNominatedPods(profile, ctx, pod, ni);
    if (record) filterRecord[ni.name] = out.record;
    if (isSuccess(out.status)) feasible.push(ni);
    else if (isRejected(out.status)) recordFailure(diagnosis, ni.name, out.status);
    else return { feasible, diagnosis, nextStartNodeIndex: (start + processed) % all.length, preFilter, filterRecord, error: out.status };
  }
  // Upstream advances by feasible + failed nodes (a failed nominated node counts once).
  const advanced = hasFilters ? feasible.length + diagnosis.nodeToStatus.size : processed;
  const nextStartNodeIndex = all.length === 0 ? 0 : (start + advanced) % all.length;
  return { feasible, diagnosis, nextStartNodeIndex, preFilter, filterRecord };
}
