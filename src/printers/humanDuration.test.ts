import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { humanDuration, parseTimestamp, shortHumanDuration, translateTimestampSince } from './humanDuration.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration', () => {
  it('should print the boundaries of every band as upstream HumanDuration does', () => {
    const cases: [number, string][] = [
      [-2 * S, '<invalid>'],
      [-1999, '0s'],
      [-1 * S, '0s'],
      [0, '0s'],
      [999, '0s'],
      [45 * S, '45s'],
      [119 * S + 999, '119s'],
      [120 * S, '2m'],
      [2 * M + 6 * S, '2m6s'],
      [5 * M + 3 * S, '5m3s'],
      [9 * M + 59 * S, '9m59s'],
      [10 * M, '10m'],
      [10 * M + 59 * S, '10m'],
      [96 * M, '96m'],
      [3 * H - 1, '179m'],
      [3 * H, '3h'],
      [3 * H + 5 * M, '3h5m'],
      [3 * H + 23 * M, '3h23m'],
      [7 * H + 59 * M, '7h59m'],
      [8 * H, '8h'],
      [17 * H + 59 * M, '17h'],
      [47 * H, '47h'],
      [48 * H, '2d'],
      [3 * D + 15 * H, '3d15h'],
      [3 * D + 17 * H, '3d17h'],
      [7 * D + 23 * H, '7d23h'],
      [8 * D, '8d'],
      [400 * D, '400d'],
      [2 * Y - H, '729d'],
      [2 * Y, '2y'],
      [2 * Y + 3 * D, '2y3d'],
      [8 * Y - D, '7y364d'],
      [8 * Y, '8y'],
      [9 * Y + 100 * D, '9y'],
    ];
    for (const [ms, text] of cases) expect([ms, humanDuration(ms)]).toEqual([ms, text]);
  });

  it('should reproduce every AGE observed in the seeds', () => {
    const observed: [number, string][] = [
      [14 * S, '14s'],
      [90 * S, '90s'],
      [117 * S, '117s'],
      [2 * M + 51 * S, '2m51s'],
      [3 * M + 31 * S, '3m31s'],
      [6 * M + 7 * S, '6m7s'],
      [18 * H + 30 * M, '18h'],
    ];
    for (const [ms, text] of observed) expect(humanDuration(ms)).toBe(text);
  });

  it('should only ever print one of the documented shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000 * S, max: 20 * Y }), (ms) => {
        expect(humanDuration(ms)).toMatch(/^(<invalid>|\d+s|\d+m(\d+s)?|\d+h(\d+m)?|\d+d(\d+h)?|\d+y(\d+d)?)$/);
      }),
    );
  });

  it('should never decrease as the duration grows', () => {
    const toMs = (t: string): number => {
      let total = 0;
      for (const [, n, unit] of t.matchAll(/(\d+)([smhdy])/g)) total += Number(n) * { s: S, m: M, h: H, d: D, y: Y }[unit as 's' | 'm' | 'h' | 'd' | 'y'];
      return total;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * Y }), fc.integer({ min: 0, max: Y }), (a, delta) => {
        expect(toMs(humanDuration(a + delta))).toBeGreaterThanOrEqual(toMs(humanDuration(a)));
      }),
    );
  });
});

describe('shortHumanDuration', () => {
  it('should print one unit per band', () => {
    expect(shortHumanDuration(-5 * S)).toBe('<invalid>');
    expect(shortHumanDuration(-1 * S)).toBe('0s');
    expect(shortHumanDuration(59 * S)).toBe('59s');
    expect(shortHumanDuration(60 * S)).toBe('1m');
    expect(shortHumanDuration(59 * M + 59 * S)).toBe('59m');
    expect(shortHumanDuration(H)).toBe('1h');
    expect(shortHumanDuration(23 * H + 59 * M)).toBe('23h');
    expect(shortHumanDuration(D)).toBe('1d');
    expect(shortHumanDuration(364 * D)).toBe('364d');
    expect(shortHumanDuration(Y)).toBe('1y');
    expect(shortHumanDuration(5 * Y + 200 * D)).toBe('5y');
  });
});

describe('translateTimestampSince', () => {
  it('should measure from the given cluster time, not the wall clock', () => {
    const now = Date.parse('2030-06-01T12:00:00Z');
    expect(translateTimestampSince('2030-06-01T11:55:00Z', now)).toBe('5m');
    expect(translateTimestampSince('2030-06-01T11:59:59.500000Z', now)).toBe('0s');
  });

  it('should print <unknown> for a missing or unreadable timestamp', () => {
    expect(translateTimestampSince(undefined, 0)).toBe('<unknown>');
    expect(translateTimestampSince('', 0)).toBe('<unknown>');
    expect(translateTimestampSince('yesterday-ish', 0)).toBe('<unknown>');
    expect(parseTimestamp(null)).toBeUndefined();
  });
});
