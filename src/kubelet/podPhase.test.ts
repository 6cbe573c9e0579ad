import { describe, expect, it } from 'vitest';
import { containerConfig } from './containerConfig.ts';
import type { ContainerRecord, ContainerSlot, Termination } from './containerRecord.ts';
import { containerView, isStopped } from './containerView.ts';
import { derivePodPhase } from './podPhase.ts';
import type { RestartPolicy } from './restartRules.ts';
import { DEFAULT_BEHAVIOR } from './workloadBehavior.ts';

const ended = (exitCode: number): Termination => ({ exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', message: undefined, startedAt: 0, finishedAt: 1, restartCount: 0 });

function slot(kind: 'init' | 'app' | 'sidecar', value: ContainerSlot['value'], record: Partial<ContainerRecord> = {}): ContainerSlot {
  const spec = { name: `${kind}-${JSON.stringify(value)}`, ...(kind === 'sidecar' ? { restartPolicy: 'Always' } : {}) };
  const config = containerConfig(spec, kind === 'app' ? 'app' : 'init', 'Always', 30_000, DEFAULT_BEHAVIOR);
  const context: ContainerRecord = {
    clock: { now: () => 0 }, config, image: 'x', behavior: DEFAULT_BEHAVIOR, imagePresent: false, restartCount: 0, startedAt: undefined, terminated: undefined, lastTerminated: undefined,
    started: false, ready: false, probes: {}, crashBackOff: undefined, pullBackOff: undefined, kill: undefined, discardedReason: undefined, ...record,
  };
  return { value, context };
}

const running = (kind: 'app' | 'init' | 'sidecar' = 'app', started = true) => slot(kind, { running: { process: 'immortal' } }, { startedAt: 0, started });
const done = (code: number, kind: 'app' | 'init' | 'sidecar' = 'app') => slot(kind, 'terminated', { terminated: ended(code) });
const backOff = (code: number) => slot('app', { waiting: 'crashLoopBackOff' }, { lastTerminated: ended(code) });
const creating = (kind: 'app' | 'init' | 'sidecar' = 'app') => slot(kind, { waiting: 'pulling' });

describe('derivePodPhase', () => {
  it.each<[string, ContainerSlot[], RestartPolicy, boolean, string]>([
    ['a container still being created', [running(), creating()], 'Always', false, 'Pending'],
    ['all started, one running', [running(), done(1)], 'Never', false, 'Running'],
    ['all stopped under Always', [done(0), done(1)], 'Always', false, 'Running'],
    ['all stopped in success', [done(0), done(0)], 'OnFailure', false, 'Succeeded'],
    ['a failure under Never', [done(0), done(1)], 'Never', false, 'Failed'],
    ['a failure restarting under OnFailure', [done(0), backOff(1)], 'OnFailure', false, 'Running'],
    ['a terminal pod in success', [done(0)], 'Always', true, 'Succeeded'],
    ['a terminal pod with a failure', [done(143)], 'Always', true, 'Failed'],
    ['an init container running', [running('init'), creating()], 'Always', false, 'Pending'],
    ['a failed init container under Never', [done(1, 'init'), creating()], 'Never', false, 'Failed'],
    ['an init container restarting after a failure under Never', [slot('init', { waiting: 'crashLoopBackOff' }, { lastTerminated: ended(1) }), creating()], 'Never', false, 'Failed'],
    ['an init container waiting', [creating('init'), creating()], 'OnFailure', false, 'Pending'],
    ['a sidecar not yet created', [creating('sidecar'), creating()], 'Always', false, 'Pending'],
    ['a sidecar running next to a completed job', [running('sidecar'), done(0)], 'Never', false, 'Running'],
    ['a stopped sidecar after a completed job', [done(143, 'sidecar'), done(0)], 'Never', false, 'Succeeded'],
    ['a sidecar restarting next to a running app', [slot('sidecar', { waiting: 'crashLoopBackOff' }, { lastTerminated: ended(1) }), running()], 'Always', false, 'Running'],
    ['no containers at all', [], 'Always', false, 'Pending'],
    ['a container recreated after a spec change under Never', [slot('app', { waiting: 'pulling' }, { lastTerminated: ended(143) })], 'Never', false, 'Running'],
    ['a container being recreated when the pod is deleted', [slot('app', { waiting: 'pulling' }, { lastTerminated: ended(0) })], 'Never', true, 'Failed'],
  ])('should be %s → %s', (_why, slots, policy, terminal, phase) => {
    expect(derivePodPhase(slots, policy, terminal)).toBe(phase);
  });
});

describe('containerView', () => {
  it('should read machine states as container status states', () => {
    expect(containerView(slot('app', 'idle'))).toMatchObject({ state: 'waiting', waitingReason: '', running: false });
    expect(containerView(slot('app', { waiting: 'imagePullBackOff' })).waitingReason).toBe('ImagePullBackOff');
    expect(containerView(slot('app', { waiting: 'postStart' }))).toMatchObject({ state: 'waiting', waitingReason: 'ContainerCreating', running: true });
    expect(containerView(slot('app', { stopping: 'preStop' })).state).toBe('running');
    expect(containerView(slot('app', 'discarded', { discardedReason: 'ErrImagePull' })).waitingReason).toBe('ErrImagePull');
    expect(isStopped(slot('app', { stopping: 'terminating' }))).toBe(false);
    expect(isStopped(done(0))).toBe(true);
  });
});
