import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { toleratesTaint } from '../../scheduler/taints.ts';

/** The NoExecute taints of a node (upstream `getNoExecuteTaints`). */
export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/**
 * When the taint eviction controller deletes a pod bound to a node with these NoExecute taints
 * (epoch ms), or undefined when it never does (no NoExecute taint, or every one tolerated without
 * `tolerationSeconds`). A taint no toleration matches means now. Each taint is matched by the pod's
 * first toleration that tolerates it (upstream `GetMatchingTolerations`); a taint tolerated for `s`
 * seconds (`s <= 0` counts as 0) ends at `since(taint) + s`, and the earliest end wins.
 *
 * Upstream counts every toleration from the moment the controller observed the taints; here the
 * count starts at `since(taint)`, the taint's `timeAdded` where it has one, so a restarted
 * controller keeps the deadline (`timeAdded` has second precision).
 * @public
 */
export function noExecuteEvictionAt(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined, since: (taint: Taint) => number, now: number): number | undefined {
  let at: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const used = (tolerations ?? []).find((t) => toleratesTaint(t, taint));
    if (used === undefined) return now;
    if (used.tolerationSeconds === undefined || used.tolerationSeconds === null) continue;
    const end = since(taint) + Math.max(0, used.tolerationSeconds) * 1000;
    at = at === undefined ? end : Math.min(at, end);
  }
  return at;
}
