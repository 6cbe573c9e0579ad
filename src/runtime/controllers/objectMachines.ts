import { createActor } from 'xstate';
import type { AnyActorRef, AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import type { Clock } from '../sim/clock.ts';

/**
 * One actor of a statechart per object key, owned by a controller: the reconciler sends it what each
 * reconcile found, and the actor's state is the object's visible lifecycle state. Fresh on every
 * controller start (a restarted controller rebuilds them from what it observes).
 */
export interface ObjectMachines<M extends AnyStateMachine> {
  send(key: string, event: EventFromLogic<M>): void;
  /** The current snapshot of the key's actor, if it has one. */
  snapshot(key: string): SnapshotFrom<M> | undefined;
  remove(key: string): void;
  keys(): string[];
  clear(): void;
}

/** Creates an {@link ObjectMachines} running `machine` on `clock`. */
export function createObjectMachines<M extends AnyStateMachine>(machine: M, clock: Clock): ObjectMachines<M> {
  const actors = new Map<string, AnyActorRef>();
  return {
    send(key, event) {
      let actor = actors.get(key);
      if (actor === undefined) {
        actor = createActor(machine as AnyStateMachine, { clock, input: { key } });
        actor.start();
        actors.set(key, actor);
      }
      actor.send(event);
    },
    snapshot: (key) => actors.get(key)?.getSnapshot() as SnapshotFrom<M> | undefined,
    remove(key) {
      actors.get(key)?.stop();
      actors.delete(key);
    },
    keys: () => [...actors.keys()],
    clear() {
      for (const a of actors.values()) a.stop();
      actors.clear();
    },
  };
}
