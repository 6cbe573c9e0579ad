// NodeUnschedulable (upstream plugins/nodeunschedulable): keeps pods off cordoned nodes unless they
// tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import { tolerationsTolerateTaint } from '../taints.ts';
import { unresolvable } from '../status.ts';

/** The plugin name. */
export const NODE_UNSCHEDULABLE = 'NodeUnschedulable';
/** The rejection reason. */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
/** The taint key a pod tolerates to land on a cordoned node. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** Creates the NodeUnschedulable plugin. */
export function nodeUnschedulable(): Plugin {
  return {
    name: NODE_UNSCHEDULABLE,
    events: [{ resource: 'Node', actionType: ACTION.Add | ACTION.UpdateNodeTaint }],
    filter(_ctx, pod, nodeInfo) {
      if (nodeInfo.node?.spec?.unschedulable !== true) return undefined;
      const tolerates = tolerationsTolerateTaint(pod.spec?.tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
      return tolerates ? undefined : unresolvable(ERR_REASON_UNSCHEDULABLE);
    },
  };
}
