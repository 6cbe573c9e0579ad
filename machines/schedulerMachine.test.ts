import { describe, it, expect } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { schedulerMachine } from './schedulerMachine.ts';

function run() {
  const calls: string[] = [];
  const note = (name: string) => (_: unknown, params?: unknown) => void calls.push(params === undefined ? name : `${name} ${JSON.stringify(params)}`);
  const names = ['popNext', 'runCycle', 'assume', 'bind', 'finishBinding', 'forget', 'preempt', 'handleFailure', 'skip', 'flushQueues'] as const;
  const actions = Object.fromEntries(names.map((n) => [n, note(n)])) as Record<(typeof names)[number], () => void>;
  const clock = new VirtualClock(0);
  const actor = createActor(schedulerMachine.provide({ actions }), { clock });
  actor.start();
  return { actor, calls, clock };
}

describe('schedulerMachine', () => {
  it('should wait for its caches, then pop, schedule, assume, bind and pop again', () => {
    const { actor, calls } = run();
    actor.send({ type: 'queue.ready' });
    expect(calls).toEqual([]);
    actor.send({ type: 'informers.synced' });
    expect(actor.getSnapshot().value).toEqual({ running: { loop: 'idle', wakeup: 'unarmed' } });
    actor.send({ type: 'pod.popped', pod: 'default/a' });
    expect(actor.getSnapshot().context.current).toBe('default/a');
    actor.send({ type: 'cycle.scheduled', nodeName: 'n1' });
    expect(actor.getSnapshot().value).toEqual({ running: { loop: 'binding', wakeup: 'unarmed' } });
    actor.send({ type: 'queue.ready' });
    actor.send({ type: 'bind.succeeded' });
    expect(calls).toEqual(['popNext', 'runCycle', 'assume {"nodeName":"n1"}', 'bind', 'finishBinding', 'popNext']);
    expect(actor.getSnapshot().context).toMatchObject({ current: undefined, attempts: 1, scheduled: 1 });
  });

  it('should requeue failures, preempt before requeueing and forget a pod whose binding failed', () => {
    const { actor, calls } = run();
    actor.send({ type: 'informers.synced' });
    actor.send({ type: 'pod.popped', pod: 'default/a' });
    actor.send({ type: 'cycle.preempting', nominatedNodeName: 'n1', message: 'm1' });
    actor.send({ type: 'pod.popped', pod: 'default/b' });
    actor.send({ type: 'cycle.unschedulable', message: 'm2' });
    actor.send({ type: 'pod.popped', pod: 'default/c' });
    actor.send({ type: 'cycle.scheduled', nodeName: 'n2' });
    actor.send({ type: 'bind.failed', message: 'm3' });
    actor.send({ type: 'pod.popped', pod: 'default/d' });
    actor.send({ type: 'cycle.skipped' });
    expect(calls.filter((c) => c !== 'popNext' && c !== 'runCycle')).toEqual([
      'preempt {"nominatedNodeName":"n1"}',
      'handleFailure {"message":"m1"}',
      'handleFailure {"message":"m2"}',
      'assume {"nodeName":"n2"}',
      'bind',
      'forget',
      'handleFailure {"message":"m3"}',
      'skip',
    ]);
    expect(actor.getSnapshot().context).toMatchObject({ attempts: 4, preemptions: 1, unschedulable: 1, bindFailures: 1, scheduled: 0 });
  });

  it('should flush the queues once the armed wake-up delay passes on its clock, re-armed by each wake-up.at', () => {
    const { actor, calls, clock } = run();
    actor.send({ type: 'informers.synced' });
    actor.send({ type: 'wakeup.at', delayMs: 1000 });
    clock.advance(500);
    actor.send({ type: 'wakeup.at', delayMs: 1000 });
    clock.advance(999);
    expect(calls).not.toContain('flushQueues');
    clock.advance(1);
    expect(calls.filter((c) => c === 'flushQueues')).toHaveLength(1);
    expect(actor.getSnapshot().value).toEqual({ running: { loop: 'idle', wakeup: 'unarmed' } });
    actor.send({ type: 'wakeup.at', delayMs: 10 });
    actor.send({ type: 'wakeup.cancel' });
    clock.advance(100);
    expect(calls.filter((c) => c === 'flushQueues')).toHaveLength(1);
    actor.send({ type: 'scheduler.stop' });
    expect(actor.getSnapshot().status).toBe('done');
  });
});
