import { enqueueActions, stopChild } from 'xstate';
import type { AnyActorLogic, InspectionEvent } from 'xstate';
import type { Client } from '../src/client/client.ts';
import { createGuardedClient } from '../src/client/guardedClient.ts';
import { createInformerFactory } from '../src/client/informerFactory.ts';
import type { InformerFactory } from '../src/client/informerFactory.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import type { ControllerDefinition } from '../src/runtime/controller/defineController.ts';
import { createEventRecorder } from '../src/runtime/events/eventRecorder.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { controllerManagerMachine } from '../machines/controllerManagerMachine.ts';
import { createControllerLogic } from './controllerActor.ts';
import { createLeaderElector } from './leaderElector.ts';
import type { LeaderElectionConfig } from './leaderElector.ts';

/** Options of {@link createControllerManagerLogic}. */
export interface ControllerManagerOptions {
  readonly client: Client;
  readonly clock: Clock;
  /** The controllers it runs, built-in and user-defined alike. */
  readonly controllers: () => readonly ControllerDefinition[];
  readonly identity: string;
  readonly leaderElection?: LeaderElectionConfig;
  readonly activity?: ActivityTracker;
  readonly log?: (line: string) => void;
  readonly inspect?: (event: InspectionEvent) => void;
}

// XState's types cannot follow a child logic built at run time; the ids are ours to keep unique.
function spawn(enqueue: { spawnChild: unknown }, logic: AnyActorLogic, def: ControllerDefinition): void {
  (enqueue.spawnChild as (l: AnyActorLogic, o: { id: string; systemId: string; input: unknown }) => void)(logic, {
    id: def.name,
    systemId: `controller/${def.name}`,
    input: { name: def.name, maxConcurrent: def.maxConcurrentReconciles ?? 1 },
  });
}

interface Term {
  informers: InformerFactory;
  kills: Map<string, () => void>;
  untrack: Map<string, () => void>;
}

/**
 * The kube-controller-manager actor logic: {@link controllerManagerMachine} with leader election
 * and controller start/stop wired in. Each leadership term gets fresh informers; each controller
 * a fresh queue and a client that dies with it.
 * @public
 */
export function createControllerManagerLogic(options: ControllerManagerOptions) {
  const { client, clock } = options;
  let term: Term | undefined;

  const instantiate = (def: ControllerDefinition, t: Term) => {
    const guarded = createGuardedClient(client, `controller/${def.name}`);
    t.kills.get(def.name)?.();
    t.untrack.get(def.name)?.();
    t.kills.set(def.name, () => guarded.kill());
    const recorder = createEventRecorder(guarded.client, clock, def.name.endsWith('-controller') ? def.name : `${def.name}-controller`);
    let pending = (): number => guarded.inFlight();
    const logic = createControllerLogic(def, {
      client: guarded.client,
      clock,
      informers: t.informers,
      recorder,
      ...(options.log ? { log: options.log } : {}),
      ...(options.inspect ? { inspect: options.inspect } : {}),
      onQueue: (len) => {
        pending = () => len() + guarded.inFlight();
      },
    });
    if (options.activity !== undefined) t.untrack.set(def.name, options.activity.register(`controller/${def.name}`, () => pending()));
    return logic;
  };

  return controllerManagerMachine.provide({
    actors: { leaderElector: createLeaderElector(client, clock, options.identity, options.leaderElection) },
    actions: {
      startControllers: enqueueActions(({ enqueue }) => {
        const t: Term = { informers: createInformerFactory({ client, clock }), kills: new Map(), untrack: new Map() };
        term = t;
        for (const def of options.controllers()) {
          spawn(enqueue, instantiate(def, t), def);
        }
      }),
      stopControllers: enqueueActions(({ enqueue }) => {
        const t = term;
        term = undefined;
        if (t === undefined) return;
        for (const def of options.controllers()) enqueue(stopChild(def.name));
        for (const kill of t.kills.values()) kill();
        for (const u of t.untrack.values()) u();
        t.informers.stop();
      }),
      restartController: enqueueActions(({ enqueue }, { name }) => {
        const t = term;
        const def = options.controllers().find((d) => d.name === name);
        if (t === undefined || def === undefined) return;
        enqueue(stopChild(name));
        spawn(enqueue, instantiate(def, t), def);
      }),
    },
  });
}
