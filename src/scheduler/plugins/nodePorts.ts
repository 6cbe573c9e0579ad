// NodePorts (upstream plugins/nodeports): a node fits when none of the pod's host ports is taken
// (same protocol and port on the same IP, or either side binding 0.0.0.0).
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import { podHostPorts, type HostPort } from '../hostPorts.ts';
import { skip, unschedulable } from '../status.ts';

/** The plugin name. */
export const NODE_PORTS = 'NodePorts';
/** The rejection reason. */
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const STATE_KEY = 'PreFilterNodePorts';

/** Creates the NodePorts plugin. */
export function nodePorts(): Plugin {
  return {
    name: NODE_PORTS,
    events: [
      { resource: 'Pod', actionType: ACTION.Delete },
      { resource: 'Node', actionType: ACTION.Add | ACTION.Update },
    ],
    preFilter(ctx, pod) {
      const ports = podHostPorts(pod);
      if (ports.length === 0) return skip();
      ctx.state.set(STATE_KEY, ports);
      return undefined;
    },
    filter(ctx, pod, nodeInfo) {
      const ports = (ctx.state.get(STATE_KEY) as readonly HostPort[] | undefined) ?? podHostPorts(pod);
      return ports.some((p) => nodeInfo.usedPorts.conflicts(p)) ? unschedulable(ERR_REASON_NODE_PORTS) : undefined;
    },
  };
}
