import type { KubeObject, ObjectKey } from '../../api/meta.ts';
import type { Client, TypeRef } from '../../client/client.ts';
import type { Lister } from '../../client/lister.ts';
import type { SharedInformer } from '../../client/sharedInformer.ts';
import type { Clock } from '../sim/clock.ts';
import type { EventRecorder } from '../events/eventRecorder.ts';

/**
 * What a reconcile is asked to do: a key, never an event or an object (level-based, like
 * controller-runtime's `reconcile.Request`).
 * @public
 */
export interface ReconcileRequest {
  readonly key: ObjectKey;
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * The outcome of a successful reconcile. `requeueAfterMs > 0` forgets the key's failures and
 * reconciles it again after that much cluster time.
 * @public
 */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

/**
 * A reconcile error that must not be retried (controller-runtime's `TerminalError`): the key is
 * dropped and a warning Event is recorded on the object.
 * @public
 */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

/** True when `e` is (or wraps) a {@link TerminalError}. */
export function isTerminalError(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x instanceof Error && depth < 8; x = (x as { cause?: unknown }).cause, depth++) {
    if (x instanceof TerminalError) return true;
  }
  return false;
}

/**
 * What a reconcile function gets besides its request: the client to write with, listers over
 * the controller's informer caches, the clock, an event recorder and a logger.
 * @public
 */
export interface ReconcileContext {
  readonly controller: string;
  readonly client: Client;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  /** The lister of a watched type (`for`, `owns` or `watches`), or any other type on demand. */
  lister<T extends KubeObject = KubeObject>(type: TypeRef): Lister<T>;
  informer<T extends KubeObject = KubeObject>(type: TypeRef): SharedInformer<T>;
  log(message: string): void;
}

/**
 * A reconcile function: reads from listers, writes through the client, returns or throws.
 * @public
 */
export type Reconciler = (request: ReconcileRequest, ctx: ReconcileContext) => Promise<ReconcileResult | void>;
