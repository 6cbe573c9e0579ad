import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { computeEndpointSubsets, MAX_ENDPOINTS_ADDRESSES } from './endpointSubsets.ts';
import { findPort } from './podEndpoints.ts';
import { planSlices } from './slicePlan.ts';

const pod = (name: string, ip: string, ports: { name: string; containerPort: number }[], ready = true): Pod => ({
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'x' } },
  spec: { nodeName: 'n1', containers: [{ name: 'c', ports }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const svc: Service = { metadata: { name: 'x', namespace: 'default' }, spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }, { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 'metrics' }] } };

describe('computeEndpointSubsets', () => {
  it('should repack like upstream: ports offered by the same addresses share a subset', () => {
    const a = pod('a', '10.0.0.10', [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9100 }]);
    const b = pod('b', '10.0.0.9', [{ name: 'http', containerPort: 8080 }]);
    const c = pod('c', '10.0.0.11', [{ name: 'http', containerPort: 8080 }], false);
    const { subsets, truncated } = computeEndpointSubsets(svc, [a, b, c]);
    expect(truncated).toBe(false);
    expect(subsets.map((s) => [(s.addresses ?? []).map((x) => x.ip), (s.notReadyAddresses ?? []).map((x) => x.ip), (s.ports ?? []).map((p) => `${p.name}:${p.port}`)])).toEqual([
      [['10.0.0.9', '10.0.0.10'], ['10.0.0.11'], ['http:8080']],
      [['10.0.0.10'], [], ['metrics:9100']],
    ]);
    expect(subsets[0]?.addresses?.[0]).toEqual({ ip: '10.0.0.9', nodeName: 'n1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } });
  });

  it('should truncate over 1000 addresses, keeping ready ones first', () => {
    const many = Array.from({ length: MAX_ENDPOINTS_ADDRESSES + 5 }, (_, i) => pod(`p${i}`, `10.1.${Math.floor(i / 250)}.${i % 250}`, [{ name: 'http', containerPort: 80 }], i >= 5));
    const { subsets, truncated } = computeEndpointSubsets({ ...svc, spec: { ...svc.spec, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] } }, many);
    expect(truncated).toBe(true);
    expect(subsets[0]?.addresses).toHaveLength(MAX_ENDPOINTS_ADDRESSES);
    expect(subsets[0]?.notReadyAddresses).toBeUndefined();
  });

  it('should resolve targetPort numbers as is and names by protocol', () => {
    const p = pod('a', '10.0.0.1', [{ name: 'http', containerPort: 8080 }]);
    expect(findPort(p, { port: 80, targetPort: 8081 })).toBe(8081);
    expect(findPort(p, { port: 80, targetPort: 'http', protocol: 'TCP' })).toBe(8080);
    expect(findPort(p, { port: 80, targetPort: 'http', protocol: 'UDP' })).toBeUndefined();
    expect(findPort(p, { port: 80 })).toBe(80);
  });
});

describe('planSlices', () => {
  const template = { namespace: 'default', generateName: 'x-', labels: { 'kubernetes.io/service-name': 'x' }, ownerReferences: [] };
  const ep = (ip: string) => ({ addresses: [ip], conditions: { ready: true } });
  it('should reuse slices with the same ports, update only what changed and delete the rest', () => {
    const ports = [{ name: '', port: 80, protocol: 'TCP' }];
    const existing: EndpointSlice[] = [
      { addressType: 'IPv4', metadata: { name: 'x-aaaaa', namespace: 'default', labels: template.labels, ownerReferences: [] }, ports, endpoints: [ep('10.0.0.1')] },
      { addressType: 'IPv4', metadata: { name: 'x-bbbbb', namespace: 'default', labels: template.labels, ownerReferences: [] }, ports: [{ name: '', port: 81, protocol: 'TCP' }], endpoints: [] },
    ];
    const same = planSlices([{ ports, endpoints: [ep('10.0.0.1')] }], existing.slice(0, 1), template);
    expect(same).toEqual({ create: [], update: [], delete: [] });
    const plan = planSlices([{ ports, endpoints: [ep('10.0.0.2'), ep('10.0.0.1'), ep('10.0.0.3')] }], existing, template, { maxPerSlice: 2 });
    expect(plan.update.map((s) => [s.metadata?.name, s.endpoints.map((e) => e.addresses[0])])).toEqual([['x-aaaaa', ['10.0.0.1', '10.0.0.2']]]);
    expect(plan.create.map((s) => s.endpoints.map((e) => e.addresses[0]))).toEqual([['10.0.0.3']]);
    expect(plan.delete.map((s) => s.metadata?.name)).toEqual(['x-bbbbb']);
    expect(planSlices([], [], template).create).toHaveLength(1);
    expect(planSlices([], [], template, { placeholder: false }).create).toHaveLength(0);
  });
});
