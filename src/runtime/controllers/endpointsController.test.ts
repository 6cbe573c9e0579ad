import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { kubiaCluster } from '../../testing/kubiaFixtures.ts';
import { setPodReady } from '../../testing/networkFixtures.ts';
import { builtinControllers } from './builtinControllers.ts';
import { endpointSliceController } from './endpointSliceController.ts';

const pod = (name: string, labels: Record<string, string>, ports: { name?: string; containerPort: number }[], extra: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'luksa/kubia', ports }], ...extra },
});
const svc = (name: string, spec: NonNullable<Service['spec']>): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

async function setup(options: Parameters<typeof kubiaCluster>[0] = {}) {
  const { cluster, kubelet } = await kubiaCluster(options, { terminationMs: 60_000 });
  const ep = (name: string) => cluster.client.get<'Endpoints', Endpoints>('Endpoints', name, { namespace: 'default' });
  const slices = async (name: string) => (await cluster.client.list<'EndpointSlice', EndpointSlice>('EndpointSlice', { namespace: 'default', labelSelector: `kubernetes.io/service-name=${name}` })).items;
  return { cluster, kubelet, ep, slices };
}

describe('endpoints and EndpointSlice controllers', () => {
  it('should create the kubernetes Service, Endpoints and EndpointSlice and the kube-dns Service at start', async () => {
    const { cluster, ep, slices } = await setup();
    const k = await cluster.client.get<'Service', Service>('Service', 'kubernetes', { namespace: 'default' });
    expect(k.spec).toMatchObject({ clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] });
    expect((await ep('kubernetes')).subsets).toEqual([{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    await cluster.settle({ quietMs: 5_000 });
    expect((await slices('kubernetes')).map((s) => s.metadata?.name)).toEqual(['kubernetes']);
    const dns = await cluster.client.get<'Service', Service>('Service', 'kube-dns', { namespace: 'kube-system' });
    expect(dns.spec?.clusterIP).toBe('10.96.0.10');
    await cluster.stop();
  });

  it('should resolve named target ports per pod and keep multi-port names', async () => {
    const { cluster, ep, slices } = await setup();
    await cluster.apply([pod('a', { app: 'np' }, [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }]), pod('b', { app: 'np' }, [{ name: 'http', containerPort: 9090 }]), pod('c', { app: 'other' }, [{ name: 'http', containerPort: 8080 }])]);
    await cluster.apply(svc('kubia-svc-namedport', { selector: { app: 'np' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] }));
    await cluster.settle({ quietMs: 5_000 });
    const subsets = (await ep('kubia-svc-namedport')).subsets ?? [];
    const byPod = Object.fromEntries(subsets.flatMap((s) => (s.addresses ?? []).map((a) => [a.targetRef?.name, (s.ports ?? []).map((p) => `${p.name}:${p.port}`).sort()])));
    expect(byPod).toEqual({ a: ['http:8080', 'https:8443'], b: ['http:9090'] });
    const ss = await slices('kubia-svc-namedport');
    expect(ss.every((s) => s.metadata?.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io')).toBe(true);
    expect(ss.every((s) => s.metadata?.ownerReferences?.[0]?.kind === 'Service' && s.metadata.ownerReferences[0].controller === true)).toBe(true);
    const ports = ss.map((s) => (s.ports ?? []).map((p) => `${p.name}:${p.port}`).sort().join(',')).sort();
    expect(ports).toEqual(['http:8080,https:8443', 'http:9090']);
    await cluster.stop();
  });

  it('should set hostnames for pods whose subdomain is a headless Service, and label it headless', async () => {
    const { cluster, ep, slices } = await setup();
    await cluster.apply([pod('web-0', { app: 'nginx' }, [{ containerPort: 80 }], { hostname: 'web-0', subdomain: 'nginx' }), pod('web-1', { app: 'nginx' }, [{ containerPort: 80 }])]);
    await cluster.apply(svc('nginx', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80 }] }));
    await cluster.settle({ quietMs: 5_000 });
    const e = await ep('nginx');
    expect(e.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(e.subsets?.[0]?.addresses?.map((a) => [a.targetRef?.name, a.hostname ?? null])).toEqual(expect.arrayContaining([['web-0', 'web-0'], ['web-1', null]]));
    const [slice] = await slices('nginx');
    expect(slice?.endpoints.find((x) => x.targetRef?.name === 'web-0')).toMatchObject({ hostname: 'web-0', conditions: { ready: true, serving: true, terminating: false } });
    const r = cluster.network.resolve('web-0.nginx.default.svc.cluster.local');
    const web0 = await cluster.client.get<'Pod', Pod>('Pod', 'web-0', { namespace: 'default' });
    expect(r.ok && r.addresses).toEqual([web0.status?.podIP]);
    await cluster.stop();
  });

  it('should list not-ready pods apart unless publishNotReadyAddresses, and show terminating pods only in slices', async () => {
    const { cluster, ep, slices } = await setup();
    await cluster.apply([pod('p1', { app: 'x' }, [{ containerPort: 80 }]), pod('p2', { app: 'x' }, [{ containerPort: 80 }]), pod('p3', { app: 'x' }, [{ containerPort: 80 }])]);
    await cluster.apply([svc('x', { selector: { app: 'x' }, ports: [{ port: 80 }] }), svc('x-all', { selector: { app: 'x' }, publishNotReadyAddresses: true, ports: [{ port: 80 }] })]);
    await cluster.settle({ quietMs: 5_000 });
    await setPodReady(cluster, 'default', 'p1', false);
    await cluster.client.delete('Pod', 'p2', { namespace: 'default' });
    await cluster.advance(5_000);
    const x = (await ep('x')).subsets?.[0];
    expect(x?.addresses?.map((a) => a.targetRef?.name)).toEqual(['p3']);
    expect(x?.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual(['p1']);
    const all = (await ep('x-all')).subsets?.[0];
    expect(all?.addresses?.map((a) => a.targetRef?.name).sort()).toEqual(['p1', 'p2', 'p3']);
    const conds = Object.fromEntries((await slices('x')).flatMap((s) => s.endpoints.map((e) => [e.targetRef?.name, e.conditions])));
    expect(conds).toEqual({ p1: { ready: false, serving: false, terminating: false }, p2: { ready: false, serving: true, terminating: true }, p3: { ready: true, serving: true, terminating: false } });
    await cluster.stop();
  });

  it('should leave hand-made Endpoints of a selector-less Service alone and mirror them into slices', async () => {
    const { cluster, ep, slices } = await setup();
    await cluster.apply(svc('external-service', { ports: [{ port: 80 }] }));
    await cluster.apply({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external-service' }, subsets: [{ addresses: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }], ports: [{ port: 80 }] }] } as Endpoints);
    await cluster.settle({ quietMs: 5_000 });
    expect((await ep('external-service')).subsets).toEqual([{ addresses: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    const [m] = await slices('external-service');
    expect(m?.metadata?.labels?.['endpointslice.kubernetes.io/managed-by']).toBe('endpointslicemirroring-controller.k8s.io');
    expect(m?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Endpoints', name: 'external-service' });
    expect(m?.endpoints.map((e) => e.addresses[0])).toEqual(['1.1.1.1', '2.2.2.2']);
    const client = await cluster.client.create(pod('client', { app: 'client' }, []));
    await cluster.settle({ quietMs: 5_000 });
    // The backends are outside the simulated cluster: the connection goes nowhere.
    expect(cluster.network.request({ from: client, to: 'external-service' })).toMatchObject({ ok: false, reason: 'timeout' });
    await cluster.stop();
  });

  it('should delete the Endpoints and slices of a deleted Service', async () => {
    const { cluster, slices } = await setup();
    await cluster.apply([pod('p1', { app: 'x' }, [{ containerPort: 80 }]), svc('x', { selector: { app: 'x' }, ports: [{ port: 80 }] })]);
    await cluster.settle({ quietMs: 5_000 });
    expect(await slices('x')).toHaveLength(1);
    await cluster.client.delete('Service', 'x', { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    await expect(cluster.client.get('Endpoints', 'x', { namespace: 'default' })).rejects.toThrow('endpoints "x" not found');
    expect(await slices('x')).toHaveLength(0);
    await cluster.stop();
  });

  it('should pack at most maxEndpointsPerSlice endpoints into a slice', async () => {
    const controllers = builtinControllers().map((c) => c.name).filter((n) => n !== 'endpointslice');
    const { cluster, slices } = await setup({ builtinControllers: controllers, controllers: [endpointSliceController({ maxEndpointsPerSlice: 2 })] });
    await cluster.apply([1, 2, 3, 4, 5].map((i) => pod(`p${i}`, { app: 'x' }, [{ containerPort: 80 }])));
    await cluster.apply(svc('x', { selector: { app: 'x' }, ports: [{ port: 80 }] }));
    await cluster.settle({ quietMs: 5_000 });
    const ss = await slices('x');
    expect(ss.map((s) => s.endpoints.length).sort()).toEqual([1, 2, 2]);
    expect(new Set(ss.flatMap((s) => s.endpoints.map((e) => e.targetRef?.name))).size).toBe(5);
    await cluster.stop();
  });
});
