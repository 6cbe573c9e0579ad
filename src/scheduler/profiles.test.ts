import { describe, it, expect } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import { createRng } from '../runtime/sim/rng.ts';
import { createClusterSnapshot, type ClusterSnapshot } from './clusterSnapshot.ts';
import { makeNode, makePod } from './fixtures.ts';
import { balancedLegacy } from './plugins/legacy/balancedResourceAllocation.ts';
import { leastRequestedLegacy } from './plugins/legacy/leastRequestedPriority.ts';
import { defaultProfile, defaultProfileConfig, legacyProfile } from './profiles.ts';
import { runSchedulingCycle, type SchedulingCycleResult } from './schedulingCycle.ts';

const outcome = (r: SchedulingCycleResult): string => (r.unschedulable ? r.message : r.nodeName);

// Seeds 20.14: pod 1000m / 2048Mi; A 4000m/8192Mi with 1000m/2048Mi used; B 2000m/8192Mi empty.
function seedExample(): ClusterSnapshot {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('node-a', { cpu: '4000m', memory: '8192Mi' }));
  s.upsertNode(makeNode('node-b', { cpu: '2000m', memory: '8192Mi' }));
  s.upsertPod(makePod('existing', { nodeName: 'node-a', cpu: '1000m', memory: '2048Mi' }));
  return s;
}
const seedPod = makePod('candidate', { cpu: '1000m', memory: '2048Mi' });

describe('defaultProfile', () => {
  it('should list the upstream plugins with weights TaintToleration 3, NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2, others 1', () => {
    const weights = Object.fromEntries(defaultProfile().plugins.map((p) => [p.plugin.name, p.weight]));
    expect(weights).toMatchObject({ TaintToleration: 3, NodeAffinity: 2, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 });
    expect(defaultProfileConfig().plugins.map((p) => p.name)).toEqual([
      'SchedulingGates', 'PrioritySort', 'NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit',
      'VolumeRestrictions', 'PodTopologySpread', 'InterPodAffinity', 'DefaultPreemption', 'NodeResourcesBalancedAllocation', 'ImageLocality', 'DefaultBinder',
    ]);
  });

  it('should prefer B on the seed example, where B has more free memory', () => {
    // Fit: a 50, b 62; Balanced: a 100, b 87; TaintToleration 300 each → a 450, b 449.
    const r = runSchedulingCycle(seedPod, seedExample(), defaultProfile(), createRng(1));
    expect(r.unschedulable ? r.message : r.scores.map((t) => [t.name, t.totalScore])).toEqual([['node-a', 450], ['node-b', 449]]);
  });
});

describe('legacyProfile', () => {
  it('should reproduce the seed worked example: A 5 + 10 = 15 beats B 6 + 7 = 13', () => {
    const r = runSchedulingCycle(seedPod, seedExample(), legacyProfile(), createRng(1));
    if (r.unschedulable) throw new Error(r.message);
    expect(r.decision.finalScore).toEqual({
      'node-a': { LeastRequestedPriority: 5, BalancedResourceAllocation: 10 },
      'node-b': { LeastRequestedPriority: 6, BalancedResourceAllocation: 7 },
    });
    expect(r.nodeName).toBe('node-a');
  });

  it('should truncate like the v1.x integer and float arithmetic', () => {
    expect(leastRequestedLegacy(6144, 8192)).toBe(2);
    expect(leastRequestedLegacy(2048, 8192)).toBe(7);
    expect(leastRequestedLegacy(9000, 8192)).toBe(0);
    expect(balancedLegacy(0.5, 0.25)).toBe(7);
    expect(balancedLegacy(1, 0.5)).toBe(0);
    expect(balancedLegacy(0.1, 0.4)).toBe(Math.trunc(10 - Math.abs(0.1 - 0.4) * 10));
  });

  it('should run the five default predicates', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1', { labels: { disk: 'ssd' } }));
    s.upsertNode(makeNode('n2', { cpu: '1' }));
    s.upsertPod(makePod('web-1', { nodeName: 'n1', hostPorts: [{ hostPort: 8081 }] }));
    expect(outcome(runSchedulingCycle(makePod('web-2', { hostPorts: [{ hostPort: 8081 }] }), s, legacyProfile(), createRng(1)))).toBe('n2');
    expect(outcome(runSchedulingCycle(makePod('big', { cpu: '2' }), s, legacyProfile(), createRng(1)))).toBe('n1');
    expect(outcome(runSchedulingCycle(makePod('sel', { spec: { nodeSelector: { disk: 'ssd' } } }), s, legacyProfile(), createRng(1)))).toBe('n1');
    expect(outcome(runSchedulingCycle(makePod('pinned', { spec: { nodeName: 'n2' } }), s, legacyProfile(), createRng(1)))).toBe('n2');
    expect(outcome(runSchedulingCycle(makePod('huge', { cpu: '2', spec: { nodeSelector: { disk: 'hdd' } } }), s, legacyProfile(), createRng(1)))).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match node selector.",
    );
  });

  it('should apply CheckNodeLabelPresence and CalculateNodeLabelPriority', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('retiring', { labels: { retiring: 'yes' } }));
    s.upsertNode(makeNode('plain'));
    s.upsertNode(makeNode('fast', { labels: { fast: 'true' } }));
    const avoid = legacyProfile({ nodeLabelPresence: { labels: ['retiring'], presence: false } });
    const placed = new Set([1, 2, 3, 4, 5, 6].map((seed) => outcome(runSchedulingCycle(makePod('p'), s, avoid, createRng(seed)))));
    expect(placed.has('retiring')).toBe(false);
    const prefer = legacyProfile({ nodeLabelPriority: { label: 'fast', presence: true, weight: 2 } });
    const r = runSchedulingCycle(makePod('p'), s, prefer, createRng(1));
    expect(r.unschedulable ? r.message : [r.nodeName, r.decision.finalScore['fast']?.['CalculateNodeLabelPriority'], r.decision.finalScore['plain']?.['CalculateNodeLabelPriority']]).toEqual(['fast', 20, 0]);
  });

  it('should keep pods of one Service on nodes sharing the affinity labels (CheckServiceAffinity)', () => {
    const svc: Service = { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' } } };
    const s = createClusterSnapshot({ services: () => [svc] });
    s.upsertNode(makeNode('a1', { labels: { zone: 'a' } }));
    s.upsertNode(makeNode('a2', { labels: { zone: 'a' } }));
    s.upsertNode(makeNode('b1', { labels: { zone: 'b' } }));
    const profile = legacyProfile({ serviceAffinity: { labels: ['zone'] } });
    const first = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => outcome(runSchedulingCycle(makePod('db-0', { labels: { app: 'db' } }), s, profile, createRng(seed)))));
    expect(first.size).toBeGreaterThan(1);
    s.upsertPod(makePod('db-0', { labels: { app: 'db' }, nodeName: 'a2' }));
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) expect(outcome(runSchedulingCycle(makePod('db-1', { labels: { app: 'db' } }), s, profile, createRng(seed)))).toMatch(/^a[12]$/);
    const pinned = makePod('db-2', { labels: { app: 'db' }, spec: { nodeSelector: { zone: 'b' } } });
    expect(outcome(runSchedulingCycle(pinned, s, profile, createRng(1)))).toBe('b1');
  });
});
