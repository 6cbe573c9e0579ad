/**
 * One step of a field path, in FieldsV1 spelling: `f:<field>`, `k:<json of the key fields>` (an item of
 * a map-list), `v:<json value>` (an item of a set) or `i:<index>`.
 */
export type PathElement = string;

/** A set of field paths, each encoded as the JSON array of its elements. */
export type FieldSet = Set<string>;

/** The set's key of a path. */
export function pathKey(path: readonly PathElement[]): string {
  return JSON.stringify(path);
}

/** The path of a set key. */
export function pathOf(key: string): PathElement[] {
  return JSON.parse(key) as PathElement[];
}

/** The `k:` element of a map-list item: its key fields, sorted by name, as JSON. */
export function keyElement(keys: Readonly<Record<string, unknown>>): PathElement {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(keys).sort()) sorted[k] = keys[k];
  return `k:${JSON.stringify(sorted)}`;
}

/** Reads a `metadata.managedFields[].fieldsV1` tree into a set (`"."` marks the node itself as a member). */
export function fieldSetFromFieldsV1(fields: unknown): FieldSet {
  const out: FieldSet = new Set();
  const walk = (node: unknown, path: PathElement[]): void => {
    if (node === null || typeof node !== 'object') return;
    const entries = Object.entries(node as Record<string, unknown>);
    if (entries.length === 0 && path.length > 0) out.add(pathKey(path));
    for (const [k, v] of entries) {
      if (k === '.') out.add(pathKey(path));
      else walk(v, [...path, k]);
    }
  };
  walk(fields, []);
  return out;
}

// FieldsV1 orders children as structured-merge-diff does: "." first, then fields, keys, values, indices.
function elementRank(e: string): number {
  if (e === '.') return 0;
  return { f: 1, k: 2, v: 3, i: 4 }[e.charAt(0)] ?? 5;
}

/** Writes a set as a FieldsV1 tree (`{"f:spec":{"f:replicas":{}}}`). */
export function fieldsV1FromSet(set: ReadonlySet<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const members: PathElement[][] = [...set].map(pathOf);
  for (const path of members) {
    let node = root;
    for (const e of path) node = (node[e] ??= {}) as Record<string, unknown>;
  }
  // A member that also has members below it gets a "." child.
  for (const path of members) {
    let node = root;
    for (const e of path) node = node[e] as Record<string, unknown>;
    if (Object.keys(node).length > 0) node['.'] = {};
  }
  const sort = (node: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const keys = Object.keys(node).sort((a, b) => elementRank(a) - elementRank(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) out[k] = sort(node[k] as Record<string, unknown>);
    return out;
  };
  return sort(root);
}

/** structured-merge-diff's spelling of a path in conflict messages: `.spec.containers[name="web"].image`. */
export function pathString(path: readonly PathElement[]): string {
  let out = '';
  for (const e of path) {
    const body = e.slice(2);
    if (e.startsWith('f:')) out += `.${body}`;
    else if (e.startsWith('k:')) {
      const keys = JSON.parse(body) as Record<string, unknown>;
      out += `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (e.startsWith('v:')) out += `[=${body}]`;
    else if (e.startsWith('i:')) out += `[${body}]`;
  }
  return out;
}

/** Members of `a` not in `b`. */
export function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): FieldSet {
  const out: FieldSet = new Set();
  for (const k of a) if (!b.has(k)) out.add(k);
  return out;
}

/** Members of both. */
export function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): FieldSet {
  const out: FieldSet = new Set();
  for (const k of a) if (b.has(k)) out.add(k);
  return out;
}

/** True when `set` has `path` or a member below it. */
export function coversPath(set: ReadonlySet<string>, path: readonly PathElement[]): boolean {
  const prefix = pathKey(path).slice(0, -1);
  for (const k of set) if (k === `${prefix}]` || k.startsWith(`${prefix},`)) return true;
  return false;
}
