// NodeResourcesBalancedAllocation (upstream plugins/noderesources/balanced_allocation.go): favours
// nodes whose resource fractions stay close to each other after placing the pod.
import type { Plugin } from '../framework.ts';
import { skip } from '../status.ts';
import { allocatableAndRequested, balancedResourceScorer, DEFAULT_SCORED_RESOURCES, podRequestList, type ResourceSpec } from './resourceScorers.ts';

/** The plugin name. */
export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

/** Args: the resources whose balance counts (default cpu and memory). */
export interface BalancedAllocationArgs {
  readonly resources?: readonly ResourceSpec[];
}

const PRE_SCORE_KEY = 'PreScoreNodeResourcesBalancedAllocation';

/**
 * Creates the plugin. It scores actual requests (no 100m / 200Mi defaults, upstream `useRequested`)
 * and skips best-effort pods that request none of the resources (upstream since v1.33, #129138).
 */
export function nodeResourcesBalancedAllocation(args: BalancedAllocationArgs = {}): Plugin {
  const resources = args.resources ?? DEFAULT_SCORED_RESOURCES;
  return {
    name: NODE_RESOURCES_BALANCED_ALLOCATION,
    preScore(ctx, pod) {
      const reqs = podRequestList(pod, resources, true);
      if (reqs.every((r) => r === 0)) return skip();
      ctx.state.set(PRE_SCORE_KEY, reqs);
      return undefined;
    },
    score(ctx, pod, nodeInfo) {
      const podReqs = (ctx.state.get(PRE_SCORE_KEY) as number[] | undefined) ?? podRequestList(pod, resources, true);
      const [req, alloc] = allocatableAndRequested(nodeInfo, resources, podReqs, true);
      return balancedResourceScorer(req, alloc);
    },
  };
}
