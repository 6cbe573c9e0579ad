import type { AnyEventObject } from 'xstate';
import type { ContainerSlot } from '../src/kubelet/containerRecord.ts';
import type { PodRecord } from '../src/kubelet/podRecord.ts';
import type { Delivery } from './podDriver.ts';
import { drive } from './podDriver.ts';
import { podSetup } from './podSetup.ts';
import type { PodEvent } from './podTypes.ts';

const timerId = (index: number, id: string): string => `c${index}|${id}`;

function indexOf(pod: PodRecord, name: string): number {
  return pod.containers.findIndex((s: ContainerSlot) => s.context.config.name === name);
}

/** The container event a pod event carries, addressed to its container. */
export function deliveryOf(pod: PodRecord, event: PodEvent): Delivery | undefined {
  switch (event.type) {
    case 'container.timer':
      return { index: event.index, event: event.event };
    case 'container.exited': {
      const index = indexOf(pod, event.container);
      const e: AnyEventObject = { type: 'container.exited', exitCode: event.exitCode, reason: event.reason, message: event.message };
      return index < 0 ? undefined : { index, event: e };
    }
    case 'probe.result': {
      const index = indexOf(pod, event.container);
      return index < 0 ? undefined : { index, event: { type: 'probe.result', probe: event.probe, ok: event.ok, message: event.message } };
    }
    case 'container.imageChanged': {
      const index = indexOf(pod, event.container);
      const slot = pod.containers[index];
      if (slot === undefined) return undefined;
      return { index, event: { type: 'container.imageChanged', image: event.image, behavior: event.behavior ?? slot.context.behavior } };
    }
    default:
      return undefined;
  }
}

function fieldPath(pod: PodRecord, index: number): string {
  const slot = pod.containers[index];
  const name = slot?.context.config.name ?? '';
  return slot?.context.config.kind === 'app' ? `spec.containers{${name}}` : `spec.initContainers{${name}}`;
}

/**
 * The pod machine's one container-driving action: runs {@link drive} and turns the containers'
 * effects into the pod actor's own delayed events (`container.timer`), cancellations and
 * `recordEvent` calls, then `writeStatus` when the status changed.
 */
export function driveContainers(mode: 'event' | 'deletion' | 'halt' | 'advance') {
  return podSetup.enqueueActions(({ context, event, enqueue }) => {
    let delivery: Delivery | undefined;
    if (mode === 'event') delivery = deliveryOf(context, event);
    else if (mode === 'deletion') {
      // The grace period runs from the deletion request; containers get what remains of it.
      const d = context.deletion;
      const graceMs = d === undefined ? context.graceMs : Math.max(0, d.requestedAt + d.graceMs - context.clock.now());
      delivery = { killAll: { graceMs, restart: 'never' } };
    }
    else if (mode === 'halt') {
      const graceMs = event.type === 'pod.evict' ? (event.gracePeriodSeconds ?? 0) * 1000 : context.graceMs;
      delivery = { killAll: { graceMs, restart: 'never' } };
    }
    if (mode === 'event' && delivery === undefined) return;
    const r = drive(context, delivery);
    for (const { index, effect } of r.effects) {
      if (effect.kind === 'schedule') enqueue.raise({ type: 'container.timer', index, event: effect.event }, { delay: effect.delayMs, id: timerId(index, effect.id) });
      else if (effect.kind === 'cancel') enqueue.cancel(timerId(index, effect.id));
      else {
        let message = effect.event.message;
        if (effect.event.reason === 'BackOff' && message.startsWith('Back-off restarting')) message += ` in pod ${context.name}_${context.namespace}(${context.uid})`;
        enqueue({ type: 'recordEvent', params: { ...effect.event, message, fieldPath: fieldPath(context, index) } });
      }
    }
    enqueue.assign({ containers: r.containers, conditions: r.conditions });
    if (r.statusChanged) enqueue('writeStatus');
  });
}
