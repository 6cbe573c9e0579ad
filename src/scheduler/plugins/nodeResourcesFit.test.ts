import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import type { Plugin } from '../framework.ts';
import { prioritizeNodes } from '../runScores.ts';
import { nodeResourcesFit, insufficientResources } from './nodeResourcesFit.ts';
import { nodeResourcesBalancedAllocation } from './nodeResourcesBalancedAllocation.ts';
import { brokenLinearFunction, leastRequestedScore, mostRequestedScore, balancedResourceScorer } from './resourceScorers.ts';
import { podRequests } from '../resources.ts';

function filter(plugin: Plugin, s: ClusterSnapshot, pod: Pod, node: string): string {
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
  plugin.preFilter?.(ctx, pod);
  const ni = s.getNodeInfo(node);
  if (ni === undefined) throw new Error(node);
  const st = plugin.filter?.(ctx, pod, ni);
  return st === undefined ? 'passed' : `${st.code}: ${st.reasons.join(', ')}`;
}

function scores(plugin: Plugin, s: ClusterSnapshot, pod: Pod): { raw: Record<string, number>; normalized: Record<string, number> } {
  const profile = { schedulerName: 't', plugins: [{ plugin, weight: 1 }] };
  const phase = prioritizeNodes(profile, createCycleContext(profile, s), pod, s.nodeInfos());
  const pick = (m: Record<string, Record<string, number>>): Record<string, number> => Object.fromEntries(Object.entries(m).flatMap(([n, v]) => { const x = v[plugin.name]; return x === undefined ? [] : [[n, x] as const]; }));
  return { raw: pick(phase.raw), normalized: pick(phase.normalized) };
}

// The seeds' worked example (20.14) on the modern 0–100 scale.
function seedExample(): ClusterSnapshot {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('a', { cpu: '4000m', memory: '8192Mi' }));
  s.upsertNode(makeNode('b', { cpu: '2000m', memory: '8192Mi' }));
  s.upsertPod(makePod('existing', { nodeName: 'a', cpu: '1000m', memory: '2048Mi' }));
  return s;
}
const incoming = makePod('p', { cpu: '1000m', memory: '2048Mi' });

describe('NodeResourcesFit filter', () => {
  it('should accept a pod that fills the node exactly and reject one over by any amount (seed 20.5)', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n', { cpu: '2000m', memory: '4Gi' }));
    s.upsertPod(makePod('e', { nodeName: 'n', cpu: '1500m' }));
    expect(filter(nodeResourcesFit(), s, makePod('ok', { cpu: '500m' }), 'n')).toBe('passed');
    expect(filter(nodeResourcesFit(), s, makePod('big', { cpu: '600m' }), 'n')).toBe('Unschedulable: Insufficient cpu');
  });

  it('should report every insufficient resource in upstream order', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n', { cpu: '1', memory: '1Gi', pods: '1', extra: { 'example.com/foo': '1' } }));
    s.upsertPod(makePod('e', { nodeName: 'n' }));
    const pod = makePod('p', { cpu: '2', memory: '2Gi', spec: { containers: [{ name: 'c', resources: { requests: { cpu: '2', memory: '2Gi', 'example.com/foo': '2' } } }] } });
    expect(filter(nodeResourcesFit(), s, pod, 'n')).toBe('Unschedulable: Too many pods, Insufficient cpu, Insufficient memory, Insufficient example.com/foo');
    expect(filter(nodeResourcesFit({ ignoredResourceGroups: ['example.com'] }), s, pod, 'n')).toBe('Unschedulable: Too many pods, Insufficient cpu, Insufficient memory');
  });

  it('should only check the pod count for a pod without requests', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n', { cpu: '0', memory: '0', pods: '2' }));
    s.upsertPod(makePod('e', { nodeName: 'n', cpu: '5' }));
    expect(filter(nodeResourcesFit(), s, makePod('p'), 'n')).toBe('passed');
    s.upsertPod(makePod('f', { nodeName: 'n' }));
    expect(filter(nodeResourcesFit(), s, makePod('p'), 'n')).toBe('Unschedulable: Too many pods');
  });

  it('should count init containers and overhead', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n', { cpu: '1' }));
    const pod = makePod('p', { cpu: '200m', spec: { initContainers: [{ name: 'i', resources: { requests: { cpu: '900m' } } }], overhead: { cpu: '200m' } } });
    expect(insufficientResources(podRequests(pod), s.getNodeInfo('n') ?? (undefined as never)).map((r) => r.reason)).toEqual(['Insufficient cpu']);
  });
});

describe('NodeResourcesFit score', () => {
  it('should score LeastAllocated ((cap − req) × 100 / cap, averaged with weights)', () => {
    // a: cpu 2000/4000 → 50, mem 4096/8192 → 50 → 50; b: cpu 1000/2000 → 50, mem 2048/8192 → 75 → 62.
    expect(scores(nodeResourcesFit(), seedExample(), incoming).raw).toEqual({ a: 50, b: 62 });
    const cpuHeavy = nodeResourcesFit({ scoringStrategy: { resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } });
    // b: (50 × 3 + 75) / 4 = 56.
    expect(scores(cpuHeavy, seedExample(), incoming).raw).toEqual({ a: 50, b: 56 });
  });

  it('should score MostAllocated (req × 100 / cap)', () => {
    expect(scores(nodeResourcesFit({ scoringStrategy: { type: 'MostAllocated' } }), seedExample(), incoming).raw).toEqual({ a: 50, b: 37 });
  });

  it('should score RequestedToCapacityRatio through the shape, rounding the average', () => {
    const binPack = nodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } } });
    // b: cpu 50% → 50, memory 25% → 25, (50 + 25) / 2 = 37.5 → 38.
    expect(scores(binPack, seedExample(), incoming).raw).toEqual({ a: 50, b: 38 });
    const spread = nodeResourcesFit({ scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] } } });
    expect(scores(spread, seedExample(), incoming).raw).toEqual({ a: 50, b: 63 });
  });

  it('should count a request-less pod as 100m / 200Mi when scoring', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n', { cpu: '1', memory: '1000Mi' }));
    // cpu (1000 − 100) × 100 / 1000 = 90; memory (1000 − 200) × 100 / 1000 = 80 → 85.
    expect(scores(nodeResourcesFit(), s, makePod('p')).raw).toEqual({ n: 85 });
  });

  it('should match the helper formulas at their edges', () => {
    expect(leastRequestedScore(5, 0)).toBe(0);
    expect(leastRequestedScore(11, 10)).toBe(0);
    expect(mostRequestedScore(11, 10)).toBe(100);
    expect(brokenLinearFunction([{ utilization: 10, score: 20 }, { utilization: 50, score: 60 }])(5)).toBe(20);
    expect(brokenLinearFunction([{ utilization: 10, score: 20 }, { utilization: 50, score: 60 }])(30)).toBe(40);
    expect(brokenLinearFunction([{ utilization: 10, score: 20 }, { utilization: 50, score: 60 }])(90)).toBe(60);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('should score (1 − |f_cpu − f_mem| / 2) × 100 on actual requests', () => {
    // a: 0.5 / 0.5 → 100; b: 0.5 / 0.25 → std 0.125 → 87.
    expect(scores(nodeResourcesBalancedAllocation(), seedExample(), incoming).raw).toEqual({ a: 100, b: 87 });
  });

  it('should use the population standard deviation for three resources and cap fractions at 1', () => {
    // fractions 1 (capped), 0.5, 0 → mean 0.5, std sqrt(1/6) = 0.408 → 59.
    expect(balancedResourceScorer([30, 5, 0], [10, 10, 10])).toBe(59);
  });

  it('should skip best-effort pods', () => {
    const profile = { schedulerName: 't', plugins: [{ plugin: nodeResourcesBalancedAllocation(), weight: 1 }] };
    const s = seedExample();
    const phase = prioritizeNodes(profile, createCycleContext(profile, s), makePod('be'), s.nodeInfos());
    expect(phase.preScoreRecord).toEqual({ NodeResourcesBalancedAllocation: 'skip' });
    expect(phase.totals.map((t) => t.totalScore)).toEqual([0, 0]);
  });
});
