import type { Clock } from '../runtime/sim/clock.ts';
import { createDelayingQueue, type DelayingQueue } from './delayingQueue.ts';
import { defaultControllerRateLimiter, type RateLimiter } from './rateLimiter.ts';

/**
 * A {@link DelayingQueue} whose retries are spaced by a {@link RateLimiter}
 * (client-go `TypedRateLimitingInterface`). The usual worker loop:
 * `get` → reconcile → on success `forget`, on failure `addRateLimited` → always `done`.
 * @public
 */
export interface RateLimitingQueue<K extends string = string> extends DelayingQueue<K> {
  /** Adds `key` after the delay the rate limiter gives it (one more failure recorded). */
  addRateLimited(key: K): void;
  /** Clears the rate limiter's memory of `key` (call it when `key` was processed successfully). */
  forget(key: K): void;
  /** How many times `key` has been rate-limited since it was last forgotten. */
  numRequeues(key: K): number;
}

/** Options of {@link createRateLimitingQueue}. */
export interface RateLimitingQueueOptions<K extends string = string> {
  readonly clock: Clock;
  /** Defaults to {@link defaultControllerRateLimiter} on `clock`. */
  readonly rateLimiter?: RateLimiter<K>;
  readonly name?: string;
}

/** Creates a {@link RateLimitingQueue} (client-go `workqueue.NewTypedRateLimitingQueueWithConfig`). */
export function createRateLimitingQueue<K extends string = string>(options: RateLimitingQueueOptions<K>): RateLimitingQueue<K> {
  const rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter<K>(options.clock);
  const queue = createDelayingQueue<K>(options.name === undefined ? { clock: options.clock } : { clock: options.clock, name: options.name });
  return {
    ...queue,
    addRateLimited(key) {
      queue.addAfter(key, rateLimiter.when(key));
    },
    forget: (key) => rateLimiter.forget(key),
    numRequeues: (key) => rateLimiter.numRequeues(key),
  };
}
