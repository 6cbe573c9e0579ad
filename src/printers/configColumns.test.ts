import { describe, expect, it } from 'vitest';
import { formatTable } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const meta = (name: string, ageSeconds = 60) => ({ name, namespace: 'default', creationTimestamp: new Date(NOW - ageSeconds * 1000).toISOString() });

describe('secretPrinter', () => {
  it('should print `kubectl get secret` as the seeds show (seeds-003b §5)', () => {
    const secrets = [
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('default-token-2kbbs'), type: 'kubernetes.io/service-account-token', data: { 'ca.crt': 'Y2E=', namespace: 'ZGVmYXVsdA==', token: 'dA==' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('fortune-https'), type: 'Opaque', data: { 'https.cert': 'Yw==' }, stringData: { 'https.key': 'k', 'https.cert': 'dup' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('mydockerhubsecret'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' } },
    ];
    expect(formatTable(buildTable(secrets, { now: NOW }))).toBe(
      [
        'NAME                  TYPE                                  DATA   AGE',
        'default-token-2kbbs   kubernetes.io/service-account-token   3      60s',
        'fortune-https         Opaque                                2      60s',
        'mydockerhubsecret     kubernetes.io/dockerconfigjson        1      60s',
        '',
      ].join('\n'),
    );
  });
});

describe('configMapPrinter and serviceAccountPrinter', () => {
  it('should count data and binaryData keys, and service account secrets', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('fortune-config'), data: { 'sleep-interval': '25', 'my-nginx-config.conf': 'server {}' }, binaryData: { blob: 'AA==' } };
    const empty = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('empty') };
    expect(buildTable([cm, empty], { now: NOW }).rows.map((r) => r.cells)).toEqual([
      ['fortune-config', 3, '60s'],
      ['empty', 0, '60s'],
    ]);
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('my-sa'), imagePullSecrets: [{ name: 'my-dockerhub-secret' }], secrets: [{ name: 'my-sa-token-x2x9v' }] };
    expect(buildTable([sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default') }], { now: NOW }).rows.map((r) => r.cells)).toEqual([
      ['my-sa', 1, '60s'],
      ['default', 0, '60s'],
    ]);
  });
});

describe('resourceQuotaPrinter', () => {
  it('should split hard limits into REQUEST and LIMIT cells as used/hard (seeds-003b §15.1)', () => {
    const quota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: meta('cpu-and-mem'),
      status: {
        hard: { 'limits.cpu': '600m', 'limits.memory': '500Mi', 'requests.cpu': '400m', 'requests.memory': '200Mi', pods: '10' },
        used: { 'limits.cpu': '0', 'requests.cpu': '100m', 'requests.memory': '10Mi' },
      },
    };
    expect(buildTable([quota], { now: NOW }).rows[0]?.cells).toEqual([
      'cpu-and-mem',
      'pods: 0/10, requests.cpu: 100m/400m, requests.memory: 10Mi/200Mi',
      'limits.cpu: 0/600m, limits.memory: 0/500Mi',
      '60s',
    ]);
  });
});
