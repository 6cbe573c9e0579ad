import fc from 'fast-check';
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { derivePodStatus } from '../src/kubelet/podStatus.ts';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import { containerIdOf } from '../src/kubelet/runtimeIds.ts';
import type { WorkloadProfile } from '../src/kubelet/workloadTypes.ts';
import type { PodEventRecord } from './podMachine.ts';
import { podMachine } from './podMachine.ts';
import { restoredConditions, restoredContainer } from './podRestore.ts';
import { makePod, runPod } from './testing/podHarness.ts';

const at = (iso: string): number => Date.parse(iso);
const opts = { hostIP: '10.0.0.1', podIPs: ['10.244.0.5'] };

describe('restoredContainer', () => {
  it('should read a running container: its start, its count and the instance its last state names', () => {
    const status: ContainerStatus = {
      name: 'app', image: 'docker.io/library/busybox:1.36', imageID: '', ready: true, restartCount: 4,
      state: { running: { startedAt: '2025-01-01T00:10:00Z' } },
      // Instance 2's end (not 3, as a guess from the count would say).
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: '2025-01-01T00:05:00Z', finishedAt: '2025-01-01T00:06:00Z', containerID: containerIdOf('uid-1', 'app', 2) } },
    };
    expect(restoredContainer(status, 'uid-1', 'busybox:1.36')).toEqual({
      restartCount: 4,
      startedAt: at('2025-01-01T00:10:00Z'),
      lastTerminated: { exitCode: 1, reason: 'Error', message: undefined, startedAt: at('2025-01-01T00:05:00Z'), finishedAt: at('2025-01-01T00:06:00Z'), restartCount: 2 },
    });
    // An instance of an image the spec no longer names keeps that image.
    expect(restoredContainer(status, 'uid-1', 'busybox:1.37')).toMatchObject({ image: 'docker.io/library/busybox:1.36' });
  });

  it('should read a CrashLoopBackOff container: the end it waits after, and the back-off from the message', () => {
    const status: ContainerStatus = {
      name: 'app', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 5,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container=app pod=p_default(uid-1)' } },
      lastState: { terminated: { exitCode: 2, startedAt: '2025-01-01T00:20:00Z', finishedAt: '2025-01-01T00:20:01Z' } },
    };
    expect(restoredContainer(status, 'uid-1', 'busybox:1.36')).toEqual({
      restartCount: 5,
      terminated: { exitCode: 2, reason: 'Error', message: undefined, startedAt: at('2025-01-01T00:20:00Z'), finishedAt: at('2025-01-01T00:20:01Z'), restartCount: 5 },
      crashBackOff: { ms: 160_000, updatedAt: at('2025-01-01T00:20:00Z') },
    });
  });

  it('should read a terminated container, and leave a container that never ran to start afresh', () => {
    const done: ContainerStatus = {
      name: 'init', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2025-01-01T00:00:01Z', finishedAt: '2025-01-01T00:00:04Z' } },
    };
    expect(restoredContainer(done, 'uid-1', 'busybox:1.36')).toMatchObject({ restartCount: 0, terminated: { exitCode: 0, reason: 'Completed', restartCount: 0 }, lastTerminated: undefined });
    const creating: ContainerStatus = { name: 'app', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } };
    expect(restoredContainer(creating, 'uid-1', 'busybox:1.36')).toEqual({ restartCount: 0, lastTerminated: undefined });
  });
});

describe('restoredConditions', () => {
  it('should keep the written conditions with their transition times, and fall back for missing ones', () => {
    const fallback = { initialized: false, initializedAt: 1, containersReady: false, containersReadyAt: 1 };
    const status = { conditions: [{ type: 'Initialized', status: 'True', lastTransitionTime: '2025-01-01T00:00:04Z' }] };
    expect(restoredConditions(status, fallback)).toEqual({ initialized: true, initializedAt: at('2025-01-01T00:00:04Z'), containersReady: false, containersReadyAt: 1 });
  });
});

// A pod machine rebuilt from `status` at the clock's current time, as a restarted kubelet does.
function rebuild(pod: Pod, p: ReturnType<typeof runPod>) {
  const status = p.status();
  const events: PodEventRecord[] = [];
  const present = new Set(p.snapshot().context.containers.filter((s) => s.context.imagePresent).map((s) => s.context.image));
  const machine = podMachine.provide({ actions: { recordEvent: (_, e: PodEventRecord) => events.push(e) } });
  const actor = createActor(machine, { clock: p.clock, input: { pod, clock: p.clock, restored: status, imagePresent: (image: string) => present.has(image) } });
  actor.start();
  const restoredPod: Pod = { ...pod, status };
  return { status, events, actor, derived: () => derivePodStatus(actor.getSnapshot(), restoredPod, opts) };
}

const profile: fc.Arbitrary<WorkloadProfile> = fc.record({
  pull: fc.record({ seconds: fc.integer({ min: 0, max: 3 }) }),
  startSeconds: fc.integer({ min: 0, max: 2 }),
  run: fc.oneof(fc.constant('forever' as const), fc.record({ seconds: fc.integer({ min: 0, max: 60 }), exitCode: fc.constantFrom(0, 1, 2) })),
});

describe('podMachine rebuilt from its written status', () => {
  it('should derive the same status right after a kubelet restart, whatever the containers were doing', () => {
    fc.assert(
      fc.property(
        fc.record({
          policy: fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'),
          profiles: fc.array(profile, { minLength: 1, maxLength: 2 }),
          init: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
          sidecar: fc.boolean(),
          seconds: fc.integer({ min: 0, max: 900 }),
        }),
        (s) => {
          const names = s.profiles.map((_, i) => `c${i}`);
          const profiles: Record<string, WorkloadProfile> = Object.fromEntries(names.map((n, i) => [n, s.profiles[i] as WorkloadProfile]));
          const containers: Container[] = names.map((name) => ({ name, image: `registry.local/${name}:1` }));
          const initContainers: Container[] = [
            ...(s.init !== undefined ? [{ name: 'init', image: 'registry.local/init:1', command: ['sh', '-c', `sleep ${s.init}`] }] : []),
            ...(s.sidecar ? [{ name: 'proxy', image: 'registry.local/proxy:1', restartPolicy: 'Always' }] : []),
          ];
          const pod = makePod({ restartPolicy: s.policy, initContainers, containers }, profiles);
          const p = runPod(pod);
          p.advance(s.seconds);
          const phase = p.phase();
          // A restarted kubelet leaves finished pods alone.
          fc.pre(phase === 'Pending' || phase === 'Running');
          const r = rebuild(pod, p);
          expect(r.derived()).toEqual(r.status);
          // No container that had a process (or had finished) is pulled, created or started again;
          // one that was still being created is (its pull and create were the kubelet's, and were lost).
          const ran = (list: ContainerStatus[] | undefined, field: string) =>
            (list ?? []).filter((c) => c.state?.running !== undefined || c.state?.terminated !== undefined).map((c) => `${field}{${c.name}}`);
          const had = new Set([...ran(r.status.initContainerStatuses, 'spec.initContainers'), ...ran(r.status.containerStatuses, 'spec.containers')]);
          expect(r.events.filter((e) => e.reason !== 'BackOff' && had.has(e.fieldPath ?? ''))).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should go on from the restart as the runtime would: same instance, process end on its schedule', () => {
    const pod = makePod({ initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] }], containers: [{ name: 'app', image: 'busybox:1.36' }] }, { app: { pull: { seconds: 0 }, startSeconds: 0, run: { seconds: 300, exitCode: 1 } } });
    const p = runPod(pod);
    p.advance(100);
    const r = rebuild(pod, p);
    p.actor.stop();
    const app = () => r.derived().containerStatuses?.[0];
    const runningSince = r.status.containerStatuses?.[0]?.state?.running?.startedAt;
    expect(runningSince).toBeDefined();
    p.advance(100);
    expect(app()?.state?.running?.startedAt).toBe(runningSince);
    expect(r.derived().initContainerStatuses).toEqual(r.status.initContainerStatuses);
    // 300 s after it started, not after the restart; then restarted at once, as the first restart is.
    p.advance(150);
    expect(app()?.restartCount).toBe(1);
    expect(app()?.lastState?.terminated).toMatchObject({ exitCode: 1, startedAt: runningSince });
    expect(at(app()?.lastState?.terminated?.finishedAt ?? '') - at(runningSince ?? '')).toBe(300_000);
  });
});
