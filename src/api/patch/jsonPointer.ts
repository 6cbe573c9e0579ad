import { copyObject, getKey, isJsonArray, isJsonObject, setKey } from './jsonValue.ts';
import type { JsonObject, JsonValue } from './jsonValue.ts';

/**
 * Splits an RFC 6901 JSON Pointer into unescaped reference tokens (`~1` → `/`, then `~0` → `~`).
 * `''` is the whole document (no tokens). Returns `undefined` for a pointer that does not start with `/`.
 */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Escapes one reference token for use in a JSON Pointer. */
export function escapeJsonPointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The array index a token names (`0` or digits without a leading zero), or `undefined`. */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}

/** The member or element `token` names in `container`, or `undefined` when there is none. */
export function childAt(container: JsonValue, token: string): JsonValue | undefined {
  if (isJsonArray(container)) {
    const i = arrayIndex(token);
    return i !== undefined && i < container.length ? container[i] : undefined;
  }
  if (isJsonObject(container)) return getKey(container, token);
  return undefined;
}

/** The value at `tokens` inside `doc`, or `undefined` when the path does not exist. */
export function valueAt(doc: JsonValue, tokens: readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = doc;
  for (const t of tokens) {
    if (cur === undefined) return undefined;
    cur = childAt(cur, t);
  }
  return cur;
}

/** A copy of `container` whose member or element `token` (which exists) is `value`. */
export function withChild(container: JsonValue, token: string, value: JsonValue): JsonValue {
  if (isJsonArray(container)) {
    const copy = [...container];
    copy[Number(token)] = value;
    return copy;
  }
  const copy = copyObject(container as JsonObject);
  setKey(copy, token, value);
  return copy;
}

/**
 * Rebuilds `doc` with the parent of `tokens` replaced by `edit(parent, lastToken)`, copying only the
 * containers on the way down. `missing()` is called (and must throw) when an ancestor does not exist.
 */
export function editParent(
  doc: JsonValue,
  tokens: readonly string[],
  edit: (parent: JsonValue, last: string) => JsonValue,
  missing: () => never,
): JsonValue {
  const [head, ...rest] = tokens;
  if (head === undefined) return missing();
  if (rest.length === 0) return edit(doc, head);
  const child = childAt(doc, head);
  if (child === undefined) return missing();
  return withChild(doc, head, editParent(child, rest, edit, missing));
}

