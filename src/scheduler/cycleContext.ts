// Building the per-cycle context plugins receive (state, RNG, nominations and the framework handle).
import type { Rng } from '../runtime/sim/rng.ts';
import { createRng } from '../runtime/sim/rng.ts';
import type { ClusterSnapshot } from './clusterSnapshot.ts';
import type { CycleContext, FrameworkHandle, Profile } from './framework.ts';
import type { PodInfo } from './podInfo.ts';
import { runFilterPluginsWithNominatedPods, runPreFilterPlugins } from './runFilters.ts';
import { isSuccess } from './status.ts';

/** Optional parts of a {@link CycleContext}. */
export interface CycleContextOptions {
  /** Defaults to a generator seeded with 0. */
  readonly rng?: Rng;
  readonly nominatedPods?: (nodeName: string) => readonly PodInfo[];
}

/**
 * A fresh context for one cycle of `profile` over `snapshot`; its handle re-runs this profile's
 * PreFilter and Filter plugins (used by preemption). The binding cycle reuses the same context.
 */
export function createCycleContext(profile: Profile, snapshot: ClusterSnapshot, options: CycleContextOptions = {}): CycleContext {
  const base = { snapshot, rng: options.rng ?? createRng(0), nominatedPods: options.nominatedPods ?? (() => []) };
  const handle: FrameworkHandle = {
    filterNode(pod, nodeInfo) {
      const ctx: CycleContext = { ...base, state: new Map(), handle };
      const pre = runPreFilterPlugins(profile, ctx, pod);
      if (!isSuccess(pre.status)) return pre.status;
      return runFilterPluginsWithNominatedPods(profile, ctx, pod, nodeInfo).status;
    },
  };
  return { ...base, state: new Map(), handle };
}
