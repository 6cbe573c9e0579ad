// Resource-allocation scoring shared by NodeResourcesFit and NodeResourcesBalancedAllocation
// (upstream noderesources/resource_allocation.go, least_allocated.go, most_allocated.go,
// requested_to_capacity_ratio.go, balanced_allocation.go and helper/shape_score.go).
import type { Pod } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE } from '../framework.ts';
import type { NodeInfo } from '../nodeInfo.ts';
import { podRequestAmounts } from '../resources.ts';

/**
 * A resource to score and its weight.
 * @public
 */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** One point of a RequestedToCapacityRatio shape: utilization 0–100 → score 0–10. */
export interface UtilizationShapePoint {
  readonly utilization: number;
  readonly score: number;
}

/** cpu and memory, weight 1 each (the default of both plugins). */
export const DEFAULT_SCORED_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]);

/** Scores requested vs allocatable vectors (same order as the resource specs). */
export type ResourceScorer = (requested: readonly number[], allocatable: readonly number[]) => number;

const div = (a: number, b: number): number => Math.trunc(a / b);

function isScalarResource(name: string): boolean {
  return name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage';
}

/** The pod's request per resource; `useRequested` false applies the 100m / 200Mi defaults. */
export function podRequestList(pod: Pod, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  const amounts = podRequestAmounts(pod, !useRequested);
  return resources.map((r) => amounts.get(r.name) ?? 0);
}

/**
 * Allocatable and requested-after-placement per resource (upstream `calculateResourceAllocatableRequest`);
 * cpu/memory use the non-zero node totals unless `useRequested`. A resource the node lacks, or a
 * scalar resource the pod does not ask for, is (0, 0) and skipped by the scorers.
 */
export function allocatableAndRequested(nodeInfo: NodeInfo, resources: readonly ResourceSpec[], podRequests: readonly number[], useRequested: boolean): [number[], number[]] {
  const alloc: number[] = [];
  const req: number[] = [];
  resources.forEach((r, i) => {
    const p = podRequests[i] ?? 0;
    let a = 0;
    let q = 0;
    if (r.name === 'cpu') {
      a = nodeInfo.allocatable.milliCPU;
      q = (useRequested ? nodeInfo.requested.milliCPU : nodeInfo.nonZeroRequested.milliCPU) + p;
    } else if (r.name === 'memory') {
      a = nodeInfo.allocatable.memory;
      q = (useRequested ? nodeInfo.requested.memory : nodeInfo.nonZeroRequested.memory) + p;
    } else if (r.name === 'ephemeral-storage') {
      a = nodeInfo.allocatable.ephemeralStorage;
      q = nodeInfo.requested.ephemeralStorage + p;
    } else if (!(p === 0 && isScalarResource(r.name)) && nodeInfo.allocatable.scalar.has(r.name)) {
      a = nodeInfo.allocatable.scalar.get(r.name) ?? 0;
      q = (nodeInfo.requested.scalar.get(r.name) ?? 0) + p;
    }
    alloc.push(a);
    req.push(a === 0 ? 0 : q);
  });
  return [req, alloc];
}

/** `(capacity − requested) × 100 / capacity`, 0 when capacity is 0 or overcommitted. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return div((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** `requested × 100 / capacity`, with requested capped at capacity. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return div(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
}

function weightedAverage(resources: readonly ResourceSpec[], per: (req: number, alloc: number) => number): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    requested.forEach((req, i) => {
      const alloc = allocatable[i] ?? 0;
      if (alloc === 0) return;
      const w = resources[i]?.weight ?? 0;
      nodeScore += per(req, alloc) * w;
      weightSum += w;
    });
    return weightSum === 0 ? 0 : div(nodeScore, weightSum);
  };
}

/** LeastAllocated: weighted average of {@link leastRequestedScore} (integer division). */
export function leastAllocatedScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return weightedAverage(resources, leastRequestedScore);
}

/** MostAllocated: weighted average of {@link mostRequestedScore} (integer division). */
export function mostAllocatedScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return weightedAverage(resources, mostRequestedScore);
}

/** The piecewise-linear function through the shape points (upstream `BuildBrokenLinearFunction`). */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as UtilizationShapePoint;
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = shape[i - 1] as UtilizationShapePoint;
        return prev.score + div((cur.score - prev.score) * (p - prev.utilization), cur.utilization - prev.utilization);
      }
    }
    return shape[shape.length - 1]?.score ?? 0;
  };
}

/**
 * RequestedToCapacityRatio: each resource's utilization percentage (integer) through the shape
 * (scores 0–10 scaled ×10), weighted average of the positive ones, rounded.
 */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): ResourceScorer {
  const f = brokenLinearFunction(shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / 10) })));
  const perResource = (req: number, cap: number): number => (cap === 0 || req > cap ? f(100) : f(div(req * 100, cap)));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    requested.forEach((req, i) => {
      const alloc = allocatable[i] ?? 0;
      if (alloc === 0) return;
      const w = resources[i]?.weight ?? 0;
      const s = perResource(req, alloc);
      if (s > 0) {
        nodeScore += s * w;
        weightSum += w;
      }
    });
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}

/**
 * BalancedAllocation: fractions requested/allocatable (capped at 1); std = |f1 − f2| / 2 for two
 * resources, the population standard deviation for more; score = trunc((1 − std) × 100).
 */
export const balancedResourceScorer: ResourceScorer = (requested, allocatable) => {
  const fractions: number[] = [];
  let total = 0;
  requested.forEach((req, i) => {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) return;
    const f = Math.min(req / alloc, 1);
    total += f;
    fractions.push(f);
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};
