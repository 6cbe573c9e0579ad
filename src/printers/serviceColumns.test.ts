import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTable } from './formatTable.ts';
import { formatEndpoints, serviceExternalIP, servicePorts } from './serviceColumns.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

function svc(name: string, spec: NonNullable<Service['spec']>, status?: Service['status']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: at(13) }, spec, ...(status === undefined ? {} : { status }) };
}

describe('servicePrinter', () => {
  it('should print `kubectl get svc` exactly as the seeds show (seeds-003a §26.4)', () => {
    const kubernetes = { ...svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }] }) };
    kubernetes.metadata = { ...kubernetes.metadata, creationTimestamp: at(3 * 86400 + 15 * 3600) };
    const kubia = svc('kubia-svc', { type: 'ClusterIP', clusterIP: '10.101.87.239', clusterIPs: ['10.101.87.239'], selector: { app: 'kubia' }, ports: [{ name: 'kubia-port', port: 80, protocol: 'TCP', targetPort: 8080 }] });
    expect(formatTable(buildTable([kubernetes, kubia], { now: NOW }))).toBe(
      [
        'NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE',
        'kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   3d15h',
        'kubia-svc    ClusterIP   10.101.87.239   <none>        80/TCP    13s',
        '',
      ].join('\n'),
    );
  });

  it('should print node ports, pending and assigned load balancers, headless and ExternalName services', () => {
    const ports = [{ port: 80, targetPort: 8080, nodePort: 30123, protocol: 'TCP' }];
    const rows = buildTable(
      [
        svc('kubia-nodeport', { type: 'NodePort', clusterIP: '10.111.254.223', ports, selector: { app: 'kubia' } }),
        svc('kubia-loadbalancer', { type: 'LoadBalancer', clusterIP: '10.111.241.153', ports: [{ port: 80, nodePort: 32143, protocol: 'TCP' }] }),
        svc('kubia-lb2', { type: 'LoadBalancer', clusterIP: '10.0.0.9', ports: [{ port: 80, nodePort: 32000 }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.7' }] } }),
        svc('kubia-headless', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }], selector: { app: 'kubia' } }),
        svc('external-service', { type: 'ExternalName', externalName: 'api.somecompany.com', ports: [{ port: 80, protocol: 'TCP' }] }),
      ],
      { now: NOW },
    ).rows.map((r) => r.cells.slice(0, 5));
    expect(rows).toEqual([
      ['kubia-nodeport', 'NodePort', '10.111.254.223', '<none>', '80:30123/TCP'],
      ['kubia-loadbalancer', 'LoadBalancer', '10.111.241.153', '<pending>', '80:32143/TCP'],
      ['kubia-lb2', 'LoadBalancer', '10.0.0.9', '203.0.113.7,lb.example.com', '80:32000/TCP'],
      ['kubia-headless', 'ClusterIP', 'None', '<none>', '80/TCP'],
      ['external-service', 'ExternalName', '<none>', 'api.somecompany.com', '80/TCP'],
    ]);
  });

  it('should join several ports and external IPs', () => {
    expect(servicePorts([{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP', nodePort: 30053 }])).toBe('80/TCP,53:30053/UDP');
    expect(servicePorts([])).toBe('<none>');
    expect(serviceExternalIP(svc('x', { type: 'ClusterIP', externalIPs: ['1.2.3.4', '5.6.7.8'] }))).toBe('1.2.3.4,5.6.7.8');
    expect(serviceExternalIP(svc('x', { type: 'LoadBalancer', externalIPs: ['5.6.7.8'] }, { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } }))).toBe('1.1.1.1,5.6.7.8');
  });
});

describe('formatEndpoints', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubia-svc' }, ...(subsets === undefined ? {} : { subsets }) });

  it('should list ip:port pairs of ready addresses (seeds-003a §26.6)', () => {
    const three = ep([{ addresses: [{ ip: '172.17.0.2' }, { ip: '172.17.0.3' }, { ip: '172.17.0.4' }], notReadyAddresses: [{ ip: '172.17.0.9' }], ports: [{ port: 8080 }] }]);
    expect(formatEndpoints(three)).toBe('172.17.0.2:8080,172.17.0.3:8080,172.17.0.4:8080');
  });

  it('should stop after three and count the rest', () => {
    const five = ep([{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }, { addresses: [{ ip: '10.0.0.3' }], ports: [{ port: 80 }] }]);
    expect(formatEndpoints(five)).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 2 more...');
  });

  it('should print bare IPs without ports, brackets for IPv6, <none> without subsets and nothing without addresses', () => {
    expect(formatEndpoints(ep([{ addresses: [{ ip: '10.0.0.1' }] }]))).toBe('10.0.0.1');
    expect(formatEndpoints(ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]))).toBe('[fd00::1]:80');
    expect(formatEndpoints(ep(undefined))).toBe('<none>');
    expect(formatEndpoints(ep([{ notReadyAddresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]))).toBe('');
  });

  it('should show at most three entries and account for every address-port pair', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }), (shape) => {
        let n = 0;
        const subsets = shape.map(([addrs, ports]) => ({
          addresses: Array.from({ length: addrs }, () => ({ ip: `10.0.0.${++n}` })),
          ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })),
        }));
        const total = shape.reduce((sum, [a, p]) => sum + a * p, 0);
        const text = formatEndpoints(ep(subsets));
        const [listed = '', more] = text.split(' + ');
        expect(listed === '' ? 0 : listed.split(',').length).toBe(Math.min(3, total));
        expect(more).toBe(total > 3 ? `${total - 3} more...` : undefined);
      }),
    );
  });
});

describe('endpointSlicePrinter', () => {
  it('should print the address type, up to three ports and endpoints, and <unset> when empty', () => {
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubia-svc-abcde', namespace: 'default', creationTimestamp: at(30) },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'metrics' }],
      endpoints: [{ addresses: ['172.17.0.2'] }, { addresses: ['172.17.0.3'] }, { addresses: ['172.17.0.4'] }, { addresses: ['172.17.0.5'] }],
    };
    const empty: EndpointSlice = { ...slice, metadata: { ...slice.metadata, name: 'empty' }, ports: [], endpoints: [] };
    expect(buildTable([slice, empty], { now: NOW }).rows.map((r) => r.cells)).toEqual([
      ['kubia-svc-abcde', 'IPv4', '8080,metrics', '172.17.0.2,172.17.0.3,172.17.0.4 + 1 more...', '30s'],
      ['empty', 'IPv4', '<unset>', '<unset>', '30s'],
    ]);
  });
});
