import type { Pod } from 'kubernetes-types/core/v1.js';
import { parseTimestamp } from '../apiserver/timestamps.ts';
import { isPodActive, isPodReady, podReadySinceMs } from './podConditions.ts';

/** The annotation that orders pods for scale-down (PodDeletionCost, GA in 1.24). */
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** Upstream `GetDeletionCostFromPodAnnotations`: an int32 without `+` or leading zeros; 0 when absent or invalid. */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (v === undefined || !/^(-?[1-9]\d*|0|-0)$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount));
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).filter((c) => sidecars.has(c.name)).map((c) => c.restartCount));
  return { regular, sidecar };
}

// Base-2 logarithmic age bucket in nanoseconds, as upstream's LogarithmicScaleDown (on by default since 1.22).
function logRank(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

// Newer first; a missing time counts as newest. Equal log buckets fall back to the UID.
function newerFirst(t1: number | undefined, t2: number | undefined, a: Pod, b: Pod, nowMs: number): number {
  if (t1 === undefined || t2 === undefined) return t1 === undefined ? -1 : 1;
  const diff = logRank(t1, nowMs) - logRank(t2, nowMs);
  if (diff === 0) return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '') ? -1 : (a.metadata?.uid ?? '') > (b.metadata?.uid ?? '') ? 1 : 0;
  return diff;
}

function createdMs(pod: Pod): number | undefined {
  const t = parseTimestamp(pod.metadata?.creationTimestamp);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Upstream `ActivePodsWithRanks.Less` as a comparator: negative when `a` should be deleted before `b`.
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready; 4. lower
 * pod-deletion-cost first; 5. higher rank (more related pods on the same node) first; 6. ready for a
 * shorter time first; 7. more container restarts first; 8. newer first (6 and 8 in log2 buckets).
 */
export function compareActivePodsWithRanks(a: Pod, rankA: number, b: Pod, rankB: number, nowMs: number): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = podDeletionCost(a);
  const cb = podDeletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = podReadySinceMs(a);
    const tb = podReadySinceMs(b);
    if (ta !== tb) {
      const c = newerFirst(ta, tb, a, b, nowMs);
      if (c !== 0) return c;
    }
  }
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa.regular !== xb.regular) return xb.regular - xa.regular;
  if (xa.sidecar !== xb.sidecar) return xb.sidecar - xa.sidecar;
  const ta = createdMs(a);
  const tb = createdMs(b);
  if (ta !== tb) return newerFirst(ta, tb, a, b, nowMs);
  return 0;
}

/**
 * Upstream `getPodsToDelete`: the first `diff` of `pods` once ranked, where a pod's rank is the number
 * of active `relatedPods` (pods of ReplicaSets sharing its controller, itself included) on its node.
 */
export function podsToDelete<P extends Pod>(pods: readonly P[], relatedPods: readonly Pod[], diff: number, nowMs: number): P[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => compareActivePodsWithRanks(x.pod, x.rank, y.pod, y.rank, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}
