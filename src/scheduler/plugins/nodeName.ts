// NodeName (upstream plugins/nodename): a pod with `spec.nodeName` fits only that node.
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import { unresolvable } from '../status.ts';

/** The plugin name. */
export const NODE_NAME = 'NodeName';
/** The rejection reason. */
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

/** Creates the NodeName plugin. */
export function nodeName(): Plugin {
  return {
    name: NODE_NAME,
    events: [{ resource: 'Node', actionType: ACTION.Add | ACTION.Update }],
    filter(_ctx, pod, nodeInfo) {
      const wanted = pod.spec?.nodeName ?? '';
      return wanted === '' || wanted === nodeInfo.name ? undefined : unresolvable(ERR_REASON_NODE_NAME);
    },
  };
}
