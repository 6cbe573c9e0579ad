import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { kubiaCluster, kubiaReplicaSet } from '../testing/kubiaFixtures.ts';
import { matchHost, matchPath, routeIngress } from './ingressRouting.ts';

const backend = (name: string, port = 80) => ({ service: { name, port: { number: port } } });
const ing = (name: string, spec: NonNullable<Ingress['spec']>, created = '2025-01-01T00:00:00Z'): Ingress => ({ metadata: { name, namespace: 'default', creationTimestamp: created }, spec });

describe('ingress routing', () => {
  it('should match paths element-wise for Prefix and exactly for Exact', () => {
    expect(matchPath('Prefix', '/foo', '/foo')).toBe(true);
    expect(matchPath('Prefix', '/foo', '/foo/')).toBe(true);
    expect(matchPath('Prefix', '/foo/', '/foo/bar')).toBe(true);
    expect(matchPath('Prefix', '/foo', '/foobar')).toBe(false);
    expect(matchPath('Prefix', '/aaa/bb', '/aaa/bbb')).toBe(false);
    expect(matchPath('Prefix', '/', '/anything')).toBe(true);
    expect(matchPath('ImplementationSpecific', '/web', '/web/x')).toBe(true);
    expect(matchPath('Exact', '/foo', '/foo/')).toBe(false);
    expect(matchPath('Exact', '/foo', '/foo')).toBe(true);
  });

  it('should match exact hosts and one-label wildcards', () => {
    expect(matchHost('foo.bar.com', 'foo.bar.com:80')).toBe('exact');
    expect(matchHost('*.foo.com', 'bar.foo.com')).toBe('wildcard');
    expect(matchHost('*.foo.com', 'baz.bar.foo.com')).toBeUndefined();
    expect(matchHost('*.foo.com', 'foo.com')).toBeUndefined();
    expect(matchHost(undefined, 'anything')).toBe('any');
  });

  it('should prefer exact hosts, then the longest path, then Exact over Prefix, then the default backend', () => {
    const rules = [
      ing('a', { defaultBackend: backend('fallback'), rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('wild') }] } }] }),
      ing('b', {
        rules: [
          { host: 'kubia.example.com', http: { paths: [{ path: '/kubia', pathType: 'Prefix', backend: backend('kubia') }, { path: '/kubia/api', pathType: 'Prefix', backend: backend('api') }, { path: '/kubia/api', pathType: 'Exact', backend: backend('api-exact') }] } },
          { http: { paths: [{ path: '/any', pathType: 'Prefix', backend: backend('hostless') }] } },
        ],
      }, '2025-01-01T00:00:05Z'),
    ];
    const to = (host: string, path: string) => routeIngress(rules, host, path)?.backend.service?.name;
    expect(to('kubia.example.com', '/kubia')).toBe('kubia');
    expect(to('kubia.example.com', '/kubia/api/v1')).toBe('api');
    expect(to('kubia.example.com', '/kubia/api?x=1')).toBe('api-exact');
    expect(to('other.example.com', '/kubia')).toBe('wild');
    expect(to('elsewhere.org', '/any/thing')).toBe('hostless');
    expect(to('elsewhere.org', '/nope')).toBe('fallback');
    expect(routeIngress([rules[1] as Ingress], 'elsewhere.org', '/nope')).toBeUndefined();
  });
});

const KUBIA_INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: kubia-ingress }
spec:
  tls: [{ hosts: [kubia.example.com], secretName: tls-secret }]
  rules:
  - host: kubia.example.com
    http:
      paths:
      - { path: /kubia, pathType: Prefix, backend: { service: { name: kubia, port: { number: 80 } } } }
      - { path: /foo, pathType: Prefix, backend: { service: { name: bar, port: { number: 80 } } } }
`;

describe('ingress controller and cloud load balancer', () => {
  it('should route kubia-ingress by host and path and publish its address', async () => {
    const { cluster } = await kubiaCluster();
    await cluster.apply(kubiaReplicaSet(3));
    await cluster.apply(`apiVersion: v1
kind: Service
metadata: { name: kubia }
spec: { selector: { app: kubia }, ports: [{ port: 80, targetPort: 8080 }] }
---
apiVersion: v1
kind: Service
metadata: { name: bar }
spec: { selector: { app: bar }, ports: [{ port: 80 }] }
`);
    await cluster.apply(KUBIA_INGRESS);
    await cluster.settle({ quietMs: 5_000 });
    const ingress = await cluster.client.get<'Ingress', Ingress>('Ingress', 'kubia-ingress', { namespace: 'default' });
    expect(ingress.status?.loadBalancer?.ingress).toEqual([{ ip: '203.0.113.1' }]);
    const r = cluster.network.request({ from: 'external', to: { ingressHost: 'kubia.example.com', path: '/kubia' } });
    expect(r.ok && r.body).toMatch(/^You've hit kubia-/);
    expect(cluster.network.request({ from: 'external', to: { ingressHost: 'kubia.example.com', path: '/foo' } })).toMatchObject({ ok: true, status: 503, pod: undefined });
    expect(cluster.network.request({ from: 'external', to: { ingressHost: 'other.example.com', path: '/kubia' } })).toMatchObject({ ok: true, status: 404 });
    const warnings = cluster.events().filter((e) => e.reason === 'TLSSecretNotFound');
    expect(warnings.map((e) => e.message)).toEqual(['secret "default/tls-secret" not found; hosts [kubia.example.com] are served with the default certificate']);
    expect(cluster.events().some((e) => e.reason === 'Sync' && e.involvedObject.name === 'kubia-ingress')).toBe(true);
    const before = cluster.network.ingressReloads();
    await cluster.client.mutate('Ingress', 'kubia-ingress', (d: Ingress) => {
      d.spec?.rules?.[0]?.http?.paths.push({ path: '/kubia-too', pathType: 'Exact', backend: { service: { name: 'kubia', port: { number: 80 } } } });
    }, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(cluster.network.ingressReloads()).toBe(before + 1);
    expect(cluster.network.request({ from: 'external', to: { ingressHost: 'kubia.example.com', path: '/kubia-too' } })).toMatchObject({ ok: true, status: 200 });
    await cluster.stop();
  });

  it('should give new Ingresses the default IngressClass and ignore other controllers\' classes', async () => {
    const { cluster } = await kubiaCluster();
    await cluster.apply(`apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: { name: traefik, annotations: { ingressclass.kubernetes.io/is-default-class: "true" } }
spec: { controller: traefik.io/ingress-controller }
`);
    await cluster.apply(KUBIA_INGRESS);
    await cluster.settle({ quietMs: 5_000 });
    const ingress = await cluster.client.get<'Ingress', Ingress>('Ingress', 'kubia-ingress', { namespace: 'default' });
    expect(ingress.spec?.ingressClassName).toBe('traefik');
    expect(ingress.status?.loadBalancer?.ingress).toBeUndefined();
    await cluster.stop();
  });

  it('should give LoadBalancer Services an external IP from the pool and route outside traffic through a node', async () => {
    const { cluster } = await kubiaCluster();
    await cluster.apply(kubiaReplicaSet(3));
    await cluster.apply(`apiVersion: v1
kind: Service
metadata: { name: kubia-loadbalancer }
spec: { type: LoadBalancer, selector: { app: kubia }, ports: [{ port: 80, targetPort: 8080 }] }
`);
    await cluster.settle({ quietMs: 5_000 });
    const get = () => cluster.client.get<'Service', Service>('Service', 'kubia-loadbalancer', { namespace: 'default' });
    const svc = await get();
    expect(svc.status?.loadBalancer?.ingress).toEqual([{ ip: '203.0.113.2', ipMode: 'VIP' }]);
    expect(svc.spec?.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    const r = cluster.network.request({ from: 'external', to: '203.0.113.2:80' });
    expect(r.ok && r.body).toMatch(/^You've hit kubia-/);
    expect(cluster.events().filter((e) => e.involvedObject.name === 'kubia-loadbalancer').map((e) => e.reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
    await cluster.client.mutate('Service', 'kubia-loadbalancer', (d: Service) => {
      (d.spec ??= {}).externalTrafficPolicy = 'Local';
    }, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    await cluster.client.updateScale('ReplicaSet', 'kubia', 1, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    const [only] = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default', labelSelector: 'app=kubia' })).items.filter((p) => !p.metadata.deletionTimestamp);
    const ips: Record<string, string> = { 'node-1': '192.168.49.2', 'node-2': '192.168.49.3', 'node-3': '192.168.49.4' };
    const nodePort = (await get()).spec?.ports?.[0]?.nodePort ?? 0;
    const home = only?.spec?.nodeName ?? '';
    const away = Object.keys(ips).find((n) => n !== home) ?? '';
    // Local: a node without a local endpoint drops NodePort traffic; the load balancer only sends to healthy nodes.
    expect(cluster.network.request({ from: 'external', to: `${ips[away] ?? ''}:${nodePort}` })).toMatchObject({ ok: false, reason: 'no endpoints' });
    expect(cluster.network.request({ from: 'external', to: `${ips[home] ?? ''}:${nodePort}` })).toMatchObject({ ok: true, node: home });
    for (let i = 0; i < 10; i++) expect(cluster.network.request({ from: 'external', to: '203.0.113.2:80' })).toMatchObject({ ok: true, pod: only?.metadata.name });
    await cluster.client.mutate('Service', 'kubia-loadbalancer', (d: Service) => {
      (d.spec ??= {}).type = 'ClusterIP';
    }, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect((await get()).status?.loadBalancer).toEqual({});
    expect(cluster.network.request({ from: 'external', to: '203.0.113.2:80' })).toMatchObject({ ok: false, reason: 'timeout' });
    await cluster.stop();
  });
});
