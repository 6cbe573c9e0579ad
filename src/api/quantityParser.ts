// A port of resource.ParseQuantity (k8s.io/apimachinery/pkg/api/resource/quantity.go), computing the
// value exactly in nano units. Upstream's int64 fast path and its inf.Dec path give the same value
// except that only the latter rounds up to 1n and caps BinarySI at 2^63-1; both are reproduced.
import { badRequest } from './status.ts';
import type { Quantity, QuantityFormat } from './quantity.ts';

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** Upstream `ErrFormatWrong`. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
/** Upstream `ErrNumeric`. */
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
/** Upstream `ErrSuffix`. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

/** Nano units per unit. */
export const NANO = 1_000_000_000n;
const MAX_INT64 = 2n ** 63n - 1n;
// Far beyond any real quantity; keeps 10^exponent computable (upstream's inf.Dec has no such limit).
const MAX_EXPONENT = 1000;

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Scanned {
  readonly positive: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
  /** Whether the number part had a digit (upstream's inf.Dec path rejects `-Pi`, `Pi`). */
  readonly digits: boolean;
}

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

// Upstream parseQuantityString, quirks included: "1." and ".5" are numbers, a lone sign is zero.
function scan(s: string): Scanned {
  let pos = 0;
  let positive = true;
  if (s.charAt(0) === '-' || s.charAt(0) === '+') {
    positive = s.charAt(0) === '+';
    pos++;
  }
  while (pos < s.length && s.charAt(pos) === '0') pos++;
  if (pos >= s.length) return { positive, num: '0', denom: '', suffix: '', digits: true };
  let start = pos;
  while (pos < s.length && isDigit(s.charAt(pos))) pos++;
  const num = s.slice(start, pos) || '0';
  let denom = '';
  if (s.charAt(pos) === '.') {
    start = ++pos;
    while (pos < s.length && isDigit(s.charAt(pos))) pos++;
    denom = s.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < s.length && 'eEinumkKMGTP'.includes(s.charAt(pos))) pos++;
  if (s.charAt(pos) === '-' || s.charAt(pos) === '+') pos++;
  while (pos < s.length && isDigit(s.charAt(pos))) pos++;
  if (pos < s.length) throw badRequest(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: s.slice(suffixStart), digits: /[0-9]/.test(s.slice(0, suffixStart)) };
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } {
  if (Object.hasOwn(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix] ?? 0, format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: BINARY_SUFFIXES[suffix] ?? 0, format: 'BinarySI' };
  // An exponent is Go's strconv.ParseInt of what follows the e: optional sign, digits, int64 range.
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = BigInt(suffix.slice(1));
    if (exponent >= -(2n ** 63n) && exponent <= MAX_INT64) {
      if (exponent > BigInt(MAX_EXPONENT) || exponent < -BigInt(MAX_EXPONENT)) throw badRequest(ERR_NUMERIC);
      return { base: 10, exponent: Number(exponent), format: 'DecimalExponent' };
    }
  }
  throw badRequest(ERR_SUFFIX);
}

// Whether upstream takes its exact int64 fast path (no rounding, no cap).
function fastPath(num: string, denom: string, base: 10 | 2, exponent: number): boolean {
  if (base === 10) return 18 - (num.length + denom.length) >= 0 && exponent - denom.length >= -9;
  if (denom.length > 0) return false;
  const precision = 15 - num.length - Math.trunc(Math.fround(exponent * 3) / 10) - 1;
  return precision >= 0 && BigInt(num) << BigInt(exponent) <= MAX_INT64;
}

/**
 * Parses a quantity string exactly like `resource.ParseQuantity`.
 * @throws StatusError 400 BadRequest with upstream's error text.
 */
export function parseQuantityString(s: string): Quantity {
  if (s === '') throw badRequest(ERR_FORMAT_WRONG);
  const { positive, num, denom, suffix, digits } = scan(s);
  const { base, exponent, format: parsedFormat } = interpret(suffix);
  let format = parsedFormat;
  // value = (num.denom) * base^exponent, as a fraction numer/denomin in nano units.
  let numer = BigInt(num + denom) * NANO;
  let denomin = 10n ** BigInt(denom.length);
  if (base === 2) numer <<= BigInt(exponent);
  else if (exponent >= 0) numer *= 10n ** BigInt(exponent);
  else denomin *= 10n ** BigInt(-exponent);
  let nanos: bigint;
  if (fastPath(num, denom, base, exponent)) {
    nanos = numer / denomin;
  } else {
    if (!digits) throw badRequest(ERR_NUMERIC);
    // Round the magnitude up to a whole nano, then cap BinarySI at 2^63-1 (upstream's inf.Dec path).
    nanos = (numer + denomin - 1n) / denomin;
    if (format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  }
  if (format === 'BinarySI' && nanos > 0n && nanos < NANO) format = 'DecimalSI';
  return { nanos: positive ? nanos : -nanos, format };
}
