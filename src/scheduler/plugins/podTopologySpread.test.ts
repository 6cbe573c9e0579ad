import { describe, it, expect } from 'vitest';
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterLookups, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import { prioritizeNodes } from '../runScores.ts';
import { podTopologySpread, ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, type PodTopologySpreadArgs } from './podTopologySpread.ts';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const spread = (topologyKey: string, maxSkew: number, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  topologyKey,
  maxSkew,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});
const web = (name: string, constraints: TopologySpreadConstraint[], o: { nodeName?: string; labels?: Record<string, string> } = {}): Pod =>
  makePod(name, { labels: o.labels ?? { app: 'web' }, ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }), spec: { topologySpreadConstraints: constraints } });

// Kivi C3: three nodes in two zones.
function kivi(lookups: ClusterLookups = {}): ClusterSnapshot {
  const s = createClusterSnapshot(lookups);
  s.upsertNode(makeNode('n1', { labels: { [ZONE]: 'a' } }));
  s.upsertNode(makeNode('n2', { labels: { [ZONE]: 'a' } }));
  s.upsertNode(makeNode('n3', { labels: { [ZONE]: 'b' } }));
  return s;
}

function filter(s: ClusterSnapshot, pod: Pod, args: PodTopologySpreadArgs = {}): Record<string, string> {
  const plugin = podTopologySpread(args);
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
  if (plugin.preFilter?.(ctx, pod)?.code === 'Skip') return Object.fromEntries(s.nodeInfos().map((n) => [n.name, 'skipped']));
  return Object.fromEntries(s.nodeInfos().map((ni) => [ni.name, plugin.filter?.(ctx, pod, ni)?.reasons[0] ?? 'passed']));
}

describe('PodTopologySpread filter', () => {
  it('should make the 6th replica unschedulable under zone and hostname maxSkew 1 (Kivi C3)', () => {
    const s = kivi();
    const both = [spread(ZONE, 1), spread(HOST, 1)];
    const placement = ['n1', 'n2', 'n3', 'n1', 'n3'];
    placement.forEach((n, i) => s.upsertPod(web(`web-${i}`, both, { nodeName: n })));
    expect(filter(s, web('web-5', both))).toEqual({ n1: ERR_REASON_CONSTRAINTS_NOT_MATCH, n2: ERR_REASON_CONSTRAINTS_NOT_MATCH, n3: ERR_REASON_CONSTRAINTS_NOT_MATCH });
    // Zone alone still allows zone b.
    expect(filter(s, web('web-5', [spread(ZONE, 1)]))).toEqual({ n1: ERR_REASON_CONSTRAINTS_NOT_MATCH, n2: ERR_REASON_CONSTRAINTS_NOT_MATCH, n3: 'passed' });
  });

  it('should count only the self-match when the pod does not match its own selector', () => {
    const s = kivi();
    s.upsertPod(web('w0', [], { nodeName: 'n1' }));
    const other = web('x', [spread(ZONE, 1)], { labels: { app: 'other' } });
    // a = 1, b = 0: skew on a = 1 + 0 − 0 = 1 ≤ 1.
    expect(filter(s, other)).toEqual({ n1: 'passed', n2: 'passed', n3: 'passed' });
  });

  it('should reject nodes without the topology label as unresolvable', () => {
    const s = kivi();
    s.upsertNode(makeNode('nozone'));
    expect(filter(s, web('w', [spread(ZONE, 1)]))['nozone']).toBe(ERR_REASON_NODE_LABEL_NOT_MATCH);
  });

  it('should treat the global minimum as 0 while there are fewer domains than minDomains', () => {
    const s = kivi();
    s.upsertPod(web('w0', [], { nodeName: 'n1' }));
    s.upsertPod(web('w1', [], { nodeName: 'n3' }));
    expect(filter(s, web('w', [spread(ZONE, 1)]))).toEqual({ n1: 'passed', n2: 'passed', n3: 'passed' });
    expect(filter(s, web('w', [spread(ZONE, 1, { minDomains: 3 })]))).toEqual({ n1: ERR_REASON_CONSTRAINTS_NOT_MATCH, n2: ERR_REASON_CONSTRAINTS_NOT_MATCH, n3: ERR_REASON_CONSTRAINTS_NOT_MATCH });
  });

  it('should honour node affinity by default and taints only with nodeTaintsPolicy Honor', () => {
    const s = kivi();
    s.upsertNode(makeNode('n4', { labels: { [ZONE]: 'c', pool: 'spot' }, taints: [{ key: 'spot', effect: 'NoSchedule' }] }));
    s.upsertPod(web('w0', [], { nodeName: 'n1' }));
    s.upsertPod(web('w1', [], { nodeName: 'n3' }));
    // Zone c counts as an empty domain (min 0): zones a and b are full.
    expect(filter(s, web('w', [spread(ZONE, 1)]))['n1']).toBe(ERR_REASON_CONSTRAINTS_NOT_MATCH);
    expect(filter(s, web('w', [spread(ZONE, 1, { nodeTaintsPolicy: 'Honor' })]))['n1']).toBe('passed');
    const avoidSpot: Pod = { ...web('w', [spread(ZONE, 1)]) };
    avoidSpot.spec = { ...avoidSpot.spec, containers: avoidSpot.spec?.containers ?? [], nodeSelector: { [ZONE]: 'a' } };
    // With the pod's nodeSelector only zone a is eligible: min is a's count.
    expect(filter(s, avoidSpot)['n1']).toBe('passed');
    expect(filter(s, { ...avoidSpot, spec: { ...avoidSpot.spec, containers: [], topologySpreadConstraints: [spread(ZONE, 1, { nodeAffinityPolicy: 'Ignore' })] } })['n1']).toBe(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  });

  it('should narrow the selector with matchLabelKeys', () => {
    const s = kivi();
    s.upsertPod(web('old-0', [], { nodeName: 'n1', labels: { app: 'web', rev: '1' } }));
    s.upsertPod(web('old-1', [], { nodeName: 'n2', labels: { app: 'web', rev: '1' } }));
    const next = web('new', [spread(ZONE, 1, { matchLabelKeys: ['rev'] })], { labels: { app: 'web', rev: '2' } });
    expect(filter(s, next)).toEqual({ n1: 'passed', n2: 'passed', n3: 'passed' });
    expect(filter(s, web('new', [spread(ZONE, 1)], { labels: { app: 'web', rev: '2' } }))['n1']).toBe(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  });
});

describe('PodTopologySpread score', () => {
  function scores(s: ClusterSnapshot, pod: Pod): { raw: Record<string, number>; normalized: Record<string, number> } {
    const profile = { schedulerName: 't', plugins: [{ plugin: podTopologySpread(), weight: 2 }] };
    const phase = prioritizeNodes(profile, createCycleContext(profile, s), pod, s.nodeInfos());
    const pick = (m: Record<string, Record<string, number>>): Record<string, number> => Object.fromEntries(Object.entries(m).flatMap(([n, v]) => (v['PodTopologySpread'] === undefined ? [] : [[n, v['PodTopologySpread']] as const])));
    return { raw: pick(phase.raw), normalized: pick(phase.normalized) };
  }
  const soft = (key: string): TopologySpreadConstraint => spread(key, 1, { whenUnsatisfiable: 'ScheduleAnyway' });

  it('should score hostname spreading as count × log(nodes + 2) and normalize (max + min − s) × 100 / max', () => {
    const s = kivi();
    ['n1', 'n1', 'n3'].forEach((n, i) => s.upsertPod(web(`w${i}`, [], { nodeName: n })));
    // weight log(5) = 1.609: n1 2 → 3, n2 0 → 0, n3 1 → 2.
    expect(scores(s, web('w', [soft(HOST)]))).toEqual({ raw: { n1: 3, n2: 0, n3: 2 }, normalized: { n1: 0, n2: 100, n3: 33 } });
  });

  it('should score zone spreading with domain totals weighted by log(zones + 2)', () => {
    const s = kivi();
    ['n1', 'n2', 'n3'].forEach((n, i) => s.upsertPod(web(`w${i}`, [], { nodeName: n })));
    // log(4) = 1.386: zone a 2 → 3, zone b 1 → 1; normalized 100 × (3 + 1 − s) / 3.
    expect(scores(s, web('w', [soft(ZONE)]))).toEqual({ raw: { n1: 3, n2: 3, n3: 1 }, normalized: { n1: 33, n2: 33, n3: 100 } });
  });

  it('should apply the system default constraints to pods of a Service, and none to pods without a group', () => {
    const lookups: ClusterLookups = { services: () => [{ metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } }] };
    const s = kivi(lookups);
    ['n1', 'n1', 'n2'].forEach((n, i) => s.upsertPod(web(`w${i}`, [], { nodeName: n })));
    // hostname (skew 3, log 5): n1 2×1.609+2, n2 1.609+2, n3 0+2; zone (skew 5, log 4): a 3×1.386+4, b 0+4.
    expect(scores(s, makePod('w', { labels: { app: 'web' } })).raw).toEqual({ n1: 13, n2: 12, n3: 6 });
    expect(scores(s, makePod('lonely', { labels: { app: 'other' } })).raw).toEqual({});
  });
});
