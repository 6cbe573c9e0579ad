import { requestEntityTooLarge } from '../status.ts';
import type { StatusError } from '../status.ts';
import { arrayIndex, editParent, parseJsonPointer, valueAt } from './jsonPointer.ts';
import { copyObject, deepEqual, hasKey, isJsonArray, isJsonObject, setKey } from './jsonValue.ts';
import type { JsonValue } from './jsonValue.ts';
import { goJsonTypeName, malformedPatch, patchNotApplicable } from './patchErrors.ts';

/** The six RFC 6902 operations. */
export type JsonPatchOp = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';

/** One parsed RFC 6902 operation. */
export interface JsonPatchOperation {
  readonly op: JsonPatchOp;
  readonly path: string;
  readonly from?: string;
  readonly value?: JsonValue;
}

const OPS: ReadonlySet<string> = new Set<JsonPatchOp>(['add', 'remove', 'replace', 'move', 'copy', 'test']);

// kube-apiserver caps a JSON patch at 10000 operations (handlers/patch.go maxJSONPatchOperations).
const MAX_OPERATIONS = 10_000;

interface Parsed {
  readonly op: JsonPatchOp;
  readonly path: string;
  readonly tokens: readonly string[];
  readonly from: string;
  readonly fromTokens: readonly string[];
  readonly value: JsonValue;
}

/**
 * Applies an RFC 6902 JSON Patch (`application/json-patch+json`) to `doc` and returns the new document;
 * `doc` and `patch` are never changed (unchanged subtrees are shared with `doc`).
 *
 * Errors follow kube-apiserver: a patch that is not a well-formed operation list is a 400 BadRequest
 * (`json: cannot unmarshal object into Go value of type jsonpatch.Patch`, an unknown `op`, a missing
 * `path`); an operation that does not apply (a missing path, a failed `test`) is a 422 whose message is
 * `the server rejected our request due to an error in our request` and whose single cause names the
 * operation and path, in evanphx/json-patch's words. A `null` patch changes nothing, as upstream.
 * More than 10000 operations is a 413.
 * @public
 */
export function applyJsonPatch(doc: unknown, patch: unknown): unknown {
  if (patch === null) return doc;
  const ops = parseAll(patch);
  let cur = doc as JsonValue;
  for (const op of ops) cur = applyOperation(cur, op);
  return cur;
}

function parseAll(patch: unknown): Parsed[] {
  if (!Array.isArray(patch)) throw malformedPatch(`json: cannot unmarshal ${goJsonTypeName(patch)} into Go value of type jsonpatch.Patch`);
  if (patch.length > MAX_OPERATIONS) {
    throw requestEntityTooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${patch.length}`);
  }
  return patch.map((raw: unknown, i) => parseOne(raw, i));
}

function parseOne(raw: unknown, i: number): Parsed {
  if (!isJsonObject(raw)) throw malformedPatch(`json: cannot unmarshal ${goJsonTypeName(raw)} into Go value of type jsonpatch.Operation`);
  const op = raw['op'];
  if (typeof op !== 'string' || !OPS.has(op)) throw malformedPatch(`Unexpected kind: ${typeof op === 'string' ? op : 'unknown'}`);
  const kind = op as JsonPatchOp;
  const path = raw['path'];
  if (typeof path !== 'string' || !hasKey(raw, 'path')) throw malformedPatch(`operation ${i} (${kind}): operation missing path field`);
  const tokens = pointer(path, kind, i);
  let from = '';
  let fromTokens: readonly string[] = [];
  if (kind === 'move' || kind === 'copy') {
    const f = raw['from'];
    if (typeof f !== 'string' || !hasKey(raw, 'from')) throw malformedPatch(`operation ${i} (${kind}): operation missing from field`);
    from = f;
    fromTokens = pointer(f, kind, i);
  }
  if ((kind === 'add' || kind === 'replace' || kind === 'test') && !hasKey(raw, 'value')) {
    throw malformedPatch(`operation ${i} (${kind}): operation missing value field`);
  }
  return { op: kind, path, tokens, from, fromTokens, value: raw['value'] ?? null };
}

function pointer(p: string, kind: JsonPatchOp, i: number): readonly string[] {
  const tokens = parseJsonPointer(p);
  if (tokens === undefined) throw malformedPatch(`operation ${i} (${kind}): invalid JSON pointer "${p}": a pointer must be empty or start with "/"`);
  return tokens;
}

function applyOperation(doc: JsonValue, o: Parsed): JsonValue {
  switch (o.op) {
    case 'add':
      return add(doc, o.tokens, o.value, 'add', o.path);
    case 'remove':
      return remove(doc, o.tokens, o.path);
    case 'replace':
      return replace(doc, o.tokens, o.value, o.path);
    case 'move': {
      const value = valueAt(doc, o.fromTokens);
      if (value === undefined) throw patchNotApplicable(`move operation does not apply: doc is missing from path: ${o.from}: missing value`);
      if (o.from === o.path) return doc;
      if (o.fromTokens.length < o.tokens.length && o.fromTokens.every((t, i) => o.tokens[i] === t)) {
        throw patchNotApplicable(`move operation does not apply: from path ${o.from} is a prefix of path ${o.path}`);
      }
      return add(remove(doc, o.fromTokens, o.from), o.tokens, value, 'move', o.path);
    }
    case 'copy': {
      const value = valueAt(doc, o.fromTokens);
      if (value === undefined) throw patchNotApplicable(`copy operation does not apply: doc is missing from path: ${o.from}: missing value`);
      return add(doc, o.tokens, value, 'copy', o.path);
    }
    case 'test': {
      const actual = valueAt(doc, o.tokens);
      if (actual === undefined) throw patchNotApplicable(`test operation does not apply: is missing path: ${o.path}: missing value`);
      if (!deepEqual(actual, o.value)) throw patchNotApplicable(`testing value ${o.path} failed: test failed`);
      return doc;
    }
  }
}

function add(doc: JsonValue, tokens: readonly string[], value: JsonValue, op: string, path: string): JsonValue {
  if (tokens.length === 0) return value;
  const missing = (): never => {
    throw patchNotApplicable(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
  };
  return editParent(
    doc,
    tokens,
    (parent, last) => {
      if (isJsonArray(parent)) {
        const i = last === '-' ? parent.length : arrayIndex(last);
        if (i === undefined || i > parent.length) throw invalidIndex(op, path, last);
        return [...parent.slice(0, i), value, ...parent.slice(i)];
      }
      if (!isJsonObject(parent)) return missing();
      const copy = copyObject(parent);
      setKey(copy, last, value);
      return copy;
    },
    missing,
  );
}

function remove(doc: JsonValue, tokens: readonly string[], path: string): JsonValue {
  const missing = (): never => {
    throw patchNotApplicable(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  };
  return editParent(
    doc,
    tokens,
    (parent, last) => {
      if (isJsonArray(parent)) {
        const i = arrayIndex(last);
        if (i === undefined || i >= parent.length) throw invalidIndex('remove', path, last);
        return parent.filter((_, j) => j !== i);
      }
      if (!isJsonObject(parent) || !hasKey(parent, last)) {
        throw patchNotApplicable(`error in remove for path: '${path}': Unable to remove nonexistent key: ${last}: missing value`);
      }
      const copy = copyObject(parent);
      delete copy[last];
      return copy;
    },
    missing,
  );
}

function replace(doc: JsonValue, tokens: readonly string[], value: JsonValue, path: string): JsonValue {
  if (tokens.length === 0) return value;
  const missing = (): never => {
    throw patchNotApplicable(`replace operation does not apply: doc is missing path: ${path}: missing value`);
  };
  return editParent(
    doc,
    tokens,
    (parent, last) => {
      if (isJsonArray(parent)) {
        const i = arrayIndex(last);
        if (i === undefined || i >= parent.length) throw invalidIndex('replace', path, last);
        return parent.map((x: JsonValue, j) => (j === i ? value : x));
      }
      if (!isJsonObject(parent) || !hasKey(parent, last)) {
        throw patchNotApplicable(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      }
      const copy = copyObject(parent);
      setKey(copy, last, value);
      return copy;
    },
    missing,
  );
}

function invalidIndex(op: string, path: string, token: string): StatusError {
  return patchNotApplicable(`error in ${op} for path: '${path}': Unable to access invalid index: ${token}: invalid index referenced`);
}
