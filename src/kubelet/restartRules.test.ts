import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRASH_BACKOFF_INITIAL_MS, CRASH_BACKOFF_MAX_MS, effectiveRestartPolicy, isInBackOffSince, nextBackOff, restartsAfterExit } from './restartRules.ts';
import type { BackOffEntry } from './restartRules.ts';

describe('restartRules', () => {
  it.each([
    ['Always', 0, true],
    ['Always', 1, true],
    ['OnFailure', 0, false],
    ['OnFailure', 137, true],
    ['Never', 0, false],
    ['Never', 1, false],
  ] as const)('should restart under %s after exit %d: %s', (policy, code, restarts) => {
    expect(restartsAfterExit(policy, code)).toBe(restarts);
  });

  it('should run init containers to success and always restart sidecars', () => {
    expect(effectiveRestartPolicy('Always', 'init')).toBe('OnFailure');
    expect(effectiveRestartPolicy('Never', 'init')).toBe('Never');
    expect(effectiveRestartPolicy('Never', 'sidecar')).toBe('Always');
    expect(effectiveRestartPolicy('OnFailure', 'app')).toBe('OnFailure');
  });

  it('should wait 0 s, then 10 s doubling to 300 s between quick crashes, and start over after 10 minutes of running', () => {
    // Each run: the container starts (restart decided), runs for `runMs`, exits; the wait follows kubelet's doBackOff.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 900_000 }), { minLength: 1, maxLength: 25 }), (runs) => {
        let entry: BackOffEntry | undefined;
        let now = 0;
        let expectedNext = 0;
        for (const runMs of runs) {
          const startedAt = now;
          now += runMs;
          const finished = now;
          const ranLong = entry !== undefined && finished - entry.updatedAt > 2 * CRASH_BACKOFF_MAX_MS;
          const wait = isInBackOffSince(entry, finished, now) ? (entry?.ms ?? 0) : 0;
          if (entry === undefined || ranLong) expect(wait).toBe(0);
          else expect(wait).toBe(expectedNext);
          now += wait;
          entry = nextBackOff(entry, finished, now);
          expectedNext = entry.ms;
          expect([10, 20, 40, 80, 160, 300].map((s) => s * 1000)).toContain(entry.ms);
          expect(now).toBeGreaterThanOrEqual(startedAt);
        }
      }),
    );
    let e = nextBackOff(undefined, 0, 0);
    const seq = [e.ms];
    for (let i = 0; i < 7; i++) {
      e = nextBackOff(e, e.updatedAt + 1, e.updatedAt + 1);
      seq.push(e.ms);
    }
    expect(seq.map((ms) => ms / 1000)).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
    expect(nextBackOff({ ms: CRASH_BACKOFF_MAX_MS, updatedAt: 0 }, 600_001, 600_001).ms).toBe(CRASH_BACKOFF_INITIAL_MS);
  });
});
