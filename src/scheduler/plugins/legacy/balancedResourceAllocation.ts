// Legacy priority BalancedResourceAllocation (seeds 20.13, kubernetes v1.x): fractions of capacity
// (a capacity of 0 gives 1); 0 if either fraction ≥ 1, else `int(10 − |cpuFraction − memFraction| × 10)`.
import type { Plugin } from '../../framework.ts';
import { legacyTotals } from './leastRequestedPriority.ts';

/** The plugin name. */
export const BALANCED_RESOURCE_ALLOCATION = 'BalancedResourceAllocation';

function fractionOfCapacity(requested: number, capacity: number): number {
  return capacity === 0 ? 1 : requested / capacity;
}

/** The legacy balanced score from the two fractions (same float operations as the Go source). */
export function balancedLegacy(cpuFraction: number, memoryFraction: number): number {
  if (cpuFraction >= 1 || memoryFraction >= 1) return 0;
  const diff = Math.abs(cpuFraction - memoryFraction);
  return Math.trunc(10 - diff * 10);
}

/** Creates the BalancedResourceAllocation priority (scores 0–10, no normalization). */
export function balancedResourceAllocation(): Plugin {
  return {
    name: BALANCED_RESOURCE_ALLOCATION,
    score(_ctx, pod, ni) {
      const t = legacyTotals(pod, ni);
      return balancedLegacy(fractionOfCapacity(t.cpu, t.cpuCap), fractionOfCapacity(t.memory, t.memCap));
    },
  };
}
