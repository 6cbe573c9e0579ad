import type { Container } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import type { WorkloadProfile } from '../src/kubelet/workloadTypes.ts';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createMachineCoverage } from './machineCoverage.ts';
import { podMachine } from './podMachine.ts';
import { makePod, runPod as runPodWith } from './testing/podHarness.ts';

const coverage = createMachineCoverage(podMachine);
const runPod = (pod: Pod) => runPodWith(pod, { inspect: coverage.observe });
const fast = { pull: { seconds: 0 }, startSeconds: 0 } as const;
const app = (name: string, extra: Partial<Container> = {}): Container => ({ name, image: 'registry.local/app:1.0', ...extra });

interface TableRow {
  readonly situation: string;
  readonly containers: Record<string, WorkloadProfile>;
  readonly limits?: Record<string, string>;
  readonly expected: Record<RestartPolicy, string>;
}

// Seeds 000-002 §4.24: the book's restart-policy table, as upstream kubelet computes it.
const TABLE: TableRow[] = [
  { situation: 'one container exits with success', containers: { a: { ...fast, run: { seconds: 5, exitCode: 0 } } }, expected: { Always: 'Running', OnFailure: 'Succeeded', Never: 'Succeeded' } },
  { situation: 'one container exits with failure', containers: { a: { ...fast, run: { seconds: 5, exitCode: 1 } } }, expected: { Always: 'Running', OnFailure: 'Running', Never: 'Failed' } },
  { situation: 'two containers, one fails', containers: { a: fast, b: { ...fast, run: { seconds: 5, exitCode: 1 } } }, expected: { Always: 'Running', OnFailure: 'Running', Never: 'Running' } },
  {
    situation: 'one container is OOM-killed',
    containers: { a: { ...fast, resources: { memory: [{ afterSeconds: 0, value: '10Mi' }, { afterSeconds: 5, value: '1Gi' }] } } },
    limits: { memory: '256Mi' },
    expected: { Always: 'Running', OnFailure: 'Running', Never: 'Failed' },
  },
];

const CASES = TABLE.flatMap((row) => (['Always', 'OnFailure', 'Never'] as const).map((policy) => ({ ...row, policy, phase: row.expected[policy] })));

describe('podMachine', () => {
  it.each(CASES)('should be $phase when $situation under restartPolicy $policy', ({ containers, limits, policy, phase }) => {
    const specs = Object.keys(containers).map((n) => app(n, limits ? { resources: { limits } } : {}));
    const p = runPod(makePod({ restartPolicy: policy, containers: specs }, containers));
    p.advance(1);
    expect(p.phase()).toBe('Running');
    p.advance(5);
    expect(p.phase()).toBe(phase);
    // And it stays so through restarts and back-off.
    p.advance(120);
    expect(p.phase()).toBe(phase);
  });

  it('should run init containers one at a time, in order, each to success, before the app containers', () => {
    const pod = makePod(
      {
        initContainers: [app('init-1', { command: ['sh', '-c', 'sleep 3'] }), app('init-2', { command: ['sleep', '2'] })],
        containers: [app('main')],
      },
      { 'init-1': fast, 'init-2': fast, main: fast },
    );
    const p = runPod(pod);
    const started = () => p.events.filter((e) => e.reason === 'Started').map((e) => `${e.at}:${e.fieldPath ?? ''}`);
    expect(p.status().containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(p.status().initContainerStatuses?.[1]?.state?.waiting?.reason).toBe('PodInitializing');
    p.advance(10);
    expect(started()).toEqual(['0:spec.initContainers{init-1}', '3:spec.initContainers{init-2}', '5:spec.containers{main}']);
    const status = p.status();
    expect(status.phase).toBe('Running');
    expect(status.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(status.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:05Z' });
  });

  it('should fail the pod when an init container fails under Never, and restart it with back-off otherwise', () => {
    const failing = (policy: RestartPolicy) =>
      runPod(makePod({ restartPolicy: policy, initContainers: [app('init', { command: ['sh', '-c', 'sleep 1; exit 2'] })], containers: [app('main')] }, { init: fast, main: fast }));
    const never = failing('Never');
    never.advance(5);
    expect(never.phase()).toBe('Failed');
    expect(never.status().containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    expect(never.status().conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' });
    const always = failing('Always');
    always.advance(5);
    expect(always.phase()).toBe('Pending');
    expect(always.status().initContainerStatuses?.[0]?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(always.container('init').restartCount).toBe(1);
    expect(always.container('main').startedAt).toBeUndefined();
  });

  it('should stop a deleted pod with preStop, then SIGTERM, then SIGKILL at the end of the grace period', () => {
    const pod = makePod({ containers: [app('web', { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })] }, { web: { ...fast, onTerm: 'ignore' } });
    const p = runPod(pod);
    p.advance(10);
    p.send({ type: 'pod.delete', gracePeriodSeconds: 30 });
    expect(p.snapshot().value).toMatchObject({ active: { lifecycle: 'terminating' } });
    expect(p.events.at(-1)).toMatchObject({ reason: 'Killing', message: 'Stopping container web', fieldPath: 'spec.containers{web}' });
    p.advance(5);
    expect(p.slot('web').value).toEqual({ stopping: 'ignoringTerm' });
    p.advance(24.999);
    expect(p.snapshot().status).toBe('active');
    p.advance(0.001);
    expect(p.snapshot().status).toBe('done');
    expect(p.snapshot().output).toEqual({ phase: 'Failed', forced: false });
    expect(p.status().containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 137, finishedAt: '2025-01-01T00:00:40Z' });
    expect(p.clock.pendingTimers()).toBe(0);
  });

  it('should shorten a deletion in progress when deleted again with less grace', () => {
    const p = runPod(makePod({ containers: [app('web')] }, { web: { ...fast, onTerm: 'ignore' } }));
    p.send({ type: 'pod.delete', gracePeriodSeconds: 30 });
    p.advance(2);
    p.send({ type: 'pod.delete', gracePeriodSeconds: 5 });
    p.advance(4.999);
    expect(p.snapshot().status).toBe('active');
    p.advance(0.001);
    expect(p.snapshot().status).toBe('done');
  });

  it('should stop a force-deleted pod without preStop, killing after the 2 s minimum', () => {
    const pod = makePod({ containers: [app('web', { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })] }, { web: { ...fast, onTerm: 'ignore' } });
    const p = runPod(pod);
    p.advance(10);
    p.send({ type: 'pod.delete', gracePeriodSeconds: 0 });
    expect(p.events.some((e) => e.reason === 'FailedPreStopHook')).toBe(false);
    p.advance(2);
    expect(p.snapshot().status).toBe('done');
    expect(p.snapshot().output).toEqual({ phase: 'Failed', forced: true });
  });

  it('should finish a deleted pod whose containers never started, leaving it Pending', () => {
    const p = runPod(makePod({ containers: [app('web')] }, { web: { pull: { seconds: 60 } } }));
    p.advance(10);
    p.send({ type: 'pod.delete', gracePeriodSeconds: 30 });
    expect(p.snapshot().status).toBe('done');
    expect(p.snapshot().output?.phase).toBe('Pending');
    expect(p.status().containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
  });

  it('should fail a pod past its activeDeadlineSeconds with reason DeadlineExceeded and stop its containers', () => {
    const p = runPod(makePod({ activeDeadlineSeconds: 60, containers: [app('web')] }, { web: fast }));
    p.advance(59);
    expect(p.phase()).toBe('Running');
    p.advance(1);
    const status = p.status();
    expect(status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(p.events.some((e) => e.reason === 'DeadlineExceeded')).toBe(true);
    expect(status.containerStatuses?.[0]?.state?.terminated?.exitCode).toBe(143);
    expect(p.snapshot().value).toMatchObject({ active: { lifecycle: 'halted' } });
    p.send({ type: 'pod.delete' });
    expect(p.snapshot().status).toBe('done');
  });

  it('should leave a pod that finished before its deadline alone', () => {
    const p = runPod(makePod({ restartPolicy: 'Never', activeDeadlineSeconds: 60, containers: [app('job')] }, { job: { ...fast, run: { seconds: 10 } } }));
    p.advance(120);
    expect(p.status()).toMatchObject({ phase: 'Succeeded' });
    expect(p.status().reason).toBeUndefined();
  });

  it('should restart only the container whose image changed', () => {
    const p = runPod(makePod({ containers: [app('a'), app('b')] }, { a: fast, b: fast }));
    p.advance(5);
    p.send({ type: 'container.imageChanged', container: 'b', image: 'registry.local/app:2.0' });
    p.advance(5);
    expect(p.container('b')).toMatchObject({ restartCount: 1, image: 'registry.local/app:2.0' });
    expect(p.container('a').restartCount).toBe(0);
    expect(p.phase()).toBe('Running');
    expect(p.status().containerStatuses?.[1]?.lastState?.terminated?.exitCode).toBe(143);
  });

  it('should keep a Never pod Running while a container is recreated for a new image', () => {
    const p = runPod(makePod({ restartPolicy: 'Never', containers: [app('web')] }, { web: { pull: { seconds: 5 }, startSeconds: 0 } }));
    p.advance(6);
    p.send({ type: 'container.imageChanged', container: 'web', image: 'registry.local/app:2.0' });
    p.advance(1);
    expect(p.status().containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(p.phase()).toBe('Running');
    p.advance(10);
    expect(p.phases.map((x) => x.phase)).toEqual(['Pending', 'Running']);
    expect(p.container('web').restartCount).toBe(1);
  });

  it('should be Unknown while the node is lost, and return to its phase after', () => {
    const p = runPod(makePod({ containers: [app('web')] }, { web: fast }));
    p.send({ type: 'node.lost' });
    expect(p.phase()).toBe('Unknown');
    p.send({ type: 'node.recovered' });
    expect(p.phase()).toBe('Running');
    const pending = runPod(makePod({ containers: [app('web')] }, { web: { pull: { seconds: 30 } } }));
    pending.send({ type: 'node.lost' });
    pending.send({ type: 'node.recovered' });
    expect(pending.phase()).toBe('Pending');
  });

  it('should fail an evicted pod with reason Evicted', () => {
    const p = runPod(makePod({ containers: [app('web')] }, { web: { ...fast, onTerm: 'ignore' } }));
    p.send({ type: 'pod.evict', message: 'The node was low on resource: memory.' });
    expect(p.status()).toMatchObject({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' });
    p.advance(2);
    expect(p.snapshot().value).toMatchObject({ active: { lifecycle: 'halted' } });
  });

  it('should start app containers after a sidecar has started, and stop it when they are done', () => {
    const pod = makePod(
      { restartPolicy: 'Never', initContainers: [app('proxy', { restartPolicy: 'Always' })], containers: [app('job', { command: ['sh', '-c', 'sleep 5'] })] },
      { proxy: { ...fast, startSeconds: 2 }, job: fast },
    );
    const p = runPod(pod);
    p.advance(1);
    expect(p.container('job').startedAt).toBeUndefined();
    p.advance(1);
    expect(p.container('job').startedAt).toBe(p.clock.now());
    expect(p.status().conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    p.advance(6);
    expect(p.phase()).toBe('Succeeded');
    expect(p.slot('proxy').value).toBe('terminated');
  });

  it('should forward probe results and exits addressed to a container', () => {
    const p = runPod(makePod({ restartPolicy: 'Never', containers: [app('web', { readinessProbe: { exec: { command: ['ls', '/var/ready'] }, failureThreshold: 1 } })] }, { web: fast }));
    expect(p.status().conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    p.send({ type: 'probe.result', container: 'web', probe: 'readiness', ok: false });
    expect(p.status().conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    p.send({ type: 'probe.result', container: 'nope', probe: 'readiness', ok: true });
    p.send({ type: 'container.exited', container: 'web', exitCode: 0 });
    expect(p.phase()).toBe('Succeeded');
  });

  it('should go from Pending straight to a final phase when a container ends during its postStart hook', () => {
    const p = runPod(makePod({ restartPolicy: 'Never', containers: [app('web', { lifecycle: { postStart: { exec: { command: ['sleep', '10'] } } } })] }, { web: fast }));
    expect(p.phase()).toBe('Pending');
    p.send({ type: 'container.exited', container: 'web', exitCode: 0 });
    expect(p.phases.map((x) => x.phase)).toEqual(['Pending', 'Succeeded']);
  });

  it('should signal writeStatus on changes only', () => {
    const p = runPod(makePod({ containers: [app('web', { readinessProbe: { httpGet: { path: '/', port: 80 } } })] }, { web: fast }));
    const w = p.writes();
    expect(w).toBeGreaterThan(0);
    p.advance(3600);
    expect(p.writes()).toBe(w);
    expect(p.clock.pendingTimers()).toBe(0);
  });

  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    console.log(`podMachine coverage: ${r.states.reached}/${r.states.total} states, ${r.transitions.reached}/${r.transitions.total} transitions`);
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
