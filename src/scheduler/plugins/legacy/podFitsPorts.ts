// Legacy predicate PodFitsPorts / PodFitsHostPorts (seeds 20.10): no requested hostPort may already
// be in use on the node. Uses the modern IP/protocol-aware conflict rule (upstream wins).
import type { Plugin } from '../../framework.ts';
import { podHostPorts } from '../../hostPorts.ts';
import { unschedulable } from '../../status.ts';

/** The plugin name. */
export const POD_FITS_PORTS = 'PodFitsPorts';

/** Creates the PodFitsPorts predicate. */
export function podFitsPorts(): Plugin {
  return {
    name: POD_FITS_PORTS,
    filter(_ctx, pod, ni) {
      const conflict = podHostPorts(pod).some((p) => ni.usedPorts.conflicts(p));
      return conflict ? unschedulable("node(s) didn't have free ports for the requested pod ports") : undefined;
    },
  };
}
