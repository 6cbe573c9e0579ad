import { describe, expect, it } from 'vitest';
import { formatOffset, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('should parse Go durations and bare seconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2m3s')).toBe(123_000);
    expect(parseDuration('45')).toBe(45_000);
  });

  it('should refuse anything else with the input named', () => {
    expect(() => parseDuration('5 minutes')).toThrow('invalid duration "5 minutes"');
    expect(() => parseDuration('')).toThrow('invalid duration');
    expect(() => parseDuration('5x')).toThrow('invalid duration');
  });
});

describe('formatOffset', () => {
  it('should print cluster-time offsets compactly', () => {
    expect(formatOffset(0)).toBe('+0s');
    expect(formatOffset(1500)).toBe('+1.5s');
    expect(formatOffset(3_723_000)).toBe('+1h2m3s');
    expect(formatOffset(60_000)).toBe('+1m0s');
  });
});
