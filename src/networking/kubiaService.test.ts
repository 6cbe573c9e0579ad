import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import { CLIENT_POD, kubiaCluster, kubiaReplicaSet } from '../testing/kubiaFixtures.ts';
import { setPodReady } from '../testing/networkFixtures.ts';

const KUBIA_SVC = `apiVersion: v1
kind: Service
metadata: { name: kubia }
spec:
  selector: { app: kubia }
  ports: [{ port: 80, targetPort: 8080 }]
`;

async function setup(proxyMode: 'iptables' | 'ipvs' | 'userspace', svc = KUBIA_SVC, seed = 7) {
  const { cluster } = await kubiaCluster({ seed, network: { proxyMode } });
  await cluster.apply(kubiaReplicaSet(3));
  await cluster.apply(svc);
  await cluster.apply(CLIENT_POD);
  await cluster.settle({ quietMs: 5_000 });
  const pods = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default', labelSelector: 'app=kubia' })).items;
  const hit = (n: number, to = 'kubia') =>
    Array.from({ length: n }, () => {
      const r = cluster.network.request({ from: { pod: 'client' }, to });
      if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
      return r.pod ?? '';
    });
  return { cluster, pods, hit };
}

describe('kubia behind a Service', () => {
  it('should list the three ready pods in the Endpoints and answer "You\'ve hit <pod>"', async () => {
    const { cluster, pods } = await setup('iptables');
    const ep = await cluster.client.get<'Endpoints', Endpoints>('Endpoints', 'kubia', { namespace: 'default' });
    const addrs = ep.subsets?.[0]?.addresses ?? [];
    expect(addrs.map((a) => a.targetRef?.name).sort()).toEqual(pods.map((p) => p.metadata?.name).sort());
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
    const r = cluster.network.request({ from: { pod: 'client' }, to: 'http://kubia.default.svc.cluster.local' });
    expect(r.ok && r.body).toBe(`You've hit ${r.ok ? r.pod : ''}\n`);
    expect(r.ok && pods.some((p) => p.metadata?.name === r.pod && p.status?.podIP === r.podIP && p.spec?.nodeName === r.node)).toBe(true);
    await cluster.stop();
  });

  it('should answer in turn with a round-robin proxy (the seeds\' userspace mode)', async () => {
    const { cluster, hit } = await setup('userspace');
    const seq = hit(6);
    expect(new Set(seq.slice(0, 3)).size).toBe(3);
    expect(seq.slice(3)).toEqual(seq.slice(0, 3));
    await cluster.stop();
  });

  it('should spread requests at random in iptables mode, the same way for the same seed', async () => {
    const a = await setup('iptables', KUBIA_SVC, 11);
    const seqA = a.hit(60);
    expect(new Set(seqA).size).toBe(3);
    // Not round-robin: some pod answers twice in a row.
    expect(seqA.some((p, i) => i > 0 && seqA[i - 1] === p)).toBe(true);
    const b = await setup('iptables', KUBIA_SVC, 11);
    expect(b.hit(60)).toEqual(seqA);
    await a.cluster.stop();
    await b.cluster.stop();
  });

  it('should pin a client to one pod with ClientIP session affinity until the timeout', async () => {
    const { cluster, hit } = await setup('iptables', KUBIA_SVC.replace('spec:\n', 'spec:\n  sessionAffinity: ClientIP\n  sessionAffinityConfig: { clientIP: { timeoutSeconds: 30 } }\n'));
    const pinned = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const seq = hit(15);
      expect(new Set(seq).size).toBe(1);
      pinned.add(seq[0] ?? '');
      // Idle past the timeout: the next connection is balanced afresh.
      await cluster.advance(31_000);
    }
    expect(pinned.size).toBeGreaterThan(1);
    await cluster.apply(KUBIA_SVC.replace('name: kubia }', 'name: sticky }').replace('spec:\n', 'spec:\n  sessionAffinity: ClientIP\n'));
    const svc = await cluster.client.get<'Service', Service>('Service', 'sticky', { namespace: 'default' });
    expect(svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds).toBe(10800);
    await cluster.stop();
  });

  it('should take a pod that fails readiness out of the endpoints and out of rotation', async () => {
    const { cluster, pods, hit } = await setup('userspace');
    const victim = pods[0]?.metadata?.name ?? '';
    await setPodReady(cluster, 'default', victim, false);
    await cluster.settle({ quietMs: 5_000 });
    const ep = await cluster.client.get<'Endpoints', Endpoints>('Endpoints', 'kubia', { namespace: 'default' });
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name)).not.toContain(victim);
    expect(ep.subsets?.[0]?.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual([victim]);
    const seen = hit(12);
    expect(seen).not.toContain(victim);
    expect(new Set(seen).size).toBe(2);
    await setPodReady(cluster, 'default', victim, true);
    await cluster.settle({ quietMs: 5_000 });
    expect(hit(6)).toContain(victim);
    await cluster.stop();
  });

  it('should reach a NodePort Service on every node, from inside and outside the cluster', async () => {
    const { cluster } = await setup('iptables', KUBIA_SVC.replace('name: kubia }', 'name: kubia-nodeport }').replace('spec:\n', 'spec:\n  type: NodePort\n').replace('targetPort: 8080', 'targetPort: 8080, nodePort: 30123'));
    for (const ip of ['192.168.49.2', '192.168.49.3', '192.168.49.4']) {
      const outside = cluster.network.request({ from: 'external', to: `${ip}:30123` });
      expect(outside.ok && outside.body).toMatch(/^You've hit kubia-/);
      const inside = cluster.network.request({ from: { pod: 'client' }, to: `http://${ip}:30123` });
      expect(inside.ok).toBe(true);
    }
    expect(cluster.network.request({ from: 'external', to: '192.168.49.2:30124' })).toMatchObject({ ok: false, reason: 'connection refused' });
    // A ClusterIP is not reachable from outside the cluster.
    const svc = await cluster.client.get<'Service', Service>('Service', 'kubia-nodeport', { namespace: 'default' });
    expect(cluster.network.request({ from: 'external', to: `${svc.spec?.clusterIP ?? ''}:80` })).toMatchObject({ ok: false, reason: 'timeout' });
    const line = cluster.network.proxyRules('node-2').find((l) => l.startsWith('KUBE-NODEPORTS 192.168.49.3:30123/TCP -> default/kubia-nodeport ['));
    expect(line?.match(/:8080/g)).toHaveLength(3);
    await cluster.stop();
  });

  it('should give a recreated Service a new ClusterIP', async () => {
    const { cluster } = await setup('iptables');
    const before = (await cluster.client.get<'Service', Service>('Service', 'kubia', { namespace: 'default' })).spec?.clusterIP;
    await cluster.client.delete('Service', 'kubia', { namespace: 'default' });
    await cluster.apply(KUBIA_SVC);
    await cluster.settle({ quietMs: 5_000 });
    const after = (await cluster.client.get<'Service', Service>('Service', 'kubia', { namespace: 'default' })).spec?.clusterIP;
    expect(after).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    expect(after).not.toBe(before);
    const r = cluster.network.request({ from: { pod: 'client' }, to: `${after ?? ''}:80` });
    expect(r.ok).toBe(true);
    expect(cluster.network.request({ from: { pod: 'client' }, to: `${before ?? ''}:80` })).toMatchObject({ ok: false, reason: 'timeout' });
    await cluster.stop();
  });

  it('should fail with "no endpoints" when nothing backs the Service', async () => {
    const { cluster } = await setup('iptables');
    await cluster.client.updateScale('ReplicaSet', 'kubia', 0, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(cluster.network.request({ from: { pod: 'client' }, to: 'kubia' })).toMatchObject({ ok: false, reason: 'no endpoints' });
    expect(cluster.network.request({ from: { pod: 'client' }, to: 'nosuch' })).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
    await cluster.stop();
  });
});
