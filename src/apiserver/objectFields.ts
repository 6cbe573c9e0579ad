import { isDeepStrictEqual } from 'node:util';
import type { ApplyType } from './applyType.ts';
import type { FieldSet, PathElement } from './fieldSet.ts';
import { keyElement, pathKey } from './fieldSet.ts';

type Json = unknown;

function isMap(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The key of a map-list item (missing key fields take their defaults), or undefined when it has none. */
export function itemKey(item: Json, type: ApplyType): Record<string, Json> | undefined {
  if (!isMap(item)) return undefined;
  const key: Record<string, Json> = {};
  for (const k of type.keys) {
    const v = item[k] ?? type.keyDefaults[k];
    if (v !== undefined) key[k] = v;
  }
  return Object.keys(key).length > 0 ? key : undefined;
}

/** The FieldsV1 element of one list item. */
export function itemElement(item: Json, index: number, type: ApplyType): PathElement {
  if (type.listType === 'set') return `v:${JSON.stringify(item)}`;
  const key = itemKey(item, type);
  return key === undefined ? `i:${index}` : keyElement(key);
}

/**
 * The fields a value sets, as structured-merge-diff counts them: every scalar, every atomic map or
 * list, and every item of a set or map-list (plus that item's own fields). Maps themselves are not
 * members.
 */
export function fieldSetOf(value: Json, type: ApplyType, path: PathElement[] = [], out: FieldSet = new Set()): FieldSet {
  if (isMap(value) && !type.atomicMap) {
    for (const [k, v] of Object.entries(value)) fieldSetOf(v, type.field(k), [...path, `f:${k}`], out);
  } else if (Array.isArray(value) && type.listType !== 'atomic') {
    const elem = type.elem();
    value.forEach((item, i) => {
      const p = [...path, itemElement(item, i, type)];
      out.add(pathKey(p));
      if (type.listType === 'map' && isMap(item)) for (const [k, v] of Object.entries(item)) fieldSetOf(v, elem.field(k), [...p, `f:${k}`], out);
    });
  } else if (path.length > 0) {
    out.add(pathKey(path));
  }
  return out;
}

function findItem(list: readonly Json[], e: PathElement, type: ApplyType): number {
  return list.findIndex((item, i) => itemElement(item, i, type) === e);
}

/** The value at a path (undefined when absent). */
export function valueAt(value: Json, path: readonly PathElement[], type: ApplyType): Json {
  let cur = value;
  let t = type;
  for (const e of path) {
    if (e.startsWith('f:')) {
      if (!isMap(cur)) return undefined;
      cur = cur[e.slice(2)];
      t = t.field(e.slice(2));
    } else {
      if (!Array.isArray(cur)) return undefined;
      const i = findItem(cur, e, t);
      if (i < 0) return undefined;
      cur = cur[i];
      t = t.elem();
    }
  }
  return cur;
}

/** What changed between two values, as field sets. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares two values field by field (list items by key, leaves by value). */
export function compareFields(lhs: Json, rhs: Json, type: ApplyType): Comparison {
  const l = fieldSetOf(lhs, type);
  const r = fieldSetOf(rhs, type);
  const added: FieldSet = new Set();
  const modified: FieldSet = new Set();
  const removed: FieldSet = new Set();
  for (const k of r) {
    if (!l.has(k)) added.add(k);
    else {
      const path = JSON.parse(k) as PathElement[];
      const last = path[path.length - 1] ?? '';
      // An item is present or not; its fields are compared on their own.
      if (!last.startsWith('k:') && !last.startsWith('v:') && !isDeepStrictEqual(valueAt(lhs, path, type), valueAt(rhs, path, type))) modified.add(k);
    }
  }
  for (const k of l) if (!r.has(k)) removed.add(k);
  return { added, modified, removed };
}

/**
 * Merges an applied configuration into a live value: maps field by field, map-lists item by key
 * (new items appended), sets by union; atomic maps and lists and scalars are replaced. A `null` in
 * the configuration removes the field.
 */
export function mergeFields(live: Json, config: Json, type: ApplyType): Json {
  if (isMap(config) && isMap(live) && !type.atomicMap) {
    const out: Record<string, Json> = { ...live };
    for (const [k, v] of Object.entries(config)) {
      if (v === null) delete out[k];
      else out[k] = mergeFields(live[k], v, type.field(k));
    }
    return out;
  }
  if (Array.isArray(config) && Array.isArray(live) && type.listType !== 'atomic') {
    const out: Json[] = [...(live as Json[])];
    config.forEach((item, i) => {
      const e = itemElement(item, i, type);
      const at = findItem(out, e, type);
      if (at < 0) out.push(item);
      else if (type.listType === 'map') out[at] = mergeFields(out[at], item, type.elem());
    });
    return out;
  }
  return config;
}

/** Removes the field or item at `path` from a mutable value (no-op when it is not there). */
export function removeField(value: Json, path: readonly PathElement[], type: ApplyType): void {
  if (path.length === 0) return;
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1] ?? '';
  let parentType = type;
  for (const e of parentPath) parentType = e.startsWith('f:') ? parentType.field(e.slice(2)) : parentType.elem();
  const parent = valueAt(value, parentPath, type);
  if (last.startsWith('f:')) {
    if (isMap(parent)) delete parent[last.slice(2)];
  } else if (Array.isArray(parent)) {
    const i = findItem(parent, last, parentType);
    if (i >= 0) parent.splice(i, 1);
  }
}
