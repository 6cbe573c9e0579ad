import { createActor, fromCallback } from 'xstate';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { KubeObject, ObjectKey } from '../src/api/meta.ts';
import { controllerOf, objectKey, splitObjectKey } from '../src/api/meta.ts';
import type { Client, TypeRef } from '../src/client/client.ts';
import type { InformerFactory } from '../src/client/informerFactory.ts';
import { defaultControllerRateLimiter } from '../src/client/rateLimiter.ts';
import { createRateLimitingQueue } from '../src/client/rateLimitingQueue.ts';
import type { ControllerDefinition } from '../src/runtime/controller/defineController.ts';
import type { ReconcileContext, ReconcileResult } from '../src/runtime/controller/reconcileTypes.ts';
import { isTerminalError } from '../src/runtime/controller/reconcileTypes.ts';
import type { EventRecorder } from '../src/runtime/events/eventRecorder.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { reconcilerMachine } from '../machines/reconcilerMachine.ts';
import type { ReconcilerEvent } from '../machines/reconcilerMachine.ts';

/** What a controller actor runs with. */
export interface ControllerDeps {
  readonly client: Client;
  readonly clock: Clock;
  readonly informers: InformerFactory;
  readonly recorder: EventRecorder;
  readonly log?: (line: string) => void;
  readonly inspect?: (event: InspectionEvent) => void;
  /** Receives a function giving the controller's outstanding work (queued keys + reconciles running). */
  readonly onQueue?: (pending: () => number) => void;
}

/**
 * Builds the actor logic of one controller: the {@link reconcilerMachine} with its queue, informer
 * handlers and reconcile calls wired in. Each call makes a fresh queue: a restarted controller
 * starts with no memory, like a restarted process.
 * @public
 */
export function createControllerLogic(def: ControllerDefinition, deps: ControllerDeps) {
  const { client, clock, informers } = deps;
  const queue = createRateLimitingQueue<ObjectKey>({ clock, name: def.name, rateLimiter: def.rateLimiter?.(clock) ?? defaultControllerRateLimiter<ObjectKey>(clock) });
  const primary = def.for === undefined ? undefined : client.resource(def.for);
  const query = def.namespace !== undefined ? { namespace: def.namespace } : {};
  let running = 0;
  deps.onQueue?.(() => queue.len() + running);
  const objectActors = new Map<ObjectKey, AnyActorRef>();

  const ctx: ReconcileContext = {
    controller: def.name,
    client,
    clock,
    recorder: deps.recorder,
    lister: (type: TypeRef) => informers.informerFor(type, query).lister as never,
    informer: (type: TypeRef) => informers.informerFor(type, query) as never,
    log: (m) => deps.log?.(`[${def.name}] ${m}`),
  };

  const isPrimaryOwner = (ref: { apiVersion: string; kind: string } | undefined): boolean => {
    if (ref === undefined || primary === undefined || ref.kind !== primary.kind) return false;
    const slash = ref.apiVersion.indexOf('/');
    return (slash < 0 ? '' : ref.apiVersion.slice(0, slash)) === primary.group;
  };

  const enqueueOwner = (obj: KubeObject): void => {
    const ref = controllerOf(obj);
    if (ref !== undefined && primary !== undefined && isPrimaryOwner(ref)) queue.add(objectKey({ metadata: { namespace: primary.namespaced ? obj.metadata?.namespace : undefined, name: ref.name } }));
  };

  const runMachine = (key: ObjectKey): ReconcileResult => {
    const { namespace, name } = splitObjectKey(key);
    const obj = ctx.lister(def.for as TypeRef).get(namespace, name);
    let actor = objectActors.get(key);
    if (obj === undefined) {
      if (actor !== undefined) {
        actor.send({ type: 'object.deleted' });
        actor.stop();
        objectActors.delete(key);
      }
      return {};
    }
    if (actor === undefined) {
      const machine = def.machine as NonNullable<ControllerDefinition['machine']>;
      actor = createActor(machine, { input: { key, client, clock, recorder: deps.recorder }, clock, ...(deps.inspect ? { inspect: deps.inspect } : {}) });
      actor.start();
      objectActors.set(key, actor);
    }
    actor.send({ type: 'object.changed', object: obj });
    return {};
  };

  const reconcileKey = async (key: ObjectKey): Promise<ReconcileResult> => {
    if (def.machine !== undefined) return runMachine(key);
    const { namespace, name } = splitObjectKey(key);
    const reconcile = def.reconcile as NonNullable<ControllerDefinition['reconcile']>;
    return (await reconcile({ key, namespace, name }, ctx)) ?? {};
  };

  const wiring = fromCallback<ReconcilerEvent>(({ sendBack }) => {
    const unsubscribers: (() => void)[] = [];
    const passes = (check: (p: NonNullable<ControllerDefinition['predicates']>[number]) => boolean): boolean => (def.predicates ?? []).every(check);
    if (def.for !== undefined) {
      unsubscribers.push(
        informers.informerFor(def.for, query).addEventHandler({
          onAdd: (o) => passes((p) => p.create?.(o) ?? true) && queue.add(objectKey(o)),
          onUpdate: (old, o) => passes((p) => p.update?.(old, o) ?? true) && queue.add(objectKey(o)),
          onDelete: (o) => passes((p) => p.delete?.(o) ?? true) && queue.add(objectKey(o)),
        }),
      );
    }
    if (def.sources !== undefined) {
      unsubscribers.push(def.sources({ informers, ctx, enqueue: (k) => queue.add(k), enqueueAfter: (k, ms) => queue.addAfter(k, ms) }));
    }
    for (const type of def.owns ?? []) {
      unsubscribers.push(
        informers.informerFor(type, query).addEventHandler({
          onAdd: enqueueOwner,
          onUpdate: (old, o) => {
            const a = controllerOf(old);
            const b = controllerOf(o);
            if (a !== undefined && (b === undefined || a.uid !== b.uid)) enqueueOwner(old);
            enqueueOwner(o);
          },
          onDelete: enqueueOwner,
        }),
      );
    }
    for (const w of def.watches ?? []) {
      const enqueueMapped = (o: KubeObject): void => {
        for (const k of w.map(o, ctx)) queue.add(k);
      };
      unsubscribers.push(informers.informerFor(w.type, query).addEventHandler({ onAdd: enqueueMapped, onUpdate: (old, o) => (enqueueMapped(old), enqueueMapped(o)), onDelete: enqueueMapped }));
    }
    unsubscribers.push(queue.onReady(() => sendBack({ type: 'queue.ready' })));
    let cancelled = false;
    informers.waitForCacheSync().then(
      () => {
        if (!cancelled) sendBack({ type: 'informers.synced' });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      for (const u of unsubscribers) u();
      queue.shutDown();
      for (const a of objectActors.values()) a.stop();
      objectActors.clear();
    };
  });

  return reconcilerMachine.provide({
    actors: { wiring },
    actions: {
      startWork: ({ context, self }) => {
        while (running < context.maxConcurrent) {
          const key = queue.get();
          if (key === undefined) break;
          running++;
          self.send({ type: 'reconcile.started', key });
          // A stopped (crashed) controller hears nothing back from reconciles it started.
          const alive = (): boolean => self.getSnapshot().status === 'active';
          // Reconciles start after the action returns: their synchronous writes must not run inside an XState action.
          Promise.resolve(key).then(reconcileKey).then(
            (result) => alive() && self.send({ type: 'reconcile.succeeded', key, requeueAfterMs: result.requeueAfterMs }),
            (error: unknown) => alive() && self.send({ type: 'reconcile.failed', key, error, terminal: isTerminalError(error) }),
          );
        }
      },
      forget: (_, { key }) => queue.forget(key),
      requeueAfter: (_, { key, delayMs }) => queue.addAfter(key, delayMs),
      requeueRateLimited: (_, { key }) => queue.addRateLimited(key),
      markDone: (_, { key }) => {
        running--;
        queue.done(key);
      },
      recordTerminal: (_, { key, error }) => {
        const { namespace, name } = splitObjectKey(key);
        const obj = def.for === undefined ? undefined : ctx.lister(def.for).get(namespace, name);
        deps.log?.(`[${def.name}] terminal error on ${key}: ${error instanceof Error ? error.message : String(error)}`);
        if (obj !== undefined) void deps.recorder.event(obj, 'Warning', 'ReconcileError', error instanceof Error ? error.message : String(error));
      },
      shutDownQueue: () => queue.shutDown(),
    },
  });
}
