import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { getShortestPaths, toDirectedGraph } from 'xstate/graph';
import type { ReconcilerEvent } from './reconcilerMachine.ts';
import { reconcilerMachine } from './reconcilerMachine.ts';

function recorded() {
  const calls: string[] = [];
  const machine = reconcilerMachine.provide({
    actions: {
      startWork: () => void calls.push('startWork'),
      forget: (_, p) => void calls.push(`forget:${p.key}`),
      requeueAfter: (_, p) => void calls.push(`requeueAfter:${p.key}:${p.delayMs}`),
      requeueRateLimited: (_, p) => void calls.push(`requeueRateLimited:${p.key}`),
      markDone: (_, p) => void calls.push(`done:${p.key}`),
      recordTerminal: (_, p) => void calls.push(`terminal:${p.key}`),
      shutDownQueue: () => void calls.push('shutDown'),
    },
  });
  return { machine, calls };
}

describe('reconcilerMachine', () => {
  it('should turn each reconcile outcome into the controller-runtime requeue decision', () => {
    const { machine, calls } = recorded();
    const actor = createActor(machine, { input: { name: 'x', maxConcurrent: 2 } }).start();
    expect(actor.getSnapshot().value).toBe('waitingForCacheSync');
    actor.send({ type: 'informers.synced' });
    expect(actor.getSnapshot().value).toEqual({ running: 'idle' });
    actor.send({ type: 'reconcile.started', key: 'a' });
    expect(actor.getSnapshot().value).toEqual({ running: 'reconciling' });
    calls.length = 0;
    actor.send({ type: 'reconcile.succeeded', key: 'a' });
    expect(calls).toEqual(['forget:a', 'done:a', 'startWork']);
    actor.send({ type: 'reconcile.started', key: 'b' });
    calls.length = 0;
    actor.send({ type: 'reconcile.succeeded', key: 'b', requeueAfterMs: 30_000 });
    expect(calls).toEqual(['forget:b', 'requeueAfter:b:30000', 'done:b', 'startWork']);
    actor.send({ type: 'reconcile.started', key: 'c' });
    calls.length = 0;
    actor.send({ type: 'reconcile.failed', key: 'c', error: new Error('boom'), terminal: false });
    expect(calls).toEqual(['requeueRateLimited:c', 'done:c', 'startWork']);
    actor.send({ type: 'reconcile.started', key: 'd' });
    calls.length = 0;
    actor.send({ type: 'reconcile.failed', key: 'd', error: new Error('never'), terminal: true });
    expect(calls).toEqual(['forget:d', 'done:d', 'terminal:d', 'startWork']);
    expect(actor.getSnapshot().context).toMatchObject({ reconciled: 2, failures: 2, lastError: 'never', active: 0 });
    expect(actor.getSnapshot().value).toEqual({ running: 'idle' });
  });

  it('should finish in-flight reconciles before stopping', () => {
    const { machine, calls } = recorded();
    const actor = createActor(machine, { input: { name: 'x' } }).start();
    actor.send({ type: 'informers.synced' });
    actor.send({ type: 'reconcile.started', key: 'a' });
    actor.send({ type: 'controller.stop' });
    expect(actor.getSnapshot().value).toBe('stopping');
    expect(calls).toContain('shutDown');
    actor.send({ type: 'reconcile.failed', key: 'a', error: 'x', terminal: false });
    expect(actor.getSnapshot().value).toBe('stopped');
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('should reach every state by some event path', () => {
    const events: ReconcilerEvent[] = [
      { type: 'informers.synced' },
      { type: 'queue.ready' },
      { type: 'reconcile.started', key: 'k' },
      { type: 'reconcile.succeeded', key: 'k' },
      { type: 'reconcile.succeeded', key: 'k', requeueAfterMs: 5 },
      { type: 'reconcile.failed', key: 'k', error: 'e', terminal: false },
      { type: 'reconcile.failed', key: 'k', error: 'e', terminal: true },
      { type: 'controller.stop' },
    ];
    // Counters in context would make every state unique: states are told apart by value and activity only.
    const paths = getShortestPaths(reconcilerMachine, { events, input: { name: 'x' }, serializeState: (s) => JSON.stringify([s.value, s.context.active > 0]) });
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    const graph = toDirectedGraph(reconcilerMachine);
    const leaves: string[] = [];
    const walk = (node: typeof graph, prefix: string[]): void => {
      if (node.children.length === 0) leaves.push([...prefix, node.stateNode.key].slice(1).join('.'));
      for (const c of node.children) walk(c, [...prefix, node.stateNode.key]);
    };
    walk(graph, []);
    const asValue = (path: string): string => {
      const [a, b] = path.split('.');
      return JSON.stringify(b === undefined ? a : { [a!]: b });
    };
    for (const leaf of leaves) expect(reached, `state ${leaf} unreachable`).toContain(asValue(leaf));
    expect(leaves.sort()).toEqual(['running.idle', 'running.reconciling', 'stopped', 'stopping', 'waitingForCacheSync']);
  });
});
