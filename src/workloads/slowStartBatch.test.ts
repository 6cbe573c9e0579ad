import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { slowStartBatch } from './slowStartBatch.ts';

describe('slowStartBatch', () => {
  it('should run batches of 1, 2, 4, 8 and the rest', async () => {
    const batches: number[] = [];
    let inBatch = 0;
    const result = await slowStartBatch(20, 1, async () => {
      inBatch++;
      await Promise.resolve();
      if (inBatch > 0) {
        batches.push(inBatch);
        inBatch = 0;
      }
    });
    expect(result).toEqual({ successes: 20 });
    expect(batches).toEqual([1, 2, 4, 8, 5]);
  });

  it('should stop after the batch with a failure and report successes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), async (count, failAt) => {
        let calls = 0;
        const { successes, error } = await slowStartBatch(count, 1, () => {
          calls++;
          return calls === failAt ? Promise.reject(new Error('quota')) : Promise.resolve();
        });
        if (failAt > count) {
          expect(successes).toBe(count);
          expect(error).toBeUndefined();
        } else {
          expect(successes).toBe(calls - 1);
          expect((error as Error).message).toBe('quota');
          // The failing batch completes; no further batch starts.
          const batchEnd = [1, 3, 7, 15, 31, 63, 127].find((n) => n >= failAt) ?? count;
          expect(calls).toBe(Math.min(batchEnd, count));
        }
      }),
    );
  });
});
