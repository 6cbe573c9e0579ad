// Victim selection of DefaultPreemption (upstream plugins/defaultpreemption SelectVictimsOnNode,
// filterPodsWithPDBViolation and framework/preemption pickOneNodeForPreemption).
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { isEverything, matchesLabels } from '../../api/labelSelector.ts';
import { safeSelector } from '../affinityTerms.ts';
import type { CycleContext } from '../framework.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import { podPriority, type PodInfo } from '../podInfo.ts';
import { isSuccess, unresolvable, type Status } from '../status.ts';

/** Reason for a node without lower-priority pods. */
export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

/** `status.startTime` in ms; a pod that has not started counts as starting last. */
export function podStartTime(pod: Pod): number {
  const t = pod.status?.startTime;
  const ms = t === undefined ? NaN : Date.parse(t);
  return Number.isNaN(ms) ? Infinity : ms;
}

/** Higher priority first, then earlier start (upstream `MoreImportantPod`). */
export function moreImportantFirst(a: Pod, b: Pod): number {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pb - pa;
  const sa = podStartTime(a);
  const sb = podStartTime(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Splits pods into those whose eviction would exceed a PDB's disruptionsAllowed and the rest. */
export function filterPodsWithPDBViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => safeSelector(p.spec?.selector));
  const violating: PodInfo[] = [];
  const ok: PodInfo[] = [];
  for (const pi of pods) {
    const labels = pi.pod.metadata?.labels ?? {};
    let violated = false;
    if (Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i];
        if (sel === undefined || pdb.metadata?.namespace !== pi.pod.metadata?.namespace) return;
        // A nil or empty selector matches nothing.
        if (sel.nothing || isEverything(sel) || !matchesLabels(sel, labels)) return;
        if (Object.hasOwn(pdb.status?.disruptedPods ?? {}, pi.pod.metadata?.name ?? '')) return;
        allowed[i] = (allowed[i] ?? 0) - 1;
        if ((allowed[i] ?? 0) < 0) violated = true;
      });
    }
    (violated ? violating : ok).push(pi);
  }
  return [violating, ok];
}

/** Victims on one node, or why there are none. */
export interface NodeVictims {
  readonly status: Status;
  readonly victims: readonly Pod[];
  readonly numPDBViolations: number;
}

/**
 * The smallest set of lower-priority pods to evict from `ni` so that `pod` fits: remove them all,
 * check the pod fits, then reprieve them from the most important down (PDB-violating ones first).
 * Works by mutating the snapshot and always restores it, pod order included.
 */
export function selectVictimsOnNode(ctx: CycleContext, pod: Pod, ni: NodeInfo, pdbs: readonly PodDisruptionBudget[]): NodeVictims {
  const prio = podPriority(pod);
  const originalOrder = [...ni.pods.values()];
  const potential = originalOrder.filter((pi) => podPriority(pi.pod) < prio);
  if (potential.length === 0) return { status: unresolvable(ERR_NO_VICTIMS), victims: [], numPDBViolations: 0 };
  const { snapshot } = ctx;
  try {
    for (const pi of potential) snapshot.removePod(pi.key);
    const fits = ctx.handle.filterNode(pod, ni);
    if (!isSuccess(fits)) return { status: fits, victims: [], numPDBViolations: 0 };
    potential.sort((a, b) => moreImportantFirst(a.pod, b.pod));
    const [violating, nonViolating] = filterPodsWithPDBViolation(potential, pdbs);
    const victims: Pod[] = [];
    const reprieve = (pi: PodInfo): boolean => {
      snapshot.addPodInfo(ni.name, pi);
      const ok = isSuccess(ctx.handle.filterNode(pod, ni));
      if (!ok) {
        snapshot.removePod(pi.key);
        victims.push(pi.pod);
      }
      return ok;
    };
    let numPDBViolations = 0;
    for (const pi of violating) if (!reprieve(pi)) numPDBViolations++;
    for (const pi of nonViolating) reprieve(pi);
    if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst);
    return { status: { code: 'Success', reasons: [] }, victims, numPDBViolations };
  } finally {
    for (const pi of originalOrder) snapshot.removePod(pi.key);
    for (const pi of originalOrder) snapshot.addPodInfo(ni.name, pi);
  }
}

/** A node preemption could use and its victims. */
export interface PreemptionCandidate {
  readonly name: string;
  readonly victims: readonly Pod[];
  readonly numPDBViolations: number;
}

// The earliest start among the highest-priority victims (upstream `GetEarliestPodStartTime`).
function earliestStartOfTopVictims(victims: readonly Pod[]): number {
  let maxPrio = -Infinity;
  let earliest = Infinity;
  for (const v of victims) {
    const p = podPriority(v);
    if (p > maxPrio) {
      maxPrio = p;
      earliest = podStartTime(v);
    } else if (p === maxPrio) {
      earliest = Math.min(earliest, podStartTime(v));
    }
  }
  return earliest;
}

/**
 * Picks the candidate by, in order: fewest PDB violations, lowest highest-victim priority, lowest sum
 * of victim priorities, fewest victims, latest start of the top-priority victims; then the first.
 */
export function pickOneNodeForPreemption(candidates: readonly PreemptionCandidate[]): PreemptionCandidate | undefined {
  const scoreFuncs: ((c: PreemptionCandidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -podPriority(c.victims[0] ?? {}),
    // Shift priorities to be non-negative so that fewer negative-priority pods still sum lower.
    (c) => -c.victims.reduce((s, v) => s + podPriority(v) + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims),
  ];
  let pool = [...candidates];
  for (const f of scoreFuncs) {
    if (pool.length <= 1) break;
    let best = -Infinity;
    let selected: PreemptionCandidate[] = [];
    for (const c of pool) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [c];
      } else if (s === best) {
        selected.push(c);
      }
    }
    pool = selected;
  }
  return pool[0];
}
