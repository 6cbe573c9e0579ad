import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runContainer } from './testing/containerHarness.ts';

interface ProbeCase {
  delay: number;
  up: number;
  down: number;
  period: number;
  initialDelay: number;
  success: number;
  failure: number;
}

/** An independent model of kubelet's readiness worker: ticks on the period grid, thresholds, initial Failure. */
function expectedReadyChanges(p: ProbeCase, horizon: number): { at: number; ready: boolean }[] {
  const answer = (t: number): boolean => {
    if (t < p.delay) return false;
    return (t - p.delay) % (p.up + p.down) < p.up;
  };
  const out: { at: number; ready: boolean }[] = [];
  let ready = false;
  let ok = 0;
  let fail = 0;
  for (let t = p.initialDelay; t <= horizon; t += p.period) {
    if (answer(t)) {
      ok++;
      fail = 0;
    } else {
      fail++;
      ok = 0;
    }
    if (!ready && ok >= p.success) {
      ready = true;
      out.push({ at: t, ready });
    } else if (ready && fail >= p.failure) {
      ready = false;
      out.push({ at: t, ready });
    }
  }
  return out;
}

function machineReadyChanges(p: ProbeCase, horizon: number): { at: number; ready: boolean }[] {
  const c = runContainer(
    { readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: p.period, initialDelaySeconds: p.initialDelay, successThreshold: p.success, failureThreshold: p.failure } },
    { profile: { pull: { seconds: 0 }, startSeconds: 0, readiness: { delaySeconds: p.delay, flapping: { upSeconds: p.up, downSeconds: p.down } } } },
  );
  c.advance(horizon);
  const out: { at: number; ready: boolean }[] = [];
  let ready = false;
  for (const s of c.states) {
    if (s.ready !== ready) {
      ready = s.ready;
      out.push({ at: s.at, ready });
    }
  }
  return out;
}

describe('containerMachine readiness probe', () => {
  it('should follow a flapping readiness endpoint with the thresholds of the probe', () => {
    const p: ProbeCase = { delay: 5, up: 60, down: 40, period: 10, initialDelay: 0, success: 1, failure: 3 };
    const changes = machineReadyChanges(p, 260);
    expect(changes).toEqual([
      { at: 10, ready: true },
      { at: 90, ready: false },
      { at: 110, ready: true },
      { at: 190, ready: false },
      { at: 210, ready: true },
    ]);
    expect(changes).toEqual(expectedReadyChanges(p, 260));
  });

  it('should agree with a model of the probe worker for any flapping schedule and thresholds', () => {
    fc.assert(
      fc.property(
        fc.record({
          delay: fc.integer({ min: 0, max: 30 }),
          up: fc.integer({ min: 1, max: 90 }),
          down: fc.integer({ min: 1, max: 90 }),
          period: fc.integer({ min: 1, max: 20 }),
          initialDelay: fc.integer({ min: 0, max: 30 }),
          success: fc.integer({ min: 1, max: 3 }),
          failure: fc.integer({ min: 1, max: 4 }),
        }),
        (p) => {
          expect(machineReadyChanges(p, 400)).toEqual(expectedReadyChanges(p, 400));
        },
      ),
      { numRuns: 60 },
    );
  });
});
