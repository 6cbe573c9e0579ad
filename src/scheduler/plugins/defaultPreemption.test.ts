import { describe, it, expect } from 'vitest';
import { createRng } from '../../runtime/sim/rng.ts';
import { createClusterSnapshot, type ClusterLookups, type ClusterSnapshot } from '../clusterSnapshot.ts';
import { makeNode, makePod } from '../fixtures.ts';
import { newPodInfo } from '../podInfo.ts';
import { defaultProfile } from '../profiles.ts';
import { runSchedulingCycle, type UnschedulableResult } from '../schedulingCycle.ts';
import { filterPodsWithPDBViolation, pickOneNodeForPreemption } from './selectVictims.ts';

const names = (pods: readonly { metadata?: { name?: string } }[] | undefined): string[] => (pods ?? []).map((p) => p.metadata?.name ?? '');

function fail(r: ReturnType<typeof runSchedulingCycle>): UnschedulableResult {
  if (!r.unschedulable) throw new Error(`expected a failure, got ${r.nodeName}`);
  return r;
}

function twoNodes(lookups: ClusterLookups = {}): ClusterSnapshot {
  const s = createClusterSnapshot(lookups);
  s.upsertNode(makeNode('n1', { cpu: '2' }));
  s.upsertNode(makeNode('n2', { cpu: '2' }));
  return s;
}

describe('DefaultPreemption', () => {
  it('should evict the fewest, least important pods and nominate the node', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1', { cpu: '2' }));
    s.upsertPod(makePod('lo1', { nodeName: 'n1', cpu: '1', priority: 1 }));
    s.upsertPod(makePod('lo2', { nodeName: 'n1', cpu: '1', priority: 2 }));
    const r = fail(runSchedulingCycle(makePod('vip', { cpu: '1', priority: 10 }), s, defaultProfile(), createRng(1)));
    expect(r.postFilterResult?.nominatedNodeName).toBe('n1');
    expect(names(r.postFilterResult?.victims)).toEqual(['lo1']);
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect(r.decision.victims).toEqual(['default/lo1']);
    // The snapshot is restored exactly.
    expect([...(s.getNodeInfo('n1')?.pods.keys() ?? [])]).toEqual(['default-lo1', 'default-lo2']);
    expect(s.getNodeInfo('n1')?.requested.milliCPU).toBe(2000);
  });

  it('should prefer the node whose most important victim has the lowest priority', () => {
    const s = twoNodes();
    s.upsertPod(makePod('a', { nodeName: 'n1', cpu: '2', priority: 5 }));
    s.upsertPod(makePod('b', { nodeName: 'n2', cpu: '2', priority: 1 }));
    const r = fail(runSchedulingCycle(makePod('vip', { cpu: '1', priority: 10 }), s, defaultProfile(), createRng(3)));
    expect(r.postFilterResult?.nominatedNodeName).toBe('n2');
  });

  it('should prefer a node without PodDisruptionBudget violations', () => {
    const pdb = { metadata: { name: 'keep', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'keep' } } }, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } };
    const s = twoNodes({ podDisruptionBudgets: () => [pdb] });
    s.upsertPod(makePod('protected', { nodeName: 'n1', cpu: '2', priority: 1, labels: { app: 'keep' } }));
    s.upsertPod(makePod('free', { nodeName: 'n2', cpu: '2', priority: 3 }));
    for (const seed of [1, 2, 3, 4]) {
      const r = fail(runSchedulingCycle(makePod('vip', { cpu: '1', priority: 10 }), s, defaultProfile(), createRng(seed)));
      expect(r.postFilterResult?.nominatedNodeName).toBe('n2');
    }
  });

  it('should count PDB violations in order and skip pods already disrupted', () => {
    const mk = (n: string) => newPodInfo(makePod(n, { labels: { app: 'x' } }));
    const pdb = { metadata: { name: 'p', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'x' } } }, status: { disruptionsAllowed: 1, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptedPods: { c: '2024-01-01T00:00:00Z' } } };
    const [violating, ok] = filterPodsWithPDBViolation([mk('a'), mk('b'), mk('c')], [pdb]);
    expect(violating.map((p) => p.pod.metadata?.name)).toEqual(['b']);
    expect(ok.map((p) => p.pod.metadata?.name)).toEqual(['a', 'c']);
  });

  it('should break ties by fewer victims, then by the latest start of the top victims', () => {
    const p = (name: string, priority: number, startTime: string) => makePod(name, { priority, startTime });
    const picked = pickOneNodeForPreemption([
      { name: 'many', victims: [p('a', 1, '2024-01-01T00:00:00Z'), p('b', 1, '2024-01-01T00:00:00Z')], numPDBViolations: 0 },
      { name: 'old', victims: [p('c', 1, '2024-01-01T00:00:00Z')], numPDBViolations: 0 },
      { name: 'young', victims: [p('d', 1, '2024-06-01T00:00:00Z')], numPDBViolations: 0 },
    ]);
    expect(picked?.name).toBe('young');
  });

  it('should not preempt pods of equal or higher priority', () => {
    const s = twoNodes();
    s.upsertPod(makePod('a', { nodeName: 'n1', cpu: '2', priority: 10 }));
    s.upsertPod(makePod('b', { nodeName: 'n2', cpu: '2', priority: 20 }));
    const r = fail(runSchedulingCycle(makePod('p', { cpu: '1', priority: 10 }), s, defaultProfile(), createRng(1)));
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..');
    expect(r.postFilterResult?.nominatedNodeName).toBe('');
  });

  it('should refuse for preemptionPolicy Never', () => {
    const s = twoNodes();
    s.upsertPod(makePod('a', { nodeName: 'n1', cpu: '2' }));
    s.upsertPod(makePod('b', { nodeName: 'n2', cpu: '2' }));
    const pod = makePod('p', { cpu: '1', priority: 10, spec: { preemptionPolicy: 'Never' } });
    expect(fail(runSchedulingCycle(pod, s, defaultProfile(), createRng(1))).message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });

  it('should reserve room for a nominated pod: a lower-priority pod cannot take it, the nominee can', () => {
    const s = twoNodes();
    s.upsertPod(makePod('full', { nodeName: 'n2', cpu: '2', priority: 100 }));
    const nominee = makePod('vip', { cpu: '2', priority: 10 });
    const nominated = (node: string) => (node === 'n1' ? [newPodInfo(nominee)] : []);
    const low = fail(runSchedulingCycle(makePod('low', { cpu: '1', priority: 1 }), s, defaultProfile(), createRng(1), { nominatedPods: nominated }));
    expect(low.diagnosis.nodeToStatus.get('n1')?.reasons).toEqual(['Insufficient cpu']);
    const withNomination = { ...nominee, status: { nominatedNodeName: 'n1' } };
    const r = runSchedulingCycle(withNomination, s, defaultProfile(), createRng(1), { nominatedPods: nominated });
    expect(r.unschedulable ? r.message : r.nodeName).toBe('n1');
  });
});
