import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addQuantities,
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityToMilli,
  subtractQuantities,
  type Quantity,
  type QuantityFormat,
} from '../src/api/quantity.ts';

const NANO = 1_000_000_000n;
const MAX_BINARY = (2n ** 63n - 1n) * NANO;

const formatArb = fc.constantFrom<QuantityFormat>('BinarySI', 'DecimalSI', 'DecimalExponent');
// Nano amounts of every size: tiny fractions, whole numbers, binary multiples, huge decimals.
const nanosArb = fc.oneof(
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((n) => n * NANO),
  fc.tuple(fc.bigInt({ min: -4096n, max: 4096n }), fc.integer({ min: 0, max: 5 })).map(([m, k]) => m * 1024n ** BigInt(k) * NANO),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
);
// BinarySI values above 2^63-1 would be capped on re-parse (upstream does the same).
const quantityArb: fc.Arbitrary<Quantity> = fc
  .tuple(nanosArb, formatArb)
  .map(([nanos, format]) => ({ nanos, format: format === 'BinarySI' && (nanos > MAX_BINARY || nanos < -MAX_BINARY) ? 'DecimalSI' : format }));

// Decimal text for n thousandths, built by string manipulation (an oracle independent of the parser).
function milliText(n: bigint): string {
  const sign = n < 0n ? '-' : '';
  const digits = (n < 0n ? -n : n).toString().padStart(4, '0');
  return `${sign}${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

describe('quantity properties', () => {
  it('should round-trip canonical text exactly', () => {
    fc.assert(
      fc.property(quantityArb, (q) => {
        const text = formatQuantity(q);
        const back = parseQuantity(text);
        expect(back.nanos).toBe(q.nanos);
        expect(formatQuantity(back)).toBe(text);
      }),
    );
  });

  it('should parse decimal text exactly, without floating point drift', () => {
    const milli = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(milli, milli, (a, b) => {
        expect(parseQuantity(milliText(a)).nanos).toBe(a * 1_000_000n);
        const sum = addQuantities(parseQuantity(milliText(a)), parseQuantity(milliText(b)));
        expect(compareQuantities(sum, parseQuantity(`${a + b}m`))).toBe(0);
      }),
    );
  });

  it('should keep comparison consistent with addition and subtraction', () => {
    fc.assert(
      fc.property(quantityArb, quantityArb, quantityArb, (a, b, c) => {
        const zero = parseQuantity('0');
        expect(compareQuantities(a, b)).toBe(compareQuantities(subtractQuantities(a, b), zero));
        expect(compareQuantities(a, b)).toBe(-compareQuantities(b, a) || 0);
        expect(compareQuantities(addQuantities(a, c), addQuantities(b, c))).toBe(compareQuantities(a, b));
        expect(compareQuantities(subtractQuantities(addQuantities(a, b), b), a)).toBe(0);
        expect(compareQuantities(addQuantities(a, b), addQuantities(b, a))).toBe(0);
      }),
    );
  });

  it('should round milli values up away from zero', () => {
    fc.assert(
      fc.property(nanosArb, (nanos) => {
        const milli = quantityToMilli({ nanos, format: 'DecimalSI' });
        const exact = milli * 1_000_000n;
        // |milli| is the smallest whole number of thousandths covering |nanos|.
        if (nanos >= 0n) expect(exact >= nanos && exact - nanos < 1_000_000n).toBe(true);
        else expect(exact <= nanos && nanos - exact < 1_000_000n).toBe(true);
      }),
    );
  });

  it('should print every non-zero value without fractional digits and with a known suffix', () => {
    fc.assert(
      fc.property(quantityArb, (q) => {
        expect(formatQuantity(q)).toMatch(/^(0|-?[1-9][0-9]*(|n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|e-?[1-9][0-9]*))$/);
      }),
    );
  });
});
