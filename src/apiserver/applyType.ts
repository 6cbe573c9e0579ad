/**
 * What server-side apply needs to know about a field's type: whether a map is owned as a whole, how a
 * list merges (atomic, a set of scalars, or a map keyed by some fields of its items), and the types
 * below it. Read from the OpenAPI extensions `x-kubernetes-map-type`, `x-kubernetes-list-type` and
 * `x-kubernetes-list-map-keys`.
 * @public
 */
export interface ApplyType {
  readonly atomicMap: boolean;
  readonly listType: 'atomic' | 'set' | 'map';
  readonly keys: readonly string[];
  /** Values of key fields an item may leave out (`protocol: TCP`). */
  readonly keyDefaults: Readonly<Record<string, unknown>>;
  field(name: string): ApplyType;
  /** The type of a list's items or of a map's values. */
  elem(): ApplyType;
}

/** A field of unknown type: maps merge field by field, lists are atomic (structured-merge-diff's "deduced" type). */
export const DEDUCED_TYPE: ApplyType = {
  atomicMap: false,
  listType: 'atomic',
  keys: [],
  keyDefaults: {},
  field: () => DEDUCED_TYPE,
  elem: () => DEDUCED_TYPE,
};

type Schema = Readonly<Record<string, unknown>>;

function resolve(schemas: ReadonlyMap<string, Schema>, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s !== undefined; i++) {
    const r = s['$ref'];
    const all = s['allOf'];
    if (typeof r === 'string') s = schemas.get(r.replace('#/components/schemas/', ''));
    else if (Array.isArray(all) && all.length === 1 && s['properties'] === undefined) s = { ...(all[0] as Schema), ...Object.fromEntries(Object.entries(s).filter(([k]) => k.startsWith('x-kubernetes-'))) };
    else return s;
  }
  return s;
}

/**
 * The {@link ApplyType} of an OpenAPI schema, resolving `$ref`s in `schemas`. Fields the schema does not
 * describe (and `x-kubernetes-preserve-unknown-fields` subtrees) fall back to {@link DEDUCED_TYPE}.
 */
export function applyTypeFromSchema(schemas: ReadonlyMap<string, Schema>, schema: Schema | undefined): ApplyType {
  const s = resolve(schemas, schema);
  if (s === undefined) return DEDUCED_TYPE;
  const listType = s['x-kubernetes-list-type'];
  const keys = (s['x-kubernetes-list-map-keys'] as string[] | undefined) ?? [];
  const properties = s['properties'] as Record<string, Schema> | undefined;
  const items = s['items'] as Schema | undefined;
  const additional = s['additionalProperties'];
  const itemType = (): ApplyType => applyTypeFromSchema(schemas, items);
  const keyDefaults: Record<string, unknown> = {};
  if (listType === 'map') {
    const itemProps = resolve(schemas, items)?.['properties'] as Record<string, Schema> | undefined;
    for (const k of keys) {
      const d = itemProps?.[k]?.['default'];
      if (d !== undefined) keyDefaults[k] = d;
    }
  }
  const fieldCache = new Map<string, ApplyType>();
  return {
    atomicMap: s['x-kubernetes-map-type'] === 'atomic',
    listType: listType === 'set' || (listType === 'map' && keys.length > 0) ? listType : 'atomic',
    keys,
    keyDefaults,
    field(name) {
      let t = fieldCache.get(name);
      if (t === undefined) {
        const prop = properties?.[name] ?? (typeof additional === 'object' && additional !== null ? (additional as Schema) : undefined);
        t = prop === undefined ? DEDUCED_TYPE : applyTypeFromSchema(schemas, prop);
        fieldCache.set(name, t);
      }
      return t;
    },
    elem() {
      if (items !== undefined) return itemType();
      if (typeof additional === 'object' && additional !== null) return applyTypeFromSchema(schemas, additional as Schema);
      return DEDUCED_TYPE;
    },
  };
}
