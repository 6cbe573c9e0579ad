import { describe, expect, it } from 'vitest';
import { subjectsStrings } from './rbacColumns.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const meta = (name: string, namespace?: string) => ({ name, ...(namespace === undefined ? {} : { namespace }), creationTimestamp: new Date(NOW - 120_000).toISOString() });
const cellsOf = (objs: object[], wide = true) => buildTable(objs, { now: NOW, wide }).rows.map((r) => r.cells);

describe('rbac binding printers', () => {
  it('should print the role reference and, wide, the subjects by kind (seeds-003b §11.2)', () => {
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('test', 'foo'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'service-reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'default', namespace: 'foo' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'bar' },
        { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
        { kind: 'Group', name: 'system:authenticated', apiGroup: 'rbac.authorization.k8s.io' },
      ],
    };
    expect(cellsOf([rb])).toEqual([['test', 'Role/service-reader', '2m', 'alice', 'system:authenticated', 'foo/default, bar/default']]);
    const crb = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: meta('view-all'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } };
    expect(cellsOf([crb], false)).toEqual([['view-all', 'ClusterRole/view', '2m']]);
    expect(subjectsStrings([{ kind: 'Other', name: 'x' }])).toEqual({ users: [], groups: [], serviceAccounts: [] });
  });

  it('should print Roles and ClusterRoles with the default NAME / CREATED AT table', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'service-reader', namespace: 'foo', creationTimestamp: '2024-01-09T10:11:12Z' }, rules: [] };
    const table = buildTable([role], { now: NOW });
    expect(table.columnDefinitions.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    expect(table.rows[0]?.cells).toEqual(['service-reader', '2024-01-09T10:11:12Z']);
  });
});

describe('small printers', () => {
  it('should print leases, priority classes and runtime classes', () => {
    const lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('minikube', 'kube-node-lease'), spec: { holderIdentity: 'minikube', leaseDurationSeconds: 40 } };
    const unheld = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: meta('free', 'default'), spec: {} };
    expect(cellsOf([lease, unheld])).toEqual([
      ['minikube', 'minikube', '2m'],
      ['free', '', '2m'],
    ]);
    const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta('system-node-critical'), value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' };
    expect(cellsOf([pc])).toEqual([['system-node-critical', 2000001000, false, '2m', 'PreemptLowerPriority']]);
    const rc = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: meta('gvisor'), handler: 'runsc' };
    expect(cellsOf([rc])).toEqual([['gvisor', 'runsc', '2m']]);
  });

  it('should count webhooks and print APIService availability', () => {
    const wh = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta('policy'), webhooks: [{ name: 'a' }, { name: 'b' }] };
    expect(cellsOf([wh])).toEqual([['policy', 2, '2m']]);
    const local = { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta('v1.apps'), spec: { group: 'apps', version: 'v1' }, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } };
    const remote = { ...local, metadata: meta('v1beta1.metrics.k8s.io'), spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } };
    const unknown = { ...local, metadata: meta('v1.x'), status: {} };
    expect(cellsOf([local, remote, unknown]).map((c) => c.slice(1, 3))).toEqual([
      ['Local', 'True'],
      ['kube-system/metrics-server', 'False (MissingEndpoints)'],
      ['Local', 'Unknown'],
    ]);
  });

  it('should print certificate signing requests with their condition summary', () => {
    const csr = (name: string, status: object, spec: object = {}) => ({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: meta(name),
      spec: { request: 'LS0t', signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', usages: ['client auth'], ...spec },
      status,
    });
    expect(
      cellsOf([csr('pending', {}), csr('issued', { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'Y2VydA==' }, { expirationSeconds: 86400 }), csr('denied', { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] })]),
    ).toEqual([
      ['pending', '2m', 'kubernetes.io/kube-apiserver-client', 'alice', '<none>', 'Pending'],
      ['issued', '2m', 'kubernetes.io/kube-apiserver-client', 'alice', '24h', 'Approved,Issued'],
      ['denied', '2m', 'kubernetes.io/kube-apiserver-client', 'alice', '<none>', 'Denied,Failed'],
    ]);
  });

  it('should print flow schemas and priority levels with upstream defaults', () => {
    const fs = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: meta('exempt'), spec: { priorityLevelConfiguration: { name: 'exempt' }, matchingPrecedence: 1 }, status: { conditions: [{ type: 'Dangling', status: 'False' }] } };
    const plain = { ...fs, metadata: meta('catch-all'), spec: { priorityLevelConfiguration: { name: 'catch-all' }, distinguisherMethod: { type: 'ByUser' } }, status: {} };
    expect(cellsOf([fs, plain])).toEqual([
      ['exempt', 'exempt', 1, '<none>', '2m', 'False'],
      ['catch-all', 'catch-all', 1000, 'ByUser', '2m', '?'],
    ]);
    const exempt = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: meta('exempt'), spec: { type: 'Exempt', exempt: {} } };
    const limited = { ...exempt, metadata: meta('workload-low'), spec: { type: 'Limited', limited: { nominalConcurrencyShares: 100, limitResponse: { type: 'Queue', queuing: { queues: 128, handSize: 6 } } } } };
    expect(cellsOf([exempt, limited])).toEqual([
      ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '2m'],
      ['workload-low', 'Limited', 100, 128, 6, 50, '2m'],
    ]);
  });
});
