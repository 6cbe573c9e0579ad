import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { formatTable } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const created = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

function runningPod(name: string, ip: string, ageSeconds: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: created(ageSeconds), labels: { app: 'kubia' } },
    spec: { nodeName: 'minikube', containers: [{ name: 'kubia-container', image: 'luksa/kubia' }] },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'kubia-container', image: 'luksa/kubia', imageID: '', ready: true, restartCount: 0, started: true, state: { running: { startedAt: created(40) } } }],
    },
  };
}

describe('podPrinter', () => {
  it('should print `kubectl get pods -o wide` rows (seeds-003a §22.5)', () => {
    const table = buildTable([runningPod('kubia-rs-47glr', '172.17.0.7', 42), runningPod('kubia-rs-8gjcr', '172.17.0.3', 42)], { now: NOW });
    expect(formatTable(table, { wide: true })).toBe(
      [
        'NAME             READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES',
        'kubia-rs-47glr   1/1     Running   0          42s   172.17.0.7   minikube   <none>           <none>',
        'kubia-rs-8gjcr   1/1     Running   0          42s   172.17.0.3   minikube   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('should print the init and job pods of the seeds (Init:0/1, ContainerCreating, Completed)', () => {
    const initPod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'fortune-client', namespace: 'default', creationTimestamp: created(14) },
      spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'main', image: 'busybox' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [{ name: 'init', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { running: { startedAt: created(10) } } }],
        containerStatuses: [{ name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      },
    };
    const creating: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'batch-job-4j4lc', namespace: 'default', creationTimestamp: created(20) },
      spec: { containers: [{ name: 'main', image: 'luksa/batch-job' }] },
      status: { phase: 'Pending', containerStatuses: [{ name: 'main', image: 'luksa/batch-job', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] },
    };
    const completed: Pod = {
      ...creating,
      metadata: { ...creating.metadata, creationTimestamp: created(499) },
      status: { phase: 'Succeeded', containerStatuses: [{ name: 'main', image: 'luksa/batch-job', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] },
    };
    const rows = buildTable([initPod, creating, completed], { now: NOW, wide: false }).rows.map((r) => r.cells.join(' '));
    expect(rows).toEqual(['fortune-client 0/1 Init:0/1 0 14s', 'batch-job-4j4lc 0/1 ContainerCreating 0 20s', 'batch-job-4j4lc 0/1 Completed 0 8m19s']);
  });

  it('should mark succeeded and failed pods with the Completed row condition', () => {
    const done = { ...runningPod('a', '10.0.0.1', 5), status: { phase: 'Succeeded' } };
    const failed = { ...runningPod('b', '10.0.0.2', 5), status: { phase: 'Failed' } };
    const rows = buildTable([done, failed, runningPod('c', '10.0.0.3', 5)], { now: NOW }).rows;
    expect(rows[0]?.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    expect(rows[1]?.conditions?.[0]?.reason).toBe('Failed');
    expect(rows[2]?.conditions).toBeUndefined();
  });

  it('should show <none> for an unscheduled pod and count readiness gates', () => {
    const p: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'gated', creationTimestamp: created(3) },
      spec: { containers: [{ name: 'c' }], readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: { phase: 'Pending', nominatedNodeName: 'node-2', conditions: [{ type: 'example.com/lb', status: 'True' }] },
    };
    expect(buildTable([p], { now: NOW }).rows[0]?.cells.slice(5)).toEqual(['<none>', '<none>', 'node-2', '1/2']);
  });
});
