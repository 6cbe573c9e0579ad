import type { Clock, TimerId } from '../runtime/sim/clock.ts';
import { createWorkQueue, type WorkQueue } from './workQueue.ts';

/**
 * A {@link WorkQueue} that can also add a key later, on the cluster clock (client-go `DelayingInterface`).
 * @public
 */
export interface DelayingQueue<K extends string = string> extends WorkQueue<K> {
  /**
   * Adds `key` once `ms` have passed on the cluster clock. `ms <= 0` adds now; `Infinity` never does.
   * While `key` is already waiting, the earlier of the two deadlines wins (client-go's `waitingForQueue`).
   * Ignored once the queue is shutting down.
   */
  addAfter(key: K, ms: number): void;
  /** Number of keys waiting for their deadline. */
  numWaiting(): number;
}

/** Options of {@link createDelayingQueue}. */
export interface DelayingQueueOptions {
  readonly clock: Clock;
  readonly name?: string;
}

/** Creates a {@link DelayingQueue} (client-go `workqueue.NewTypedDelayingQueue`). */
export function createDelayingQueue<K extends string = string>(options: DelayingQueueOptions): DelayingQueue<K> {
  const { clock } = options;
  const queue = createWorkQueue<K>(options.name === undefined ? {} : { name: options.name });
  // One clock timer per waiting key: the cluster clock keeps its timers in a heap, so this scales.
  const waiting = new Map<K, { readonly at: number; readonly timer: TimerId }>();

  return {
    ...queue,
    addAfter(key, ms) {
      if (Number.isNaN(ms)) throw new RangeError(`addAfter(${key}): delay must be a number of milliseconds, got NaN`);
      if (queue.shuttingDown()) return;
      if (ms <= 0) {
        queue.add(key);
        return;
      }
      if (ms === Infinity) return;
      const at = clock.now() + ms;
      const current = waiting.get(key);
      if (current !== undefined) {
        if (current.at <= at) return;
        clock.clearTimeout(current.timer);
      }
      const timer = clock.setTimeout(() => {
        waiting.delete(key);
        queue.add(key);
      }, ms);
      waiting.set(key, { at, timer });
    },
    numWaiting: () => waiting.size,
    shutDown() {
      for (const { timer } of waiting.values()) clock.clearTimeout(timer);
      waiting.clear();
      queue.shutDown();
    },
  };
}
