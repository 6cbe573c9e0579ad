import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createKeyedHeap } from './keyedHeap.ts';

describe('createKeyedHeap', () => {
  it('should pop in order after any mix of pushes, updates and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('push', 'remove'), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 100 }))), (ops) => {
        const heap = createKeyedHeap<{ k: string; v: number }>((x) => x.k, (a, b) => a.v < b.v);
        const model = new Map<string, number>();
        for (const [op, k, v] of ops) {
          if (op === 'push') {
            heap.push({ k: String(k), v });
            model.set(String(k), v);
          } else {
            expect(heap.remove(String(k))?.v).toBe(model.get(String(k)));
            model.delete(String(k));
          }
        }
        expect(heap.size).toBe(model.size);
        const out: number[] = [];
        for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x.v);
        expect(out).toEqual([...model.values()].sort((a, b) => a - b));
      }),
    );
  });
});
