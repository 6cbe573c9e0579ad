// One scheduling cycle, pure over a snapshot (upstream schedule_one.go schedulingCycle/schedulePod,
// minus the I/O: the caller assumes the pod, binds it and records events).
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Rng } from '../runtime/sim/rng.ts';
import type { ClusterSnapshot } from './clusterSnapshot.ts';
import { formatFitError } from './fitError.ts';
import { createCycleContext } from './cycleContext.ts';
import { pluginsWith, type CycleContext, type PostFilterResult, type Profile } from './framework.ts';
import { namespacedName, type PodInfo } from './podInfo.ts';
import { findNodesThatFitPod, type Diagnosis } from './runFilters.ts';
import { prioritizeNodes, selectHost, type NodePluginScores } from './runScores.ts';
import { createDecision, type SchedulingDecision } from './schedulingDecision.ts';
import { errorStatus, isRejected, isSuccess, statusMessage, unschedulable, withPlugin, type Status } from './status.ts';
import { runPermitPlugins, runReservePlugins } from './reservePermit.ts';

/** Inputs beyond the pod and snapshot: the round-robin start and the queue's nominations. */
export interface SchedulingCycleOptions {
  /** Where the node walk starts (upstream `nextStartNodeIndex`); feed back the returned value. */
  readonly nextStartNodeIndex?: number;
  readonly nominatedPods?: (nodeName: string) => readonly PodInfo[];
  /** Fill the per-node filter and score maps of the decision (default true; off for large simulations). */
  readonly recordDecision?: boolean;
}

/**
 * A pod placed on `nodeName`. The caller assumes it in the snapshot and runs the binding cycle.
 * @public
 */
export interface ScheduledResult {
  readonly unschedulable: false;
  readonly nodeName: string;
  readonly scores: readonly NodePluginScores[];
  readonly decision: SchedulingDecision;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly nextStartNodeIndex: number;
  /** Set when a Permit plugin answered Wait: the longest timeout in ms. */
  readonly permitWaitMs?: number;
}

/**
 * A pod that could not be placed. `status.code` is `Error` for plugin errors (retry with backoff),
 * otherwise Unschedulable/UnschedulableAndUnresolvable; `message` is the FailedScheduling text.
 * @public
 */
export interface UnschedulableResult {
  readonly unschedulable: true;
  readonly status: Status;
  readonly message: string;
  readonly diagnosis: Diagnosis;
  readonly postFilterResult?: PostFilterResult;
  readonly decision: SchedulingDecision;
  readonly nextStartNodeIndex: number;
}

/** The outcome of {@link runSchedulingCycle}. */
export type SchedulingCycleResult = ScheduledResult | UnschedulableResult;

/** The message upstream gives when the cluster has no nodes. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * Runs PreFilter → Filter → (PostFilter on failure) → PreScore → Score → NormalizeScore → selectHost
 * → Reserve → Permit for one pod. Deterministic for a given snapshot, options and RNG state.
 * @example
 * const r = runSchedulingCycle(pod, snapshot, defaultProfile(), createRng(1));
 * if (!r.unschedulable) snapshot.upsertPod({ ...pod, spec: { ...pod.spec, nodeName: r.nodeName } });
 */
export function runSchedulingCycle(pod: Pod, snapshot: ClusterSnapshot, profile: Profile, rng: Rng, options: SchedulingCycleOptions = {}): SchedulingCycleResult {
  const ctx = createCycleContext(profile, snapshot, { rng, ...(options.nominatedPods === undefined ? {} : { nominatedPods: options.nominatedPods }) });
  const decision = createDecision(namespacedName(pod));
  const start = options.nextStartNodeIndex ?? 0;
  const emptyDiagnosis = (): Diagnosis => ({ nodeToStatus: new Map(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' });
  const fail = (status: Status, message: string, diagnosis: Diagnosis, next: number, post?: PostFilterResult): UnschedulableResult => ({
    unschedulable: true,
    status,
    message,
    diagnosis,
    decision,
    nextStartNodeIndex: next,
    ...(post === undefined ? {} : { postFilterResult: post }),
  });

  if (snapshot.numNodes() === 0) return fail(errorStatus(NO_NODES_AVAILABLE), NO_NODES_AVAILABLE, emptyDiagnosis(), start);
  const record = options.recordDecision ?? true;
  const phase = findNodesThatFitPod(profile, ctx, pod, start, record);
  decision.preFilterStatus = phase.preFilter.record;
  decision.filter = phase.filterRecord;
  if (phase.error !== undefined) return fail(phase.error, statusMessage(phase.error), phase.diagnosis, phase.nextStartNodeIndex);

  if (phase.feasible.length === 0) {
    const post = runPostFilterPlugins(profile, ctx, pod, phase.diagnosis, decision);
    phase.diagnosis.postFilterMsg = statusMessage(post.status);
    const message = formatFitError({ numAllNodes: snapshot.numNodes(), nodeToStatus: phase.diagnosis.nodeToStatus, preFilterMsg: phase.diagnosis.preFilterMsg, postFilterMsg: phase.diagnosis.postFilterMsg });
    const code = post.status.code === 'Error' ? post.status : unschedulable(message);
    return fail(code, message, phase.diagnosis, phase.nextStartNodeIndex, post.result);
  }

  let nodeName: string;
  let totals: readonly NodePluginScores[] = [];
  if (phase.feasible.length === 1) {
    nodeName = (phase.feasible[0] as { name: string }).name;
  } else {
    const scored = prioritizeNodes(profile, ctx, pod, phase.feasible, record);
    decision.preScore = scored.preScoreRecord;
    decision.score = scored.raw;
    decision.normalizedScore = scored.normalized;
    decision.finalScore = scored.final;
    if (scored.error !== undefined) return fail(scored.error, statusMessage(scored.error), phase.diagnosis, phase.nextStartNodeIndex);
    totals = scored.totals;
    nodeName = selectHost(totals, rng) ?? '';
  }
  decision.selectedNode = nodeName;
  const evaluatedNodes = phase.feasible.length + phase.diagnosis.nodeToStatus.size;

  const reserved = runReservePlugins(profile, ctx, pod, nodeName, decision);
  const permit = isSuccess(reserved) ? runPermitPlugins(profile, ctx, pod, nodeName, decision) : { status: reserved };
  if (!isSuccess(permit.status) && permit.status.code !== 'Wait') {
    const s = permit.status;
    const diagnosis = emptyDiagnosis();
    if (isRejected(s)) {
      diagnosis.nodeToStatus.set(nodeName, s);
      if (s.plugin !== undefined) diagnosis.unschedulablePlugins.add(s.plugin);
      return fail(s, formatFitError({ numAllNodes: 1, nodeToStatus: diagnosis.nodeToStatus }), diagnosis, phase.nextStartNodeIndex);
    }
    return fail(s, statusMessage(s), diagnosis, phase.nextStartNodeIndex);
  }
  return {
    unschedulable: false,
    nodeName,
    scores: totals,
    decision,
    evaluatedNodes,
    feasibleNodes: phase.feasible.length,
    nextStartNodeIndex: phase.nextStartNodeIndex,
    ...('waitMs' in permit && permit.waitMs !== undefined ? { permitWaitMs: permit.waitMs } : {}),
  };
}

/**
 * Runs PostFilter plugins in order (upstream `RunPostFilterPlugins`): the first Success or
 * UnschedulableAndUnresolvable ends the run; otherwise the reasons of all rejections are joined.
 */
function runPostFilterPlugins(
  profile: Profile,
  ctx: CycleContext,
  pod: Pod,
  diagnosis: Diagnosis,
  decision: SchedulingDecision,
): { readonly result?: PostFilterResult; readonly status: Status } {
  const reasons: string[] = [];
  let rejector: string | undefined;
  let result: PostFilterResult | undefined;
  for (const { plugin } of pluginsWith(profile, 'postFilter')) {
    const out = plugin.postFilter(ctx, pod, diagnosis.nodeToStatus);
    const s = out.status;
    decision.postFilter[plugin.name] = isSuccess(s) ? `success: nominated ${out.result?.nominatedNodeName ?? ''}` : statusMessage(s);
    if (out.result !== undefined && out.result.nominatedNodeName !== '') {
      decision.nominatedNodeName = out.result.nominatedNodeName;
      decision.victims = out.result.victims.map(namespacedName);
    }
    if (isSuccess(s)) return out;
    if (s.code === 'UnschedulableAndUnresolvable') return { ...out, status: withPlugin(s, plugin.name) };
    if (!isRejected(s)) return { status: withPlugin(errorStatus(statusMessage(s)), plugin.name) };
    if (out.result !== undefined) result = out.result;
    reasons.push(...s.reasons);
    rejector ??= plugin.name;
  }
  const status = rejector === undefined ? unschedulable(...reasons) : withPlugin(unschedulable(...reasons), rejector);
  return result === undefined ? { status } : { result, status };
}
