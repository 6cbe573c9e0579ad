// Legacy priority LeastRequestedPriority (seeds 20.11, corrected formula): per resource
// `(capacity − requested) × 10 / capacity` in integer arithmetic (0 when capacity is 0 or exceeded),
// averaged over cpu and memory with integer division. Requests use the 100m / 200Mi defaults.
import type { Plugin } from '../../framework.ts';
import type { NodeInfo } from '../../nodeInfo.ts';
import { podNonZeroRequests } from '../../resources.ts';
import type { Pod } from 'kubernetes-types/core/v1.js';

/** The plugin name. */
export const LEAST_REQUESTED_PRIORITY = 'LeastRequestedPriority';

/** `(capacity − requested) × 10 / capacity`, truncated; 0 when capacity is 0 or requested exceeds it. */
export function leastRequestedLegacy(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * 10) / capacity);
}

/** The node's cpu/memory totals with the pod added (non-zero requests) and its capacity. */
export function legacyTotals(pod: Pod, ni: NodeInfo): { cpu: number; memory: number; cpuCap: number; memCap: number } {
  const req = podNonZeroRequests(pod);
  return {
    cpu: ni.nonZeroRequested.milliCPU + req.milliCPU,
    memory: ni.nonZeroRequested.memory + req.memory,
    cpuCap: ni.allocatable.milliCPU,
    memCap: ni.allocatable.memory,
  };
}

/** Creates the LeastRequestedPriority priority (scores 0–10, no normalization). */
export function leastRequestedPriority(): Plugin {
  return {
    name: LEAST_REQUESTED_PRIORITY,
    score(_ctx, pod, ni) {
      const t = legacyTotals(pod, ni);
      return Math.trunc((leastRequestedLegacy(t.cpu, t.cpuCap) + leastRequestedLegacy(t.memory, t.memCap)) / 2);
    },
  };
}
