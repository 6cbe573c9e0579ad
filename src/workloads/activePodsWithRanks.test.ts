import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { compareActivePodsWithRanks, podDeletionCost, podsToDelete } from './activePodsWithRanks.ts';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');

interface PodOpts {
  node?: string;
  phase?: string;
  readyForMs?: number;
  cost?: string;
  restarts?: number;
  ageMs?: number;
  uid?: string;
}

function pod(name: string, o: PodOpts = {}): Pod {
  return {
    metadata: { name, uid: o.uid ?? name, creationTimestamp: ago(o.ageMs ?? 60_000), ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}) },
    spec: { containers: [{ name: 'c' }], ...(o.node !== undefined ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.readyForMs === undefined ? [] : [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readyForMs) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: o.readyForMs !== undefined, restartCount: o.restarts ?? 0 }],
    },
  };
}

const first = (a: Pod, b: Pod, ra = 0, rb = 0): string => (compareActivePodsWithRanks(a, ra, b, rb, NOW) < 0 ? a : b).metadata?.name ?? '';

describe('compareActivePodsWithRanks', () => {
  const base: PodOpts = { node: 'n1', readyForMs: 3600_000 };
  it('should delete unassigned before assigned', () => {
    expect(first(pod('assigned', base), pod('unassigned', { readyForMs: 3600_000 }))).toBe('unassigned');
  });
  it('should delete Pending before Unknown before Running', () => {
    expect(first(pod('running', base), pod('pending', { ...base, phase: 'Pending' }))).toBe('pending');
    expect(first(pod('running', base), pod('unknown', { ...base, phase: 'Unknown' }))).toBe('unknown');
    expect(first(pod('unknown', { ...base, phase: 'Unknown' }), pod('pending', { ...base, phase: 'Pending' }))).toBe('pending');
  });
  it('should delete not ready before ready', () => {
    expect(first(pod('ready', base), pod('notready', { node: 'n1' }))).toBe('notready');
  });
  it('should delete a lower pod-deletion-cost first', () => {
    expect(first(pod('cheap', { ...base, cost: '-5' }), pod('dear', { ...base, cost: '100' }))).toBe('cheap');
    expect(podDeletionCost(pod('bad', { cost: '+10' }))).toBe(0);
    expect(podDeletionCost(pod('zeros', { cost: '007' }))).toBe(0);
  });
  it('should delete the pod with more related pods on its node first', () => {
    expect(first(pod('alone', base), pod('crowded', base), 1, 3)).toBe('crowded');
  });
  it('should delete the pod ready for less time first, in log2 buckets', () => {
    expect(first(pod('old', { node: 'n1', readyForMs: 3600_000 }), pod('young', { node: 'n1', readyForMs: 60_000 }))).toBe('young');
    // 61 s and 62 s of readiness share a log2 bucket: upstream then orders by UID, before restarts.
    expect(first(pod('b', { node: 'n1', readyForMs: 61_000, uid: 'uid-2' }), pod('a', { node: 'n1', readyForMs: 62_000, restarts: 3, uid: 'uid-1' }))).toBe('a');
    expect(first(pod('b', { node: 'n1', readyForMs: 61_000, uid: 'uid-1' }), pod('a', { node: 'n1', readyForMs: 62_000, restarts: 3, uid: 'uid-2' }))).toBe('b');
  });
  it('should delete more restarts first, then the newer pod', () => {
    expect(first(pod('calm', { ...base, restarts: 0 }), pod('crashy', { ...base, restarts: 4 }))).toBe('crashy');
    expect(first(pod('older', { node: 'n1', ageMs: 3 * 3600_000 }), pod('newer', { node: 'n1', ageMs: 600_000 }))).toBe('newer');
  });
});

describe('podsToDelete', () => {
  it('should pick the youngest RC pod, not the adopted 3h-old kubia-manual (seed 21.2.3)', () => {
    const pods = [
      pod('kubia-manual', { node: 'minikube', readyForMs: 3 * 3600_000 + 23 * 60_000, ageMs: 3 * 3600_000 + 23 * 60_000 }),
      pod('kubia-rc-qdp5c', { node: 'minikube', readyForMs: 10 * 60_000, ageMs: 10 * 60_000 }),
      pod('kubia-rc-rrqd9', { node: 'minikube', readyForMs: 5 * 60_000, ageMs: 5 * 60_000 + 24_000 }),
      pod('kubia-rc-w5bvv', { node: 'minikube', readyForMs: 10 * 60_000, ageMs: 10 * 60_000 }),
    ];
    expect(podsToDelete(pods, pods, 1, NOW).map((p) => p.metadata?.name)).toEqual(['kubia-rc-rrqd9']);
  });
  it('should prefer the node with more related pods', () => {
    const pods = [pod('a', { node: 'n1', readyForMs: 60_000 }), pod('b', { node: 'n2', readyForMs: 60_000 })];
    const related = [...pods, pod('sibling', { node: 'n2', readyForMs: 60_000 })];
    expect(podsToDelete(pods, related, 1, NOW).map((p) => p.metadata?.name)).toEqual(['b']);
  });
  it('should return everything without sorting when all go', () => {
    const pods = [pod('x'), pod('y')];
    expect(podsToDelete(pods, pods, 5, NOW)).toEqual(pods);
  });
});
