import { createActor } from 'xstate';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Scheduler } from 'fast-check';
import type { KubeObject } from '../api/meta.ts';
import { createInformerFactory } from '../client/informerFactory.ts';
import type { InformerFactory } from '../client/informerFactory.ts';
import type { ControllerDefinition } from '../runtime/controller/defineController.ts';
import { createEventRecorder } from '../runtime/events/eventRecorder.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { createControllerLogic } from '../../actors/controllerActor.ts';
import { createFaultyClient } from './faultyClient.ts';
import type { FaultState, FaultyClient, WatchMode } from './faultyClient.ts';

/** One successful write of the controller under test. */
export interface ControllerWrite {
  readonly verb: 'create' | 'update' | 'delete';
  readonly resource: string;
  readonly name: string;
  readonly at: number;
}

/** Runs the controller under test outside the controller manager, so it can crash with nothing shared. */
export interface ControllerUnderTest {
  readonly state: FaultState;
  /** Whether the controller runs now (false between a crash and its restart). */
  running(): boolean;
  /** Kills the controller now: its queue, memory, informer cache and in-flight answers are lost. */
  crash(): void;
  /** Kills the controller now and starts a fresh instance after `downMs` of cluster time. */
  crashAndRestart(downMs: number): void;
  /** Starts a fresh instance (no-op when running). */
  start(): void;
  /** Changes how its watches behave; leaving hold/coalesce/drop releases what was held. */
  setWatchMode(mode: WatchMode): void;
  expireWatches(): void;
  /** Makes its informers list again (used when a stale view starts). */
  relist(): void;
  /** Successful writes so far, in order. */
  writes(): readonly ControllerWrite[];
  crashes(): number;
  stop(): void;
}

/** Options of {@link createControllerUnderTest}. */
export interface ControllerUnderTestOptions {
  readonly cluster: Cluster;
  readonly controller: ControllerDefinition;
  readonly state: FaultState;
  readonly scheduler?: Scheduler<unknown>;
  readonly inspect?: (event: InspectionEvent) => void;
}

/** @internal */
export function createControllerUnderTest(options: ControllerUnderTestOptions): ControllerUnderTest {
  const { cluster, controller: def, state } = options;
  const clock = cluster.clock;
  const writes: ControllerWrite[] = [];
  let crashes = 0;
  let current: { actor: AnyActorRef; informers: InformerFactory; faulty: FaultyClient; untrack: () => void } | undefined;

  let restartTimer: ReturnType<typeof clock.setTimeout> | undefined;
  const crash = (): void => {
    const c = current;
    if (c === undefined) return;
    current = undefined;
    crashes++;
    c.faulty.kill();
    c.actor.stop();
    c.informers.stop();
    c.untrack();
  };

  const start = (): void => {
    clock.clearTimeout(restartTimer);
    restartTimer = undefined;
    if (current !== undefined) return;
    const faulty = createFaultyClient(cluster.client, {
      state,
      ...(options.scheduler !== undefined ? { scheduler: options.scheduler } : {}),
      onCrash: () => crashAndRestart(state.restartAfterMs),
      onWrite: (verb, resource, obj: KubeObject | undefined) => writes.push({ verb, resource, name: obj?.metadata?.name ?? '', at: clock.now() }),
    });
    const informers = createInformerFactory({ client: faulty.client, clock });
    const recorder = createEventRecorder(faulty.client, clock, def.name.endsWith('-controller') ? def.name : `${def.name}-controller`);
    let queued = (): number => 0;
    const logic = createControllerLogic(def, {
      client: faulty.client,
      clock,
      informers,
      recorder,
      ...(options.inspect !== undefined ? { inspect: options.inspect } : {}),
      onQueue: (len) => {
        queued = len;
      },
    });
    const untrack = cluster.activity.register(`controller/${def.name}`, () => queued() + faulty.inFlight());
    const actor = (createActor as (l: unknown, o: unknown) => AnyActorRef)(logic, {
      input: { name: def.name, maxConcurrent: def.maxConcurrentReconciles ?? 1 },
      clock,
      systemId: `controller/${def.name}`,
      ...(options.inspect !== undefined ? { inspect: options.inspect } : {}),
    });
    current = { actor, informers, faulty, untrack };
    actor.start();
  };

  function crashAndRestart(downMs: number): void {
    crash();
    clock.clearTimeout(restartTimer);
    restartTimer = clock.setTimeout(() => {
      restartTimer = undefined;
      start();
    }, downMs);
  }

  return {
    state,
    running: () => current !== undefined,
    crash,
    crashAndRestart,
    start,
    setWatchMode(mode) {
      const previous = state.watchMode;
      state.watchMode = mode;
      if (previous !== mode) current?.faulty.release(previous);
    },
    expireWatches: () => current?.faulty.expireWatches(),
    relist: () => {
      for (const i of current?.informers.informers() ?? []) i.relist();
    },
    writes: () => writes,
    crashes: () => crashes,
    stop: () => {
      clock.clearTimeout(restartTimer);
      crash();
      crashes--;
    },
  };
}
