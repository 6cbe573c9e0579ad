import fc from 'fast-check';
import { regexString } from './regexString.ts';

// `toString`, `valueOf` …: the project's schema code reads `properties[key]` without an own-property
// check, so an unknown field of such a name would be taken for a declared one (and not pruned).
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Keys safe to set on plain objects: short identifiers, none of Object.prototype's names. */
export const safeKey: fc.Arbitrary<string> = regexString(/^[a-z][a-zA-Z0-9]{0,9}$/).filter((k) => !INHERITED.has(k));

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  // JSON has no -0, NaN or infinities.
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((x) => (x === 0 ? 0 : x)),
  fc.string({ maxLength: 12 }),
);

/**
 * JSON values of plain prototype, nested at most `depth` levels: what a schema leaves free
 * (`x-kubernetes-preserve-unknown-fields`, untyped nodes).
 */
export function plainJson(depth: number): fc.Arbitrary<unknown> {
  if (depth <= 0) return scalar;
  const inner = plainJson(depth - 1);
  return fc.oneof(
    { arbitrary: scalar, weight: 3 },
    { arbitrary: fc.array(inner, { maxLength: 3 }), weight: 1 },
    { arbitrary: fc.dictionary(safeKey, inner, { maxKeys: 3, noNullPrototype: true }), weight: 1 },
  );
}
