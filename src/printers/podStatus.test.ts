import type { ContainerState, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podStatusCells } from './podStatus.ts';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

function cs(name: string, state: ContainerState, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'busybox', imageID: '', ready: false, restartCount: 0, state, ...extra };
}

const running: ContainerState = { running: { startedAt: ago(60_000) } };
const waiting = (reason: string): ContainerState => ({ waiting: { reason } });
const terminated = (exitCode: number, reason?: string, signal?: number): ContainerState => ({
  terminated: { exitCode, ...(reason === undefined ? {} : { reason }), ...(signal === undefined ? {} : { signal }) },
});

function pod(opts: { init?: string[]; containers?: string[]; phase?: string; reason?: string; deleting?: boolean; init_statuses?: ContainerStatus[]; statuses?: ContainerStatus[]; conditions?: { type: string; status: string; reason?: string }[] }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', creationTimestamp: ago(300_000), ...(opts.deleting === true ? { deletionTimestamp: ago(1000) } : {}) },
    spec: {
      containers: (opts.containers ?? ['main']).map((name) => ({ name, image: 'busybox' })),
      ...(opts.init === undefined ? {} : { initContainers: opts.init.map((name) => ({ name, image: 'busybox' })) }),
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.reason === undefined ? {} : { reason: opts.reason }),
      ...(opts.conditions === undefined ? {} : { conditions: opts.conditions }),
      ...(opts.init_statuses === undefined ? {} : { initContainerStatuses: opts.init_statuses }),
      ...(opts.statuses === undefined ? {} : { containerStatuses: opts.statuses }),
    },
  };
}

describe('podStatusCells', () => {
  it('should print the STATUS of each lifecycle stage as kubectl does', () => {
    const table: [string, Pod, string, string][] = [
      ['unscheduled', pod({ phase: 'Pending' }), 'Pending', '0/1'],
      ['scheduling gated', pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', '0/1'],
      ['creating', pod({ phase: 'Pending', statuses: [cs('main', waiting('ContainerCreating'))] }), 'ContainerCreating', '0/1'],
      ['running', pod({ statuses: [cs('main', running, { ready: true })] }), 'Running', '1/1'],
      ['running not ready', pod({ statuses: [cs('main', running)] }), 'Running', '0/1'],
      ['crash loop', pod({ statuses: [cs('main', waiting('CrashLoopBackOff'), { restartCount: 3 })] }), 'CrashLoopBackOff', '0/1'],
      ['image pull', pod({ phase: 'Pending', statuses: [cs('main', waiting('ErrImagePull'))] }), 'ErrImagePull', '0/1'],
      ['image backoff', pod({ phase: 'Pending', statuses: [cs('main', waiting('ImagePullBackOff'))] }), 'ImagePullBackOff', '0/1'],
      ['completed', pod({ phase: 'Succeeded', statuses: [cs('main', terminated(0, 'Completed'))] }), 'Completed', '0/1'],
      ['error', pod({ phase: 'Failed', statuses: [cs('main', terminated(1, 'Error'))] }), 'Error', '0/1'],
      ['oom', pod({ statuses: [cs('main', terminated(137, 'OOMKilled'))] }), 'OOMKilled', '0/1'],
      ['exit code without reason', pod({ phase: 'Failed', statuses: [cs('main', terminated(2))] }), 'ExitCode:2', '0/1'],
      ['signal without reason', pod({ phase: 'Failed', statuses: [cs('main', terminated(137, undefined, 9))] }), 'Signal:9', '0/1'],
      ['evicted', pod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted', '0/1'],
      ['terminating', pod({ deleting: true, statuses: [cs('main', running, { ready: true })] }), 'Terminating', '1/1'],
      ['deleted but already done', pod({ deleting: true, phase: 'Succeeded', statuses: [cs('main', terminated(0, 'Completed'))] }), 'Completed', '0/1'],
      ['node lost', pod({ deleting: true, reason: 'NodeLost', statuses: [cs('main', running, { ready: true })] }), 'Unknown', '1/1'],
      ['phase unknown', pod({ phase: 'Unknown' }), 'Unknown', '0/1'],
    ];
    for (const [label, p, status, ready] of table) {
      const cells = podStatusCells(p, NOW);
      expect([label, cells.status, cells.ready]).toEqual([label, status, ready]);
    }
  });

  it('should show init container progress, waiting reasons and failures', () => {
    const init = ['init-a', 'init-b'];
    const pending = { init, phase: 'Pending' };
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', waiting('PodInitializing')), cs('init-b', waiting('PodInitializing'))] }), NOW).status).toBe('Init:0/2');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', running), cs('init-b', waiting('PodInitializing'))] }), NOW).status).toBe('Init:0/2');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', terminated(0, 'Completed')), cs('init-b', running)] }), NOW).status).toBe('Init:1/2');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', terminated(1, 'Error'))] }), NOW).status).toBe('Init:Error');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', terminated(3))] }), NOW).status).toBe('Init:ExitCode:3');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', terminated(0, undefined, 15)), cs('init-b', terminated(143, undefined, 15))] }), NOW).status).toBe('Init:Signal:15');
    expect(podStatusCells(pod({ ...pending, init_statuses: [cs('init-a', waiting('CrashLoopBackOff'), { restartCount: 4 })] }), NOW)).toMatchObject({ status: 'Init:CrashLoopBackOff', restarts: '4' });
    const done = [cs('init-a', terminated(0, 'Completed')), cs('init-b', terminated(0, 'Completed'))];
    expect(podStatusCells(pod({ ...pending, init_statuses: done, statuses: [cs('main', waiting('PodInitializing'))] }), NOW).status).toBe('PodInitializing');
    expect(podStatusCells(pod({ init, init_statuses: done, statuses: [cs('main', running, { ready: true })] }), NOW)).toMatchObject({ status: 'Running', ready: '1/1' });
  });

  it('should let the first container reason win and count a restartable init container as a sidecar', () => {
    const two = pod({ containers: ['a', 'b'], statuses: [cs('a', waiting('CrashLoopBackOff')), cs('b', waiting('ErrImagePull'))] });
    expect(podStatusCells(two, NOW)).toMatchObject({ status: 'CrashLoopBackOff', ready: '0/2' });
    const sidecarPod = pod({ init: ['proxy'], init_statuses: [cs('proxy', running, { started: true, ready: true, restartCount: 2 })], statuses: [cs('main', running, { ready: true })] });
    sidecarPod.spec!.initContainers![0]!.restartPolicy = 'Always';
    expect(podStatusCells(sidecarPod, NOW)).toMatchObject({ status: 'Running', ready: '2/2', restarts: '2' });
  });

  it('should turn Completed back into Running or NotReady while another container still runs', () => {
    const statuses = [cs('a', terminated(0, 'Completed')), cs('b', running, { ready: true })];
    expect(podStatusCells(pod({ containers: ['a', 'b'], statuses, conditions: [{ type: 'Ready', status: 'True' }] }), NOW).status).toBe('Running');
    expect(podStatusCells(pod({ containers: ['a', 'b'], statuses, conditions: [{ type: 'Ready', status: 'False' }] }), NOW).status).toBe('NotReady');
  });

  it('should add the time since the last restart to RESTARTS', () => {
    const restarted = cs('main', running, { ready: true, restartCount: 5, lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * 60_000) } } });
    const older = cs('side', running, { ready: true, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(3600_000) } } });
    expect(podStatusCells(pod({ containers: ['main', 'side'], statuses: [restarted, older] }), NOW).restarts).toBe('6 (5m ago)');
    expect(podStatusCells(pod({ statuses: [cs('main', running, { restartCount: 2 })] }), NOW).restarts).toBe('2');
    expect(podStatusCells(pod({ statuses: [cs('main', running)] }), NOW).restarts).toBe('0');
  });
});
