import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { daemonPodTolerations, nodeShouldRunDaemonPod, replaceNodeNameAffinity, targetNodeName } from './daemonSetPlacement.ts';
import { daemonSetStatusCounts, planDaemonRollingUpdate, podsShouldBeOnNode } from './daemonSetPlan.ts';

const NOW = Date.parse('2025-01-01T01:00:00Z');
const node = (name: string, labels: Record<string, string> = {}, spec: Node['spec'] = {}): Node => ({ metadata: { name, labels }, spec });
const ds = (over: Partial<NonNullable<DaemonSet['spec']>> = {}): DaemonSet => ({
  metadata: { name: 'ds', uid: 'ds' },
  spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }] } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, ...over },
});
const pod = (name: string, nodeName: string, hash: string, ready = true): Pod => ({
  metadata: { name, labels: { app: 'x', 'controller-revision-hash': hash }, creationTimestamp: '2025-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'c' }], nodeName },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
});

describe('nodeShouldRunDaemonPod', () => {
  it('should honour the node selector, cordons (tolerated) and NoSchedule/NoExecute taints', () => {
    const d = ds({ template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }], nodeSelector: { disk: 'ssd' } } } });
    expect(nodeShouldRunDaemonPod(node('a'), d)).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }), d)).toEqual({ shouldRun: true, shouldContinueRunning: true });
    const cordoned = node('a', { disk: 'ssd' }, { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
    expect(nodeShouldRunDaemonPod(cordoned, d).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }, { taints: [{ key: 'k', effect: 'NoSchedule' }] }), d)).toEqual({ shouldRun: false, shouldContinueRunning: true });
    expect(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }, { taints: [{ key: 'k', effect: 'NoExecute' }] }), d)).toEqual({ shouldRun: false, shouldContinueRunning: false });
    expect(nodeShouldRunDaemonPod(node('a', { disk: 'ssd' }, { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), d).shouldRun).toBe(true);
  });

  it('should add network-unavailable only for hostNetwork pods, and pin pods by metadata.name', () => {
    expect(daemonPodTolerations({ containers: [] }).some((t) => t.key === 'node.kubernetes.io/network-unavailable')).toBe(false);
    expect(daemonPodTolerations({ containers: [], hostNetwork: true }).some((t) => t.key === 'node.kubernetes.io/network-unavailable')).toBe(true);
    const affinity = replaceNodeNameAffinity({ podAntiAffinity: {} }, 'n7');
    expect(targetNodeName({ spec: { containers: [], affinity } })).toBe('n7');
    expect(affinity.podAntiAffinity).toEqual({});
  });
});

describe('podsShouldBeOnNode', () => {
  it('should want a pod on an empty eligible node and keep only the oldest of duplicates', () => {
    expect(podsShouldBeOnNode(node('a'), undefined, ds(), 'h1', NOW)).toMatchObject({ needsPod: true, deletePods: [] });
    const older = pod('p1', 'a', 'h1');
    const newer = { ...pod('p2', 'a', 'h1'), metadata: { ...pod('p2', 'a', 'h1').metadata, creationTimestamp: '2025-01-01T00:30:00Z' } };
    expect(podsShouldBeOnNode(node('a'), [newer, older], ds(), 'h1', NOW).deletePods).toEqual(['p2']);
  });
});

describe('planDaemonRollingUpdate', () => {
  const nodes = [node('a'), node('b'), node('c')];
  const byNode = (hashes: Record<string, string>): Map<string, Pod[]> => new Map(Object.entries(hashes).map(([n, h]) => [n, [pod(`p-${n}`, n, h)]]));

  it('should delete one available old pod at a time with maxUnavailable 1', () => {
    expect(planDaemonRollingUpdate(ds(), nodes, byNode({ a: 'h1', b: 'h1', c: 'h1' }), 'h2', NOW)).toEqual({ deletePods: ['p-a'], createOn: [] });
    const oneMissing = byNode({ b: 'h1', c: 'h1' });
    expect(planDaemonRollingUpdate(ds(), nodes, oneMissing, 'h2', NOW).deletePods).toEqual([]);
  });

  it('should surge new pods next to old ones and delete old ones whose new pod is available', () => {
    const surge = ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } });
    expect(planDaemonRollingUpdate(surge, nodes, byNode({ a: 'h1', b: 'h1', c: 'h1' }), 'h2', NOW)).toEqual({ deletePods: [], createOn: ['a'] });
    const m = byNode({ a: 'h1', b: 'h1', c: 'h1' });
    m.set('a', [pod('p-a', 'a', 'h1'), pod('q-a', 'a', 'h2')]);
    expect(planDaemonRollingUpdate(surge, nodes, m, 'h2', NOW)).toEqual({ deletePods: ['p-a'], createOn: ['b'] });
  });

  it('should count status like kubectl get ds shows it', () => {
    const d = ds({ template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }], nodeSelector: { disk: 'ssd' } } } });
    const ns = [node('a', { disk: 'ssd' }), node('b')];
    const m = new Map([['a', [pod('p-a', 'a', 'h1', false)]], ['b', [pod('p-b', 'b', 'h1')]]]);
    expect(daemonSetStatusCounts(d, ns, m, 'h1', NOW)).toEqual({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1, numberReady: 0, updatedNumberScheduled: 1, numberAvailable: 0, numberUnavailable: 1 });
  });
});
