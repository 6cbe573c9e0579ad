import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { containerConfig } from '../src/kubelet/containerConfig.ts';
import type { Termination } from '../src/kubelet/containerRecord.ts';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import type { WorkloadProfile } from '../src/kubelet/workloadTypes.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { containerMachine } from './containerMachine.ts';
import type { ContainerEventRecord, RestoredContainer } from './containerMachine.ts';
import { createMachineCoverage } from './machineCoverage.ts';
import { runContainer } from './testing/containerHarness.ts';
import type { ContainerRunOptions } from './testing/containerHarness.ts';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';

const coverage = createMachineCoverage(containerMachine);
const run = (spec: Partial<Container>, opts: ContainerRunOptions = {}) => runContainer(spec, { ...opts, inspect: coverage.observe });
const fast = { pull: { seconds: 0 }, startSeconds: 0 } as const;

function gaps(exits: number[], starts: number[]): number[] {
  return exits.map((e) => (starts.find((s) => s >= e) ?? Number.NaN) - e);
}

describe('containerMachine', () => {
  it('should restart a crashing container at once, then after 10, 20, 40, 80, 160, 300, 300 s of CrashLoopBackOff', () => {
    const c = run({}, { profile: { ...fast, run: { seconds: 1, exitCode: 1 } } });
    c.advance(1500);
    const starts = c.entered('running');
    const exits = starts.map((s) => s + 1);
    expect(gaps(exits, starts).slice(0, 8)).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
    expect(c.entered('waiting.crashLoopBackOff').slice(0, 3)).toEqual([exits[1], exits[2], exits[3]]);
    const byStart = starts.map((s) => c.states.find((x) => x.at === s && x.state === 'running')?.restartCount);
    expect(byStart.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(c.events.filter((e) => e.reason === 'BackOff').length).toBeGreaterThanOrEqual(6);
  });

  it('should reset the back-off after the container ran for more than 10 minutes', () => {
    const c = run({}, { profile: fast });
    const crash = () => c.send({ type: 'container.exited', exitCode: 2 });
    // Four quick crashes: restarts after 0, 10, 20, 40 s.
    for (let i = 0; i < 4; i++) {
      crash();
      c.advance(60);
    }
    expect(c.snapshot().context.crashBackOff?.ms).toBe(80_000);
    c.advance(11 * 60);
    const before = c.t();
    crash();
    expect(c.entered('running').at(-1)).toBe(before);
    expect(c.snapshot().context.crashBackOff?.ms).toBe(10_000);
    c.advance(1);
    crash();
    expect(c.snapshot().value).toEqual({ waiting: 'crashLoopBackOff' });
    c.advance(10);
    expect(c.entered('running').at(-1)).toBe(before + 11);
  });

  it('should keep backing off when the runs are shorter than 10 minutes', () => {
    const c = run({}, { profile: fast });
    c.send({ type: 'container.exited', exitCode: 1 });
    c.advance(590);
    c.send({ type: 'container.exited', exitCode: 1 });
    expect(c.snapshot().value).toEqual({ waiting: 'crashLoopBackOff' });
  });

  it('should back off image pulls: ErrImagePull, then ImagePullBackOff for 10 s doubling to 300 s', () => {
    const c = run({}, { profile: { pull: { seconds: 2, fail: 'manifest unknown' } } });
    c.advance(1000);
    const pulls = c.entered('waiting.pulling');
    expect(pulls.slice(0, 8)).toEqual([0, 12, 34, 76, 158, 320, 622, 924]);
    expect(c.entered('waiting.errImagePull').slice(0, 2)).toEqual([2, 14]);
    expect(c.entered('waiting.imagePullBackOff').slice(0, 2)).toEqual([3, 15]);
    expect(c.events.find((e) => e.reason === 'Failed')?.message).toBe('Failed to pull image "registry.local/app:1.0": manifest unknown');
    expect(c.events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "registry.local/app:1.0"')).toBe(true);
  });

  it('should not pull an image that is present under IfNotPresent, and refuse a missing one under Never', () => {
    const present = run({ imagePullPolicy: 'IfNotPresent' }, { imagePresent: true, profile: { startSeconds: 0 } });
    expect(present.events[0]?.message).toBe('Container image "registry.local/app:1.0" already present on machine');
    expect(present.snapshot().value).toMatchObject({ running: {} });
    const never = run({ imagePullPolicy: 'Never' });
    expect(never.snapshot().value).toEqual({ waiting: 'imageNeverPull' });
    never.send({ type: 'container.kill', graceMs: 0, restart: 'never', message: 'Stopping container app' });
    expect(never.snapshot().value).toBe('discarded');
  });

  it('should wait in CreateContainerConfigError when the behaviour annotation is invalid', () => {
    const c = run({}, { profile: { run: { seconds: -1 } } });
    expect(c.snapshot().value).toEqual({ waiting: 'configError' });
    expect(c.snapshot().context.behavior.configError).toContain('run.seconds: must be a number of seconds >= 0');
  });

  it('should kill a container whose memory goes over its limit: OOMKilled, exit 137', () => {
    const profile = { ...fast, resources: { memory: [{ afterSeconds: 0, value: '50Mi' }, { afterSeconds: 30, value: '200Mi' }] } };
    const c = run({ resources: { limits: { memory: '128Mi' } } }, { policy: 'Never', profile });
    c.advance(60);
    expect(c.snapshot().value).toBe('terminated');
    expect(c.snapshot().context.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled', finishedAt: c.clock.now() - 30_000 });
    const always = run({ resources: { limits: { memory: '128Mi' } } }, { policy: 'Always', profile });
    always.advance(31);
    expect(always.snapshot().context.lastTerminated?.reason).toBe('OOMKilled');
    expect(always.snapshot().context.restartCount).toBe(1);
  });

  it('should restart a container that fails its liveness probe, counting the restarts', () => {
    // kubia-unhealthy: healthy, then HTTP 500 from 55 s on; initialDelaySeconds 15, failureThreshold 5.
    const liveness = { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 15, failureThreshold: 5 };
    const c = run({ livenessProbe: liveness }, { profile: { ...fast, probes: { liveness: [{ afterSeconds: 0, ok: true }, { afterSeconds: 55, status: 500 }] } } });
    c.advance(100);
    expect(c.snapshot().context.restartCount).toBe(1);
    expect(c.entered('stopping.terminating')).toEqual([95]);
    const unhealthy = c.events.filter((e) => e.reason === 'Unhealthy');
    expect(unhealthy.map((e) => e.at)).toEqual([55, 65, 75, 85, 95]);
    expect(unhealthy[0]?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(c.events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe, will be restarted');
    expect(c.snapshot().context.lastTerminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    c.advance(120);
    expect(c.snapshot().context.restartCount).toBe(2);
    expect(c.entered('waiting.crashLoopBackOff')).toEqual([190]);
  });

  it('should not restart a container killed by its liveness probe under Never', () => {
    const c = run({ livenessProbe: { exec: { command: ['true'] }, periodSeconds: 5, failureThreshold: 1 } }, { policy: 'Never', profile: { ...fast, probes: { liveness: [{ afterSeconds: 0, ok: false }] } } });
    c.advance(10);
    expect(c.snapshot().value).toBe('terminated');
    expect(c.events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe');
  });

  it('should gate liveness and readiness probes behind the startup probe', () => {
    const c = run(
      { startupProbe: { exec: { command: ['ready'] }, periodSeconds: 10, failureThreshold: 30 }, readinessProbe: { exec: { command: ['ready'] } }, livenessProbe: { exec: { command: ['alive'] }, periodSeconds: 5 } },
      { profile: { ...fast, probes: { startup: [{ afterSeconds: 0, ok: false }, { afterSeconds: 25, ok: true }], liveness: [{ afterSeconds: 0, ok: false }] } } },
    );
    c.advance(29);
    expect(c.snapshot().context.started).toBe(false);
    expect(c.events.filter((e) => e.reason === 'Unhealthy').every((e) => e.message.startsWith('Startup probe failed'))).toBe(true);
    c.advance(1);
    expect(c.snapshot().context).toMatchObject({ started: true, ready: true });
    c.advance(10);
    expect(c.events.filter((e) => e.message.startsWith('Liveness')).map((e) => e.at)).toEqual([30, 35, 40]);
    expect(c.events.find((e) => e.reason === 'Killing')).toMatchObject({ at: 40, message: 'Container app failed liveness probe, will be restarted' });
    expect(c.snapshot().context).toMatchObject({ restartCount: 1, started: false, ready: false });
  });

  it('should kill a container that never passes its startup probe', () => {
    const c = run({ startupProbe: { exec: { command: ['ready'] }, periodSeconds: 10, failureThreshold: 3 } }, { profile: { ...fast, probes: { startup: [{ afterSeconds: 0, ok: false }] } } });
    c.advance(21);
    expect(c.events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed startup probe, will be restarted');
    expect(c.snapshot().context.restartCount).toBe(1);
  });

  it('should stop probing once the answers can no longer change', () => {
    const c = run({ readinessProbe: { httpGet: { path: '/', port: 80 } }, livenessProbe: { httpGet: { path: '/', port: 80 } } }, { profile: { ...fast, readiness: { delaySeconds: 15 } } });
    c.advance(60);
    expect(c.snapshot().value).toMatchObject({ running: { readiness: 'steady', liveness: 'steady' } });
    expect(c.clock.pendingTimers()).toBe(0);
    expect(c.states.filter((s) => s.ready).map((s) => s.at)[0]).toBe(20);
  });

  it('should take external probe results like the probe worker does', () => {
    const c = run({ readinessProbe: { exec: { command: ['ls', '/var/ready'] }, failureThreshold: 1 } }, { profile: fast });
    c.advance(1);
    expect(c.snapshot().context.ready).toBe(true);
    c.send({ type: 'probe.result', probe: 'readiness', ok: false, message: 'ls: cannot access /var/ready' });
    expect(c.snapshot().context.ready).toBe(false);
    expect(c.events.at(-1)?.message).toBe('Readiness probe failed: ls: cannot access /var/ready');
    c.advance(10);
    expect(c.snapshot().context.ready).toBe(true);
  });

  it('should count external results for startup and liveness probes too', () => {
    const probes = { startupProbe: { exec: { command: ['s'] }, failureThreshold: 2 }, readinessProbe: { exec: { command: ['r'] }, initialDelaySeconds: 5 }, livenessProbe: { exec: { command: ['l'] }, failureThreshold: 2, periodSeconds: 30, initialDelaySeconds: 5 } };
    const c = run(probes, { profile: { ...fast, probes: { startup: [{ afterSeconds: 0, ok: false }, { afterSeconds: 100, ok: true }] } } });
    c.send({ type: 'probe.result', probe: 'startup', ok: true });
    expect(c.snapshot().context.started).toBe(true);
    c.send({ type: 'probe.result', probe: 'readiness', ok: true });
    expect(c.snapshot().context.ready).toBe(true);
    expect(c.snapshot().value).toMatchObject({ running: { startup: 'passed', liveness: 'probing' } });
    c.send({ type: 'probe.result', probe: 'liveness', ok: false, message: 'boom' });
    expect(c.events.at(-1)?.message).toBe('Liveness probe failed: boom');
    expect(c.snapshot().value).toMatchObject({ running: { liveness: 'probing' } });
    c.advance(5);
    expect(c.snapshot().value).toMatchObject({ running: { liveness: 'steady' } });
    c.send({ type: 'probe.result', probe: 'liveness', ok: false });
    c.send({ type: 'probe.result', probe: 'liveness', ok: false });
    expect(c.snapshot().context.restartCount).toBe(1);
  });

  it('should hold ContainerCreating during postStart and kill the container when the hook fails', () => {
    const hook = { postStart: { exec: { command: ['sh', '-c', "echo 'hook will fail with exit code 15'; sleep 5 ; exit 15"] } } };
    const c = run({ lifecycle: hook }, { profile: fast });
    expect(c.snapshot().value).toEqual({ waiting: 'postStart' });
    c.advance(5);
    expect(c.events.some((e) => e.reason === 'FailedPostStartHook')).toBe(true);
    expect(c.snapshot().context.restartCount).toBe(1);
    expect(c.snapshot().value).toEqual({ waiting: 'postStart' });
    const ok = run({ lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 2'] } } } }, { profile: fast });
    ok.advance(2);
    expect(ok.snapshot().value).toMatchObject({ running: {} });
  });

  it('should stay in postStart while a hook never ends, and still be killable', () => {
    const c = run({ lifecycle: { postStart: { exec: { command: ['sleep', 'infinity'] } } } }, { profile: fast });
    c.advance(3600);
    expect(c.snapshot().value).toEqual({ waiting: 'postStartBlocked' });
    c.send({ type: 'container.kill', graceMs: 1000, restart: 'never', message: 'Stopping container app' });
    c.advance(2);
    expect(c.snapshot().value).toBe('terminated');
  });

  it('should run preStop, then SIGTERM, then SIGKILL when the grace period (counted from preStop) ends', () => {
    const c = run({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }, { profile: { ...fast, onTerm: 'ignore' } });
    c.advance(10);
    c.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    expect(c.snapshot().value).toEqual({ stopping: 'preStop' });
    c.advance(5);
    expect(c.snapshot().value).toEqual({ stopping: 'ignoringTerm' });
    c.advance(24.999);
    expect(c.snapshot().value).toEqual({ stopping: 'ignoringTerm' });
    c.advance(0.001);
    expect(c.snapshot().context.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(c.snapshot().context.terminated?.finishedAt).toBe(c.clock.now());
  });

  it('should exit with the workload\'s TERM exit code when it honours SIGTERM', () => {
    const c = run({}, { profile: { ...fast, onTerm: { seconds: 3 } } });
    c.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    c.advance(3);
    expect(c.snapshot().context.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    const clean = run({}, { profile: { ...fast, onTerm: { exitCode: 0 } } });
    clean.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    expect(clean.snapshot().context.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('should cut a preStop hook at the end of the grace period and kill 2 s after SIGTERM', () => {
    const c = run({ lifecycle: { preStop: { exec: { command: ['sleep', '40'] } } } }, { profile: { ...fast, onTerm: 'ignore' } });
    c.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    c.advance(30);
    expect(c.events.at(-1)?.reason).toBe('FailedPreStopHook');
    expect(c.snapshot().value).toEqual({ stopping: 'ignoringTerm' });
    c.advance(2);
    expect(c.snapshot().context.terminated?.exitCode).toBe(137);
  });

  it('should skip preStop and kill after the 2 s minimum on a grace period of 0', () => {
    const c = run({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }, { profile: { ...fast, onTerm: 'ignore' } });
    c.send({ type: 'container.kill', graceMs: 0, restart: 'never', message: 'Stopping container app' });
    expect(c.snapshot().value).toEqual({ stopping: 'ignoringTerm' });
    c.advance(2);
    expect(c.snapshot().value).toBe('terminated');
  });

  it('should shorten a kill in progress when a second kill comes with less grace', () => {
    const c = run({ lifecycle: { preStop: { exec: { command: ['sleep', '20'] } } } }, { profile: { ...fast, onTerm: 'ignore' } });
    c.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    c.advance(5);
    c.send({ type: 'container.kill', graceMs: 3_000, restart: 'never', message: 'Stopping container app' });
    c.advance(3);
    expect(c.snapshot().value).toEqual({ stopping: 'ignoringTerm' });
    c.send({ type: 'container.kill', graceMs: 0, restart: 'never', message: 'Stopping container app' });
    c.advance(2);
    expect(c.snapshot().value).toBe('terminated');
    const honouring = run({}, { profile: { ...fast, onTerm: { seconds: 20 } } });
    honouring.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    honouring.advance(1);
    honouring.send({ type: 'container.kill', graceMs: 1_000, restart: 'never', message: 'Stopping container app' });
    honouring.advance(2);
    expect(honouring.snapshot().context.terminated?.exitCode).toBe(137);
  });

  it('should restart a container with the new image when its spec image changes', () => {
    const c = run({}, { profile: fast });
    c.advance(5);
    const behavior = c.snapshot().context.behavior;
    c.send({ type: 'container.imageChanged', image: 'registry.local/app:2.0', behavior });
    expect(c.events.find((e) => e.reason === 'Killing')).toMatchObject({ at: 5, message: 'Container app definition changed, will be restarted' });
    c.advance(1);
    expect(c.snapshot().context).toMatchObject({ image: 'registry.local/app:2.0', restartCount: 1 });
    expect(c.events.some((e) => e.message === 'Pulling image "registry.local/app:2.0"')).toBe(true);
  });

  it('should take a new image while waiting, and keep the last one on an idle container', () => {
    const c = run({}, { profile: { pull: { seconds: 5, fail: true } } });
    c.advance(6);
    const behavior = { ...c.snapshot().context.behavior, pull: { ms: 0, error: undefined } };
    c.send({ type: 'container.imageChanged', image: 'registry.local/app:fixed', behavior });
    c.advance(1);
    expect(c.snapshot().value).toMatchObject({ running: {} });
    const idle = run({}, { start: false });
    idle.send({ type: 'container.imageChanged', image: 'registry.local/app:3', behavior });
    expect(idle.snapshot().context.image).toBe('registry.local/app:3');
    idle.send({ type: 'container.kill', graceMs: 0, restart: 'never', message: '' });
    expect(idle.snapshot().value).toBe('discarded');
  });

  it('should show the last termination when a container in back-off is stopped for good', () => {
    const c = run({}, { profile: { ...fast, run: { seconds: 1, exitCode: 3 } } });
    c.advance(2.5);
    expect(c.snapshot().value).toEqual({ waiting: 'crashLoopBackOff' });
    c.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    expect(c.snapshot().value).toBe('terminated');
    expect(c.snapshot().context.terminated?.exitCode).toBe(3);
  });

  it('should follow an exit reported from outside while running, starting or stopping', () => {
    const c = run({ lifecycle: { postStart: { exec: { command: ['sleep', '10'] } } } }, { profile: fast, policy: 'Never' });
    c.send({ type: 'container.exited', exitCode: 0 });
    expect(c.snapshot().context.terminated?.reason).toBe('Completed');
    const blocked = run({ lifecycle: { postStart: { exec: { command: ['sleep', 'infinity'] } } } }, { profile: fast, policy: 'Never' });
    blocked.send({ type: 'container.exited', exitCode: 9, reason: 'Error' });
    expect(blocked.snapshot().value).toBe('terminated');
    const stopping = run({}, { profile: { ...fast, onTerm: 'ignore' }, policy: 'Never' });
    stopping.send({ type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' });
    stopping.send({ type: 'container.exited', exitCode: 0 });
    expect(stopping.snapshot().value).toBe('terminated');
  });

  it('should change image and be killed while its postStart hook runs', () => {
    const profile = { ...fast, onTerm: 'ignore' } as const;
    const c = run({ lifecycle: { postStart: { exec: { command: ['sleep', '10'] } } } }, { profile });
    c.send({ type: 'container.imageChanged', image: 'registry.local/app:2', behavior: c.snapshot().context.behavior });
    expect(c.snapshot().value).toMatchObject({ stopping: 'ignoringTerm' });
    c.advance(30);
    expect(c.snapshot().context).toMatchObject({ image: 'registry.local/app:2', restartCount: 1 });
    const blocked = run({ lifecycle: { postStart: { exec: { command: ['sleep', 'infinity'] } } } }, { profile });
    blocked.send({ type: 'container.imageChanged', image: 'registry.local/app:2', behavior: blocked.snapshot().context.behavior });
    expect(blocked.snapshot().value).toMatchObject({ stopping: 'ignoringTerm' });
    const killed = run({ lifecycle: { postStart: { exec: { command: ['sleep', '10'] } } } }, { profile });
    killed.send({ type: 'container.kill', graceMs: 0, restart: 'never', message: 'Stopping container app' });
    expect(killed.snapshot().value).toMatchObject({ stopping: {} });
  });
});

// A container machine built from what the runtime kept across a kubelet restart (times in ms relative to now).
function resume(spec: Partial<Container>, restored: (now: number) => RestoredContainer, profile: WorkloadProfile = {}, policy: RestartPolicy = 'Always') {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const container: Container = { name: 'app', image: 'registry.local/app:1.0', ...spec };
  const pod: Pod = { metadata: { name: 'p', namespace: 'default', uid: 'uid-1', annotations: { 'behavior.kubeactors.dev/app': JSON.stringify(profile) } }, spec: { containers: [container] } };
  const behavior = resolveBehavior(pod, container);
  const config = containerConfig(container, 'app', policy, 30_000, behavior);
  const events: ContainerEventRecord[] = [];
  const machine = containerMachine.provide({ actions: { recordEvent: (_, e: ContainerEventRecord) => events.push(e) } });
  const actor = createActor(machine, { clock, input: { clock, config, image: container.image ?? '', behavior, restored: restored(t0) }, inspect: coverage.observe });
  actor.start();
  actor.send({ type: 'container.start' });
  // Timers due at once (a resumed container's overdue process end, its immediate readiness probe) are left for the test to run.
  return { t0, clock, events, actor, advance: (seconds: number) => clock.advance(seconds * 1000), context: () => actor.getSnapshot().context, value: () => actor.getSnapshot().value };
}

const ended = (at: number, exitCode: number, restartCount: number, ranMs = 5000): Termination => ({ exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', message: undefined, startedAt: at - ranMs, finishedAt: at, restartCount });

describe('containerMachine after a kubelet restart', () => {
  it('should carry on running the same instance, without creating it, and end it on its original schedule', () => {
    const last = (now: number) => ended(now - 120_000, 1, 1);
    const c = resume({}, (now) => ({ restartCount: 2, startedAt: now - 60_000, lastTerminated: last(now) }), { run: { seconds: 100, exitCode: 4 }, startSeconds: 0 });
    c.advance(0);
    expect(c.value()).toMatchObject({ running: {} });
    expect(c.context()).toMatchObject({ restartCount: 2, startedAt: c.t0 - 60_000, lastTerminated: last(c.t0), started: true, ready: true, imagePresent: true });
    expect(c.events).toEqual([]);
    // 100 s from its start, not from the restart.
    c.advance(39);
    expect(c.value()).toMatchObject({ running: {} });
    c.advance(1);
    expect(c.context().lastTerminated).toMatchObject({ exitCode: 4, startedAt: c.t0 - 60_000, finishedAt: c.t0 + 40_000, restartCount: 2 });
    expect(c.context().restartCount).toBe(3);
  });

  it('should end at once, at its scheduled time, a process that ended while the kubelet was down', () => {
    const c = resume({}, (now) => ({ restartCount: 0, startedAt: now - 300_000 }), { run: { seconds: 100, exitCode: 0 } }, 'OnFailure');
    expect(c.value()).toMatchObject({ running: {} });
    c.advance(0);
    expect(c.value()).toBe('terminated');
    expect(c.context().terminated).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: c.t0 - 300_000, finishedAt: c.t0 - 200_000, restartCount: 0 });
  });

  it('should start probes afresh: not ready until the readiness probe, run at once, says so', () => {
    const readinessProbe = { httpGet: { path: '/', port: 80 }, periodSeconds: 10 };
    const c = resume({ readinessProbe }, (now) => ({ restartCount: 0, startedAt: now - 600_000 }));
    expect(c.context()).toMatchObject({ started: true, ready: false });
    c.advance(0);
    expect(c.context()).toMatchObject({ ready: true, probes: { readiness: { ok: 1, next: c.t0 + 10_000 } } });
    // Behind a startup probe, readiness waits for it as after any start.
    // Probes keep the grid of the container's start: startup at +3 s, readiness at +8 s.
    const gated = resume({ readinessProbe, startupProbe: { exec: { command: ['s'] }, periodSeconds: 5 } }, (now) => ({ restartCount: 0, startedAt: now - 602_000 }));
    gated.advance(0);
    expect(gated.context()).toMatchObject({ started: false, ready: false });
    gated.advance(3);
    expect(gated.context()).toMatchObject({ started: true, ready: false });
    gated.advance(5);
    expect(gated.context()).toMatchObject({ started: true, ready: true });
  });

  it('should keep a terminated container terminated under its restart policy', () => {
    const c = resume({}, (now) => ({ restartCount: 1, terminated: ended(now - 30_000, 1, 1), lastTerminated: ended(now - 90_000, 1, 0) }), {}, 'Never');
    expect(c.value()).toBe('terminated');
    expect(c.context()).toMatchObject({ restartCount: 1, terminated: { exitCode: 1, restartCount: 1 }, lastTerminated: { restartCount: 0 } });
    expect(c.events).toEqual([]);
  });

  it('should wait out the rest of a crash back-off, then restart as the next instance with the back-off doubled', () => {
    const c = resume({}, (now) => ({ restartCount: 3, terminated: ended(now - 15_000, 1, 3), crashBackOff: { ms: 40_000, updatedAt: now - 20_000 } }), { pull: { seconds: 0 }, startSeconds: 0 });
    expect(c.value()).toEqual({ waiting: 'crashLoopBackOff' });
    expect(c.context()).toMatchObject({ restartCount: 3, terminated: undefined, lastTerminated: { restartCount: 3 } });
    c.advance(24);
    expect(c.value()).toEqual({ waiting: 'crashLoopBackOff' });
    c.advance(1);
    expect(c.value()).toMatchObject({ running: {} });
    expect(c.context()).toMatchObject({ restartCount: 4, startedAt: c.t0 + 25_000, crashBackOff: { ms: 80_000 } });
  });

  it('should restart at once a container whose back-off ran out while the kubelet was down', () => {
    const c = resume({}, (now) => ({ restartCount: 2, terminated: ended(now - 60_000, 1, 2), crashBackOff: { ms: 20_000, updatedAt: now - 65_000 } }), { pull: { seconds: 0 }, startSeconds: 0 });
    c.advance(0);
    expect(c.value()).toMatchObject({ running: {} });
    expect(c.context()).toMatchObject({ restartCount: 3, startedAt: c.t0, lastTerminated: { restartCount: 2 }, crashBackOff: { ms: 40_000 } });
  });
});

describe('containerMachine coverage', () => {
  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    console.log(`containerMachine coverage: ${r.states.reached}/${r.states.total} states, ${r.transitions.reached}/${r.transitions.total} transitions`);
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
