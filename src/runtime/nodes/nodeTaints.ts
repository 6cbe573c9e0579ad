import type { Taint } from 'kubernetes-types/core/v1.js';
import { TAINT_NOT_READY, TAINT_UNREACHABLE } from '../../kubelet/nodeConditions.ts';

/** The taint the node lifecycle controller puts on a cordoned node (`spec.unschedulable: true`). */
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/**
 * Taint keys the node lifecycle controller owns (upstream `doNoScheduleTaintingPass` and
 * `doNoExecuteTaintingPass`): not-ready and unreachable (NoSchedule and NoExecute), the pressure and
 * network NoSchedule taints of TaintNodesByCondition, and unschedulable. Other taints are left alone.
 */
export const CONTROLLER_TAINT_KEYS: ReadonlySet<string> = new Set([
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  'node.kubernetes.io/memory-pressure',
  'node.kubernetes.io/disk-pressure',
  'node.kubernetes.io/pid-pressure',
  'node.kubernetes.io/network-unavailable',
  TAINT_UNSCHEDULABLE,
]);

const taintId = (t: Taint): string => `${t.key}:${t.effect}`;

/**
 * The taints a node should carry: its current taints with the controller-owned ones replaced by
 * `desired`. Taints of other keys keep their place; a desired taint already present (same key and
 * effect, as upstream `MatchTaint`) is kept as it is, so a NoExecute taint keeps its `timeAdded`;
 * a new NoExecute taint gets its own `timeAdded` or `now`.
 * @public
 */
export function withControllerTaints(current: readonly Taint[] | undefined, desired: readonly Taint[], now: string): Taint[] {
  const wanted = new Map(desired.map((t) => [taintId(t), t]));
  const kept = new Set<string>();
  const out: Taint[] = [];
  for (const t of current ?? []) {
    if (!CONTROLLER_TAINT_KEYS.has(t.key)) out.push(t);
    else if (wanted.has(taintId(t)) && !kept.has(taintId(t))) {
      out.push(t);
      kept.add(taintId(t));
    }
  }
  for (const [id, t] of wanted) {
    if (kept.has(id)) continue;
    const { timeAdded, ...rest } = t;
    out.push(t.effect === 'NoExecute' ? { ...rest, timeAdded: timeAdded ?? now } : rest);
  }
  return out;
}

/** The controller-owned taints of a node that follow its conditions (all but unschedulable). */
export function conditionTaints(current: readonly Taint[] | undefined): Taint[] {
  return (current ?? []).filter((t) => CONTROLLER_TAINT_KEYS.has(t.key) && t.key !== TAINT_UNSCHEDULABLE);
}

/** Whether two taint lists are the same, in order (an absent list is empty). */
export function sameTaints(a: readonly Taint[] | undefined, b: readonly Taint[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
