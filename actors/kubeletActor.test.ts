import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { isNotFound } from '../src/api/status.ts';

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, annotations?: Record<string, string>): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], ...spec },
  });

const get = (c: Cluster, name: string) => c.client.get('Pod', name, { namespace: 'default' });

describe('kubelet', () => {
  it('should register its node, heartbeat through a Lease, and run a pod to Running with an IP and conditions', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('web'));
    await c.waitFor({ type: 'Pod', name: 'web', namespace: 'default', condition: 'Ready' });
    const p = await get(c, 'web');
    expect(p.spec?.nodeName).toBe('node-1');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.podIP).toBe('10.244.0.2');
    expect(p.status?.hostIP).toBe('10.0.0.10');
    expect(p.status?.containerStatuses?.[0]).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0 });
    expect(p.status?.containerStatuses?.[0]?.image).toContain('busybox:1.36');
    expect(p.status?.qosClass).toBe('BestEffort');
    const lease = await c.client.get('Lease', 'node-1', { namespace: 'kube-node-lease' });
    const renewed = lease.spec?.renewTime;
    await c.advance(10_000);
    expect((await c.client.get('Lease', 'node-1', { namespace: 'kube-node-lease' })).spec?.renewTime).not.toBe(renewed);
    expect((c.root.system.get('kubelet/node-1') as { getSnapshot(): { value: unknown } }).getSnapshot().value).toEqual({ running: 'connected' });
    await c.stop();
  });

  it('should restart a crashing container with CrashLoopBackOff delays of 10, 20, 40, 80, 160, 300 s', async () => {
    const c = createCluster({ nodes: 1 });
    // Each instance takes startSeconds (1 s) from container creation to running: gaps are back-off + 1 s.
    await c.client.create(pod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }, { 'behavior.kubeactors.dev/app': '{"startSeconds": 1}' }));
    // The back-off is the time from one instance's exit to the next instance's start (status timestamps).
    const runs = new Map<string, number>();
    for (let i = 0; i < 2000 && runs.size < 9; i++) {
      await c.advance(1000);
      const t = (await get(c, 'crash')).status?.containerStatuses?.[0]?.lastState?.terminated;
      if (t?.startedAt !== undefined && t.finishedAt !== undefined) runs.set(t.startedAt, Date.parse(t.finishedAt));
    }
    const instances = [...runs.entries()].map(([s0, f]) => ({ start: Date.parse(s0), finish: f })).sort((a, b) => a.start - b.start);
    const backoffs = instances.slice(1).map((x, i) => (x.start - (instances[i] as { finish: number }).finish) / 1000 - 1);
    // As kubelet: the first crash restarts at once, then 10 s doubling to the 300 s cap.
    expect(backoffs).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    const p = await get(c, 'crash');
    expect(p.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    await c.stop();
  });

  it('should delete gracefully: TERM, then KILL after terminationGracePeriodSeconds, then confirm', async () => {
    const c = createCluster({ nodes: 1 });
    const behavior = JSON.stringify({ onTerm: 'ignore' });
    await c.client.create(pod('slow', { terminationGracePeriodSeconds: 20 }, { 'behavior.kubeactors.dev/app': behavior }));
    await c.waitFor({ type: 'Pod', name: 'slow', namespace: 'default', condition: 'Ready' });
    await c.client.delete('Pod', 'slow', { namespace: 'default' });
    const t0 = c.clock.now();
    await c.waitFor({ type: 'Pod', name: 'slow', namespace: 'default', deleted: true });
    const took = c.clock.now() - t0;
    expect(took).toBeGreaterThanOrEqual(20_000);
    expect(took).toBeLessThan(22_000);
    await c.stop();
  });

  it('should keep pods across a kubelet restart and confirm deletions made while it was down', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('a'));
    await c.client.create(pod('b'));
    await c.waitFor(async () => (await get(c, 'b')).status?.phase === 'Running');
    const before = await get(c, 'a');
    c.nodes.stop('node-1');
    await c.advance(5_000);
    await c.client.delete('Pod', 'b', { namespace: 'default' });
    await c.advance(60_000);
    expect((await get(c, 'b')).metadata.deletionTimestamp).toBeDefined();
    c.nodes.start('node-1');
    await c.settle({ quietMs: 10_000 });
    await expect(get(c, 'b')).rejects.toSatisfy(isNotFound);
    const after = await get(c, 'a');
    expect(after.status?.phase).toBe('Running');
    expect(after.status?.podIP).toBe(before.status?.podIP);
    expect(after.status?.startTime).toBe(before.status?.startTime);
    await c.stop();
  });

  it('should serve simulated logs, current and previous', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('echo', { restartPolicy: 'Always', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello from kubeactors; exit 3'] }] }));
    await c.waitFor(async () => ((await get(c, 'echo')).status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1);
    expect(c.logs('echo', 'app', { previous: true })).toContain('hello from kubeactors');
    expect(() => c.logs('nope')).toThrow(/not found/);
    await c.stop();
  });
});

describe('static pods', () => {
  it('should run a static pod and post a mirror pod that comes back when deleted through the API', async () => {
    const c = createCluster({ nodes: [{ name: 'cp-1', labels: { 'node-role.kubernetes.io/control-plane': '' }, staticPods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system' }, spec: { containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.12-0' }] } }] }] });
    await c.waitFor({ type: 'Pod', name: 'etcd-cp-1', namespace: 'kube-system', condition: 'Ready' });
    const mirror = await c.client.get('Pod', 'etcd-cp-1', { namespace: 'kube-system' });
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toBeDefined();
    expect(mirror.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'cp-1' });
    await c.client.delete('Pod', 'etcd-cp-1', { namespace: 'kube-system', gracePeriodSeconds: 0 });
    await c.settle({ quietMs: 5_000 });
    const again = await c.client.get('Pod', 'etcd-cp-1', { namespace: 'kube-system' });
    expect(again.metadata.uid).not.toBe(mirror.metadata.uid);
    await c.stop();
  });
});

describe('kubelet after a partition', () => {
  it('should post its node and pod status again once it can reach the API server', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('p'));
    await c.waitFor({ type: 'Pod', name: 'p', namespace: 'default', condition: 'Ready' });
    c.nodes.partition('node-1');
    await c.waitFor({ type: 'Node', name: 'node-1', condition: 'Ready', status: 'Unknown' });
    await c.waitFor({ type: 'Pod', name: 'p', namespace: 'default', condition: 'Ready', status: 'False' });
    c.nodes.heal('node-1');
    await c.waitFor({ type: 'Node', name: 'node-1', condition: 'Ready' }, { timeoutMs: 30_000 });
    await c.waitFor({ type: 'Pod', name: 'p', namespace: 'default', condition: 'Ready' }, { timeoutMs: 30_000 });
    await c.stop();
  });
});

describe('cluster.nodes cordon and drain', () => {
  it('should cordon a node and drain its managed pods to the other node', async () => {
    const c = createCluster({ nodes: 2, seed: 2 });
    await c.apply('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 4\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: nginx:1.25 }] }\n');
    await c.waitFor({ type: 'Deployment', name: 'web', namespace: 'default', condition: 'Available' });
    const drained = c.nodes.drain('node-1', { timeoutMs: 120_000 });
    await c.settle({ quietMs: 10_000 });
    const result = await drained;
    expect(result.log[0]).toBe('node/node-1 cordoned');
    expect((await c.client.get('Node', 'node-1')).spec?.unschedulable).toBe(true);
    await c.waitFor({ type: 'Deployment', name: 'web', namespace: 'default', condition: 'Available' });
    const pods = (await c.client.list('Pod', { namespace: 'default' })).items.filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.spec?.nodeName === 'node-2')).toBe(true);
    expect((await c.nodes.uncordon('node-1')).message).toBe('node/node-1 uncordoned');
    await c.stop();
  });
});
