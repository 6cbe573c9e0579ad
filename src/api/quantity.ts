// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource.Quantity), held exactly:
// the value in nano units as a bigint, so 0.1 + 0.2 is exactly 300m and comparisons never drift.
import { isStatusError } from './status.ts';
import { NANO, parseQuantityString } from './quantityParser.ts';

export { ERR_FORMAT_WRONG, ERR_NUMERIC, ERR_SUFFIX } from './quantityParser.ts';

/** How a quantity prints: `1Ki` (BinarySI), `1k` (DecimalSI) or `1e3` (DecimalExponent). */
export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/**
 * An exact quantity: `nanos` is the value times 10^9 (every quantity is a whole number of nanos,
 * as upstream rounds finer values up to 1n), `format` the suffix family it prints with.
 * @public
 */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** Zero (`0`, DecimalSI). */
export const zeroQuantity: Quantity = Object.freeze({ nanos: 0n, format: 'DecimalSI' });

/**
 * Parses `1`, `500m`, `1.5Gi`, `2e3`, `-0.5`… exactly as `resource.ParseQuantity` does, including its
 * rounding (`0.1n` → `1n`) and its cap of BinarySI values at 2^63-1. A number is read as its JSON
 * text (quantities may be JSON numbers).
 * @throws StatusError 400 BadRequest: `quantities must match the regular expression
 * '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`, `unable to parse quantity's suffix` or
 * `unable to parse numeric part of quantity`.
 */
export function parseQuantity(s: string | number): Quantity {
  if (typeof s === 'number') return parseQuantityString(Number.isFinite(s) ? String(s) : '');
  return parseQuantityString(s);
}

/** True when {@link parseQuantity} accepts `s`. */
export function isValidQuantity(s: string): boolean {
  try {
    parseQuantityString(s);
    return true;
  } catch (e) {
    if (isStatusError(e)) return false;
    throw e;
  }
}

/**
 * Parses a quantity that may be absent: `undefined`, `null` and — so that summing requests over
 * unvalidated objects never throws — an unparsable value all give {@link zeroQuantity}.
 */
export function parseQuantityOrZero(s: string | number | undefined | null): Quantity {
  if (s === undefined || s === null) return zeroQuantity;
  try {
    return parseQuantity(s);
  } catch (e) {
    if (isStatusError(e)) return zeroQuantity;
    throw e;
  }
}

/** A quantity of `value` units (upstream `NewQuantity`). */
export function quantityFromNumber(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`quantityFromNumber needs a safe integer, got ${value}`);
  return { nanos: BigInt(value) * NANO, format };
}

/** A quantity of `value` thousandths (upstream `NewMilliQuantity`). */
export function quantityFromMilli(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new RangeError(`quantityFromMilli needs a safe integer, got ${value}`);
  return { nanos: BigInt(value) * 1_000_000n, format };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (formats are ignored, like `Cmp`). */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** `a + b`, exactly; keeps `a`'s format unless `a` is zero (upstream `Add`). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** `a - b`, exactly; keeps `a`'s format unless `a` is zero (upstream `Sub`). */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** The sum of any number of quantities (zero for none). */
export function sumQuantities(qs: Iterable<Quantity>): Quantity {
  let total = zeroQuantity;
  for (const q of qs) total = addQuantities(total, q);
  return total;
}

/** True when the quantity is zero. */
export function isZeroQuantity(q: Quantity): boolean {
  return q.nanos === 0n;
}

// Division rounding the magnitude up (away from zero), like upstream's AsScale.
function divAwayFromZero(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d === 0n ? q : n > 0n ? q + 1n : q - 1n;
}

/** The value in thousandths, rounded up away from zero: `1.0001` → 1001n (upstream `MilliValue`). */
export function quantityToMilli(q: Quantity): bigint {
  return divAwayFromZero(q.nanos, 1_000_000n);
}

/** The value rounded up away from zero (upstream `Value`): `1.1` → 2, `500m` → 1. Inexact beyond 2^53. */
export function quantityToNumber(q: Quantity): number {
  return Number(divAwayFromZero(q.nanos, NANO));
}

const DECIMAL_SUFFIX: Readonly<Record<number, string>> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'] as const;

function formatDecimal(nanos: bigint, exponentForm: boolean): string {
  const negative = nanos < 0n;
  let m = negative ? -nanos : nanos;
  let e = -9;
  while (m >= 10n && m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  // Lower the exponent to a multiple of 3 (upstream AsCanonicalBytes).
  const r = ((e % 3) + 3) % 3;
  m *= 10n ** BigInt(r);
  e -= r;
  let suffix: string;
  if (exponentForm) {
    suffix = e === 0 ? '' : `e${e}`;
  } else {
    // Upstream has no suffix above E and would print the bare mantissa; we print the digits in E.
    if (e > 18) {
      m *= 10n ** BigInt(e - 18);
      e = 18;
    }
    suffix = DECIMAL_SUFFIX[e] ?? '';
  }
  return `${negative ? '-' : ''}${m}${suffix}`;
}

function formatBinary(units: bigint): string {
  const negative = units < 0n;
  let m = negative ? -units : units;
  let k = 0;
  // Stop at Ei: upstream has no larger suffix (and would print a bare mantissa).
  while (k < BINARY_SUFFIX.length - 1 && m >= 1024n && m % 1024n === 0n) {
    m /= 1024n;
    k++;
  }
  return `${negative ? '-' : ''}${m}${BINARY_SUFFIX[k] ?? ''}`;
}

/**
 * Canonical text (upstream `CanonicalizeBytes`/`String()`): the largest suffix that loses nothing,
 * no fractional digits: `1024Mi` → `1Gi`, `1000m` → `1`, `0.5` → `500m`, `1.5Gi` → `1536Mi`, `0` → `0`.
 * BinarySI values under 1024 in magnitude or not whole print as DecimalSI. `format` overrides the
 * quantity's own format.
 */
export function formatQuantity(q: Quantity, format: QuantityFormat = q.format): string {
  if (q.nanos === 0n) return '0';
  if (format === 'BinarySI') {
    const small = q.nanos > -1024n * NANO && q.nanos < 1024n * NANO;
    if (small || q.nanos % NANO !== 0n) return formatDecimal(q.nanos, false);
    return formatBinary(q.nanos / NANO);
  }
  return formatDecimal(q.nanos, format === 'DecimalExponent');
}
