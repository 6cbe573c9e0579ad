// Legacy predicate PodFitsResources (seeds 20.5, kubernetes v1.x predicates.go): the pod's cpu and
// memory requests plus those of the pods on the node must fit; a capacity of 0 means unlimited;
// the pod count must stay within `pods`. Compared to allocatable, as the modern NodeResourcesFit.
import type { Plugin } from '../../framework.ts';
import { podRequests } from '../../resources.ts';
import { unschedulable } from '../../status.ts';

/** The plugin name (also registered as `PodFitsResources` in the legacy DefaultProvider). */
export const POD_FITS_RESOURCES = 'PodFitsResources';

/** Creates the PodFitsResources predicate. */
export function podFitsResources(): Plugin {
  return {
    name: POD_FITS_RESOURCES,
    filter(_ctx, pod, ni) {
      const req = podRequests(pod);
      const reasons: string[] = [];
      if (ni.pods.size + 1 > ni.allocatable.allowedPodNumber) reasons.push('Too many pods');
      const cpuCap = ni.allocatable.milliCPU;
      const memCap = ni.allocatable.memory;
      // Equality fits: a node at exactly its capacity still accepts the pod.
      if (cpuCap !== 0 && ni.requested.milliCPU + req.milliCPU > cpuCap) reasons.push('Insufficient cpu');
      if (memCap !== 0 && ni.requested.memory + req.memory > memCap) reasons.push('Insufficient memory');
      return reasons.length === 0 ? undefined : unschedulable(...reasons);
    },
  };
}
