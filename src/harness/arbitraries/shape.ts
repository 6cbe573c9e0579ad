import fc from 'fast-check';

/** `T` with the keys whose type admits `undefined` made optional and `undefined` removed. */
export type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & { [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined> };

/** Drops the keys whose value is `undefined` (exactOptionalPropertyTypes: absent, never undefined). */
export function compact<T extends object>(obj: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as Compact<T>;
}

/** An object of plain prototype from one arbitrary per key; keys generated as `undefined` are left out. */
export function shape<T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<Compact<T>> {
  return fc.record(model, { noNullPrototype: true }).map((r) => compact(r as T));
}

/** `arb`'s values with probability `presence` (tenths), else `undefined` (a field left out). */
export function maybe<T>(arb: fc.Arbitrary<T>, presence = 0.5): fc.Arbitrary<T | undefined> {
  const weight = Math.round(presence * 10);
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 10 - weight }, { arbitrary: arb, weight });
}
