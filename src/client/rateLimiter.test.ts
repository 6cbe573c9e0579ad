import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  bucketRateLimiter,
  defaultControllerRateLimiter,
  itemExponentialFailureRateLimiter,
  itemFastSlowRateLimiter,
  maxOfRateLimiter,
} from './rateLimiter.ts';

describe('itemExponentialFailureRateLimiter', () => {
  it('should double the delay per failure of a key and count requeues', () => {
    const rl = itemExponentialFailureRateLimiter(5, 1000);
    expect([rl.when('a'), rl.when('a'), rl.when('a'), rl.when('a')]).toEqual([5, 10, 20, 40]);
    expect(rl.numRequeues('a')).toBe(4);
    expect(rl.when('b')).toBe(5);
    expect(rl.numRequeues('b')).toBe(1);
  });

  it('should cap the delay at maxMs and never overflow', () => {
    const rl = itemExponentialFailureRateLimiter(5, 1000);
    const delays = Array.from({ length: 2000 }, () => rl.when('a'));
    expect(delays.slice(7, 9)).toEqual([640, 1000]);
    expect(delays.at(-1)).toBe(1000);
    expect(delays.every((d) => Number.isFinite(d) && d <= 1000)).toBe(true);
  });

  it('should start over after forget', () => {
    const rl = itemExponentialFailureRateLimiter(5, 1000);
    rl.when('a');
    rl.when('a');
    rl.forget('a');
    expect(rl.numRequeues('a')).toBe(0);
    expect(rl.when('a')).toBe(5);
  });

  it('should use the client-go defaults and handle a zero base', () => {
    expect(DEFAULT_BASE_DELAY_MS).toBe(5);
    expect(DEFAULT_MAX_DELAY_MS).toBe(1_000_000);
    const rl = itemExponentialFailureRateLimiter();
    for (let i = 0; i < 30; i++) rl.when('a');
    expect(rl.when('a')).toBe(DEFAULT_MAX_DELAY_MS);
    const zero = itemExponentialFailureRateLimiter(0, 10);
    for (let i = 0; i < 1100; i++) expect(zero.when('a')).toBe(0);
    expect(() => itemExponentialFailureRateLimiter(-1, 10)).toThrow(RangeError);
  });
});

describe('itemFastSlowRateLimiter', () => {
  it('should give the fast delay for the first attempts and the slow one after', () => {
    const rl = itemFastSlowRateLimiter(10, 1000, 2);
    expect([rl.when('a'), rl.when('a'), rl.when('a'), rl.when('b')]).toEqual([10, 10, 1000, 10]);
    expect(rl.numRequeues('a')).toBe(3);
    rl.forget('a');
    expect(rl.when('a')).toBe(10);
  });
});

describe('bucketRateLimiter', () => {
  it('should let burst items through at once, then space them 1/qps apart', () => {
    const clock = new VirtualClock();
    const rl = bucketRateLimiter({ qps: 10, burst: 3 }, clock);
    expect(Array.from({ length: 6 }, (_, i) => rl.when(`k${i}`))).toEqual([0, 0, 0, 100, 200, 300]);
    expect(rl.numRequeues('k0')).toBe(0);
  });

  it('should refill tokens as cluster time passes, up to burst', () => {
    const clock = new VirtualClock();
    const rl = bucketRateLimiter({ qps: 10, burst: 2 }, clock);
    rl.when('a');
    rl.when('a');
    expect(rl.when('a')).toBe(100);
    clock.advance(350);
    // Owed one token at 100 ms; 3.5 refilled since; the bucket holds at most 2.
    expect([rl.when('a'), rl.when('a'), rl.when('a')]).toEqual([0, 0, 100]);
    clock.advance(10_000);
    expect([rl.when('a'), rl.when('a'), rl.when('a')]).toEqual([0, 0, 100]);
  });

  it('should reject settings that could never hand out a token', () => {
    const clock = new VirtualClock();
    expect(() => bucketRateLimiter({ qps: 0, burst: 10 }, clock)).toThrow(RangeError);
    expect(() => bucketRateLimiter({ qps: 10, burst: 0 }, clock)).toThrow(RangeError);
    const unlimited = bucketRateLimiter({ qps: Infinity, burst: 0 }, clock);
    expect(Array.from({ length: 5 }, () => unlimited.when('a'))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('maxOfRateLimiter', () => {
  it('should return the longest delay and the largest requeue count, and forget in all parts', () => {
    const rl = maxOfRateLimiter(itemExponentialFailureRateLimiter(1, 100), itemFastSlowRateLimiter(3, 50, 2));
    expect([rl.when('a'), rl.when('a'), rl.when('a'), rl.when('a')]).toEqual([3, 3, 50, 50]);
    expect(rl.numRequeues('a')).toBe(4);
    rl.forget('a');
    expect(rl.numRequeues('a')).toBe(0);
    expect(rl.when('a')).toBe(3);
    expect(maxOfRateLimiter().when('a')).toBe(0);
  });
});

describe('defaultControllerRateLimiter', () => {
  it('should combine 5 ms per-key backoff with a 10 qps, burst 100 bucket', () => {
    const clock = new VirtualClock();
    const rl = defaultControllerRateLimiter(clock);
    const delays = Array.from({ length: 102 }, (_, i) => rl.when(`k${i}`));
    expect(delays.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(delays.slice(100)).toEqual([100, 200]);
    clock.advance(60_000);
    const same = Array.from({ length: 10 }, () => rl.when('x'));
    expect(same).toEqual([5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560]);
  });
});
