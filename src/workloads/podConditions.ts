import type { Pod, PodCondition } from 'kubernetes-types/core/v1.js';
import { parseTimestamp } from '../apiserver/timestamps.ts';

/** The pod's `Ready` condition, if any. */
export function podReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** Upstream `podutil.IsPodReady`: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** When the pod last became Ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadySinceMs(pod: Pod): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True') return undefined;
  const t = parseTimestamp(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Upstream `podutil.IsPodAvailable`: ready, and with `minReadySeconds > 0` ready since strictly
 * more than `minReadySeconds` ago.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadySinceMs(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/**
 * How long until a ready pod turns available (ms, at least 1), or undefined when it is not ready
 * or already available. Controllers requeue after this much time.
 */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, nowMs: number): number | undefined {
  if (minReadySeconds === 0 || isPodAvailable(pod, minReadySeconds, nowMs)) return undefined;
  const since = podReadySinceMs(pod);
  if (since === undefined) return undefined;
  // Availability needs now to be strictly after since + minReadySeconds.
  return Math.max(1, since + minReadySeconds * 1000 - nowMs + 1);
}

/** Upstream `IsPodTerminal`: phase Succeeded or Failed. */
export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Upstream `controller.IsPodActive`: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && pod.metadata?.deletionTimestamp === undefined;
}

/** Upstream `controller.FilterActivePods`. */
export function filterActivePods<P extends Pod>(pods: readonly P[]): P[] {
  return pods.filter(isPodActive);
}
