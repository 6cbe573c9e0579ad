import { describe, it, expect } from 'vitest';
import type { NodeSelectorRequirement, Pod } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import type { Plugin } from '../framework.ts';
import { prioritizeNodes } from '../runScores.ts';
import { nodeAffinity, ERR_REASON_NODE_AFFINITY, ERR_REASON_ENFORCED } from './nodeAffinity.ts';

function passing(plugin: Plugin, s: ClusterSnapshot, pod: Pod): string[] {
  const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
  const pre = plugin.preFilter?.(ctx, pod);
  if (pre?.code === 'Skip') return s.nodeInfos().map((n) => n.name);
  return s.nodeInfos().filter((ni) => plugin.filter?.(ctx, pod, ni) === undefined).map((n) => n.name);
}

function cluster(): ClusterSnapshot {
  const s = createClusterSnapshot();
  s.upsertNode(makeNode('small', { labels: { disktype: 'hdd', cores: '4', zone: 'a' } }));
  s.upsertNode(makeNode('big', { labels: { disktype: 'ssd', cores: '64', zone: 'b' } }));
  s.upsertNode(makeNode('bare', { labels: {} }));
  return s;
}
const required = (...terms: NodeSelectorRequirement[][]): Pod =>
  makePod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((e) => ({ matchExpressions: e })) } } } } });

describe('NodeAffinity filter', () => {
  it('should require every nodeSelector pair (seed 20.6)', () => {
    expect(passing(nodeAffinity(), cluster(), makePod('p', { spec: { nodeSelector: { disktype: 'ssd' } } }))).toEqual(['big']);
    expect(passing(nodeAffinity(), cluster(), makePod('p'))).toEqual(['small', 'big', 'bare']);
  });

  it('should support In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    const s = cluster();
    expect(passing(nodeAffinity(), s, required([{ key: 'disktype', operator: 'In', values: ['hdd', 'nvme'] }]))).toEqual(['small']);
    expect(passing(nodeAffinity(), s, required([{ key: 'disktype', operator: 'NotIn', values: ['hdd'] }]))).toEqual(['big', 'bare']);
    expect(passing(nodeAffinity(), s, required([{ key: 'disktype', operator: 'Exists' }]))).toEqual(['small', 'big']);
    expect(passing(nodeAffinity(), s, required([{ key: 'disktype', operator: 'DoesNotExist' }]))).toEqual(['bare']);
    expect(passing(nodeAffinity(), s, required([{ key: 'cores', operator: 'Gt', values: ['8'] }]))).toEqual(['big']);
    expect(passing(nodeAffinity(), s, required([{ key: 'cores', operator: 'Lt', values: ['8'] }]))).toEqual(['small']);
  });

  it('should OR terms, AND expressions within a term, and void a term with an invalid requirement', () => {
    const s = cluster();
    expect(passing(nodeAffinity(), s, required([{ key: 'zone', operator: 'In', values: ['a'] }], [{ key: 'cores', operator: 'Gt', values: ['32'] }]))).toEqual(['small', 'big']);
    expect(passing(nodeAffinity(), s, required([{ key: 'zone', operator: 'In', values: ['b'] }, { key: 'disktype', operator: 'In', values: ['hdd'] }]))).toEqual([]);
    expect(passing(nodeAffinity(), s, required([{ key: 'cores', operator: 'Gt', values: ['x'] }], [{ key: 'zone', operator: 'In', values: ['a'] }]))).toEqual(['small']);
  });

  it('should match metadata.name through matchFields', () => {
    const pod = makePod('p', {
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['bare'] }] }] } } } },
    });
    expect(passing(nodeAffinity(), cluster(), pod)).toEqual(['bare']);
  });

  it('should reject with the upstream reasons, including the profile addedAffinity', () => {
    const s = cluster();
    const ni = s.getNodeInfo('small');
    if (ni === undefined) throw new Error('missing');
    const plugin = nodeAffinity({ addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } });
    const ctx = createCycleContext({ schedulerName: 't', plugins: [{ plugin, weight: 1 }] }, s);
    const pod = makePod('p', { spec: { nodeSelector: { disktype: 'ssd' } } });
    plugin.preFilter?.(ctx, pod);
    expect(plugin.filter?.(ctx, pod, ni)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_ENFORCED] });
    expect(nodeAffinity().filter?.(ctx, pod, ni)).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_AFFINITY] });
  });
});

describe('NodeAffinity score', () => {
  it('should sum weights of matching preferred terms and normalize by the maximum', () => {
    const s = cluster();
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 20, preference: { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] } },
              { weight: 60, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } },
            ],
          },
        },
      },
    });
    const profile = { schedulerName: 't', plugins: [{ plugin: nodeAffinity(), weight: 2 }] };
    const phase = prioritizeNodes(profile, createCycleContext(profile, s), pod, s.nodeInfos());
    expect(phase.raw).toEqual({ small: { NodeAffinity: 20 }, big: { NodeAffinity: 80 }, bare: { NodeAffinity: 0 } });
    expect(phase.normalized).toEqual({ small: { NodeAffinity: 25 }, big: { NodeAffinity: 100 }, bare: { NodeAffinity: 0 } });
    expect(phase.final).toEqual({ small: { NodeAffinity: 50 }, big: { NodeAffinity: 200 }, bare: { NodeAffinity: 0 } });
  });
});
