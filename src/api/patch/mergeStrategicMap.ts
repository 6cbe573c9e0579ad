import { copyObject, deepEqual, getKey, hasKey, isJsonArray, isJsonObject, jsonTypeOf, setKey } from './jsonValue.ts';
import type { JsonObject, JsonValue, MutableJsonObject } from './jsonValue.ts';
import { DIRECTIVE, findByKey, noMergeKey, normalizeElementOrder, partitionByPresence, sameKey, sliceElementKind, validateSetElementOrder } from './normalizeElementOrder.ts';
import type { ListKind } from './normalizeElementOrder.ts';
import { goFormat, malformedPatch } from './patchErrors.ts';
import { fieldMeta } from './patchStrategies.ts';
import type { FieldPatchMeta, PatchSchema } from './patchStrategies.ts';

/** Upstream's MergeOptions: how directives are treated while merging. */
export interface MergeOptions {
  /** Server side: apply `$setElementOrder`, `$deleteFromPrimitiveList`, `$retainKeys`. Client side (merging two patches): carry them over. */
  readonly mergeParallelList: boolean;
  /** Server side: a `null` for a member that is absent is dropped; client side it is kept as an explicit delete. */
  readonly ignoreUnmatchedNulls: boolean;
}

/** How kube-apiserver merges a strategic merge patch into an object (StrategicMergeMapPatch). */
export const SERVER_MERGE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };
/** How kubectl merges two patches into one (the three-way patch). */
export const PATCH_MERGE: MergeOptions = { mergeParallelList: false, ignoreUnmatchedNulls: false };

/** Directive keys of the strategic merge patch format. */
export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

/**
 * Merges a strategic merge patch into `original` (a port of apimachinery's `mergeMap`, without mutation:
 * the result is a new object that shares unchanged subtrees with its inputs).
 */
export function mergeStrategicMap(original: JsonObject, patch: JsonObject, schema: PatchSchema | undefined, opts: MergeOptions): JsonObject {
  if (hasKey(patch, DIRECTIVE)) return mapDirective(patch, schema, opts);
  const out = copyObject(original);
  // Keys still to merge; the directive passes below consume theirs, as upstream deletes them from the patch.
  const pending = copyObject(patch);
  applyRetainKeys(out, pending, opts);
  mergeOrderedLists(out, pending, schema, opts);
  for (const [rawKey, patchV] of Object.entries(pending)) {
    let key = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        setKey(out, rawKey, patchV);
        continue;
      }
      key = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete out[key];
      if (!opts.ignoreUnmatchedNulls) setKey(out, key, null);
      continue;
    }
    const field = fieldMeta(schema, key);
    const current = getKey(out, key);
    if (current === undefined || jsonTypeOf(current) !== jsonTypeOf(patchV)) {
      if (isDeleteList) continue;
      const fresh = freshValue(patchV, field, opts);
      if (fresh === undefined) delete out[key];
      else setKey(out, key, fresh);
      continue;
    }
    setKey(out, key, mergeValue(current, patchV, field, isDeleteList, opts));
  }
  return out;
}

function mergeValue(current: JsonValue, patchV: JsonValue, field: FieldPatchMeta | undefined, isDeleteList: boolean, opts: MergeOptions): JsonValue {
  if (isJsonArray(current) && isJsonArray(patchV)) return mergeSliceHandler(current, patchV, field, isDeleteList, opts);
  if (isJsonObject(current) && isJsonObject(patchV)) {
    return field?.strategy === 'replace' ? patchV : mergeStrategicMap(current, patchV, field?.fields, opts);
  }
  return patchV;
}

// A value for a member the original lacks. Upstream stores the patch value as it is and lets the typed
// decoder drop leftovers; with no typed decoding here, the server side merges it into an empty value so
// nested nulls and directives are resolved rather than stored.
function freshValue(patchV: JsonValue, field: FieldPatchMeta | undefined, opts: MergeOptions): JsonValue | undefined {
  if (!opts.mergeParallelList) return patchV;
  if (isJsonObject(patchV)) {
    if (getKey(patchV, DIRECTIVE) === 'delete') return undefined;
    return field?.strategy === 'replace' ? patchV : mergeStrategicMap({}, patchV, field?.fields, opts);
  }
  if (isJsonArray(patchV) && field?.strategy === 'merge') return mergeSlice([], patchV, field, opts, false);
  return patchV;
}

function mapDirective(patch: JsonObject, schema: PatchSchema | undefined, opts: MergeOptions): JsonObject {
  const directive = getKey(patch, DIRECTIVE);
  if (directive === 'delete') return {};
  if (directive !== 'replace') throw malformedPatch(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
  const rest = copyObject(patch);
  delete rest[DIRECTIVE];
  return opts.mergeParallelList ? mergeStrategicMap({}, rest, schema, opts) : rest;
}

function mergeSliceHandler(
  original: readonly JsonValue[],
  patch: readonly JsonValue[],
  field: FieldPatchMeta | undefined,
  isDeleteList: boolean,
  opts: MergeOptions,
): readonly JsonValue[] {
  if (field?.strategy === 'merge') return mergeSlice(original, patch, field, opts, isDeleteList);
  // Upstream would store the deletion list itself here; removing its items is what the sender meant.
  if (isDeleteList) return deleteFromSlice(original, patch);
  return patch;
}

function mergeSlice(original: readonly JsonValue[], patch: readonly JsonValue[], field: FieldPatchMeta, opts: MergeOptions, isDeleteList: boolean): readonly JsonValue[] {
  const kind = sliceElementKind(original, patch);
  if (kind === undefined) return original;
  const mergeKey = field.mergeKey ?? '';
  let orig = original;
  let pat = patch;
  let merged: readonly JsonValue[];
  if (kind === 'scalar') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    merged = [...new Set([...original, ...patch])];
  } else {
    if (mergeKey === '') throw malformedPatch('cannot merge lists without merge key for type struct');
    [orig, pat] = mergeSpecialElements(original, patch, mergeKey);
    merged = mergeByKey(orig, pat, mergeKey, field.fields, opts);
  }
  const [patchItems, serverOnly] = partitionByPresence(merged, pat, mergeKey, kind);
  return normalizeElementOrder(patchItems, serverOnly, pat, orig, mergeKey, kind);
}

// `$patch: delete` elements remove the original's matching elements; `$patch: replace` makes the list
// exactly the patch's other elements. Returns the new original and the patch without those elements.
function mergeSpecialElements(original: readonly JsonValue[], patch: readonly JsonValue[], mergeKey: string): [readonly JsonValue[], readonly JsonValue[]] {
  const plain: JsonValue[] = [];
  let orig = original;
  let replace = false;
  for (const item of patch) {
    const o = item as JsonObject;
    if (!hasKey(o, DIRECTIVE)) {
      plain.push(item);
      continue;
    }
    const directive = getKey(o, DIRECTIVE);
    if (directive === 'delete') {
      if (!hasKey(o, mergeKey)) throw noMergeKey(o, mergeKey);
      const value = getKey(o, mergeKey);
      orig = orig.filter((v) => !(isJsonObject(v) && hasKey(v, mergeKey) && sameKey(getKey(v, mergeKey), value)));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw malformedPatch('merging lists cannot yet be specified in the patch');
    } else {
      throw malformedPatch(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(o)}`);
    }
  }
  return replace ? [plain, []] : [orig, plain];
}

function mergeByKey(original: readonly JsonValue[], patch: readonly JsonValue[], mergeKey: string, schema: PatchSchema | undefined, opts: MergeOptions): JsonValue[] {
  const out = [...original];
  for (const item of patch) {
    const o = item as JsonObject;
    if (!hasKey(o, mergeKey)) throw noMergeKey(o, mergeKey);
    const i = findByKey(out, mergeKey, getKey(o, mergeKey) as JsonValue);
    if (i >= 0) out[i] = mergeStrategicMap(out[i] as JsonObject, o, schema, opts);
    else out.push(opts.mergeParallelList ? mergeStrategicMap({}, o, schema, opts) : o);
  }
  return out;
}

function deleteFromSlice(current: readonly JsonValue[], toDelete: readonly JsonValue[]): JsonValue[] {
  const gone = new Set(toDelete);
  return current.filter((v) => !gone.has(v));
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw malformedPatch(prefix === DELETE_FROM_PRIMITIVE_LIST ? 'invalid patch format of primitive list' : 'invalid patch format of setElementOrder list');
  }
  return key.slice(slash + 1);
}

function applyRetainKeys(out: MutableJsonObject, pending: MutableJsonObject, opts: MergeOptions): void {
  if (!hasKey(pending, RETAIN_KEYS)) return;
  const list = pending[RETAIN_KEYS] as JsonValue;
  delete pending[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    const existing = getKey(out, RETAIN_KEYS);
    if (existing === undefined) setKey(out, RETAIN_KEYS, list);
    else if (!deepEqual(existing, list)) {
      throw malformedPatch(`${goFormat(existing)} and ${goFormat(list)} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
    return;
  }
  if (!isJsonArray(list)) throw malformedPatch('invalid patch format of retainKeys');
  const keep = new Set<JsonValue>(list);
  for (const [k, v] of Object.entries(pending)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw malformedPatch('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
}

// `$setElementOrder/<list>`: merge the list, then order it by the directive (its items), the patch list
// and the live list, in that precedence (upstream mergePatchIntoOriginal).
function mergeOrderedLists(out: MutableJsonObject, pending: MutableJsonObject, schema: PatchSchema | undefined, opts: MergeOptions): void {
  for (const key of Object.keys(pending)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = pending[key] as JsonValue;
    delete pending[key];
    if (!opts.mergeParallelList) {
      const existing = getKey(out, key);
      if (existing === undefined) setKey(out, key, order);
      else if (!deepEqual(existing, order)) throw malformedPatch('invalid patch format of setElementOrder list');
    }
    const listKey = extractKey(key, SET_ELEMENT_ORDER);
    const origList = getKey(out, listKey);
    const patchList = getKey(pending, listKey);
    if (!isJsonArray(order) || (origList !== undefined && !isJsonArray(origList)) || (patchList !== undefined && !isJsonArray(patchList))) {
      throw malformedPatch('invalid patch format of setElementOrder list');
    }
    if (origList === undefined && patchList === undefined) continue;
    const field = fieldMeta(schema, listKey);
    const mergeKey = field?.mergeKey ?? '';
    validateSetElementOrder(patchList ?? [], order, mergeKey);
    delete pending[listKey];
    const merged = patchList === undefined ? origList ?? [] : mergeSliceHandler(origList ?? [], patchList, field, false, opts);
    const kind: ListKind | undefined = sliceElementKind(origList ?? [], patchList ?? []);
    if (kind === undefined || (kind === 'object' && mergeKey === '')) {
      setKey(out, listKey, merged);
      continue;
    }
    const [inOrder, serverOnly] = partitionByPresence(merged, order, mergeKey, kind);
    setKey(out, listKey, normalizeElementOrder(inOrder, serverOnly, order, origList ?? [], mergeKey, kind));
  }
}
