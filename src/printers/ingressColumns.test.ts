import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { describe, expect, it } from 'vitest';
import { formatHosts } from './ingressColumns.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

const backend = { service: { name: 'kubia-svc', port: { number: 80 } } };
const ingress: Ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'kubia-ingress', namespace: 'default', creationTimestamp: at(45) },
  spec: { rules: [{ host: 'kubia.example.com', http: { paths: [{ path: '/kubia', pathType: 'Prefix', backend }] } }] },
};

describe('ingressPrinter', () => {
  it('should print the seed ingress before the controller assigns an address (seeds-003a §30)', () => {
    expect(buildTable([ingress], { now: NOW }).rows[0]?.cells).toEqual(['kubia-ingress', '<none>', 'kubia.example.com', '', '80', '45s']);
  });

  it('should print the class, the sorted unique addresses and the TLS ports', () => {
    const served: Ingress = {
      ...ingress,
      spec: { ...ingress.spec, ingressClassName: 'nginx', tls: [{ hosts: ['kubia.example.com'], secretName: 'tls-secret' }] },
      status: { loadBalancer: { ingress: [{ ip: '192.168.49.2' }, { hostname: 'a.example.net' }, { ip: '192.168.49.2' }] } },
    };
    expect(buildTable([served], { now: NOW }).rows[0]?.cells).toEqual(['kubia-ingress', 'nginx', 'kubia.example.com', '192.168.49.2,a.example.net', '80, 443', '45s']);
  });

  it('should list up to three hosts, count the remaining rules and print * without hosts', () => {
    const rule = (host?: string) => (host === undefined ? {} : { host });
    expect(formatHosts([rule('a'), rule('b'), rule('c'), rule('d'), rule()])).toBe('a,b,c + 2 more...');
    expect(formatHosts([rule('a'), rule(), rule('c')])).toBe('a,c');
    expect(formatHosts([rule()])).toBe('*');
    expect(formatHosts(undefined)).toBe('*');
  });
});

describe('ingressClassPrinter and networkPolicyPrinter', () => {
  it('should print the controller and the parameters reference', () => {
    const ic = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', creationTimestamp: at(5) },
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
    };
    const plain = { ...ic, metadata: { name: 'plain', creationTimestamp: at(5) }, spec: { controller: 'example.com/ctl' } };
    expect(buildTable([ic, plain], { now: NOW }).rows.map((r) => r.cells)).toEqual([
      ['nginx', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '5s'],
      ['plain', 'example.com/ctl', '<none>', '5s'],
    ]);
  });

  it('should print a network policy pod selector, <none> for all pods', () => {
    const np = (name: string, podSelector: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, creationTimestamp: at(5) }, spec: { podSelector } });
    expect(buildTable([np('db', { matchLabels: { app: 'database' } }), np('deny-all', {})], { now: NOW }).rows.map((r) => r.cells[1])).toEqual(['app=database', '<none>']);
  });
});
