import { copyObject, deepEqual, getKey, hasKey, isJsonObject, setKey } from './jsonValue.ts';
import type { JsonObject, JsonValue, MutableJsonObject } from './jsonValue.ts';

/**
 * Applies an RFC 7386 JSON Merge Patch (`application/merge-patch+json`): object members merge
 * recursively, `null` deletes a member, arrays and scalars replace what was there, and a patch that is
 * not an object replaces the whole document. Inputs are never changed; unchanged subtrees are shared
 * with `doc`.
 * @public
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return merge(doc as JsonValue | undefined, patch as JsonValue);
}

function merge(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return patch;
  const out: MutableJsonObject = isJsonObject(target) ? copyObject(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setKey(out, key, merge(getKey(out, key), value));
  }
  return out;
}

/**
 * The smallest JSON Merge Patch that turns `original` into `modified`: members missing from `modified`
 * become `null`, changed members are set, nested objects are diffed, and anything else that differs
 * (arrays, scalars, a change of type) is sent whole. `{}` when they are equal. When either side is not an
 * object the patch is `modified` itself. A `null` inside `modified` cannot be expressed by a merge patch
 * (it would mean "delete"), as RFC 7386 §1 says.
 * @public
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  const o = original as JsonValue;
  const m = modified as JsonValue;
  if (!isJsonObject(o) || !isJsonObject(m)) return m;
  return diff(o, m);
}

function diff(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: MutableJsonObject = {};
  for (const key of Object.keys(original)) {
    if (!hasKey(modified, key)) setKey(patch, key, null);
  }
  for (const [key, value] of Object.entries(modified)) {
    const before = getKey(original, key);
    if (before !== undefined && isJsonObject(before) && isJsonObject(value)) {
      const sub = diff(before, value);
      if (Object.keys(sub).length > 0) setKey(patch, key, sub);
    } else if (before === undefined || !deepEqual(before, value)) {
      setKey(patch, key, value);
    }
  }
  return patch;
}
