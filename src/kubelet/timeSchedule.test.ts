import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantSchedule, firstTimeWhere, scheduleSettlesAt, scheduleValueAt } from './timeSchedule.ts';
import type { TimeSchedule } from './timeSchedule.ts';

const flapping: TimeSchedule<boolean> = { steps: [{ atMs: 0, value: false }, { atMs: 5, value: true }, { atMs: 65, value: false }], repeat: { fromMs: 5, everyMs: 100 } };

describe('timeSchedule', () => {
  it('should give the value of the last step at or before a time, folding repeats', () => {
    expect([0, 4, 5, 64, 65, 104, 105, 164, 165].map((t) => scheduleValueAt(flapping, t))).toEqual([false, false, true, true, false, false, true, true, false]);
    expect(scheduleValueAt(constantSchedule(7), 1e9)).toBe(7);
  });

  it('should tell when a schedule settles', () => {
    expect(scheduleSettlesAt(flapping)).toBeUndefined();
    expect(scheduleSettlesAt({ steps: [{ atMs: 0, value: 1 }, { atMs: 10, value: 2 }, { atMs: 20, value: 2 }] })).toBe(10);
    expect(scheduleSettlesAt(constantSchedule('x'))).toBe(0);
    expect(scheduleSettlesAt({ steps: [{ atMs: 0, value: 1 }, { atMs: 10, value: 2 }], repeat: { fromMs: 10, everyMs: 5 } })).toBe(10);
  });

  it('should find the first step whose value matches', () => {
    expect(firstTimeWhere({ steps: [{ atMs: 0, value: 10 }, { atMs: 30, value: 200 }] }, (v) => v > 128)).toBe(30);
    expect(firstTimeWhere(constantSchedule(1), (v) => v > 1)).toBeUndefined();
  });

  it('should never change after the time it settles at', () => {
    const schedule = fc
      .array(fc.record({ atMs: fc.integer({ min: 1, max: 1000 }), value: fc.integer({ min: 0, max: 2 }) }), { maxLength: 6 })
      .chain((rest) => {
        const steps = [{ atMs: 0, value: 0 }, ...rest.sort((a, b) => a.atMs - b.atMs)];
        const last = steps[steps.length - 1]?.atMs ?? 0;
        return fc.option(fc.record({ fromMs: fc.integer({ min: 0, max: last }), extra: fc.integer({ min: 1, max: 500 }) }), { nil: undefined }).map((r): TimeSchedule<number> =>
          r === undefined ? { steps } : { steps, repeat: { fromMs: r.fromMs, everyMs: last - r.fromMs + r.extra } },
        );
      });
    fc.assert(
      fc.property(schedule, fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 20 }), (s, times) => {
        const settles = scheduleSettlesAt(s);
        if (settles === undefined) {
          // Keeps changing: within any cycle after the start of the repeat, two values differ.
          const r = s.repeat;
          expect(r).toBeDefined();
          if (r === undefined) return;
          const cycle = Array.from({ length: r.everyMs }, (_, i) => scheduleValueAt(s, 50 * r.everyMs + r.fromMs + i));
          expect(new Set(cycle).size).toBeGreaterThan(1);
        } else {
          for (const t of times) expect(scheduleValueAt(s, settles + t)).toBe(scheduleValueAt(s, settles));
        }
      }),
    );
  });
});
