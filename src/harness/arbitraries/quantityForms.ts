// How one amount can be written as a quantity string: the canonical form and the other spellings
// resource.ParseQuantity reads as exactly the same amount.
import fc from 'fast-check';
import { formatQuantity, parseQuantity } from '../../api/quantity.ts';

/** Which spellings to produce: only canonical ones, only non-canonical ones, or both (`undefined`). */
export type Canonicity = boolean | undefined;

const BINARY = ['Ki', 'Mi', 'Gi', 'Ti'] as const;
const DECIMAL = ['k', 'M', 'G', 'T'] as const;

function decimal(whole: bigint, numerator: bigint, scale: bigint, digits: number): string {
  const int = numerator / scale;
  const frac = (numerator % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac === '' ? `${whole + int}` : `${whole + int}.${frac}`;
}

const canonicalOf = (s: string): string => formatQuantity(parseQuantity(s));

function choose(forms: readonly string[], fallback: string, canonical: Canonicity): fc.Arbitrary<string> {
  const unique = [...new Set(forms)];
  if (canonical === undefined) return fc.constantFrom(...unique);
  const picked = unique.filter((f) => (canonicalOf(f) === f) === canonical);
  return fc.constantFrom(...(picked.length > 0 ? picked : [canonical ? canonicalOf(fallback) : fallback]));
}

/** Spellings of `millis` thousandths of a core: `1500m`, `1.5`, `1500e-3`, `1500000u` … */
export function cpuForms(millis: bigint, canonical: Canonicity): fc.Arbitrary<string> {
  const forms = [`${millis}m`, decimal(0n, millis, 1000n, 3), `${millis}e-3`, `${millis * 1000n}u`, `${millis * 1_000_000n}n`];
  return choose([...forms, ...forms.map(canonicalOf)], `${millis * 1_000_000n}n`, canonical);
}

/** Spellings of `bytes` bytes: `134217728`, `128Mi`, `131072Ki`, `0.125Gi`, `134217728e0` … */
export function memoryForms(bytes: bigint, canonical: Canonicity): fc.Arbitrary<string> {
  const forms = [`${bytes}`];
  BINARY.forEach((suffix, i) => {
    const unit = 1024n ** BigInt(i + 1);
    if (bytes % unit === 0n) forms.push(`${bytes / unit}${suffix}`);
    // 512Mi is also 0.5Gi: a fraction of at most three digits that is still a whole number of bytes.
    else if ((bytes * 1000n) % unit === 0n) forms.push(`${decimal(bytes / unit, ((bytes % unit) * 1000n) / unit, 1000n, 3)}${suffix}`);
  });
  DECIMAL.forEach((suffix, i) => {
    const unit = 1000n ** BigInt(i + 1);
    if (bytes % unit === 0n) forms.push(`${bytes / unit}${suffix}`);
  });
  if (bytes > 0n && bytes % 1000n === 0n) forms.push(`${bytes / 1000n}e3`);
  return choose([...forms, ...forms.map(canonicalOf)], `${bytes * 1000n}m`, canonical);
}

/** Integers in [min, max], biased towards multiples of the given steps (round amounts). */
export function roundAmount(min: number, max: number, steps: readonly number[]): fc.Arbitrary<bigint> {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new RangeError(`quantity bounds must be safe integers with 0 <= min <= max, got ${min} and ${max}`);
  }
  const arbs = [1, ...steps].flatMap((step) => {
    const lo = Math.ceil(min / step);
    const hi = Math.floor(max / step);
    return lo <= hi ? [fc.integer({ min: lo, max: hi }).map((n) => BigInt(n) * BigInt(step))] : [];
  });
  return fc.oneof(...arbs);
}

/** Steps that make round CPU amounts (tenths and whole cores). */
export const CPU_STEPS: readonly number[] = [100, 250, 1000];
/** Steps that make round memory amounts (KB, KiB, MB, MiB, GB, GiB). */
export const MEMORY_STEPS: readonly number[] = [1000, 1024, 1000 ** 2, 1024 ** 2, 1000 ** 3, 1024 ** 3];
