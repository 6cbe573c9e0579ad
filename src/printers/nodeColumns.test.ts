import type { Node } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { cellText, formatTable } from './formatTable.ts';
import { nodeRoles, nodeStatus } from './nodeColumns.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

function node(overrides: Partial<Node> = {}, ready = 'True'): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'minikube', creationTimestamp: at(3 * 86400 + 17 * 3600), labels: { 'kubernetes.io/hostname': 'minikube', 'node-role.kubernetes.io/control-plane': '' } },
    status: {
      ...(ready === 'none' ? {} : { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] }),
      addresses: [{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: 'minikube' }],
      nodeInfo: {
        kubeletVersion: 'v1.30.0',
        osImage: 'Ubuntu 20.04.1 LTS',
        kernelVersion: '5.4.0-59-generic',
        containerRuntimeVersion: 'docker://20.10.0',
        architecture: 'amd64',
        bootID: '',
        kubeProxyVersion: '',
        machineID: '',
        operatingSystem: 'linux',
        systemUUID: '',
      },
    },
    ...overrides,
  };
}

describe('nodePrinter', () => {
  it('should print `kubectl get nodes -o wide` (seeds-003a §7.16, modern ROLES)', () => {
    const text = formatTable(buildTable([node()], { now: NOW }), { wide: true });
    expect(text.split('\n')[0]).toBe('NAME       STATUS   ROLES           AGE     VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME');
    const cells = buildTable([node()], { now: NOW }).rows[0]?.cells.map(cellText);
    expect(cells).toEqual(['minikube', 'Ready', 'control-plane', '3d17h', 'v1.30.0', '192.168.49.2', '<none>', 'Ubuntu 20.04.1 LTS', '5.4.0-59-generic', 'docker://20.10.0']);
  });

  it('should derive STATUS from the Ready condition and cordoning', () => {
    expect(nodeStatus(node())).toBe('Ready');
    expect(nodeStatus(node({}, 'False'))).toBe('NotReady');
    expect(nodeStatus(node({}, 'Unknown'))).toBe('NotReady');
    expect(nodeStatus(node({}, 'none'))).toBe('Unknown');
    expect(nodeStatus(node({ spec: { unschedulable: true } }))).toBe('Ready,SchedulingDisabled');
    expect(nodeStatus(node({ spec: { unschedulable: true } }, 'False'))).toBe('NotReady,SchedulingDisabled');
  });

  it('should collect roles from both role label styles, sorted, or print <none>', () => {
    const labelled = (labels: Record<string, string>): Node => ({ ...node(), metadata: { name: 'n', labels } });
    expect(nodeRoles(labelled({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': 'true', 'kubernetes.io/role': 'master' }))).toBe('control-plane,master,worker');
    expect(nodeRoles(labelled({ 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '' }))).toBe('<none>');
    expect(nodeRoles(labelled({}))).toBe('<none>');
  });

  it('should print <unknown> for missing node info in the wide columns', () => {
    const bare: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare', creationTimestamp: at(5) } };
    expect(buildTable([bare], { now: NOW }).rows[0]?.cells).toEqual(['bare', 'Unknown', '<none>', '5s', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('namespace and componentstatus printers', () => {
  it('should print a namespace phase', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'custom-namespace', creationTimestamp: at(60) }, status: { phase: 'Terminating' } };
    expect(buildTable([ns], { now: NOW }).rows[0]?.cells).toEqual(['custom-namespace', 'Terminating', '60s']);
  });

  it('should print component health (seeds-003a §4.1)', () => {
    const cs = (name: string, message: string) => ({ apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name }, conditions: [{ type: 'Healthy', status: 'True', message }] });
    const rows = buildTable([cs('scheduler', 'ok'), cs('etcd-0', '{"health":"true"}'), { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: 'x' } }], { now: NOW }).rows;
    expect(rows.map((r) => r.cells)).toEqual([
      ['scheduler', 'Healthy', 'ok', ''],
      ['etcd-0', 'Healthy', '{"health":"true"}', ''],
      ['x', 'Unknown', '', ''],
    ]);
  });
});
