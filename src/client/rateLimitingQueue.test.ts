import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { itemExponentialFailureRateLimiter } from './rateLimiter.ts';
import { createRateLimitingQueue } from './rateLimitingQueue.ts';

describe('rateLimitingQueue', () => {
  it('should retry a failing key with exponential backoff and stop counting after forget', () => {
    const clock = new VirtualClock(0);
    const q = createRateLimitingQueue({ clock, rateLimiter: itemExponentialFailureRateLimiter(5, 1000), name: 'rl' });
    const runs: number[] = [];
    let failuresLeft = 4;
    // The sample-controller worker loop, woken by onReady instead of blocking in Get.
    q.onReady(() => {
      const key = q.get();
      if (key === undefined) return;
      runs.push(clock.now());
      if (failuresLeft-- > 0) q.addRateLimited(key);
      else q.forget(key);
      q.done(key);
    });
    q.add('default/web');
    while (clock.jumpToNextTimer());
    expect(q.name).toBe('rl');
    expect(runs).toEqual([0, 5, 15, 35, 75]);
    expect(q.numRequeues('default/web')).toBe(0);
  });

  it('should count requeues per key until forgotten', () => {
    const clock = new VirtualClock();
    const q = createRateLimitingQueue({ clock, rateLimiter: itemExponentialFailureRateLimiter(5, 1000) });
    q.addRateLimited('a');
    q.addRateLimited('a');
    q.addRateLimited('b');
    expect(q.numRequeues('a')).toBe(2);
    expect(q.numRequeues('b')).toBe(1);
    expect(q.numWaiting()).toBe(2);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
  });

  it('should use the default controller rate limiter when none is given', () => {
    const clock = new VirtualClock(0);
    const q = createRateLimitingQueue({ clock });
    q.addRateLimited('a');
    clock.advance(4);
    expect(q.len()).toBe(0);
    clock.advance(1);
    expect(q.get()).toBe('a');
    expect(q.numRequeues('a')).toBe(1);
  });

  it('should support addAfter and drop everything on shutDown', () => {
    const clock = new VirtualClock();
    const q = createRateLimitingQueue({ clock });
    q.addAfter('a', 1000);
    q.addRateLimited('b');
    q.shutDown();
    expect(clock.pendingTimers()).toBe(0);
    q.addRateLimited('c');
    clock.advance(10_000);
    expect(q.get()).toBeUndefined();
  });
});
