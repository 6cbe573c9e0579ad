import { createEmptyActor } from 'xstate';
import type { ActorScope, AnyEventObject, ExecutableActionObject, InspectionEvent, Observer, StateValue, Subscription } from 'xstate';
import type { ContainerSlot } from '../src/kubelet/containerRecord.ts';
import { containerMachine, initialContainerRecord } from './containerMachine.ts';
import type { ContainerEvent, ContainerEventRecord, ContainerInput } from './containerMachine.ts';

export type { ContainerSlot } from '../src/kubelet/containerRecord.ts';

/** What a container step asks of its host: timers to start and cancel, events to record. */
export type ContainerEffect =
  | { readonly kind: 'schedule'; readonly id: string; readonly delayMs: number; readonly event: AnyEventObject }
  | { readonly kind: 'cancel'; readonly id: string }
  | { readonly kind: 'recordEvent'; readonly event: ContainerEventRecord };

// One inert actor scope, reused for every step: XState's `transition()` builds a fresh actor (and runs
// the machine's initial transition) on every call, which costs 4–5 times more than the step itself.
const inert = createEmptyActor();
let collected: ExecutableActionObject[] = [];
const scope = {
  self: inert,
  id: '',
  sessionId: '',
  logger: () => {},
  defer: () => {},
  system: inert.system,
  stopChild: () => {},
  emit: () => {},
  actionExecutor: (action: ExecutableActionObject) => {
    collected.push(action);
  },
} as unknown as ActorScope<ReturnType<typeof containerMachine.resolveState>, ContainerEvent>;

function effectsOf(actions: readonly ExecutableActionObject[]): ContainerEffect[] {
  const out: ContainerEffect[] = [];
  for (const a of actions) {
    if (a.type === 'xstate.raise') {
      const p = a.params as { event: AnyEventObject; id?: string; delay?: number };
      // Raises without delay were consumed inside the step; delayed ones (`after`) become host timers.
      if (typeof p.delay === 'number' && p.id !== undefined) out.push({ kind: 'schedule', id: p.id, delayMs: p.delay, event: p.event });
    } else if (a.type === 'xstate.cancel') {
      out.push({ kind: 'cancel', id: (a.params as { sendId: string }).sendId });
    } else if (a.type === 'recordEvent') {
      out.push({ kind: 'recordEvent', event: a.params as ContainerEventRecord });
    }
  }
  return out;
}

/**
 * The first slot of a container: the machine's initial state (`idle`, which has no entry actions)
 * and its context factory's result, built directly because every pod creates one per container.
 */
export function initialContainerSlot(input: ContainerInput): ContainerSlot {
  return { value: containerMachine.config.initial as string, context: initialContainerRecord(input) };
}

/**
 * Runs one event through {@link containerMachine} with its pure transition function and returns the
 * next slot and the effects the host must carry out. The event may be a container event or a
 * delayed event the host scheduled on an earlier step.
 */
export function stepContainer(slot: ContainerSlot, event: ContainerEvent | AnyEventObject): { slot: ContainerSlot; effects: ContainerEffect[] } {
  collected = [];
  const snapshot = containerMachine.resolveState({ value: slot.value as StateValue, context: slot.context });
  const next = containerMachine.transition(snapshot, event as ContainerEvent, scope);
  const effects = effectsOf(collected);
  collected = [];
  if (next === snapshot) return { slot, effects };
  return { slot: next.context === slot.context && next.value === snapshot.value ? slot : { value: next.value, context: next.context }, effects };
}

/**
 * Observes every container step run through {@link stepContainer} (microsteps with their
 * transitions), e.g. for a live trace or for transition coverage in tests.
 */
export function inspectContainerSteps(observer: Observer<InspectionEvent> | ((e: InspectionEvent) => void)): Subscription {
  return inert.system.inspect(observer);
}
