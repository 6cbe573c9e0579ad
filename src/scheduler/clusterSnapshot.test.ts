import { describe, it, expect } from 'vitest';
import { createClusterSnapshot } from './clusterSnapshot.ts';
import { makeNode, makePod } from './fixtures.ts';

const zoned = (name: string, zone: string) => makeNode(name, { labels: { 'topology.kubernetes.io/zone': zone } });

describe('createClusterSnapshot', () => {
  it('should keep requested resources, non-zero requests and pod counts incrementally', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1'));
    s.upsertPod(makePod('a', { nodeName: 'n1', cpu: '500m', memory: '1Gi' }));
    s.upsertPod(makePod('b', { nodeName: 'n1' }));
    const ni = s.getNodeInfo('n1');
    expect(ni?.pods.size).toBe(2);
    expect(ni?.requested.milliCPU).toBe(500);
    expect(ni?.nonZeroRequested).toEqual({ milliCPU: 600, memory: 1024 ** 3 + 200 * 1024 ** 2 });
    s.removePod(makePod('a'));
    expect(ni?.requested.milliCPU).toBe(0);
    expect(ni?.nonZeroRequested.milliCPU).toBe(100);
  });

  it('should move a pod whose nodeName changes and drop it when it terminates', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1'));
    s.upsertNode(makeNode('n2'));
    s.upsertPod(makePod('a', { nodeName: 'n1', cpu: '1' }));
    s.upsertPod(makePod('a', { nodeName: 'n2', cpu: '1' }));
    expect(s.getNodeInfo('n1')?.requested.milliCPU).toBe(0);
    expect(s.getNodeInfo('n2')?.requested.milliCPU).toBe(1000);
    const done = makePod('a', { nodeName: 'n2', cpu: '1' });
    s.upsertPod({ ...done, status: { phase: 'Succeeded' } });
    expect(s.getNodeInfo('n2')?.pods.size).toBe(0);
  });

  it('should track used host ports and release them on removal', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1'));
    s.upsertPod(makePod('a', { nodeName: 'n1', hostPorts: [{ hostPort: 8081 }] }));
    const ni = s.getNodeInfo('n1');
    expect(ni?.usedPorts.conflicts({ hostIP: '', protocol: 'TCP', hostPort: 8081 })).toBe(true);
    expect(ni?.usedPorts.conflicts({ hostIP: '10.0.0.1', protocol: 'TCP', hostPort: 8081 })).toBe(true);
    expect(ni?.usedPorts.conflicts({ hostIP: '', protocol: 'UDP', hostPort: 8081 })).toBe(false);
    s.removePod('default-a');
    expect(ni?.usedPorts.size()).toBe(0);
  });

  it('should hold pods of an unknown node as a ghost that is not offered to plugins', () => {
    const s = createClusterSnapshot();
    s.upsertPod(makePod('a', { nodeName: 'later', cpu: '1' }));
    expect(s.nodeInfos()).toHaveLength(0);
    s.upsertNode(makeNode('later'));
    expect(s.getNodeInfo('later')?.requested.milliCPU).toBe(1000);
    s.removeNode('later');
    expect(s.numNodes()).toBe(0);
    expect(s.getPodInfo('default-a')).toBeDefined();
  });

  it('should list nodes zone by zone, interleaved, like upstream nodeTree', () => {
    const s = createClusterSnapshot();
    for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c'], ['c2', 'c']] as const) s.upsertNode(zoned(n, z));
    expect(s.nodeInfos().map((n) => n.name)).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    // Removal swaps the zone's last node into the hole.
    s.removeNode('a1');
    expect(s.nodeInfos().map((n) => n.name)).toEqual(['a3', 'b1', 'c1', 'a2', 'c2']);
  });

  it('should index topology domains, images and affinity pods', () => {
    const s = createClusterSnapshot();
    s.upsertNode(makeNode('n1', { labels: { zone: 'a' }, images: [{ names: ['nginx:1.25'], sizeBytes: 1 }] }));
    s.upsertNode(makeNode('n2', { labels: { zone: 'a' }, images: [{ names: ['nginx:1.25'], sizeBytes: 1 }] }));
    s.upsertNode(makeNode('n3', { labels: { zone: 'b' } }));
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', labelSelector: {} }] } };
    s.upsertPod(makePod('x', { nodeName: 'n2', spec: { affinity: anti } }));
    expect(s.nodesInDomain('zone', 'a').map((n) => n.name)).toEqual(['n1', 'n2']);
    expect(s.podsInDomain('zone', 'a').map((p) => p.pod.metadata?.name)).toEqual(['x']);
    expect(s.imageNumNodes('nginx:1.25')).toBe(2);
    expect(s.nodeInfosWithRequiredAntiAffinityPods().map((n) => n.name)).toEqual(['n2']);
    s.upsertNode(makeNode('n2', { labels: { zone: 'b' } }));
    expect(s.nodesInDomain('zone', 'b').map((n) => n.name).sort()).toEqual(['n2', 'n3']);
    expect(s.imageNumNodes('nginx:1.25')).toBe(1);
    s.removePod('default-x');
    expect(s.nodeInfosWithAffinityPods()).toEqual([]);
  });
});
