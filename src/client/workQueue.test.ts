import { describe, it, expect } from 'vitest';
import { createWorkQueue } from './workQueue.ts';

function drain(q: ReturnType<typeof createWorkQueue>): string[] {
  const out: string[] = [];
  for (let k = q.get(); k !== undefined; k = q.get()) out.push(k);
  return out;
}

describe('workQueue', () => {
  it('should hand out keys in the order they were first added', () => {
    const q = createWorkQueue({ name: 'test' });
    for (const k of ['b', 'a', 'c', 'a', 'b']) q.add(k);
    expect(q.name).toBe('test');
    expect(q.len()).toBe(3);
    expect(drain(q)).toEqual(['b', 'a', 'c']);
    expect(q.len()).toBe(0);
  });

  it('should return undefined when nothing is ready', () => {
    const q = createWorkQueue();
    expect(q.get()).toBeUndefined();
    q.add('a');
    expect(q.get()).toBe('a');
    expect(q.get()).toBeUndefined();
  });

  it('should not hand out a key while it is processing, and hand it out again after done when re-added', () => {
    const q = createWorkQueue();
    q.add('a');
    expect(q.get()).toBe('a');
    expect(q.isProcessing('a')).toBe(true);
    q.add('a');
    q.add('a');
    expect(q.isDirty('a')).toBe(true);
    expect(q.len()).toBe(0);
    expect(q.get()).toBeUndefined();
    q.done('a');
    expect(q.isProcessing('a')).toBe(false);
    expect(q.len()).toBe(1);
    expect(q.get()).toBe('a');
    q.done('a');
    expect(q.get()).toBeUndefined();
  });

  it('should queue a key re-added while processing behind keys added before its done', () => {
    const q = createWorkQueue();
    q.add('a');
    q.get();
    q.add('a');
    q.add('b');
    q.done('a');
    expect(drain(q)).toEqual(['b', 'a']);
  });

  it('should ignore done for a key that is not processing', () => {
    const q = createWorkQueue();
    q.add('a');
    q.done('a');
    q.done('zzz');
    expect(q.len()).toBe(1);
    expect(q.isDirty('a')).toBe(true);
  });

  it('should ignore adds after shutDown but still hand out keys already queued, like client-go', () => {
    const q = createWorkQueue();
    q.add('a');
    q.add('b');
    expect(q.get()).toBe('a');
    q.add('a');
    q.shutDown();
    expect(q.shuttingDown()).toBe(true);
    q.add('c');
    q.done('a');
    expect(drain(q)).toEqual(['b', 'a']);
  });

  it('should notify onReady listeners when a key becomes ready and on shutDown only', () => {
    const q = createWorkQueue();
    let calls = 0;
    const stop = q.onReady(() => calls++);
    q.add('a');
    expect(calls).toBe(1);
    q.add('a');
    expect(calls).toBe(1);
    q.get();
    q.add('a');
    expect(calls).toBe(1);
    q.done('a');
    expect(calls).toBe(2);
    q.shutDown();
    q.shutDown();
    expect(calls).toBe(3);
    stop();
    q.done('a');
    expect(calls).toBe(3);
  });

  it('should let a listener take the key it was woken for', () => {
    const q = createWorkQueue();
    const got: (string | undefined)[] = [];
    q.onReady(() => got.push(q.get()));
    q.add('a');
    expect(got).toEqual(['a']);
    expect(q.isProcessing('a')).toBe(true);
  });

  it('should wake every listener even when one throws, then rethrow', () => {
    const q = createWorkQueue();
    let woken = 0;
    q.onReady(() => {
      throw new Error('boom');
    });
    q.onReady(() => woken++);
    expect(() => q.add('a')).toThrow('boom');
    expect(woken).toBe(1);
    expect(q.len()).toBe(1);
  });

  it('should keep one subscription per onReady call', () => {
    const q = createWorkQueue();
    let calls = 0;
    const listener = (): void => {
      calls++;
    };
    const stopFirst = q.onReady(listener);
    q.onReady(listener);
    stopFirst();
    q.add('a');
    expect(calls).toBe(1);
  });

  it('should stay FIFO across many keys', () => {
    const q = createWorkQueue();
    const keys = Array.from({ length: 5000 }, (_, i) => `k${i}`);
    const out: string[] = [];
    for (const [i, k] of keys.entries()) {
      q.add(k);
      // Interleave gets so the internal head moves while the queue keeps growing.
      if (i % 3 === 0) out.push(q.get()!);
    }
    out.push(...drain(q));
    expect(out).toEqual(keys);
  });
});
