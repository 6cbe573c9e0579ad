import { deepEqual, getKey, hasKey, isJsonObject, jsonTypeOf } from './jsonValue.ts';
import type { JsonObject, JsonValue } from './jsonValue.ts';
import { goFormat, malformedPatch, patchNotApplicable } from './patchErrors.ts';

/** What a merging list holds: maps (merged by key) or scalars (merged as a set). */
export type ListKind = 'object' | 'scalar';

/** The `$patch` directive key. */
export const DIRECTIVE = '$patch';

/** Upstream's ErrNoMergeKey. */
export function noMergeKey(item: JsonValue, mergeKey: string): Error {
  return malformedPatch(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
}

/**
 * The element kind shared by all elements of `lists`, or `undefined` when they are all empty.
 * Lists of lists are refused (422, as upstream's ErrNoListOfLists); mixed element types are a 400.
 */
export function sliceElementKind(...lists: readonly (readonly JsonValue[])[]): ListKind | undefined {
  let seen: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = jsonTypeOf(v);
      if (t === 'array') throw patchNotApplicable('lists of lists are not supported');
      if (seen !== undefined && seen !== t) throw malformedPatch(`list element types are not identical: ${goFormat(lists)}`);
      seen = t;
    }
  }
  if (seen === undefined) return undefined;
  return seen === 'object' ? 'object' : 'scalar';
}

function keyOf(item: JsonValue, mergeKey: string, kind: ListKind): JsonValue | undefined {
  if (kind === 'scalar') return item;
  return isJsonObject(item) ? getKey(item, mergeKey) : undefined;
}

/** Equality of merge-key values (Go's `==` on decoded JSON scalars). */
export function sameKey(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === b || (typeof a === 'object' && a !== null && deepEqual(a, b));
}

/** Position of `item` in `list` by merge key (maps) or by value (scalars); -1 when absent. */
export function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: ListKind): number {
  const k = keyOf(item, mergeKey, kind);
  return list.findIndex((v) => sameKey(keyOf(v, mergeKey, kind), k));
}

/** The first map in `list` whose merge key equals `value`, with its index. */
export function findByKey(list: readonly JsonValue[], mergeKey: string, value: JsonValue): number {
  return list.findIndex((v) => isJsonObject(v) && hasKey(v, mergeKey) && sameKey(getKey(v, mergeKey), value));
}

function validateMergeKeys(mergeKey: string, ...lists: readonly (readonly JsonValue[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item) || !hasKey(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** True for a `{$patch: delete, <key>: …}` list element. */
export function isDeleteItem(v: JsonValue): boolean {
  return isJsonObject(v) && getKey(v, DIRECTIVE) === 'delete';
}

/** `toSort` stably ordered by position in `order`; `$patch: delete` elements go last, as upstream. */
export function normalizeSliceOrder(toSort: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: ListKind): JsonValue[] {
  let keep: JsonValue[] = [...toSort];
  let deletes: JsonValue[] = [];
  if (kind === 'object') {
    validateMergeKeys(mergeKey, toSort, order);
    deletes = keep.filter(isDeleteItem);
    keep = keep.filter((v) => !isDeleteItem(v));
  }
  const ranked = keep.map((v, i) => ({ v, i, at: indexIn(order, v, mergeKey, kind) }));
  ranked.sort((a, b) => (a.at >= 0 && b.at >= 0 ? a.at - b.at : 0) || a.i - b.i);
  return [...ranked.map((r) => r.v), ...deletes];
}

/**
 * Upstream's normalizeElementOrder: sorts the patch items by `patchOrder` and the server-only items by
 * `serverOrder`, then interleaves them, keeping each group's relative order. Where the two cannot be
 * compared (an item is absent from `serverOrder`) the patch item goes first — which is why
 * `kubectl patch` puts a new container ahead of the existing ones.
 */
export function normalizeElementOrder(
  patch: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: ListKind,
): JsonValue[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) {
      out.push(r as JsonValue);
      j++;
    } else if (r === undefined) {
      out.push(l);
      i++;
    } else {
      const li = indexIn(serverOrder, l, mergeKey, kind);
      const ri = indexIn(serverOrder, r, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(l);
        i++;
      } else {
        out.push(r);
        j++;
      }
    }
  }
  return out;
}

/** Splits `items` into those present in `by` (by merge key or value) and the rest. */
export function partitionByPresence(items: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string, kind: ListKind): [JsonValue[], JsonValue[]] {
  const present: JsonValue[] = [];
  const absent: JsonValue[] = [];
  for (const v of items) {
    if (kind === 'object' && (!isJsonObject(v) || !hasKey(v, mergeKey))) throw noMergeKey(v, mergeKey);
    const found = kind === 'object' ? findByKey(by, mergeKey, getKey(v as JsonObject, mergeKey) as JsonValue) >= 0 : by.some((x) => x === v);
    (found ? present : absent).push(v);
  }
  return [present, absent];
}

/** Upstream's validatePatchWithSetOrderList: the patch list's items appear in `$setElementOrder` in the same relative order (400 otherwise). */
export function validateSetElementOrder(patchList: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : patchList.filter((v) => !isDeleteItem(v));
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    const item = items[p] as JsonValue;
    if (isJsonObject(item) && hasKey(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (keyEqual(item, order[s] as JsonValue, mergeKey)) p++;
    s++;
  }
  if (p < items.length) {
    throw malformedPatch(`The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`);
  }
}

function keyEqual(a: JsonValue, b: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return a === b;
  if (!isJsonObject(a) || !hasKey(a, mergeKey)) throw noMergeKey(a, mergeKey);
  if (!isJsonObject(b) || !hasKey(b, mergeKey)) throw noMergeKey(b, mergeKey);
  return sameKey(getKey(a, mergeKey), getKey(b, mergeKey));
}
