/**
 * A work queue with client-go's `util/workqueue` guarantees:
 * - fair: keys are handed out in the order they were (first) added;
 * - stingy: a key is never handed out while it is being processed, and adding a key several times
 *   before it is handed out hands it out once;
 * - a key added while it is being processed is handed out again after {@link WorkQueue.done}.
 *
 * Nothing blocks: {@link WorkQueue.get} returns `undefined` when no key is ready, and
 * {@link WorkQueue.onReady} tells a waiting worker when to try again.
 * @public
 */
export interface WorkQueue<K extends string = string> {
  /** The queue's name (for logs and metrics). */
  readonly name: string;
  /** Marks `key` as needing processing. Ignored once the queue is shutting down. */
  add(key: K): void;
  /**
   * Hands out the next key and marks it as processing; the caller must call {@link WorkQueue.done}.
   * @returns `undefined` when no key is ready (empty, or everything waiting is being processed)
   */
  get(): K | undefined;
  /** Marks `key` as no longer processing; re-queues it if it was added meanwhile. */
  done(key: K): void;
  /** Number of keys ready to be handed out. */
  len(): number;
  /** Stops accepting new keys and wakes every {@link WorkQueue.onReady} listener. */
  shutDown(): void;
  shuttingDown(): boolean;
  /** True between the {@link WorkQueue.get} that handed `key` out and its {@link WorkQueue.done}. */
  isProcessing(key: K): boolean;
  /** True when `key` was added and not yet handed out. */
  isDirty(key: K): boolean;
  /**
   * Calls `listener` (synchronously) whenever a key becomes ready to be handed out, and once when
   * the queue shuts down, like client-go's `cond.Signal`/`Broadcast`.
   * @returns a function that removes the listener
   */
  onReady(listener: () => void): () => void;
}

/** Options of {@link createWorkQueue}. */
export interface WorkQueueOptions {
  readonly name?: string;
}

/** Creates a {@link WorkQueue} (client-go `workqueue.NewTyped`). */
export function createWorkQueue<K extends string = string>(options: WorkQueueOptions = {}): WorkQueue<K> {
  // A FIFO as an array plus a head index: shift() is O(n), and queues can hold 100k+ keys.
  let queue: K[] = [];
  let head = 0;
  // dirty: needs processing (queued, or re-added while processing); processing: handed out, not done.
  const dirty = new Set<K>();
  const processing = new Set<K>();
  const listeners = new Set<() => void>();
  let shutting = false;

  const notify = (): void => {
    let failure: { error: unknown } | undefined;
    for (const listener of [...listeners]) {
      try {
        listener();
      } catch (error) {
        // One failing listener must not starve the other workers of their wake-up.
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };

  const push = (key: K): void => {
    queue.push(key);
    notify();
  };

  return {
    name: options.name ?? '',
    add(key) {
      if (shutting || dirty.has(key)) return;
      dirty.add(key);
      // Handed out again by done(): never two workers on one key.
      if (processing.has(key)) return;
      push(key);
    },
    get() {
      // Upstream keeps handing out queued keys after ShutDown (workers drain); so does this queue.
      if (head >= queue.length) return undefined;
      const key = queue[head] as K;
      head++;
      if (head > 1024 && head * 2 >= queue.length) {
        queue = queue.slice(head);
        head = 0;
      }
      processing.add(key);
      dirty.delete(key);
      return key;
    },
    done(key) {
      if (!processing.delete(key)) return;
      if (dirty.has(key)) push(key);
    },
    len: () => queue.length - head,
    shutDown() {
      if (shutting) return;
      shutting = true;
      notify();
    },
    shuttingDown: () => shutting,
    isProcessing: (key) => processing.has(key),
    isDirty: (key) => dirty.has(key),
    onReady(listener) {
      // A wrapper gives every subscription its own identity, so one listener may subscribe twice.
      const entry = (): void => listener();
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
}
