import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject, ExecutableActionObject } from 'xstate';
import { containerConfig } from '../src/kubelet/containerConfig.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { containerMachine } from './containerMachine.ts';
import { initialContainerSlot, inspectContainerSteps, stepContainer } from './stepContainer.ts';

function setup() {
  const clock = new VirtualClock();
  const container: Container = { name: 'app', image: 'registry.local/app:1', readinessProbe: { httpGet: { path: '/', port: 80 } }, lifecycle: { preStop: { exec: { command: ['sleep', '3'] } } } };
  const pod: Pod = { metadata: { name: 'p', annotations: { 'behavior.kubeactors.dev/app': '{"run":{"seconds":30,"exitCode":1},"readiness":{"delaySeconds":12}}' } }, spec: { containers: [container] } };
  const behavior = resolveBehavior(pod, container);
  return { clock, input: { clock, config: containerConfig(container, 'app', 'Always', 30_000, behavior), image: 'registry.local/app:1', behavior } };
}

describe('stepContainer', () => {
  it('should give the same snapshots and effects as XState\'s transition()', () => {
    const { clock, input } = setup();
    let [snapshot] = initialTransition(containerMachine, input);
    let slot = initialContainerSlot(input);
    expect(slot).toEqual({ value: snapshot.value, context: snapshot.context });
    const pending = new Map<string, { at: number; event: AnyEventObject }>();
    const apply = (event: AnyEventObject) => {
      const [next, actions] = transition(containerMachine, snapshot, event as never);
      const mine = stepContainer(slot, event);
      expect(mine.slot.value).toEqual(next.value);
      expect(mine.slot.context).toEqual(next.context);
      const theirs = (actions as unknown as ExecutableActionObject[]).flatMap((a): unknown[] => {
        if (a.type === 'xstate.raise') {
          const p = a.params as { event: AnyEventObject; id: string; delay?: number };
          return p.delay === undefined ? [] : [{ kind: 'schedule', id: p.id, delayMs: p.delay, event: p.event }];
        }
        if (a.type === 'xstate.cancel') return [{ kind: 'cancel', id: (a.params as { sendId: string }).sendId }];
        return a.type === 'recordEvent' ? [{ kind: 'recordEvent', event: a.params }] : [];
      });
      expect(mine.effects).toEqual(theirs);
      for (const e of mine.effects) {
        if (e.kind === 'schedule') pending.set(e.id, { at: clock.now() + e.delayMs, event: e.event });
        if (e.kind === 'cancel') pending.delete(e.id);
      }
      snapshot = next;
      slot = mine.slot;
    };
    apply({ type: 'container.start' });
    // Fire the earliest pending timer, as a host would, until the container has crashed twice.
    for (let i = 0; i < 40 && slot.context.restartCount < 2; i++) {
      const [id, next] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || next === undefined) break;
      pending.delete(id);
      clock.advanceTo(next.at);
      apply(next.event);
    }
    expect(slot.context.restartCount).toBe(2);
    apply({ type: 'container.kill', graceMs: 10_000, restart: 'never', message: 'Stopping container app' });
  });

  it('should return the same slot when an event changes nothing', () => {
    const { input } = setup();
    const slot = initialContainerSlot(input);
    const r = stepContainer(slot, { type: 'probe.result', probe: 'readiness', ok: true });
    expect(r.slot).toBe(slot);
    expect(r.effects).toEqual([]);
  });

  it('should let an observer see every microstep', () => {
    const { input } = setup();
    const seen: string[] = [];
    const sub = inspectContainerSteps((e) => {
      if (e.type === '@xstate.microstep') seen.push(JSON.stringify((e.snapshot as unknown as { value: unknown }).value));
    });
    stepContainer(initialContainerSlot(input), { type: 'container.start' });
    sub.unsubscribe();
    stepContainer(initialContainerSlot(input), { type: 'container.start' });
    expect(seen).toEqual(['{"waiting":"preparing"}', '{"waiting":"pulling"}']);
  });
});
