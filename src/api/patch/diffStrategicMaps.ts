import { deepEqual, getKey, hasKey, isJsonArray, isJsonObject, jsonTypeOf, setKey } from './jsonValue.ts';
import type { JsonObject, JsonValue, MutableJsonObject } from './jsonValue.ts';
import { DELETE_FROM_PRIMITIVE_LIST, RETAIN_KEYS, SET_ELEMENT_ORDER } from './mergeStrategicMap.ts';
import { DIRECTIVE, noMergeKey, normalizeSliceOrder, sameKey, sliceElementKind } from './normalizeElementOrder.ts';
import { goFormat } from './patchErrors.ts';
import { fieldMeta } from './patchStrategies.ts';
import type { FieldPatchMeta, PatchSchema } from './patchStrategies.ts';

/** Upstream's DiffOptions. */
export interface DiffOptions {
  /** Emit `$setElementOrder/<list>` for merging lists whose content or order changed. */
  readonly setElementOrder?: boolean;
  /** Leave out additions and changes (the deletions half of a three-way patch). */
  readonly ignoreChangesAndAdditions?: boolean;
  /** Leave out deletions (the current → modified half of a three-way patch). */
  readonly ignoreDeletions?: boolean;
  /** Emit `$retainKeys` for this map (set from the field's `retainKeys` strategy). */
  readonly buildRetainKeysDirective?: boolean;
}

/**
 * The strategic merge patch that turns `original` into `modified` (a port of apimachinery's `diffMaps`):
 * added and changed members are set, removed members become `null`, merging lists produce their
 * `$patch: delete` elements, `$deleteFromPrimitiveList` and `$setElementOrder` lists, and `retainKeys`
 * fields carry `$retainKeys`. Inputs are not changed.
 */
export function diffStrategicMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema | undefined, opts: DiffOptions): MutableJsonObject {
  const patch: MutableJsonObject = {};
  const retainKeys: string[] = [];
  for (const [key, modV] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && modV !== null) retainKeys.push(key);
    const origV = getKey(original, key);
    if (origV === undefined) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modV);
      continue;
    }
    if (key === DIRECTIVE) {
      if (!deepEqual(origV, modV)) setKey(patch, key, modV);
      continue;
    }
    if (jsonTypeOf(origV) !== jsonTypeOf(modV)) {
      if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modV);
      continue;
    }
    const field = fieldMeta(schema, key);
    if (isJsonObject(origV) && isJsonObject(modV)) diffMapField(key, origV, modV, patch, field, opts);
    else if (isJsonArray(origV) && isJsonArray(modV)) diffListField(key, origV, modV, patch, field, opts);
    else replaceIfChanged(key, origV, modV, patch, opts);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasKey(modified, key)) setKey(patch, key, null);
  }
  // $retainKeys goes in when the map changes or the original has members the modified map dropped.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || Object.entries(original).some(([k, v]) => v !== null && !hasKey(modified, k)))) {
    setKey(patch, RETAIN_KEYS, sortScalars(retainKeys));
  }
  return patch;
}

function diffMapField(key: string, origV: JsonObject, modV: JsonObject, patch: MutableJsonObject, field: FieldPatchMeta | undefined, opts: DiffOptions): void {
  if (field?.strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) setKey(patch, key, modV);
    return;
  }
  const sub = diffStrategicMaps(origV, modV, field?.fields, { ...opts, buildRetainKeysDirective: field?.retainKeys === true });
  if (Object.keys(sub).length > 0) setKey(patch, key, sub);
}

function diffListField(key: string, origV: readonly JsonValue[], modV: readonly JsonValue[], patch: MutableJsonObject, field: FieldPatchMeta | undefined, opts: DiffOptions): void {
  if (field?.strategy !== 'merge') {
    replaceIfChanged(key, origV, modV, patch, opts);
    return;
  }
  const [add, del, order] = diffLists(origV, modV, field, { ...opts, buildRetainKeysDirective: field.retainKeys === true });
  if (add.length > 0) setKey(patch, key, add);
  if (del.length > 0) setKey(patch, `${DELETE_FROM_PRIMITIVE_LIST}/${key}`, del);
  if (order.length > 0) setKey(patch, `${SET_ELEMENT_ORDER}/${key}`, order);
}

function replaceIfChanged(key: string, origV: JsonValue, modV: JsonValue, patch: MutableJsonObject, opts: DiffOptions): void {
  if (!opts.ignoreChangesAndAdditions && !deepEqual(origV, modV)) setKey(patch, key, modV);
}

type Lists = [add: JsonValue[], del: JsonValue[], order: JsonValue[]];

function diffLists(original: readonly JsonValue[], modified: readonly JsonValue[], field: FieldPatchMeta, opts: DiffOptions): Lists {
  if (original.length === 0) {
    return modified.length === 0 || opts.ignoreChangesAndAdditions ? [[], [], []] : [[...modified], [], []];
  }
  const kind = sliceElementKind(original, modified);
  const mergeKey = field.mergeKey ?? '';
  if (kind === 'object') {
    const [changed, deletions] = diffListsOfMaps(original, modified, field, mergeKey, opts);
    const add = [...normalizeSliceOrder(changed, modified, mergeKey, 'object'), ...deletions];
    const orderSame = original.length === modified.length && modified.every((m, i) => sameKey(keyValue(original[i] as JsonValue, mergeKey), keyValue(m, mergeKey)));
    const wantOrder = opts.setElementOrder && ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) || (!opts.ignoreDeletions && add.length > 0));
    const order = wantOrder ? modified.map((m) => ({ [mergeKey]: keyValue(m, mergeKey) })) : [];
    return [add, [], order];
  }
  const [added, deleted] = diffListsOfScalars(original, modified, opts);
  const add = normalizeSliceOrder(added, modified, mergeKey, 'scalar');
  const wantOrder = opts.setElementOrder && ((!opts.ignoreDeletions && deleted.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return [add, deleted, wantOrder ? [...modified] : []];
}

function keyValue(item: JsonValue, mergeKey: string): JsonValue {
  if (!isJsonObject(item) || !hasKey(item, mergeKey)) throw noMergeKey(item, mergeKey);
  return getKey(item, mergeKey) as JsonValue;
}

// Go's sort of scalars by their `%v` text.
function byText(a: JsonValue, b: JsonValue): number {
  const x = goFormat(a);
  const y = goFormat(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortScalars<T extends JsonValue>(list: readonly T[]): T[] {
  return [...list].sort(byText);
}

// Walks both lists sorted by text: present only in modified → added; only in original → deleted.
function diffListsOfScalars(original: readonly JsonValue[], modified: readonly JsonValue[], opts: DiffOptions): [JsonValue[], JsonValue[]] {
  const o = sortScalars(original);
  const m = sortScalars(modified);
  const added: JsonValue[] = [];
  const deleted: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const c = i >= o.length ? 1 : j >= m.length ? -1 : byText(o[i] as JsonValue, m[j] as JsonValue);
    if (c === 0) {
      i++;
      j++;
    } else if (c > 0) {
      if (!opts.ignoreChangesAndAdditions) added.push(m[j] as JsonValue);
      j++;
    } else {
      if (!opts.ignoreDeletions) deleted.push(o[i] as JsonValue);
      i++;
    }
  }
  return [added, [...new Set(deleted)]];
}

function diffListsOfMaps(original: readonly JsonValue[], modified: readonly JsonValue[], field: FieldPatchMeta, mergeKey: string, opts: DiffOptions): [JsonValue[], JsonValue[]] {
  const sortByKey = (list: readonly JsonValue[]): JsonObject[] =>
    list.map((v) => (keyValue(v, mergeKey), v as JsonObject)).sort((a, b) => byText(getKey(a, mergeKey) as JsonValue, getKey(b, mergeKey) as JsonValue));
  const o = sortByKey(original);
  const m = sortByKey(modified);
  const changed: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    const oe = o[i];
    const me = m[j];
    const c = oe === undefined ? 1 : me === undefined ? -1 : byText(getKey(oe, mergeKey) as JsonValue, getKey(me, mergeKey) as JsonValue);
    if (c === 0 && oe !== undefined && me !== undefined) {
      const sub = diffStrategicMaps(oe, me, field.fields, opts);
      if (Object.keys(sub).length > 0) {
        setKey(sub, mergeKey, getKey(me, mergeKey) as JsonValue);
        changed.push(sub);
      }
      i++;
      j++;
    } else if (c > 0 && me !== undefined) {
      if (!opts.ignoreChangesAndAdditions) changed.push(me);
      j++;
    } else if (oe !== undefined) {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: getKey(oe, mergeKey) as JsonValue, [DIRECTIVE]: 'delete' });
      i++;
    }
  }
  return [changed, deletions];
}
