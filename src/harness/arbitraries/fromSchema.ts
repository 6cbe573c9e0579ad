import fc from 'fast-check';
import type { JsonSchema } from '../../api/schema/validateSchema.ts';
import { dnsLabel } from './dnsLabel.ts';
import { plainJson, safeKey } from './plainJson.ts';

/** Limits of what {@link fromSchema} generates where the schema sets none. */
export interface FromSchemaOptions {
  /** Items of arrays without `maxItems`: at most `minItems` + this (default 3). */
  readonly maxItems?: number;
  /** Characters of strings without `maxLength`: at most `minLength` + this (default 16). */
  readonly maxLength?: number;
  /** Add unknown fields where `x-kubernetes-preserve-unknown-fields` or `additionalProperties: true` keeps them (default true). */
  readonly unknownFields?: boolean;
}

/** The schema keywords read here, beyond the ones the project's validator knows. */
type Schema = JsonSchema & {
  readonly format?: string;
  readonly multipleOf?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly 'x-kubernetes-list-type'?: string;
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
  readonly anyOf?: unknown;
  readonly oneOf?: unknown;
  readonly allOf?: unknown;
  readonly not?: unknown;
};

/** How one generation goes: its limits, and whether the node is a custom resource's root. */
export interface SchemaContext {
  readonly maxItems: number;
  readonly maxLength: number;
  readonly unknownFields: boolean;
  /** Root of a custom resource: apiVersion, kind and metadata are the API server's, spec and status objects. */
  readonly resourceRoot: boolean;
  /** Root properties to leave out (a status the API server would drop). */
  readonly omit: ReadonlySet<string>;
}

const RESOURCE_ROOT_KEYS = new Set(['apiVersion', 'kind', 'metadata']);
const INT32 = 2 ** 31;

function fail(path: string, message: string): never {
  throw new TypeError(`fromSchema: ${path === '' ? 'the root' : path}: ${message}`);
}

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function typeOf(s: Schema): JsonSchema['type'] {
  if (s.type !== undefined) return s.type;
  if (s.properties !== undefined || typeof s.additionalProperties === 'object' || s.required !== undefined) return 'object';
  if (s.items !== undefined) return 'array';
  return undefined;
}

function integers(s: Schema, path: string): fc.Arbitrary<number> {
  const lo0 = s.minimum === undefined ? undefined : s.exclusiveMinimum === true ? Math.floor(s.minimum) + 1 : Math.ceil(s.minimum);
  const hi0 = s.maximum === undefined ? undefined : s.exclusiveMaximum === true ? Math.ceil(s.maximum) - 1 : Math.floor(s.maximum);
  const lo = Math.max(lo0 ?? (hi0 !== undefined ? hi0 - INT32 : -INT32), Number.MIN_SAFE_INTEGER);
  const hi = Math.min(hi0 ?? (lo0 !== undefined ? lo0 + INT32 : INT32 - 1), Number.MAX_SAFE_INTEGER);
  if (lo > hi) fail(path, `no integer lies between minimum ${String(s.minimum)} and maximum ${String(s.maximum)}`);
  const m = s.multipleOf;
  if (m === undefined) return fc.integer({ min: lo, max: hi });
  if (!Number.isInteger(m) || m <= 0) fail(path, `multipleOf ${m} of an integer must be a positive integer`);
  const [kLo, kHi] = [Math.ceil(lo / m), Math.floor(hi / m)];
  if (kLo > kHi) fail(path, `no multiple of ${m} lies between minimum and maximum`);
  return fc.integer({ min: kLo, max: kHi }).map((k) => (k * m === 0 ? 0 : k * m));
}

function numbers(s: Schema): fc.Arbitrary<number> {
  return fc
    .double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(s.minimum !== undefined ? { min: s.minimum, minExcluded: s.exclusiveMinimum === true } : {}),
      ...(s.maximum !== undefined ? { max: s.maximum, maxExcluded: s.exclusiveMaximum === true } : {}),
    })
    .map((x) => (x === 0 ? 0 : x));
}

// Formats with a fixed shape; others are free text, as the project's validator ignores formats.
// `max` bounds fixed-length formats (none when the schema sets no maxLength); `cap` bounds the others.
function formatted(format: string | undefined, min: number, max: number, cap: number, path: string): fc.Arbitrary<string> | undefined {
  const fixed = (len: number, arb: fc.Arbitrary<string>): fc.Arbitrary<string> => {
    if (len < min || len > max) fail(path, `format ${format ?? ''} gives ${len} characters, outside minLength ${min} / maxLength ${max}`);
    return arb;
  };
  const dates = fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true });
  switch (format) {
    case 'date-time':
      return fixed(20, dates.map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')));
    case 'date':
      return fixed(10, dates.map((d) => d.toISOString().slice(0, 10)));
    case 'uuid':
      return fixed(36, fc.uuid());
    case 'byte': {
      // base64 of 3k bytes is 4k characters.
      const [kLo, kHi] = [Math.ceil(min / 4), Math.floor(cap / 4)];
      if (kLo > kHi) fail(path, `no base64 text fits minLength ${min} / maxLength ${cap}`);
      return fc.integer({ min: kLo, max: kHi }).chain((k) => fc.uint8Array({ minLength: 3 * k, maxLength: 3 * k }).map((b) => Buffer.from(b).toString('base64')));
    }
    default:
      return undefined;
  }
}

function strings(s: Schema, path: string, ctx: SchemaContext): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? min + ctx.maxLength;
  if (min > max) fail(path, `minLength ${min} is above maxLength ${max}`);
  if (s.pattern === undefined) return formatted(s.format, min, s.maxLength ?? Number.MAX_SAFE_INTEGER, max, path) ?? fc.string({ minLength: min, maxLength: max });
  let re: RegExp;
  try {
    // The project's validator (and so this generator) reads patterns with the `u` flag, unanchored.
    re = new RegExp(s.pattern, 'u');
  } catch (e) {
    fail(path, `pattern ${JSON.stringify(s.pattern)} is not a valid regular expression (${(e as Error).message})`);
  }
  let arb: fc.Arbitrary<string>;
  try {
    arb = fc.stringMatching(re, { maxLength: max });
  } catch (e) {
    fail(path, `pattern ${JSON.stringify(s.pattern)} is beyond what can be generated (${(e as Error).message}); give the field an enum, or generate it yourself and merge it in`);
  }
  const fits = (v: string): boolean => v.length >= min && v.length <= max && re.test(v);
  // A filter nothing passes would make generation loop forever: probe it now, deterministically.
  if (!fc.sample(arb, { numRuns: 200, seed: 42 }).some(fits)) {
    fail(path, `pattern ${JSON.stringify(s.pattern)} gives no string between minLength ${min} and maxLength ${max} that can be found`);
  }
  return arb.filter(fits);
}

function intOrString(s: Schema, path: string, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const text = s.pattern !== undefined || s.minLength !== undefined || s.maxLength !== undefined ? strings(s, path, ctx) : fc.oneof(fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`), dnsLabel({ maxLength: 15 }));
  return fc.oneof(integers({ ...s, ...(s.minimum === undefined ? { minimum: 0 } : {}), ...(s.maximum === undefined ? { maximum: 1000 } : {}) }, path), text);
}

function arrays(s: Schema, path: string, ctx: SchemaContext): fc.Arbitrary<unknown[]> {
  const items = s.items !== undefined ? build(s.items, `${path}[*]`, ctx) : plainJson(1);
  const minLength = s.minItems ?? 0;
  const maxLength = s.maxItems ?? minLength + ctx.maxItems;
  if (minLength > maxLength) fail(path, `minItems ${minLength} is above maxItems ${maxLength}`);
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  if (listType === 'map') {
    const keys = s['x-kubernetes-list-map-keys'] ?? [];
    return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(keys.map((k) => (v as Record<string, unknown> | null)?.[k])) });
  }
  return fc.array(items, { minLength, maxLength });
}

function objects(s: Schema, path: string, ctx: SchemaContext): fc.Arbitrary<Record<string, unknown>> {
  const root = ctx.resourceRoot && path === '';
  const skip = (k: string): boolean => root && (RESOURCE_ROOT_KEYS.has(k) || ctx.omit.has(k));
  const props = Object.entries(s.properties ?? {}).filter(([k]) => !skip(k));
  const required = new Set((s.required ?? []).filter((k) => !skip(k)));
  const addl = typeof s.additionalProperties === 'object' ? (s.additionalProperties as Schema) : undefined;
  const open = s['x-kubernetes-preserve-unknown-fields'] === true || s.additionalProperties === true;
  const inner: SchemaContext = { ...ctx, resourceRoot: false };
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, ps] of props) {
    // spec and status of a resource are Go structs: the API server refuses them as null.
    const struct = root && (k === 'spec' || k === 'status');
    if (struct && ps.type !== undefined && ps.type !== 'object') fail(join(path, k), `a resource's ${k} must be an object schema`);
    const p: JsonSchema = struct ? { ...ps, type: 'object', nullable: false } : ps;
    const arb = build(p, join(path, k), inner);
    model[k] = required.has(k) ? arb : fc.option(arb, { nil: undefined, freq: 3 });
  }
  for (const k of required) {
    if (Object.hasOwn(model, k)) continue;
    if (addl !== undefined) model[k] = build(addl, join(path, k), inner);
    else if (open) model[k] = plainJson(1);
    else fail(join(path, k), 'is required but has no schema under properties (it would be pruned)');
  }
  const known = new Set([...Object.keys(model), ...(root ? [...RESOURCE_ROOT_KEYS, 'spec', 'status'] : [])]);
  const extraKey = safeKey.filter((k) => !known.has(k));
  let extras: fc.Arbitrary<Record<string, unknown>> = fc.constant({});
  if (addl !== undefined) {
    const minKeys = Math.max(0, (s.minProperties ?? 0) - Object.keys(model).length);
    extras = fc.dictionary(extraKey, build(addl, `${path}[*]`, inner), { minKeys, maxKeys: Math.max(minKeys, (s.maxProperties ?? minKeys + 3) - required.size), noNullPrototype: true });
  } else if (open && ctx.unknownFields) {
    extras = fc.option(fc.dictionary(extraKey, plainJson(1), { minKeys: 1, maxKeys: 2, noNullPrototype: true }), { nil: undefined, freq: 2 }).map((d) => d ?? {});
  }
  return fc.tuple(fc.record(model, { noNullPrototype: true }), extras).map(([fields, more]) => {
    const out: Record<string, unknown> = { ...more };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
    return out;
  });
}

/** The arbitrary of one schema node (used for a custom resource's root with `ctx.resourceRoot`). */
export function build(s: Schema, path: string, ctx: SchemaContext): fc.Arbitrary<unknown> {
  for (const k of ['anyOf', 'oneOf', 'allOf', 'not'] as const) {
    if (s[k] !== undefined && s['x-kubernetes-int-or-string'] !== true) fail(path, `${k} is not supported; describe the field with type, enum, pattern and bounds instead`);
  }
  let base: fc.Arbitrary<unknown>;
  if (s.enum !== undefined) {
    const values = s.enum.filter((v) => v !== null || s.nullable === true);
    if (values.length === 0) fail(path, 'enum has no value the schema allows');
    base = fc.constantFrom(...values).map((v) => structuredClone(v));
  } else if (s['x-kubernetes-int-or-string'] === true) {
    base = intOrString(s, path, ctx);
  } else {
    switch (typeOf(s)) {
      case 'object':
        base = objects(s, path, ctx);
        break;
      case 'array':
        base = arrays(s, path, ctx);
        break;
      case 'string':
        base = strings(s, path, ctx);
        break;
      case 'integer':
        base = integers(s, path);
        break;
      case 'number':
        base = numbers(s);
        break;
      case 'boolean':
        base = fc.boolean();
        break;
      default:
        base = plainJson(2);
    }
  }
  return s.nullable === true ? fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: base, weight: 4 }) : base;
}

/** The generation context of {@link fromSchema}'s options. */
export function schemaContext(options: FromSchemaOptions, resourceRoot: boolean, omit: ReadonlySet<string> = new Set()): SchemaContext {
  return { maxItems: options.maxItems ?? 3, maxLength: options.maxLength ?? 16, unknownFields: options.unknownFields ?? true, resourceRoot, omit };
}

/**
 * Values valid against an OpenAPI v3 schema as CRDs write them (the project's `JsonSchema`, a CRD's
 * `openAPIV3Schema`): `type` object / array / string / integer / number / boolean, `properties`,
 * `required`, `additionalProperties`, `items`, `enum`, `minimum` / `maximum` (and exclusive),
 * `multipleOf` (integers), `minLength` / `maxLength`, `pattern` (what `fc.stringMatching` can
 * generate; anything else throws a TypeError naming the field), the formats `date-time`, `date`,
 * `uuid` and `byte`, `minItems` / `maxItems`, `nullable`, `x-kubernetes-int-or-string`,
 * `x-kubernetes-preserve-unknown-fields` (unknown fields are added there), and list types `set` and
 * `map`. Optional fields are sometimes left out, so fields with a `default` get defaulted.
 * `anyOf` / `oneOf` / `allOf` / `not` throw (except beside `x-kubernetes-int-or-string`); CEL rules
 * (`x-kubernetes-validations`) are not honoured. Throws at construction, not while generating.
 * @example
 * const spec = fromSchema({ type: 'object', required: ['size'], properties: { size: { type: 'integer', minimum: 1, maximum: 5 } } });
 * fc.assert(fc.property(spec, (v) => validateAgainstSchema(v, schema).length === 0));
 * @public
 */
export function fromSchema(schema: JsonSchema | Readonly<Record<string, unknown>>, options: FromSchemaOptions = {}): fc.Arbitrary<unknown> {
  return build(schema, '', schemaContext(options, false));
}
