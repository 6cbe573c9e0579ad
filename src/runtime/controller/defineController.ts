import type { AnyStateMachine } from 'xstate';
import type { KubeObject, ObjectKey } from '../../api/meta.ts';
import type { TypeRef } from '../../client/client.ts';
import type { RateLimiter } from '../../client/rateLimiter.ts';
import type { InformerFactory } from '../../client/informerFactory.ts';
import type { ReconcileContext, Reconciler } from './reconcileTypes.ts';

/** What a custom event source gets. */
export interface ControllerSourceContext {
  readonly informers: InformerFactory;
  enqueue(key: ObjectKey): void;
  enqueueAfter(key: ObjectKey, delayMs: number): void;
  readonly ctx: ReconcileContext;
}

/** Maps an object of a watched type to the keys of primary objects to reconcile. */
export type MapFunc = (obj: KubeObject, ctx: ReconcileContext) => readonly ObjectKey[];

/** A predicate deciding whether an informer event enqueues anything (controller-runtime predicates). */
export interface EventPredicate {
  create?(obj: KubeObject): boolean;
  update?(old: KubeObject, obj: KubeObject): boolean;
  delete?(obj: KubeObject): boolean;
}

/**
 * A controller: the primary type it reconciles, the types it owns (events on them enqueue their
 * controller owner), other watched types with a mapping, and either a reconcile function or a
 * per-object statechart.
 * @public
 */
export interface ControllerDefinition {
  readonly name: string;
  /** The primary type: its events enqueue their own key. Optional when `sources` enqueue keys instead. */
  readonly for?: TypeRef;
  /**
   * Custom event sources (controller-runtime's raw sources): called once the controller starts,
   * with its informer factory, a function to enqueue keys, and the reconcile context; returns a cleanup.
   */
  readonly sources?: (source: ControllerSourceContext) => () => void;
  readonly owns?: readonly TypeRef[];
  readonly watches?: readonly { readonly type: TypeRef; readonly map: MapFunc }[];
  /** Filters events of the primary type (e.g. {@link generationChangedPredicate}). */
  readonly predicates?: readonly EventPredicate[];
  readonly reconcile?: Reconciler;
  /**
   * A per-object statechart, spawned by the runtime for each primary object. It is created with
   * input `{ key, client, clock, recorder }` and receives `{ type: 'object.changed', object }` on every
   * reconcile of its key and `{ type: 'object.deleted' }` when the object is gone, after which it is stopped.
   */
  readonly machine?: AnyStateMachine;
  /** Reconciles at most this many keys at once (default 1). */
  readonly maxConcurrentReconciles?: number;
  readonly rateLimiter?: (clock: ReconcileContext['clock']) => RateLimiter;
  /** Namespace the controller's informers are limited to (default all). */
  readonly namespace?: string;
}

/**
 * Declares a controller (controller-runtime's builder, as data). Throws when neither or both of
 * `reconcile` and `machine` are given.
 * @example
 * const ctrl = defineController({ name: 'greeter', for: 'ConfigMap', async reconcile(req, ctx) { … } });
 * @public
 */
export function defineController(def: ControllerDefinition): ControllerDefinition {
  if (def.for === undefined && def.sources === undefined) throw new TypeError(`controller ${def.name}: give for, sources, or both`);
  if (def.machine !== undefined && def.for === undefined) throw new TypeError(`controller ${def.name}: a machine controller needs a for type`);
  if ((def.reconcile === undefined) === (def.machine === undefined)) {
    throw new TypeError(`controller ${def.name}: give exactly one of reconcile or machine`);
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(def.name)) {
    throw new TypeError(`controller name ${JSON.stringify(def.name)} must be a lowercase DNS label`);
  }
  return Object.freeze({ ...def });
}

/** Enqueues on updates only when `metadata.generation` changed (spec changes), like controller-runtime's. */
export const generationChangedPredicate: EventPredicate = {
  update: (old, obj) => old.metadata?.generation !== obj.metadata?.generation,
};

/** Enqueues on updates only when `metadata.resourceVersion` changed (skips resyncs). */
export const resourceVersionChangedPredicate: EventPredicate = {
  update: (old, obj) => old.metadata?.resourceVersion !== obj.metadata?.resourceVersion,
};
