/** A JSON scalar. */
export type JsonPrimitive = null | boolean | number | string;

/** A JSON value as the patch functions see it: possibly deep-frozen, never mutated. */
export type JsonValue = JsonPrimitive | readonly JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A JSON object under construction (a fresh copy the caller owns). */
export type MutableJsonObject = Record<string, JsonValue>;

/** The JSON type of a value, as RFC 8259 names them. */
export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** The JSON type of `v`. */
export function jsonTypeOf(v: JsonValue): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'boolean' | 'number' | 'string' | 'object';
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True for a JSON array. */
export function isJsonArray(v: unknown): v is readonly JsonValue[] {
  return Array.isArray(v);
}

/** True when `o` has `key` as its own member (`__proto__` and `constructor` included, inherited members not). */
export function hasKey(o: JsonObject, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** The own member `key` of `o`, or `undefined`. */
export function getKey(o: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Sets a member on an object the caller owns; `__proto__` becomes a plain member, as JSON.parse makes it. */
export function setKey(o: MutableJsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

/** A shallow copy of `o` the caller may change. */
export function copyObject(o: JsonObject): MutableJsonObject {
  return { ...o };
}

/** Structural equality of JSON values (member order does not matter, array order does). */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x: JsonValue, i) => deepEqual(x, b[i] as JsonValue));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  return keys.every((k) => hasKey(bo, k) && deepEqual(ao[k], bo[k]));
}

/** Freezes `v` and everything reachable from it; returns `v`. */
export function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}
