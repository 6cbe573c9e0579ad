import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { isPodReady } from '../workloads/podConditions.ts';
import { startFakeKubelet } from './fakeKubelet.ts';

const pod = (name: string, extra: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }], ...extra } });

describe('startFakeKubelet', () => {
  it('should bind, start and ready pods after the delay, and remove terminating pods', async () => {
    const cluster = createCluster({ scheduler: { disabled: true }, seed: 1, builtinControllers: false });
    const kubelet = await startFakeKubelet(cluster, { nodes: ['a', { name: 'b', labels: { disk: 'ssd' } }], readyAfterMs: 3_000, terminationMs: 2_000 });
    await cluster.client.create(pod('p1', { nodeSelector: { disk: 'ssd' } }));
    await cluster.advance(1);
    const bound = await cluster.client.get<'Pod', Pod>('Pod', 'p1', { namespace: 'default' });
    expect(bound.spec?.nodeName).toBe('b');
    expect(bound.status?.phase).toBe('Pending');
    await cluster.advance(3_000);
    const running = await cluster.client.get<'Pod', Pod>('Pod', 'p1', { namespace: 'default' });
    expect(running.status?.phase).toBe('Running');
    expect(isPodReady(running)).toBe(true);
    expect(running.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    await kubelet.setReady('default', 'p1', false);
    expect(isPodReady(await cluster.client.get<'Pod', Pod>('Pod', 'p1', { namespace: 'default' }))).toBe(false);
    await cluster.client.delete('Pod', 'p1', { namespace: 'default' });
    await cluster.advance(1_000);
    expect((await cluster.client.get('Pod', 'p1', { namespace: 'default' })).metadata.deletionTimestamp).toBeDefined();
    await cluster.advance(1_500);
    await expect(cluster.client.get('Pod', 'p1', { namespace: 'default' })).rejects.toThrow('pods "p1" not found');
    await cluster.stop();
  });

  it('should leave pods unready with neverReady and unbound with bind: false', async () => {
    const cluster = createCluster({ scheduler: { disabled: true }, seed: 2, builtinControllers: false });
    await startFakeKubelet(cluster, { neverReady: (p) => p.metadata?.name === 'bad' });
    await cluster.client.create(pod('bad'));
    await cluster.settle({ quietMs: 1_000 });
    const bad = await cluster.client.get<'Pod', Pod>('Pod', 'bad', { namespace: 'default' });
    expect(bad.status?.phase).toBe('Running');
    expect(isPodReady(bad)).toBe(false);
    await cluster.stop();
    const idle = createCluster({ scheduler: { disabled: true }, seed: 3, builtinControllers: false });
    await startFakeKubelet(idle, { bind: false });
    await idle.client.create(pod('waiting'));
    await idle.settle({ quietMs: 1_000 });
    expect((await idle.client.get<'Pod', Pod>('Pod', 'waiting', { namespace: 'default' })).spec?.nodeName).toBeUndefined();
    await idle.stop();
  });
});
