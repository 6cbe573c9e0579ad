import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { createRng } from '../runtime/sim/rng.ts';
import { createProxyState, pickEndpoint } from './endpointPicker.ts';
import { buildProxyRules, ruleKey, usableEndpoints } from './proxyRules.ts';

const svc = (name: string, spec: NonNullable<Service['spec']>): Service => ({ metadata: { name, namespace: 'default' }, spec });
const slice = (name: string, endpoints: EndpointSlice['endpoints'], port = 8080): EndpointSlice => ({
  addressType: 'IPv4',
  metadata: { name: `${name}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
  ports: [{ name: '', port, protocol: 'TCP' }],
  endpoints,
});

describe('buildProxyRules', () => {
  it('should program ClusterIP, NodePort and load-balancer rules, and none for headless or ExternalName', () => {
    const rules = buildProxyRules(
      [
        svc('web', { type: 'LoadBalancer', clusterIP: '10.96.0.20', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }),
        svc('db', { clusterIP: 'None', ports: [{ port: 5432 }] }),
        svc('ext', { type: 'ExternalName', externalName: 'example.com' }),
      ].map((s, i) => (i === 0 ? { ...s, status: { loadBalancer: { ingress: [{ ip: '203.0.113.2' }] } } } : s)),
      [slice('web', [{ addresses: ['10.244.0.2'], conditions: { ready: true }, nodeName: 'n1' }])],
    );
    expect(rules.rules.map((r) => r.name)).toEqual(['web']);
    expect(rules.byClusterIP.get(ruleKey('10.96.0.20', 80))?.endpoints.map((e) => `${e.ip}:${e.port}`)).toEqual(['10.244.0.2:8080']);
    expect(rules.byNodePort.get('30080/TCP')?.name).toBe('web');
    expect(rules.byExternalIP.get(ruleKey('203.0.113.2', 80))?.name).toBe('web');
  });

  it('should fall back to serving terminating endpoints and honour Local traffic policies', () => {
    const [rule] = buildProxyRules(
      [svc('web', { type: 'NodePort', clusterIP: '10.96.0.20', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30080 }] })],
      [slice('web', [
        { addresses: ['10.244.0.2'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'n1' },
        { addresses: ['10.244.0.3'], conditions: { ready: false, serving: false, terminating: false }, nodeName: 'n2' },
      ])],
    ).rules;
    if (rule === undefined) throw new Error('no rule');
    expect(usableEndpoints(rule, 'n2', false).map((e) => e.ip)).toEqual(['10.244.0.2']);
    expect(usableEndpoints(rule, 'n1', true).map((e) => e.ip)).toEqual(['10.244.0.2']);
    expect(usableEndpoints(rule, 'n2', true)).toEqual([]);
  });
});

describe('pickEndpoint', () => {
  const [rule] = buildProxyRules(
    [svc('web', { clusterIP: '10.96.0.20', ports: [{ port: 80 }] })],
    [slice('web', ['10.244.0.2', '10.244.0.3', '10.244.0.4'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })))],
  ).rules;
  if (rule === undefined) throw new Error('no rule');
  it('should go round-robin in ipvs mode and at random in iptables mode', () => {
    const state = createProxyState();
    const rr = Array.from({ length: 6 }, () => pickEndpoint(rule, rule.endpoints, { mode: 'ipvs', rng: createRng(1), state, clientIP: 'c', nowMs: 0 })?.ip);
    expect(rr).toEqual(['10.244.0.2', '10.244.0.3', '10.244.0.4', '10.244.0.2', '10.244.0.3', '10.244.0.4']);
    const rng = createRng(3);
    const random = Array.from({ length: 60 }, () => pickEndpoint(rule, rule.endpoints, { mode: 'iptables', rng, state, clientIP: 'c', nowMs: 0 })?.ip);
    expect(new Set(random).size).toBe(3);
  });

  it('should keep ClientIP affinity while used within the timeout', () => {
    const sticky = { ...rule, affinitySeconds: 10 };
    const state = createProxyState();
    const rng = createRng(5);
    const at = (ms: number, client = 'c1') => pickEndpoint(sticky, sticky.endpoints, { mode: 'iptables', rng, state, clientIP: client, nowMs: ms })?.ip;
    const first = at(0);
    expect([at(5_000), at(14_000), at(23_000)]).toEqual([first, first, first]);
    const afterIdle = new Set(Array.from({ length: 8 }, (_, i) => at(100_000 * (i + 1))));
    expect(afterIdle.size).toBeGreaterThan(1);
  });
});
