import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import {
  bucketRateLimiter,
  itemExponentialFailureRateLimiter,
  itemFastSlowRateLimiter,
  maxOfRateLimiter,
  type RateLimiter,
} from '../src/client/rateLimiter.ts';

// client-go util/workqueue/default_rate_limiters.go and golang.org/x/time/rate.

const key = fc.constantFrom('a', 'b', 'c');
const op = fc.oneof(
  { arbitrary: key.map((k) => ({ kind: 'when' as const, key: k })), weight: 5 },
  { arbitrary: key.map((k) => ({ kind: 'forget' as const, key: k })), weight: 1 },
);

/** min(base·2^n, max) in exact integer arithmetic, independent of the limiter's floating point. */
function expectedBackoff(base: number, max: number, n: number): number {
  const exact = BigInt(base) << BigInt(n);
  return exact > BigInt(max) ? max : Number(exact);
}

type Spec = { kind: 'exp'; base: number; max: number } | { kind: 'fastSlow'; fast: number; slow: number; maxFast: number };
const spec: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ kind: fc.constant('exp' as const), base: fc.integer({ min: 0, max: 1000 }), max: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({
    kind: fc.constant('fastSlow' as const),
    fast: fc.integer({ min: 0, max: 1000 }),
    slow: fc.integer({ min: 0, max: 100_000 }),
    maxFast: fc.integer({ min: 0, max: 5 }),
  }),
);
const build = (s: Spec): RateLimiter =>
  s.kind === 'exp' ? itemExponentialFailureRateLimiter(s.base, s.max) : itemFastSlowRateLimiter(s.fast, s.slow, s.maxFast);

describe(`rateLimiter properties (seed: ${fc.readConfigureGlobal().seed ?? 'random'})`, () => {
  it('should give min(base·2^failures, max) per key, and start over after forget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.array(op, { maxLength: 300 }),
        (base, max, ops) => {
          const rl = itemExponentialFailureRateLimiter(base, max);
          const failures = new Map<string, number>();
          for (const o of ops) {
            const n = failures.get(o.key) ?? 0;
            if (o.kind === 'when') {
              expect(rl.when(o.key)).toBe(expectedBackoff(base, max, n));
              failures.set(o.key, n + 1);
            } else {
              rl.forget(o.key);
              failures.delete(o.key);
            }
            expect(rl.numRequeues(o.key)).toBe(failures.get(o.key) ?? 0);
          }
        },
      ),
    );
  });

  it('should stay at max, finite, however many failures pile up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1000, max: 3000 }), (base, max, n) => {
        const rl = itemExponentialFailureRateLimiter(base, max);
        let last = -1;
        for (let i = 0; i < n; i++) last = rl.when('k');
        expect(last).toBe(max);
      }),
      { numRuns: 20 },
    );
  });

  it('should make maxOf return the largest delay and requeue count of its parts', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 4 }), fc.array(op, { maxLength: 100 }), (specs, ops) => {
        const combined = maxOfRateLimiter(...specs.map(build));
        const twins = specs.map(build);
        for (const o of ops) {
          if (o.kind === 'when') expect(combined.when(o.key)).toBe(Math.max(...twins.map((t) => t.when(o.key))));
          else {
            combined.forget(o.key);
            for (const t of twins) t.forget(o.key);
          }
          expect(combined.numRequeues(o.key)).toBe(Math.max(...twins.map((t) => t.numRequeues(o.key))));
        }
      }),
    );
  });

  it('should let burst items through at once, then space them 1000/qps ms apart', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 5, 8, 10, 20, 25, 50, 100),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 400 }),
        (qps, burst, n) => {
          const rl = bucketRateLimiter({ qps, burst }, new VirtualClock());
          for (let i = 0; i < n; i++) expect(rl.when(`k${i}`)).toBe((Math.max(0, i - burst + 1) * 1000) / qps);
        },
      ),
    );
  });

  it('should allow exactly 100 immediate items then one per 100 ms at 10 qps, burst 100', () => {
    const clock = new VirtualClock();
    const rl = bucketRateLimiter({ qps: 10, burst: 100 }, clock);
    const delays = Array.from({ length: 130 }, (_, i) => rl.when(`k${i}`));
    expect(delays.filter((d) => d === 0)).toHaveLength(100);
    for (let i = 100; i < 130; i++) expect(delays[i]! - delays[i - 1]!).toBe(100);
  });

  it('should never schedule more than burst + qps·window items in any window, nor delay a refilled bucket', () => {
    const step = fc.record({ advanceMs: fc.integer({ min: 0, max: 3000 }), requests: fc.integer({ min: 0, max: 15 }) });
    fc.assert(
      fc.property(
        fc.constantFrom(1, 3, 7, 10, 33),
        fc.integer({ min: 1, max: 20 }),
        fc.array(step, { maxLength: 40 }),
        (qps, burst, steps) => {
          // Time from 0: at epoch scale a double cannot hold 1000/33 ms to the nanosecond.
          const clock = new VirtualClock(0);
          const rl = bucketRateLimiter({ qps, burst }, clock);
          const at: number[] = [];
          for (const s of steps) {
            clock.advance(s.advanceMs);
            // Idle long enough after the last scheduled item, the bucket is full again.
            const refilled = at.length === 0 || clock.now() >= at[at.length - 1]! + (burst * 1000) / qps;
            for (let i = 0; i < s.requests; i++) {
              const delay = rl.when('k');
              if (refilled && i < burst) expect(delay).toBe(0);
              expect(delay).toBeGreaterThanOrEqual(0);
              at.push(clock.now() + delay);
            }
          }
          let worstExcess = -Infinity;
          for (let i = 0; i < at.length; i++) {
            if (i > 0) expect(at[i]!).toBeGreaterThanOrEqual(at[i - 1]!);
            for (let j = i; j < at.length; j++) {
              worstExcess = Math.max(worstExcess, j - i + 1 - (burst + ((at[j]! - at[i]!) * qps) / 1000));
            }
          }
          if (at.length > 0) expect(worstExcess).toBeLessThanOrEqual(1e-6);
        },
      ),
      { numRuns: 150 },
    );
  });
});
