import { describe, it, expect } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { createRng } from '../runtime/sim/rng.ts';
import { createClusterSnapshot, type ClusterSnapshot } from './clusterSnapshot.ts';
import { makeNode, makePod } from './fixtures.ts';
import type { Plugin, Profile } from './framework.ts';
import { buildProfile, createPluginRegistry, inTreeRegistry } from './pluginRegistry.ts';
import { defaultProfile } from './profiles.ts';
import { numFeasibleNodesToFind } from './runFilters.ts';
import { NO_NODES_AVAILABLE, runSchedulingCycle, type SchedulingCycleResult } from './schedulingCycle.ts';
import { decisionAnnotations } from './schedulingDecision.ts';
import { unschedulable } from './status.ts';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const message = (r: SchedulingCycleResult): string => (r.unschedulable ? r.message : `scheduled on ${r.nodeName}`);

function uniform(n: number, opts: Parameters<typeof makeNode>[1] = {}): ClusterSnapshot {
  const s = createClusterSnapshot();
  for (let i = 0; i < n; i++) s.upsertNode(makeNode(`node-${String(i).padStart(4, '0')}`, opts));
  return s;
}

// A score plugin giving fixed raw scores per node name.
const fixedScore = (name: string, table: Record<string, number>): Plugin => ({ name, score: (_c, _p, ni) => table[ni.name] ?? 0 });
const profileOf = (...plugins: [Plugin, number][]): Profile => ({ schedulerName: 't', plugins: plugins.map(([plugin, weight]) => ({ plugin, weight })) });

describe('runSchedulingCycle diagnosis', () => {
  it('should aggregate and sort reasons and append the preemption message (upstream FitError)', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('cp', { taints: [CONTROL_PLANE_TAINT] }));
    s.upsertNode(makeNode('w1', { cpu: '1' }));
    s.upsertNode(makeNode('w2', { cpu: '1' }));
    const r = runSchedulingCycle(makePod('big', { cpu: '2' }), s, defaultProfile(), createRng(1));
    expect(message(r)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
    expect(r.unschedulable && [...r.diagnosis.unschedulablePlugins].sort()).toEqual(['NodeResourcesFit', 'TaintToleration']);
  });

  it('should say preemption is not helpful on every node when all rejections are unresolvable', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('cp', { taints: [CONTROL_PLANE_TAINT] }));
    s.upsertNode(makeNode('w1', { labels: { disk: 'hdd' } }));
    s.upsertNode(makeNode('w2', { labels: { disk: 'hdd' } }));
    const r = runSchedulingCycle(makePod('p', { spec: { nodeSelector: { disk: 'ssd' } } }), s, defaultProfile(), createRng(1));
    expect(message(r)).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('should report a PreFilter rejection once instead of per node', () => {
    const s = createClusterSnapshot({ persistentVolumeClaim: (): PersistentVolumeClaim | undefined => undefined });
    s.upsertNode(makeNode('a'));
    s.upsertNode(makeNode('b'));
    const pod = makePod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'audit-log' } }] } });
    expect(message(runSchedulingCycle(pod, s, defaultProfile(), createRng(1)))).toBe(
      '0/2 nodes are available: persistentvolumeclaim "audit-log" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..',
    );
  });

  it('should sort reason strings lexicographically, counts included', () => {
    const s = uniform(12, { cpu: '1' });
    for (let i = 0; i < 2; i++) s.upsertNode(makeNode(`t${i}`, { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] }));
    const r = runSchedulingCycle(makePod('p', { cpu: '2', spec: { preemptionPolicy: 'Never' } }), s, defaultProfile(), createRng(1));
    expect(message(r)).toBe('0/14 nodes are available: 12 Insufficient cpu, 2 node(s) had untolerated taint {k: v}. preemption: not eligible due to preemptionPolicy=Never..');
  });

  it('should fail with an error when there are no nodes', () => {
    const r = runSchedulingCycle(makePod('p'), createClusterSnapshot(), defaultProfile(), createRng(1));
    expect(r.unschedulable && r.status).toEqual({ code: 'Error', reasons: [NO_NODES_AVAILABLE] });
  });
});

describe('runSchedulingCycle scoring', () => {
  it('should sum normalized scores times weights and pick the highest total', () => {
    const s = uniform(3);
    const profile = profileOf([fixedScore('A', { 'node-0000': 10, 'node-0001': 60, 'node-0002': 0 }), 3], [fixedScore('B', { 'node-0000': 100, 'node-0001': 0, 'node-0002': 90 }), 1]);
    const r = runSchedulingCycle(makePod('p'), s, profile, createRng(1));
    if (r.unschedulable) throw new Error(r.message);
    // totals: 0000 → 30 + 100 = 130, 0001 → 180, 0002 → 90.
    expect(r.nodeName).toBe('node-0001');
    expect(r.scores.map((t) => [t.name, t.totalScore])).toEqual([['node-0000', 130], ['node-0001', 180], ['node-0002', 90]]);
    expect(r.decision.finalScore['node-0000']).toEqual({ A: 30, B: 100 });
    expect(decisionAnnotations(r.decision)['kube-scheduler-simulator.sigs.k8s.io/finalscore-result']).toBe(
      '{"node-0000":{"A":"30","B":"100"},"node-0001":{"A":"180","B":"0"},"node-0002":{"A":"0","B":"90"}}',
    );
  });

  it('should leave the per-node maps empty when recording is off, with the same choice', () => {
    const s = uniform(4);
    const on = runSchedulingCycle(makePod('p', { cpu: '1' }), s, defaultProfile(), createRng(9));
    const off = runSchedulingCycle(makePod('p', { cpu: '1' }), s, defaultProfile(), createRng(9), { recordDecision: false });
    expect(off.unschedulable ? '' : [off.nodeName, off.decision.filter, off.decision.score]).toEqual([on.unschedulable ? '' : on.nodeName, {}, {}]);
    expect(Object.keys(on.decision.filter)).toHaveLength(4);
  });

  it('should reject a plugin score outside [0, 100] after normalization', () => {
    const r = runSchedulingCycle(makePod('p'), uniform(2), profileOf([fixedScore('Bad', { 'node-0000': 101 }), 1]), createRng(1));
    expect(r.unschedulable && r.status.reasons).toEqual(['plugin "Bad" returns an invalid score 101, it should in the range of [0, 100] after normalizing']);
  });

  it('should skip scoring when exactly one node is feasible', () => {
    const s = uniform(3);
    const r = runSchedulingCycle(makePod('p', { spec: { nodeName: 'node-0002' } }), s, defaultProfile(), createRng(1));
    expect(r.unschedulable ? r.message : [r.nodeName, r.decision.score, r.evaluatedNodes]).toEqual(['node-0002', {}, 3]);
  });

  it('should break ties deterministically per seed and spread them over the tied nodes', () => {
    const s = uniform(5);
    const profile = profileOf([fixedScore('Flat', {}), 1]);
    const pick = (seed: number): string => {
      const r = runSchedulingCycle(makePod('p'), s, profile, createRng(seed));
      return r.unschedulable ? '' : r.nodeName;
    };
    expect(pick(42)).toBe(pick(42));
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 1000; seed++) counts.set(pick(seed), (counts.get(pick(seed)) ?? 0) + 1);
    expect(counts.size).toBe(5);
    for (const c of counts.values()) expect(c).toBeGreaterThan(140);
  });
});

describe('numFeasibleNodesToFind', () => {
  it('should follow the adaptive upstream formula', () => {
    expect(numFeasibleNodesToFind(0, 99)).toBe(99);
    expect(numFeasibleNodesToFind(0, 150)).toBe(100);
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420);
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500);
    expect(numFeasibleNodesToFind(0, 6000)).toBe(300);
    expect(numFeasibleNodesToFind(undefined, 10000)).toBe(500);
    expect(numFeasibleNodesToFind(10, 5000)).toBe(500);
    expect(numFeasibleNodesToFind(1, 500)).toBe(100);
    expect(numFeasibleNodesToFind(100, 500)).toBe(500);
  });

  it('should walk nodes round-robin from the returned start index', () => {
    const s = uniform(300);
    const profile: Profile = { ...profileOf([fixedScore('Flat', {}), 1], [{ name: 'Pass', filter: () => undefined }, 1]), percentageOfNodesToScore: 40 };
    const first = runSchedulingCycle(makePod('p'), s, profile, createRng(1));
    if (first.unschedulable) throw new Error(first.message);
    expect([first.feasibleNodes, first.nextStartNodeIndex, Object.keys(first.decision.filter)[0]]).toEqual([120, 120, 'node-0000']);
    const second = runSchedulingCycle(makePod('p'), s, profile, createRng(1), { nextStartNodeIndex: first.nextStartNodeIndex });
    expect(second.unschedulable ? -1 : [second.nextStartNodeIndex, Object.keys(second.decision.filter)[0]]).toEqual([240, 'node-0120']);
    const third = runSchedulingCycle(makePod('p'), s, profile, createRng(1), { nextStartNodeIndex: 240 });
    expect(Object.keys(third.decision.filter).slice(59, 61)).toEqual(['node-0299', 'node-0000']);
  });
});

describe('runSchedulingCycle reserve and permit', () => {
  it('should run Unreserve in reverse order when Reserve fails and report the rejection', () => {
    const log: string[] = [];
    const r1: Plugin = { name: 'R1', reserve: () => (log.push('reserve R1'), undefined), unreserve: () => void log.push('unreserve R1') };
    const r2: Plugin = { name: 'R2', reserve: () => (log.push('reserve R2'), unschedulable('volume gone')), unreserve: () => void log.push('unreserve R2') };
    const r = runSchedulingCycle(makePod('p'), uniform(1), profileOf([r1, 1], [r2, 1]), createRng(1));
    expect(log).toEqual(['reserve R1', 'reserve R2', 'unreserve R2', 'unreserve R1']);
    expect(message(r)).toBe('0/1 nodes are available: 1 volume gone.');
  });

  it('should surface the longest Permit wait', () => {
    const wait = (name: string, ms: number): Plugin => ({ name, permit: () => ({ status: { code: 'Wait', reasons: [] }, timeoutMs: ms }) });
    const r = runSchedulingCycle(makePod('p'), uniform(1), profileOf([wait('W1', 5000), 1], [wait('W2', 10_000), 1]), createRng(1));
    expect(r.unschedulable ? r.message : [r.permitWaitMs, r.decision.permitTimeout]).toEqual([10_000, { W1: '5s', W2: '10s' }]);
  });
});

describe('PluginRegistry', () => {
  it('should build profiles with user plugins by name, and refuse unknown or duplicate names', () => {
    const registry = inTreeRegistry();
    registry.register('NodeNumber', (args) => fixedScore('NodeNumber', (args ?? {}) as Record<string, number>));
    expect(() => registry.register('NodeNumber', () => fixedScore('x', {}))).toThrow('a plugin named NodeNumber already exists');
    const profile = buildProfile({ schedulerName: 'custom', plugins: [{ name: 'NodeName' }, { name: 'NodeNumber', weight: 0 }], pluginConfig: { NodeNumber: { 'node-0001': 7 } } }, registry);
    expect(profile.plugins.map((p) => [p.plugin.name, p.weight])).toEqual([['NodeName', 1], ['NodeNumber', 1]]);
    const r = runSchedulingCycle(makePod('p'), uniform(3), profile, createRng(1));
    expect(message(r)).toBe('scheduled on node-0001');
    expect(() => buildProfile({ schedulerName: 'x', plugins: [{ name: 'Nope' }] }, createPluginRegistry())).toThrow('plugin "Nope" does not exist');
  });
});
