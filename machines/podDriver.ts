import type { AnyEventObject } from 'xstate';
import type { ContainerRecord, ContainerSlot, RestartIntent } from '../src/kubelet/containerRecord.ts';
import { containerStateName, containerView } from '../src/kubelet/containerView.ts';
import { podIsTerminal } from '../src/kubelet/podRecord.ts';
import type { PodConditionState, PodRecord } from '../src/kubelet/podRecord.ts';
import type { ContainerEffect } from './stepContainer.ts';
import { stepContainer } from './stepContainer.ts';

/** What to do to the containers: deliver one event to one of them, or kill them all. */
export type Delivery =
  | { readonly index: number; readonly event: AnyEventObject }
  | { readonly killAll: { readonly graceMs: number; readonly restart: RestartIntent; readonly message?: string } };

/** The outcome of driving the containers: new slots and conditions, and the effects to carry out. */
export interface DriveResult {
  readonly containers: readonly ContainerSlot[];
  readonly conditions: PodConditionState;
  readonly effects: readonly { readonly index: number; readonly effect: ContainerEffect }[];
  /** Whether anything that `status` shows changed. */
  readonly statusChanged: boolean;
}

const top = (s: ContainerSlot): string => containerStateName(s.value).top;

function sameStatus(a: ContainerSlot, b: ContainerSlot): boolean {
  if (a === b) return true;
  const va = containerView(a);
  const vb = containerView(b);
  const ca: ContainerRecord = a.context;
  const cb: ContainerRecord = b.context;
  return va.state === vb.state && va.waitingReason === vb.waitingReason && va.terminated === vb.terminated && va.lastTerminated === vb.lastTerminated
    && ca.ready === cb.ready && ca.started === cb.started && ca.restartCount === cb.restartCount && ca.image === cb.image
    && ca.startedAt === cb.startedAt && ca.crashBackOff === cb.crashBackOff;
}

class Run {
  readonly slots: ContainerSlot[];
  readonly effects: { index: number; effect: ContainerEffect }[] = [];
  constructor(slots: readonly ContainerSlot[]) {
    this.slots = slots.slice();
  }

  step(index: number, event: AnyEventObject): void {
    const slot = this.slots[index];
    if (slot === undefined) return;
    const r = stepContainer(slot, event);
    this.slots[index] = r.slot;
    for (const effect of r.effects) this.effects.push({ index, effect });
  }
}

function initDone(s: ContainerSlot): boolean {
  if (s.context.config.kind === 'sidecar') return s.context.started && containerView(s).state === 'running';
  const v = containerView(s);
  return v.state === 'terminated' && v.terminated?.exitCode === 0;
}

// A container a restarted kubelet found (running, exited, or restarting after an exit): the runtime
// has it whatever the init order says, so it carries on at once.
function resumes(s: ContainerSlot): boolean {
  const c = s.context;
  return top(s) === 'idle' && (c.startedAt !== undefined || c.terminated !== undefined || c.lastTerminated !== undefined);
}

// Starts what may start: containers found after a kubelet restart, then init containers one at a
// time, in order, then all app containers.
function advance(run: Run, graceMs: number): void {
  const slots = run.slots;
  slots.forEach((s, i) => {
    if (resumes(s)) run.step(i, { type: 'container.start' });
  });
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i] as ContainerSlot;
    if (s.context.config.kind === 'app') continue;
    if (initDone(s)) continue;
    if (top(s) === 'idle') run.step(i, { type: 'container.start' });
    return;
  }
  let regularRunning = false;
  slots.forEach((s, i) => {
    if (s.context.config.kind !== 'app') return;
    if (top(s) === 'idle') run.step(i, { type: 'container.start' });
    const t = top(run.slots[i] as ContainerSlot);
    if (t !== 'terminated' && t !== 'discarded') regularRunning = true;
  });
  // Sidecars stop once every regular container has finished for good.
  if (regularRunning) return;
  slots.forEach((s, i) => {
    const t = top(s);
    if (s.context.config.kind === 'sidecar' && (t === 'running' || t === 'waiting')) {
      run.step(i, { type: 'container.kill', graceMs, restart: 'never', message: `Stopping container ${s.context.config.name}` });
    }
  });
}

function conditionsOf(pod: PodRecord, slots: readonly ContainerSlot[], now: number): PodConditionState {
  const initialized = pod.conditions.initialized || slots.every((s) => s.context.config.kind === 'app' || initDone(s));
  const ready = slots.every((s) => s.context.config.kind === 'init' || (s.context.ready && containerView(s).state === 'running'));
  const c = pod.conditions;
  if (initialized === c.initialized && ready === c.containersReady) return c;
  return {
    initialized,
    initializedAt: initialized === c.initialized ? c.initializedAt : now,
    containersReady: ready,
    containersReadyAt: ready === c.containersReady ? c.containersReadyAt : now,
  };
}

/**
 * Drives a pod's containers one step: delivers the event (or kills all), starts what may start
 * (unless the pod is stopping), and recomputes the Initialized and ContainersReady conditions.
 * Pure apart from reading the clock.
 */
export function drive(pod: PodRecord, delivery: Delivery | undefined): DriveResult {
  const run = new Run(pod.containers);
  const now = pod.clock.now();
  if (delivery !== undefined && 'index' in delivery) run.step(delivery.index, delivery.event);
  if (delivery !== undefined && 'killAll' in delivery) {
    const k = delivery.killAll;
    run.slots.forEach((s, i) => run.step(i, { type: 'container.kill', graceMs: k.graceMs, restart: k.restart, message: k.message ?? `Stopping container ${s.context.config.name}` }));
  }
  if (!podIsTerminal(pod)) advance(run, pod.graceMs);
  const conditions = conditionsOf(pod, run.slots, now);
  const statusChanged = conditions !== pod.conditions || run.slots.some((s, i) => !sameStatus(pod.containers[i] as ContainerSlot, s));
  return { containers: run.slots, conditions, effects: run.effects, statusChanged };
}

/** Whether no container of the pod has a process any more. */
export function allStopped(pod: PodRecord): boolean {
  return pod.containers.every((s) => {
    const t = top(s);
    return t === 'terminated' || t === 'discarded' || (t !== 'running' && t !== 'stopping' && !containerView(s).running);
  });
}
