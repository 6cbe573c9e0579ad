import type { Clock } from '../runtime/sim/clock.ts';

/** Base delay of the default per-key exponential backoff (client-go: 5 ms). */
export const DEFAULT_BASE_DELAY_MS = 5;
/** Cap of the default per-key exponential backoff (client-go: 1000 s). */
export const DEFAULT_MAX_DELAY_MS = 1_000_000;

/**
 * How long a key waits before it is retried (client-go `TypedRateLimiter`).
 * @public
 */
export interface RateLimiter<K extends string = string> {
  /** Records one more failure of `key` and returns how many milliseconds to wait before retrying it. */
  when(key: K): number;
  /** Stops tracking `key`: it succeeded, or was given up on. */
  forget(key: K): void;
  /** How many times `key` has been requeued since it was last forgotten. */
  numRequeues(key: K): number;
}

function checkDelay(what: string, ms: number): void {
  if (!(ms >= 0)) throw new RangeError(`${what} must be a non-negative number of milliseconds, got ${ms}`);
}

/**
 * Per-key exponential backoff: the n-th failure in a row (counting from 0) waits
 * `min(baseMs · 2^n, maxMs)` (client-go `NewTypedItemExponentialFailureRateLimiter`).
 */
export function itemExponentialFailureRateLimiter<K extends string = string>(
  baseMs: number = DEFAULT_BASE_DELAY_MS,
  maxMs: number = DEFAULT_MAX_DELAY_MS,
): RateLimiter<K> {
  checkDelay('baseMs', baseMs);
  checkDelay('maxMs', maxMs);
  const failures = new Map<K, number>();
  return {
    when(key) {
      const exp = failures.get(key) ?? 0;
      failures.set(key, exp + 1);
      // 2 ** exp becomes Infinity past 1023 instead of wrapping, so the cap always holds; base 0 would give NaN.
      return baseMs === 0 ? 0 : Math.min(baseMs * 2 ** exp, maxMs);
    },
    forget(key) {
      failures.delete(key);
    },
    numRequeues: (key) => failures.get(key) ?? 0,
  };
}

/**
 * Per-key: `fastMs` for the first `maxFastAttempts` failures, then `slowMs`
 * (client-go `NewTypedItemFastSlowRateLimiter`).
 */
export function itemFastSlowRateLimiter<K extends string = string>(fastMs: number, slowMs: number, maxFastAttempts: number): RateLimiter<K> {
  checkDelay('fastMs', fastMs);
  checkDelay('slowMs', slowMs);
  const failures = new Map<K, number>();
  return {
    when(key) {
      const n = (failures.get(key) ?? 0) + 1;
      failures.set(key, n);
      return n <= maxFastAttempts ? fastMs : slowMs;
    },
    forget(key) {
      failures.delete(key);
    },
    numRequeues: (key) => failures.get(key) ?? 0,
  };
}

/** Token-bucket settings: `qps` tokens per second refill a bucket holding at most `burst`. */
export interface BucketOptions {
  readonly qps: number;
  readonly burst: number;
}

/**
 * One token bucket shared by every key, on the cluster clock (client-go `TypedBucketRateLimiter` over
 * `rate.NewLimiter(qps, burst)`): `when` reserves a token and returns how long until it is available,
 * like `Reserve().Delay()`. The bucket starts full. Keys are not tracked: `numRequeues` is always 0.
 */
export function bucketRateLimiter<K extends string = string>(options: BucketOptions, clock: Clock): RateLimiter<K> {
  const { qps, burst } = options;
  if (!(qps > 0)) throw new RangeError(`qps must be positive, got ${qps}`);
  // golang.org/x/time/rate reserves nothing (an infinite delay) when burst < 1 and qps is finite.
  if (qps !== Infinity && !(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
  let tokens = burst;
  let last = clock.now();
  return {
    when() {
      if (qps === Infinity) return 0;
      const now = clock.now();
      // Like x/time/rate's advance(): time never runs backwards for the bucket.
      const elapsedMs = Math.max(0, now - last);
      tokens = Math.min(burst, tokens + (elapsedMs * qps) / 1000) - 1;
      last = now;
      if (tokens >= 0) return 0;
      // Rounded to whole nanoseconds (Go's Duration) so float noise never shows up as 100.00000000000001 ms.
      return Math.round(((-tokens * 1000) / qps) * 1e6) / 1e6;
    },
    forget() {},
    numRequeues: () => 0,
  };
}

/**
 * The longest delay of all `limiters` (every one of them records the failure); `numRequeues` is the
 * largest count (client-go `NewTypedMaxOfRateLimiter`).
 */
export function maxOfRateLimiter<K extends string = string>(...limiters: readonly RateLimiter<K>[]): RateLimiter<K> {
  return {
    when(key) {
      let delay = 0;
      for (const limiter of limiters) delay = Math.max(delay, limiter.when(key));
      return delay;
    },
    forget(key) {
      for (const limiter of limiters) limiter.forget(key);
    },
    numRequeues(key) {
      let n = 0;
      for (const limiter of limiters) n = Math.max(n, limiter.numRequeues(key));
      return n;
    },
  };
}

/**
 * client-go's `DefaultTypedControllerRateLimiter`: per-key exponential backoff from 5 ms to 1000 s,
 * and an overall 10 qps, burst 100 bucket for retries.
 */
export function defaultControllerRateLimiter<K extends string = string>(clock: Clock): RateLimiter<K> {
  return maxOfRateLimiter<K>(
    itemExponentialFailureRateLimiter<K>(DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS),
    bucketRateLimiter<K>({ qps: 10, burst: 100 }, clock),
  );
}
