import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareQuantities, formatQuantity, isValidQuantity, parseQuantity } from '../../api/quantity.ts';
import { validateResourceRequirements } from '../../api/validation/validateResources.ts';
import { cpuQuantity, memoryQuantity } from './quantity.ts';
import { resourceRequirements } from './resourceRequirements.ts';

const RUNS = { numRuns: 100 };
const isCanonical = (q: string): boolean => formatQuantity(parseQuantity(q)) === q;

describe('quantity arbitraries', () => {
  it('should make CPU quantities within bounds, in canonical and other spellings', () => {
    fc.assert(
      fc.property(cpuQuantity({ minMillis: 100, maxMillis: 4000 }), (q) => {
        expect(isValidQuantity(q)).toBe(true);
        const nanos = parseQuantity(q).nanos;
        expect(nanos >= 100_000_000n && nanos <= 4_000_000_000n).toBe(true);
      }),
      RUNS,
    );
    fc.assert(fc.property(cpuQuantity({ canonical: true }), (q) => {
      expect(isCanonical(q)).toBe(true);
    }), RUNS);
    fc.assert(fc.property(cpuQuantity({ canonical: false }), (q) => {
      expect(isCanonical(q)).toBe(false);
    }), RUNS);
  });

  it('should make memory quantities within bounds, in canonical and other spellings', () => {
    fc.assert(
      fc.property(memoryQuantity({ minBytes: 1024, maxBytes: 2 * 1024 ** 3 }), (q) => {
        const nanos = parseQuantity(q).nanos;
        expect(nanos >= 1024n * 1_000_000_000n && nanos <= 2n * 1024n ** 3n * 1_000_000_000n).toBe(true);
        // Whole bytes only.
        expect(nanos % 1_000_000_000n).toBe(0n);
      }),
      RUNS,
    );
    fc.assert(fc.property(memoryQuantity({ canonical: true }), (q) => {
      expect(isCanonical(q)).toBe(true);
    }), RUNS);
    fc.assert(fc.property(memoryQuantity({ canonical: false }), (q) => {
      expect(isCanonical(q)).toBe(false);
    }), RUNS);
    // The spellings include binary suffixes, decimal suffixes and fractions.
    const sample = fc.sample(memoryQuantity(), { numRuns: 400, seed: 3 });
    for (const re of [/Mi$|Gi$|Ki$/, /[kMG]$/, /\./, /^\d+$/]) expect(sample.some((q) => re.test(q))).toBe(true);
  });

  it('should make resource requirements with requests not above limits', () => {
    fc.assert(
      fc.property(resourceRequirements(), (r) => {
        expect(validateResourceRequirements(r, 'resources')).toEqual([]);
        for (const [name, request] of Object.entries(r.requests ?? {})) {
          const limit = r.limits?.[name];
          if (limit !== undefined) expect(compareQuantities(parseQuantity(request), parseQuantity(limit))).toBeLessThanOrEqual(0);
        }
      }),
      RUNS,
    );
    fc.assert(fc.property(resourceRequirements({ resources: ['memory'] }), (r) => {
      expect(Object.keys({ ...r.requests, ...r.limits }).every((k) => k === 'memory')).toBe(true);
    }), RUNS);
  });
});
