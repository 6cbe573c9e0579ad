import type { FieldError } from '../fieldErrors.ts';
import { fieldError } from '../fieldErrors.ts';

/** The part of an OpenAPI v3 schema (a CRD's `openAPIV3Schema`) this validator understands. */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: JsonSchema | boolean;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly nullable?: boolean;
  readonly default?: unknown;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

const ROOT_SKIP = new Set(['apiVersion', 'kind', 'metadata']);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function check(value: unknown, schema: JsonSchema, path: string, out: FieldError[], root: boolean): void {
  if (value === null) {
    if (!schema.nullable) out.push(fieldError.invalid(path, null, `${path} in body must be of type ${schema.type ?? 'object'}: "null"`));
    return;
  }
  const actual = typeOf(value);
  if (schema['x-kubernetes-int-or-string']) {
    if (actual !== 'integer' && actual !== 'string') out.push(fieldError.invalid(path, value, `${path} in body must be of type integer or string: "${actual}"`));
    return;
  }
  if (schema.type !== undefined && actual !== schema.type && !(schema.type === 'number' && actual === 'integer')) {
    out.push(fieldError.invalid(path, value, `${path} in body must be of type ${schema.type}: "${actual}"`));
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(fieldError.notSupported(path, value, schema.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))));
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      out.push(fieldError.invalid(path, value, `${path} in body should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`));
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      out.push(fieldError.invalid(path, value, `${path} in body should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`));
    }
  }
  if (typeof value === 'string') {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(fieldError.tooLong(path, value, schema.maxLength));
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push(fieldError.invalid(path, value, `${path} in body should be at least ${schema.minLength} chars long`));
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) out.push(fieldError.invalid(path, value, `${path} in body should match '${schema.pattern}'`));
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(fieldError.tooMany(path, value.length, schema.maxItems));
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(fieldError.invalid(path, value, `${path} in body should have at least ${schema.minItems} items`));
    if (schema.items !== undefined) value.forEach((item, i) => check(item, schema.items as JsonSchema, `${path}[${i}]`, out, false));
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const req of schema.required ?? []) {
      if (!(req in obj) && !(root && ROOT_SKIP.has(req))) out.push(fieldError.required(join(path, req)));
    }
    for (const [key, v] of Object.entries(obj)) {
      if (root && ROOT_SKIP.has(key)) continue;
      const prop = schema.properties !== undefined && Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
      if (prop !== undefined) check(v, prop, join(path, key), out, false);
      else if (typeof schema.additionalProperties === 'object') check(v, schema.additionalProperties, join(path, key), out, false);
    }
  }
}

/**
 * Validates an object against a CRD's OpenAPI v3 schema, with the field paths and wording
 * kube-apiserver uses (`spec.replicas in body must be of type integer: "string"`). `apiVersion`,
 * `kind` and `metadata` at the root are left to the API server's own checks.
 * @public
 */
export function validateAgainstSchema(obj: unknown, schema: JsonSchema | Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  check(obj, schema, '', out, true);
  return out;
}

/**
 * Applies a structural schema's `default`s and prunes fields the schema does not know (unless
 * `x-kubernetes-preserve-unknown-fields`), as kube-apiserver does for custom resources. Returns a new value.
 * @public
 */
export function defaultAndPrune(value: unknown, schema: JsonSchema | Record<string, unknown>, root = true): unknown {
  const s = schema as JsonSchema;
  if (Array.isArray(value)) return s.items === undefined ? value : value.map((v) => defaultAndPrune(v, s.items as JsonSchema, false));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  for (const [key, v] of Object.entries(obj)) {
    const prop = s.properties !== undefined && Object.hasOwn(s.properties, key) ? s.properties[key] : undefined;
    if (root && ROOT_SKIP.has(key)) out[key] = v;
    else if (prop !== undefined) out[key] = defaultAndPrune(v, prop, false);
    else if (typeof s.additionalProperties === 'object') out[key] = defaultAndPrune(v, s.additionalProperties, false);
    else if (preserve || s.additionalProperties === true || (s.properties === undefined && s.type !== 'object')) out[key] = v;
    else if (s.properties === undefined && s.additionalProperties === undefined && s.type === undefined) out[key] = v;
  }
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (!(key in out) && prop.default !== undefined) out[key] = structuredClone(prop.default);
  }
  return out;
}
