import { describe, it, expect } from 'vitest';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { createDelayingQueue } from './delayingQueue.ts';

describe('delayingQueue', () => {
  it('should add a key only once its delay has passed on the cluster clock', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock, name: 'delayed' });
    q.addAfter('a', 100);
    expect(q.name).toBe('delayed');
    expect(q.numWaiting()).toBe(1);
    clock.advance(99);
    expect(q.get()).toBeUndefined();
    clock.advance(1);
    expect(q.numWaiting()).toBe(0);
    expect(q.get()).toBe('a');
  });

  it('should add at once when the delay is zero or negative', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.addAfter('a', 0);
    q.addAfter('b', -5);
    expect(q.len()).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('should hand out keys in deadline order', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.addAfter('late', 300);
    q.addAfter('early', 100);
    q.addAfter('middle', 200);
    clock.advance(1000);
    expect([q.get(), q.get(), q.get()]).toEqual(['early', 'middle', 'late']);
  });

  it('should keep the earlier deadline when a waiting key is added again', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.addAfter('a', 100);
    q.addAfter('a', 500);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(100);
    expect(q.get()).toBe('a');
    q.done('a');
    clock.advance(1000);
    expect(q.get()).toBeUndefined();

    q.addAfter('b', 500);
    q.addAfter('b', 50);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(50);
    expect(q.get()).toBe('b');
  });

  it('should wake onReady listeners when a delayed key arrives', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    const woken: number[] = [];
    q.onReady(() => woken.push(clock.now()));
    const start = clock.now();
    q.addAfter('a', 250);
    clock.jumpToNextTimer();
    expect(woken).toEqual([start + 250]);
  });

  it('should cancel waiting keys and ignore new ones after shutDown', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.addAfter('a', 100);
    q.addAfter('b', 200);
    q.shutDown();
    expect(q.shuttingDown()).toBe(true);
    expect(clock.pendingTimers()).toBe(0);
    expect(q.numWaiting()).toBe(0);
    q.addAfter('c', 10);
    q.addAfter('d', 0);
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(1000);
    expect(q.len()).toBe(0);
  });

  it('should never add a key delayed by Infinity and reject NaN', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.addAfter('a', Infinity);
    expect(clock.pendingTimers()).toBe(0);
    expect(q.len()).toBe(0);
    expect(() => q.addAfter('a', Number.NaN)).toThrow(RangeError);
  });

  it('should coalesce a delayed key with the same key already queued', () => {
    const clock = new VirtualClock();
    const q = createDelayingQueue({ clock });
    q.add('a');
    q.addAfter('a', 10);
    clock.advance(10);
    expect(q.len()).toBe(1);
    expect(q.get()).toBe('a');
    expect(q.get()).toBeUndefined();
  });
});
