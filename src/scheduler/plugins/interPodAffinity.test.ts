import { describe, it, expect } from 'vitest';
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterLookups, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import { prioritizeNodes } from '../runScores.ts';
import {
  interPodAffinity,
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from './interPodAffinity.ts';

function cluster(lookups: ClusterLookups = {}): ClusterSnapshot {
  const s = createClusterSnapshot(lookups);
  s.upsertNode(makeNode('n1', { labels: { zone: 'a' } }));
  s.upsertNode(makeNode('n2', { labels: { zone: 'a' } }));
  s.upsertNode(makeNode('n3', { labels: { zone: 'b' } }));
  s.upsertNode(makeNode('n4'));
  return s;
}
const term = (labels: Record<string, string>, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({ labelSelector: { matchLabels: labels }, topologyKey, ...extra });
const withAffinity = (name: string, o: { affinity?: PodAffinityTerm[]; anti?: PodAffinityTerm[]; labels?: Record<string, string>; nodeName?: string; namespace?: string }): Pod =>
  makePod(name, {
    ...(o.labels === undefined ? {} : { labels: o.labels }),
    ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }),
    ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
    spec: {
      affinity: {
        ...(o.affinity === undefined ? {} : { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: o.affinity } }),
        ...(o.anti === undefined ? {} : { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: o.anti } }),
      },
    },
  });

function filter(s: ClusterSnapshot, pod: Pod): Record<string, string> {
  const plugin = interPodAffinity();
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
  if (plugin.preFilter?.(ctx, pod)?.code === 'Skip') return Object.fromEntries(s.nodeInfos().map((n) => [n.name, 'skipped']));
  return Object.fromEntries(s.nodeInfos().map((ni) => [ni.name, plugin.filter?.(ctx, pod, ni)?.reasons[0] ?? 'passed']));
}

describe('InterPodAffinity filter', () => {
  it('should require a matching pod in the same topology domain', () => {
    const s = cluster();
    s.upsertPod(makePod('db', { nodeName: 'n1', labels: { app: 'db' } }));
    expect(filter(s, withAffinity('web', { affinity: [term({ app: 'db' }, 'zone')] }))).toEqual({
      n1: 'passed',
      n2: 'passed',
      n3: ERR_REASON_AFFINITY_RULES_NOT_MATCH,
      n4: ERR_REASON_AFFINITY_RULES_NOT_MATCH,
    });
  });

  it('should let the first pod of a self-affine group in when nothing matches yet', () => {
    const s = cluster();
    const first = withAffinity('db-0', { labels: { app: 'db' }, affinity: [term({ app: 'db' }, 'zone')] });
    expect(filter(s, first)).toEqual({ n1: 'passed', n2: 'passed', n3: 'passed', n4: ERR_REASON_AFFINITY_RULES_NOT_MATCH });
    const notSelf = withAffinity('web', { labels: { app: 'web' }, affinity: [term({ app: 'db' }, 'zone')] });
    expect(filter(s, notSelf)['n1']).toBe(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
  });

  it('should keep pods apart with required anti-affinity', () => {
    const s = cluster();
    s.upsertPod(makePod('web-0', { nodeName: 'n1', labels: { app: 'web' } }));
    expect(filter(s, withAffinity('web-1', { labels: { app: 'web' }, anti: [term({ app: 'web' }, 'kubernetes.io/hostname')] }))).toEqual({
      n1: ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
      n2: 'passed',
      n3: 'passed',
      n4: 'passed',
    });
  });

  it("should honour existing pods' required anti-affinity (symmetry)", () => {
    const s = cluster();
    s.upsertPod(withAffinity('loner', { nodeName: 'n1', anti: [term({ app: 'web' }, 'zone')] }));
    expect(filter(s, makePod('web', { labels: { app: 'web' } }))).toEqual({
      n1: ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
      n2: ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
      n3: 'passed',
      n4: 'passed',
    });
    expect(filter(s, makePod('db', { labels: { app: 'db' } }))['n1']).toBe('skipped');
  });

  it('should select pods by namespaces and namespaceSelector', () => {
    const s = cluster({ namespaceLabels: (ns) => (ns === 'team-x' ? { team: 'x' } : {}) });
    s.upsertPod(makePod('db', { nodeName: 'n3', labels: { app: 'db' }, namespace: 'team-x' }));
    expect(filter(s, withAffinity('own-ns', { affinity: [term({ app: 'db' }, 'zone')] }))['n3']).toBe(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    expect(filter(s, withAffinity('listed', { affinity: [term({ app: 'db' }, 'zone', { namespaces: ['team-x'] })] }))['n3']).toBe('passed');
    expect(filter(s, withAffinity('selected', { affinity: [term({ app: 'db' }, 'zone', { namespaceSelector: { matchLabels: { team: 'x' } } })] }))['n3']).toBe('passed');
    expect(filter(s, withAffinity('all', { affinity: [term({ app: 'db' }, 'zone', { namespaceSelector: {} })] }))['n3']).toBe('passed');
  });
});

describe('InterPodAffinity score', () => {
  function scores(s: ClusterSnapshot, pod: Pod, args = {}): { raw: Record<string, number>; normalized: Record<string, number> } {
    const profile = { schedulerName: 't', plugins: [{ plugin: interPodAffinity(args), weight: 2 }] };
    const phase = prioritizeNodes(profile, createCycleContext(profile, s), pod, s.nodeInfos());
    const pick = (m: Record<string, Record<string, number>>): Record<string, number> => Object.fromEntries(Object.entries(m).flatMap(([n, v]) => (v['InterPodAffinity'] === undefined ? [] : [[n, v['InterPodAffinity']] as const])));
    return { raw: pick(phase.raw), normalized: pick(phase.normalized) };
  }

  it('should add preferred affinity weights, subtract anti-affinity weights per domain and min-max normalize', () => {
    const s = cluster();
    s.upsertPod(makePod('db', { nodeName: 'n1', labels: { app: 'db' } }));
    s.upsertPod(makePod('cache', { nodeName: 'n3', labels: { app: 'cache' } }));
    const pod = makePod('web', {
      spec: {
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'db' }, 'zone') }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'cache' }, 'zone') }] },
        },
      },
    });
    // zone a: +10, zone b: −5, n4 has no zone: 0 → min −5, max 10.
    expect(scores(s, pod)).toEqual({ raw: { n1: 10, n2: 10, n3: -5, n4: 0 }, normalized: { n1: 100, n2: 100, n3: 0, n4: 33 } });
  });

  it("should count existing pods' required affinity with hardPodAffinityWeight", () => {
    const s = cluster();
    s.upsertPod(withAffinity('sidecar-user', { nodeName: 'n3', affinity: [term({ app: 'web' }, 'zone')] }));
    const web = makePod('web', { labels: { app: 'web' } });
    expect(scores(s, web).raw).toEqual({ n1: 0, n2: 0, n3: 1, n4: 0 });
    expect(scores(s, web, { hardPodAffinityWeight: 7 }).raw).toEqual({ n1: 0, n2: 0, n3: 7, n4: 0 });
  });
});
