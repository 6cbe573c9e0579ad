import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createClusterSnapshot, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { createCycleContext } from '../cycleContext.ts';
import { makeNode, makePod } from '../fixtures.ts';
import type { Plugin } from '../framework.ts';
import { prioritizeNodes } from '../runScores.ts';
import { imageLocality, imageLocalityPriority, normalizedImageName, MIN_THRESHOLD } from './imageLocality.ts';
import { taintToleration } from './taintToleration.ts';

function scores(plugin: Plugin, s: ClusterSnapshot, pod: Pod): { raw: Record<string, number>; normalized: Record<string, number> } {
  const profile = { schedulerName: 't', plugins: [{ plugin, weight: 1 }] };
  const phase = prioritizeNodes(profile, createCycleContext(profile, s), pod, s.nodeInfos());
  const pick = (m: Record<string, Record<string, number>>): Record<string, number> => Object.fromEntries(Object.entries(m).flatMap(([n, v]) => { const x = v[plugin.name]; return x === undefined ? [] : [[n, x] as const]; }));
  return { raw: pick(phase.raw), normalized: pick(phase.normalized) };
}

describe('TaintToleration score', () => {
  it('should count untolerated PreferNoSchedule taints and normalize in reverse', () => {
    const s = createClusterSnapshot();
    const soft = (k: string) => ({ key: k, value: 'v', effect: 'PreferNoSchedule' });
    s.upsertNode(makeNode('clean'));
    s.upsertNode(makeNode('one', { taints: [soft('a'), { key: 'hard', effect: 'NoSchedule' }] }));
    s.upsertNode(makeNode('two', { taints: [soft('a'), soft('b')] }));
    expect(scores(taintToleration(), s, makePod('p'))).toEqual({ raw: { clean: 0, one: 1, two: 2 }, normalized: { clean: 100, one: 50, two: 0 } });
    const tolerant = makePod('p', { spec: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'PreferNoSchedule' }, { key: 'b', operator: 'Exists', effect: 'NoSchedule' }] } });
    // Only tolerations with effect PreferNoSchedule (or none) count: b is still untolerated.
    expect(scores(taintToleration(), s, tolerant).raw).toEqual({ clean: 0, one: 0, two: 1 });
  });

  it('should give every node 100 when no node has untolerated soft taints', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('a'));
    s.upsertNode(makeNode('b'));
    expect(scores(taintToleration(), s, makePod('p')).normalized).toEqual({ a: 100, b: 100 });
  });
});

describe('ImageLocality', () => {
  const MiB = 1024 * 1024;

  it('should normalize untagged image names to :latest', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25');
  });

  it('should scale image sizes by spread and map 23 MiB … 1000 MiB × containers to 0 … 100', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1', { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * MiB }] }));
    s.upsertNode(makeNode('n2', { images: [{ names: ['nginx:1.25'], sizeBytes: 500 * MiB }, { names: ['tiny:latest'], sizeBytes: 10 * MiB }] }));
    s.upsertNode(makeNode('n3'));
    s.upsertNode(makeNode('n4'));
    // 500 MiB × 2/4 nodes = 250 MiB; 100 × (250 − 23) / (1000 − 23) = 23.
    expect(scores(imageLocality(), s, makePod('p', { image: 'nginx:1.25' })).raw).toEqual({ n1: 23, n2: 23, n3: 0, n4: 0 });
    expect(scores(imageLocality(), s, makePod('p', { image: 'tiny' })).raw).toEqual({ n1: 0, n2: 0, n3: 0, n4: 0 });
  });

  it('should clamp at both thresholds', () => {
    expect(imageLocalityPriority(MIN_THRESHOLD - 1, 1)).toBe(0);
    expect(imageLocalityPriority(5000 * MiB, 2)).toBe(100);
    expect(imageLocalityPriority(1000 * MiB, 2)).toBe(Math.trunc((100 * (1000 - 23)) / (2000 - 23)));
  });
});
