// The FailedScheduling message (upstream framework.FitError.Error()).
import type { Status } from './status.ts';

/**
 * What a FitError message is built from.
 * @public
 */
export interface FitErrorInput {
  readonly numAllNodes: number;
  readonly nodeToStatus: ReadonlyMap<string, Status>;
  readonly preFilterMsg?: string;
  readonly postFilterMsg?: string;
}

/**
 * `0/N nodes are available: <reasons>. <postfilter message>.` Without a PreFilter message the reasons
 * are every node status reason counted over nodes, rendered `<count> <reason>` and sorted as strings
 * (so `10 x` sorts before `2 y`, as upstream's `sort.Strings`). The PostFilter message of preemption is
 * itself a FitError message ending in `.`, so the result ends in `..` exactly like kube-scheduler's events.
 * @example
 * formatFitError({ numAllNodes: 3, nodeToStatus, postFilterMsg: 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' })
 * // '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..'
 */
export function formatFitError(input: FitErrorInput): string {
  let msg = `0/${input.numAllNodes} nodes are available:`;
  const pre = input.preFilterMsg ?? '';
  if (pre !== '') {
    msg += ` ${pre}.`;
  } else {
    const counts = new Map<string, number>();
    for (const s of input.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  const post = input.postFilterMsg ?? '';
  if (post !== '') msg += ` ${post}.`;
  return msg;
}
