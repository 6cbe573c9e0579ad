// NodeResourcesFit (upstream plugins/noderesources/fit.go): Filter on requests vs allocatable, Score
// by the configured strategy (LeastAllocated by default).
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import { podRequests, type Resource } from '../resources.ts';
import { unschedulable } from '../status.ts';
import {
  allocatableAndRequested,
  DEFAULT_SCORED_RESOURCES,
  leastAllocatedScorer,
  mostAllocatedScorer,
  podRequestList,
  requestedToCapacityRatioScorer,
  type ResourceScorer,
  type ResourceSpec,
  type UtilizationShapePoint,
} from './resourceScorers.ts';

/** The plugin name. */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';

/**
 * NodeResourcesFit args (upstream `NodeResourcesFitArgs`).
 * @public
 */
export interface NodeResourcesFitArgs {
  readonly scoringStrategy?: {
    readonly type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    readonly resources?: readonly ResourceSpec[];
    readonly requestedToCapacityRatio?: { readonly shape: readonly UtilizationShapePoint[] };
  };
  readonly ignoredResources?: readonly string[];
  readonly ignoredResourceGroups?: readonly string[];
}

/** One resource the node lacks. */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/**
 * What `request` lacks on the node, in upstream order: pods, cpu, memory, ephemeral-storage, then
 * other resources by name (upstream `fitsRequest`). A request of 0 is never insufficient.
 */
export function insufficientResources(request: Resource, ni: NodeInfo, ignored: ReadonlySet<string> = new Set(), ignoredGroups: ReadonlySet<string> = new Set()): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const allowed = ni.allocatable.allowedPodNumber;
  if (ni.pods.size + 1 > allowed) out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: ni.pods.size, capacity: allowed });
  if (request.milliCPU === 0 && request.memory === 0 && request.ephemeralStorage === 0 && request.scalar.size === 0) return out;
  const check = (name: string, want: number, used: number, cap: number): void => {
    if (want > 0 && want > cap - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used, capacity: cap });
  };
  check('cpu', request.milliCPU, ni.requested.milliCPU, ni.allocatable.milliCPU);
  check('memory', request.memory, ni.requested.memory, ni.allocatable.memory);
  check('ephemeral-storage', request.ephemeralStorage, ni.requested.ephemeralStorage, ni.allocatable.ephemeralStorage);
  for (const name of [...request.scalar.keys()].sort()) {
    const want = request.scalar.get(name) ?? 0;
    if (want === 0) continue;
    if (isExtendedResourceName(name) && (ignored.has(name) || ignoredGroups.has(name.split('/')[0] ?? ''))) continue;
    const used = ni.requested.scalar.get(name) ?? 0;
    const cap = ni.allocatable.scalar.get(name) ?? 0;
    if (want > cap - used) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: want, used, capacity: cap });
  }
  return out;
}

/** Whether a pod fits a node's free resources (upstream `noderesources.Fits`). */
export function fitsNode(pod: Pod, ni: NodeInfo): boolean {
  return insufficientResources(podRequests(pod), ni).length === 0;
}

/** The scorer and resources a strategy configures. */
export function strategyScorer(args: NodeResourcesFitArgs): { scorer: ResourceScorer; resources: readonly ResourceSpec[] } {
  const s = args.scoringStrategy ?? {};
  const resources = s.resources ?? DEFAULT_SCORED_RESOURCES;
  switch (s.type ?? 'LeastAllocated') {
    case 'MostAllocated':
      return { scorer: mostAllocatedScorer(resources), resources };
    case 'RequestedToCapacityRatio': {
      // Upstream requires a shape; without one we bin-pack (0% → 0, 100% → 10).
      const shape = s.requestedToCapacityRatio?.shape ?? [
        { utilization: 0, score: 0 },
        { utilization: 100, score: 10 },
      ];
      return { scorer: requestedToCapacityRatioScorer(resources, shape), resources };
    }
    default:
      return { scorer: leastAllocatedScorer(resources), resources };
  }
}

const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
const PRE_SCORE_KEY = 'PreScoreNodeResourcesFit';

/** Creates the NodeResourcesFit plugin. */
export function nodeResourcesFit(args: NodeResourcesFitArgs = {}): Plugin {
  const ignored = new Set(args.ignoredResources ?? []);
  const ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
  const { scorer, resources } = strategyScorer(args);
  return {
    name: NODE_RESOURCES_FIT,
    events: [
      { resource: 'Pod', actionType: ACTION.Delete },
      { resource: 'Node', actionType: ACTION.Add | ACTION.UpdateNodeAllocatable | ACTION.UpdateNodeTaint | ACTION.UpdateNodeLabel },
    ],
    preFilter(ctx, pod) {
      ctx.state.set(PRE_FILTER_KEY, podRequests(pod));
      return undefined;
    },
    filter(ctx, pod, nodeInfo) {
      const request = (ctx.state.get(PRE_FILTER_KEY) as Resource | undefined) ?? podRequests(pod);
      const lacking = insufficientResources(request, nodeInfo, ignored, ignoredGroups);
      return lacking.length === 0 ? undefined : unschedulable(...lacking.map((r) => r.reason));
    },
    preScore(ctx, pod) {
      ctx.state.set(PRE_SCORE_KEY, podRequestList(pod, resources, false));
      return undefined;
    },
    score(ctx, pod, nodeInfo) {
      const podReqs = (ctx.state.get(PRE_SCORE_KEY) as number[] | undefined) ?? podRequestList(pod, resources, false);
      const [req, alloc] = allocatableAndRequested(nodeInfo, resources, podReqs, false);
      return scorer(req, alloc);
    },
  };
}
