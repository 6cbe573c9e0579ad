import { describe, expect, it } from 'vitest';
import { containerConfig } from './containerConfig.ts';
import type { ContainerRecord, ContainerSlot } from './containerRecord.ts';
import type { PodRecord } from './podRecord.ts';
import { derivePodStatus, phaseOf } from './podStatus.ts';
import { DEFAULT_BEHAVIOR } from './workloadBehavior.ts';

const T0 = Date.UTC(2025, 0, 1);

function slot(name: string, kind: 'init' | 'app', value: ContainerSlot['value']): ContainerSlot {
  const context: ContainerRecord = {
    clock: { now: () => T0 }, config: containerConfig({ name }, kind, 'Always', 30_000, DEFAULT_BEHAVIOR), image: 'busybox', behavior: DEFAULT_BEHAVIOR, imagePresent: false,
    restartCount: 0, startedAt: undefined, terminated: undefined, lastTerminated: undefined, started: false, ready: false, probes: {}, crashBackOff: undefined, pullBackOff: undefined,
    kill: undefined, discardedReason: undefined,
  };
  return { value, context };
}

function record(containers: ContainerSlot[], initialized: boolean): PodRecord {
  return {
    clock: { now: () => T0 }, namespace: 'ns', name: 'p', uid: 'u', restartPolicy: 'Always', graceMs: 30_000, activeDeadlineMs: undefined, startTime: T0, containers,
    conditions: { initialized, initializedAt: T0, containersReady: false, containersReadyAt: T0 }, reason: undefined, message: undefined, deletion: undefined,
  };
}

describe('derivePodStatus', () => {
  it('should read the phase from the machine state, and from the containers once the machine is done', () => {
    const ctx = record([slot('a', 'app', 'idle')], true);
    expect(phaseOf({ value: { active: { phase: 'unknown', lifecycle: 'alive' } }, context: ctx })).toBe('Unknown');
    expect(phaseOf({ value: { active: { phase: { pending: 'initializing' }, lifecycle: 'alive' } }, context: ctx })).toBe('Pending');
    expect(phaseOf({ value: 'terminated', context: ctx })).toBe('Pending');
  });

  it('should show PodInitializing for containers the init containers hold back, ContainerCreating otherwise', () => {
    const value = { active: { phase: { pending: 'initializing' }, lifecycle: 'alive' } };
    const held = derivePodStatus({ value, context: record([slot('init', 'init', { waiting: 'pulling' }), slot('app', 'app', 'idle')], false) }, { metadata: { name: 'p' } });
    expect(held.initContainerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(held.containerStatuses?.[0]).toMatchObject({ name: 'app', state: { waiting: { reason: 'PodInitializing' } }, ready: false, started: false, restartCount: 0, image: 'busybox', imageID: '' });
    expect(held.containerStatuses?.[0]?.containerID).toBeUndefined();
    const plain = derivePodStatus({ value, context: record([slot('app', 'app', 'idle')], true) }, { metadata: { name: 'p' } });
    expect(plain.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
    expect(plain.initContainerStatuses).toBeUndefined();
    expect(plain.hostIP).toBeUndefined();
  });
});
