import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/status.ts';
import { containerConfig } from './containerConfig.ts';
import type { ContainerRecord, ContainerSlot, Termination } from './containerRecord.ts';
import type { PodRecord } from './podRecord.ts';
import { containerLogs, instanceLog, renderTemplate } from './simulatedLogs.ts';
import { DEFAULT_BEHAVIOR, resolveBehavior } from './workloadBehavior.ts';
import { httpAnswer, resourceUsageAt } from './workloadOutputs.ts';

const T0 = Date.UTC(2025, 0, 1);
const loop = resolveBehavior({ metadata: { name: 'p' } }, { name: 'main', command: ['sh', '-c', 'echo "Main container started."; while true; do echo "tick {{hostname}}"; sleep 10; done'] });

function podWith(value: ContainerSlot['value'], record: Partial<ContainerRecord>): PodRecord {
  const config = containerConfig({ name: 'main' }, 'app', 'Always', 30_000, loop);
  const context: ContainerRecord = {
    clock: { now: () => T0 }, config, image: 'busybox', behavior: loop, imagePresent: true, restartCount: 0, startedAt: undefined, terminated: undefined,
    lastTerminated: undefined, started: false, ready: false, probes: {}, crashBackOff: undefined, pullBackOff: undefined, kill: undefined, discardedReason: undefined, ...record,
  };
  return {
    clock: context.clock, namespace: 'default', name: 'fortune-client', uid: 'u', restartPolicy: 'Always', graceMs: 30_000, activeDeadlineMs: undefined, startTime: T0,
    containers: [{ value, context }], conditions: { initialized: true, initializedAt: T0, containersReady: false, containersReadyAt: T0 }, reason: undefined, message: undefined, deletion: undefined,
  };
}

const ended = (startedAt: number, finishedAt: number): Termination => ({ exitCode: 1, reason: 'Error', message: undefined, startedAt, finishedAt, restartCount: 0 });

describe('simulatedLogs', () => {
  it('should give the lines of the running instance up to now, templates filled', () => {
    const pod = podWith({ running: {} }, { startedAt: T0 });
    expect(containerLogs(pod, 'main', T0 + 25_000)).toBe('Main container started.\ntick fortune-client\ntick fortune-client\ntick fortune-client\n');
  });

  it('should honour tail, since, timestamps and limit-bytes', () => {
    const pod = podWith({ running: {} }, { startedAt: T0 });
    const at = T0 + 3_600_000;
    expect(containerLogs(pod, 'main', at, { tail: 2 })).toBe('tick fortune-client\ntick fortune-client\n');
    expect(containerLogs(pod, 'main', at, { tail: 0 })).toBe('');
    expect(containerLogs(pod, 'main', at, { sinceSeconds: 25 }).split('\n').filter(Boolean)).toHaveLength(3);
    expect(containerLogs(pod, 'main', at, { sinceTime: at - 10_000, timestamps: true })).toBe('2025-01-01T00:59:50.000000000Z tick fortune-client\n2025-01-01T01:00:00.000000000Z tick fortune-client\n');
    expect(containerLogs(pod, 'main', at, { limitBytes: 5 })).toBe('Main ');
    expect(containerLogs(pod, 'main', at).split('\n').filter(Boolean)).toHaveLength(1 + 361);
  });

  it('should give the previous instance with --previous, and the last one while in back-off', () => {
    const running = podWith({ running: {} }, { startedAt: T0 + 100_000, lastTerminated: ended(T0, T0 + 15_000) });
    expect(containerLogs(running, 'main', T0 + 200_000, { previous: true })).toBe('Main container started.\ntick fortune-client\ntick fortune-client\n');
    const backOff = podWith({ waiting: 'crashLoopBackOff' }, { lastTerminated: ended(T0, T0 + 5_000) });
    expect(containerLogs(backOff, 'main', T0 + 9_000)).toBe('Main container started.\ntick fortune-client\n');
    expect(containerLogs(backOff, 'main', T0 + 9_000, { previous: true })).toBe(containerLogs(backOff, 'main', T0 + 9_000));
    const done = podWith('terminated', { terminated: ended(T0, T0 + 1) });
    expect(containerLogs(done, 'main', T0 + 9_000)).toBe('Main container started.\ntick fortune-client\n');
  });

  it('should refuse with the kubelet\'s messages when there is nothing to show', () => {
    const cases: [PodRecord, string, { previous?: boolean }, string][] = [
      [podWith({ waiting: 'pulling' }, {}), 'main', {}, 'container "main" in pod "fortune-client" is waiting to start: ContainerCreating'],
      [podWith({ waiting: 'errImagePull' }, {}), 'main', {}, 'container "main" in pod "fortune-client" is waiting to start: image can\'t be pulled'],
      [podWith({ waiting: 'imagePullBackOff' }, {}), 'main', {}, 'container "main" in pod "fortune-client" is waiting to start: trying and failing to pull image'],
      [podWith('idle', {}), 'main', {}, 'container "main" in pod "fortune-client" is waiting to start: ContainerCreating'],
      [podWith({ running: {} }, { startedAt: T0 }), 'main', { previous: true }, 'previous terminated container "main" in pod "fortune-client" not found'],
      [podWith({ running: {} }, { startedAt: T0 }), 'sidecar', {}, 'container sidecar is not valid for pod fortune-client'],
    ];
    for (const [pod, name, opts, message] of cases) {
      let error: unknown;
      try {
        containerLogs(pod, name, T0, opts);
      } catch (e) {
        error = e;
      }
      expect(isStatusError(error, 'BadRequest')).toBe(true);
      expect((error as Error).message).toBe(message);
    }
  });

  it('should stop an instance\'s log where it ended', () => {
    expect(instanceLog(loop.logs, { startedAt: T0, finishedAt: T0 + 10_000 }, T0 + 60_000, {}, { hostname: 'h' })).toBe('Main container started.\ntick h\ntick h\n');
    expect(instanceLog(DEFAULT_BEHAVIOR.logs, { startedAt: T0 }, T0 + 60_000, {}, { hostname: 'h' })).toBe('');
  });

  it('should fill templates and answer HTTP and usage from the behaviour', () => {
    expect(renderTemplate("You've hit {{hostname}} ({{ podIP }}) {{unknown}}", { hostname: 'kubia-xyz', podIP: '10.1.2.3' })).toBe("You've hit kubia-xyz (10.1.2.3) {{unknown}}");
    const b = resolveBehavior({ metadata: { annotations: { 'behavior.kubeactors.dev/c': 'http: { status: 503, body: "down on {{hostname}}" }\nresources: { cpu: [{ afterSeconds: 60, value: 900m }] }' } } }, { name: 'c', image: 'x' });
    expect(httpAnswer(b, { hostname: 'web-1' })).toEqual({ status: 503, body: 'down on web-1' });
    expect(resourceUsageAt(b, 59_000)).toEqual({ cpuMillis: 0, memoryBytes: 0 });
    expect(resourceUsageAt(b, 60_000).cpuMillis).toBeCloseTo(900, 9);
  });
});
