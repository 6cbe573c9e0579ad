import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Service } from 'kubernetes-types/core/v1.js';
import { kubeProxyMachine } from '../machines/kubeProxyMachine.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { kubiaCluster } from '../src/testing/kubiaFixtures.ts';
import { nodeWithAddress } from '../src/testing/networkFixtures.ts';

type ProxySnapshot = { value: unknown; context: { syncs: number; version: number } };
const proxyOf = (root: { system: { get(id: string): unknown } }, node: string) => root.system.get(`kube-proxy/${node}`) as { getSnapshot(): ProxySnapshot } | undefined;

describe('kubeProxyMachine', () => {
  it('should batch changes into one sync after the minimum sync period', () => {
    const clock = new VirtualClock(0);
    const actor = createActor(kubeProxyMachine.provide({ delays: { minSyncPeriod: 1000 } }), { input: { node: 'n1' }, clock });
    actor.start();
    expect(actor.getSnapshot().value).toBe('syncing');
    clock.advanceTo(1000);
    expect(actor.getSnapshot().value).toBe('synced');
    actor.send({ type: 'proxy.changed' });
    clock.advanceTo(1500);
    actor.send({ type: 'proxy.changed' });
    expect(actor.getSnapshot().value).toBe('syncing');
    clock.advanceTo(2000);
    expect(actor.getSnapshot()).toMatchObject({ value: 'synced', context: { syncs: 2 } });
    actor.stop();
  });
});

describe('startKubeProxies', () => {
  it('should run one kube-proxy per Node and follow Nodes as they come and go', async () => {
    const { cluster } = await kubiaCluster();
    await cluster.settle({ quietMs: 5_000 });
    expect(cluster.network.kubeProxies()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(proxyOf(cluster.root, 'node-1')?.getSnapshot().value).toBe('synced');
    await cluster.client.create(nodeWithAddress('node-4', '192.168.49.5'));
    await cluster.client.delete('Node', 'node-2');
    await cluster.settle({ quietMs: 5_000 });
    expect(cluster.network.kubeProxies()).toEqual(['node-1', 'node-3', 'node-4']);
    expect(proxyOf(cluster.root, 'node-2')).toBeUndefined();
    expect(proxyOf(cluster.root, 'node-4')?.getSnapshot().value).toBe('synced');
    // Every kube-proxy programs every Service (the kubernetes and kube-dns ones from the start).
    const svc = await cluster.client.get<'Service', Service>('Service', 'kubernetes', { namespace: 'default' });
    expect(cluster.network.proxyRules('node-4')).toContain(`KUBE-SERVICES ${svc.spec?.clusterIP ?? ''}:443/TCP -> default/kubernetes:https [192.168.49.2:6443]`);
    const before = proxyOf(cluster.root, 'node-1')?.getSnapshot().context.syncs ?? 0;
    await cluster.apply('apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n');
    await cluster.advance(200);
    expect(proxyOf(cluster.root, 'node-1')?.getSnapshot().value).toBe('syncing');
    expect(cluster.network.proxyRules('node-1').some((l) => l.includes('default/web'))).toBe(false);
    await cluster.settle({ quietMs: 5_000 });
    expect(cluster.network.proxyRules('node-1').some((l) => l.includes('default/web'))).toBe(true);
    expect(proxyOf(cluster.root, 'node-1')?.getSnapshot().context.syncs).toBeGreaterThan(before);
    await cluster.stop();
  });
});
