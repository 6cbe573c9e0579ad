/** Upstream `SlowStartInitialBatchSize`. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/** Upstream `BurstReplicas`: at most this many pod creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/**
 * Upstream `slowStartBatch`: calls `fn` `count` times in batches of 1, 2, 4, … (each batch
 * concurrently); after a batch with a failure it stops and reports the successes so far and the first
 * error. The remaining calls are never made.
 * @returns how many calls succeeded, and the first error if any
 */
export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failures.length;
    if (failures.length > 0) return { successes, error: failures[0]?.reason };
    remaining -= batch;
  }
  return { successes };
}
