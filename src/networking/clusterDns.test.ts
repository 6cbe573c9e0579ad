import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { kubiaCluster } from '../testing/kubiaFixtures.ts';
import { dnsLookup, resolveWithSearch, searchCandidates } from './clusterDns.ts';
import type { DnsView } from './clusterDns.ts';
import { formatResolvConf, podResolvConf } from './resolvConf.ts';
import type { DnsSettings } from './resolvConf.ts';

const services: Service[] = [
  { metadata: { name: 'kubia-svc', namespace: 'default' }, spec: { clusterIP: '10.109.24.62', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
  { metadata: { name: 'kubia-headless', namespace: 'default' }, spec: { clusterIP: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
  { metadata: { name: 'external-service', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'kubia.scorpion.com' } },
];
const slice: EndpointSlice = {
  addressType: 'IPv4',
  metadata: { name: 'kubia-headless-abc', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubia-headless' } },
  ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  endpoints: [
    { addresses: ['172.17.0.2'], conditions: { ready: true }, hostname: 'kubia-0' },
    { addresses: ['172.17.0.3'], conditions: { ready: true } },
    { addresses: ['172.17.0.4'], conditions: { ready: false } },
  ],
};
const view: DnsView = {
  service: (ns, name) => services.find((s) => s.metadata?.namespace === ns && s.metadata.name === name),
  slices: (_ns, name) => (name === 'kubia-headless' ? [slice] : []),
  external: (name) => (name === 'kubia.scorpion.com' ? ['93.184.216.34'] : undefined),
};
const settings: DnsSettings = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local', host: { nameservers: ['192.168.49.1'], searches: ['localdomain'], options: [] } };
const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}, ns = 'default'): Pod => ({ metadata: { name: 'p', namespace: ns }, spec: { containers: [], ...spec } });

describe('dnsLookup', () => {
  it('should answer A records for ClusterIP and headless Services and endpoint hostnames', () => {
    expect(dnsLookup(view, 'kubia-svc.default.svc.cluster.local', 'A').records).toEqual([{ type: 'A', name: 'kubia-svc.default.svc.cluster.local', ip: '10.109.24.62' }]);
    expect(dnsLookup(view, 'kubia-headless.default.svc.cluster.local.', 'A').records.map((r) => (r.type === 'A' ? r.ip : ''))).toEqual(['172.17.0.2', '172.17.0.3']);
    expect(dnsLookup(view, 'kubia-0.kubia-headless.default.svc.cluster.local', 'A').records).toHaveLength(1);
    expect(dnsLookup(view, '172-17-0-3.kubia-headless.default.svc.cluster.local', 'A').records).toHaveLength(1);
    expect(dnsLookup(view, '172-17-0-4.kubia-headless.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dnsLookup(view, 'nosuch.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(dnsLookup(view, '10-244-1-7.default.pod.cluster.local', 'A').records).toEqual([{ type: 'A', name: '10-244-1-7.default.pod.cluster.local', ip: '10.244.1.7' }]);
  });

  it('should answer SRV records for named ports', () => {
    expect(dnsLookup(view, '_http._tcp.kubia-svc.default.svc.cluster.local', 'SRV').records).toEqual([
      { type: 'SRV', name: '_http._tcp.kubia-svc.default.svc.cluster.local', target: 'kubia-svc.default.svc.cluster.local', port: 80, priority: 0, weight: 100 },
    ]);
    const headless = dnsLookup(view, '_http._tcp.kubia-headless.default.svc.cluster.local', 'SRV').records;
    expect(headless.map((r) => (r.type === 'SRV' ? `${r.target}:${r.port}` : ''))).toEqual(['kubia-0.kubia-headless.default.svc.cluster.local:8080', '172-17-0-3.kubia-headless.default.svc.cluster.local:8080']);
    expect(dnsLookup(view, '_https._tcp.kubia-svc.default.svc.cluster.local', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('should answer a CNAME for ExternalName and follow it outside', () => {
    expect(dnsLookup(view, 'external-service.default.svc.cluster.local', 'A').records).toEqual([
      { type: 'CNAME', name: 'external-service.default.svc.cluster.local', target: 'kubia.scorpion.com' },
      { type: 'A', name: 'kubia.scorpion.com', ip: '93.184.216.34' },
    ]);
  });

  it('should search like glibc with ndots:5', () => {
    expect(searchCandidates('kubia-svc', ['default.svc.cluster.local', 'svc.cluster.local'], 5)).toEqual(['kubia-svc.default.svc.cluster.local', 'kubia-svc.svc.cluster.local', 'kubia-svc']);
    expect(searchCandidates('a.b.c.d.e.f', ['x'], 5)).toEqual(['a.b.c.d.e.f', 'a.b.c.d.e.f.x']);
    expect(searchCandidates('abs.', ['x'], 5)).toEqual(['abs']);
    const rc = podResolvConf(pod(), settings);
    const search = { searches: rc.searches, ndots: 5, domain: 'cluster.local' };
    expect(resolveWithSearch(view, 'kubia-svc', 'A', search).name).toBe('kubia-svc.default.svc.cluster.local');
    expect(resolveWithSearch(view, 'kubia-svc.default', 'A', search).name).toBe('kubia-svc.default.svc.cluster.local');
    expect(resolveWithSearch(view, 'kubia-svc', 'A', { ...search, searches: podResolvConf(pod({}, 'prod'), settings).searches }).rcode).toBe('NXDOMAIN');
  });
});

describe('podResolvConf', () => {
  it('should write the ClusterFirst resolv.conf with the node search domains after the cluster ones', () => {
    expect(formatResolvConf(podResolvConf(pod(), settings))).toBe('search default.svc.cluster.local svc.cluster.local cluster.local localdomain\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('should follow dnsPolicy Default, None with dnsConfig, and hostNetwork', () => {
    expect(formatResolvConf(podResolvConf(pod({ dnsPolicy: 'Default' }), settings))).toBe('search localdomain\nnameserver 192.168.49.1\n');
    expect(formatResolvConf(podResolvConf(pod({ hostNetwork: true }), settings))).toBe('search localdomain\nnameserver 192.168.49.1\n');
    expect(podResolvConf(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), settings).nameservers).toEqual(['10.96.0.10']);
    const none = podResolvConf(pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } }), settings);
    expect(formatResolvConf(none)).toBe('search ns1.svc.cluster-domain.example\nnameserver 1.2.3.4\noptions ndots:2 edns0\n');
    const merged = podResolvConf(pod({ dnsConfig: { nameservers: ['10.96.0.10', '8.8.8.8', '8.8.4.4', '1.1.1.1'], options: [{ name: 'ndots', value: '1' }] } }), settings);
    expect(merged.nameservers).toEqual(['10.96.0.10', '8.8.8.8', '8.8.4.4']);
    expect(merged.options).toEqual(['ndots:1']);
  });
});

describe('cluster DNS', () => {
  it('should resolve Service names from a pod through its search path, and time out when DNS is down', async () => {
    const { cluster } = await kubiaCluster({ network: { externalHosts: { 'kubia.scorpion.com': '93.184.216.34' } } });
    await cluster.apply(`apiVersion: v1
kind: Service
metadata: { name: kubia-svc }
spec: { selector: { app: kubia }, ports: [{ name: http, port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: external-service }
spec: { type: ExternalName, externalName: kubia.scorpion.com, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: busybox }
spec: { containers: [{ name: busybox, image: busybox, command: [sleep, '3600'] }] }
`);
    await cluster.settle({ quietMs: 5_000 });
    const ip = (await cluster.client.get<'Service', Service>('Service', 'kubia-svc', { namespace: 'default' })).spec?.clusterIP;
    const from = { pod: 'busybox' };
    expect(cluster.network.resolve('kubia-svc', { fromPod: from })).toMatchObject({ ok: true, name: 'kubia-svc.default.svc.cluster.local', addresses: [ip] });
    expect(cluster.network.resolve('kubernetes.default', { fromPod: from })).toMatchObject({ ok: true, addresses: ['10.96.0.1'] });
    expect(cluster.network.resolve('kube-dns.kube-system.svc.cluster.local')).toMatchObject({ ok: true, addresses: ['10.96.0.10'] });
    expect(cluster.network.resolve('_http._tcp.kubia-svc.default.svc.cluster.local', { type: 'SRV' })).toMatchObject({ ok: true, records: [{ type: 'SRV', port: 80 }] });
    expect(cluster.network.resolve('external-service', { fromPod: from })).toMatchObject({ ok: true, addresses: ['93.184.216.34'] });
    expect(cluster.network.resolve('kubia-svc', { fromPod: from, type: 'A' })).toMatchObject({ ok: true });
    expect(cluster.network.resolve('nosuch', { fromPod: from })).toMatchObject({ ok: false, reason: 'NXDOMAIN' });
    expect(cluster.network.resolvConf(from)).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    const dns = cluster.root.system.get('kube-dns') as { getSnapshot(): { value: unknown; context: { queries: number } } };
    expect(dns.getSnapshot().value).toBe('serving');
    expect(dns.getSnapshot().context.queries).toBeGreaterThan(0);
    cluster.root.send({ type: 'component.stop', id: 'kube-dns' });
    expect(cluster.network.resolve('kubia-svc', { fromPod: from })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(cluster.network.request({ from, to: 'kubia-svc' })).toMatchObject({ ok: false, reason: 'timeout' });
    await cluster.stop();
  });
});
