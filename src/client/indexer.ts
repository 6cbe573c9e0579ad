import { freeze } from 'immer';
import { objectKey, type KubeObject, type ObjectKey } from '../api/meta.ts';
import { DEFAULT_INDEXERS, type CacheObject, type IndexFunc, type Indexers } from './indexFuncs.ts';

/**
 * An informer's local cache: objects by {@link ObjectKey}, plus named indexes (client-go
 * `cache.Indexer` over its `threadSafeMap`). Objects are deep-frozen on the way in ("NEVER modify
 * objects from the store"): copy them with immer's `produce` before changing anything.
 *
 * Every call runs to completion before any other, so each read sees one consistent state and
 * returns a fresh array; `list()` never holds two entries with the same key.
 * @public
 */
export interface Indexer<T extends CacheObject = KubeObject> {
  /** Inserts or replaces `obj` under its key. */
  add(obj: T): void;
  /** Same as {@link Indexer.add} (client-go keeps both verbs). */
  update(obj: T): void;
  /** Removes the object with the key of `objOrKey`; unknown keys are ignored. */
  delete(objOrKey: T | ObjectKey): void;
  /** Replaces the whole content with `list` (a relist); the last of two objects with one key wins. */
  replace(list: readonly T[]): void;
  get(key: ObjectKey): T | undefined;
  list(): T[];
  listKeys(): ObjectKey[];
  /** Number of objects held. */
  size(): number;
  /** Objects whose index `indexName` holds `value`; throws when there is no such index. */
  byIndex(indexName: string, value: string): T[];
  /** Keys of the objects whose index `indexName` holds `value`; throws when there is no such index. */
  indexKeys(indexName: string, value: string): ObjectKey[];
  hasIndex(indexName: string): boolean;
  /** Every value index `indexName` currently holds (client-go `ListIndexFuncValues`). */
  listIndexValues(indexName: string): string[];
  /** Adds indexes, building them over the objects already held; throws if a name is taken. */
  addIndexers(indexers: Indexers<T>): void;
  getIndexers(): Indexers<T>;
}

type Index = Map<string, Set<ObjectKey>>;

/** Creates an {@link Indexer}; by default with the namespace, owner-uid and node-name indexes. */
export function createIndexer<T extends CacheObject = KubeObject>(indexers: Indexers<T> = DEFAULT_INDEXERS): Indexer<T> {
  let items = new Map<ObjectKey, T>();
  const funcs = new Map<string, IndexFunc<T>>();
  const indices = new Map<string, Index>();

  const indexOf = (indexName: string): Index => {
    const index = indices.get(indexName);
    if (index === undefined) throw new Error(`Index with name ${indexName} does not exist`);
    return index;
  };

  const insert = (index: Index, value: string, key: ObjectKey): void => {
    let keys = index.get(value);
    if (keys === undefined) index.set(value, (keys = new Set()));
    keys.add(key);
  };

  const remove = (index: Index, value: string, key: ObjectKey): void => {
    const keys = index.get(value);
    if (keys === undefined) return;
    keys.delete(key);
    // Empty buckets would make listIndexValues lie and leak memory under churn.
    if (keys.size === 0) index.delete(value);
  };

  const store = (key: ObjectKey, next: T | undefined): void => {
    const old = items.get(key);
    // Compute every value first: an index function that throws leaves the cache untouched.
    const changes: [Index, readonly string[], readonly string[]][] = [];
    for (const [name, fn] of funcs) {
      const before = old === undefined ? [] : fn(old);
      const after = next === undefined ? [] : fn(next);
      // The common case (namespace, node name) is one unchanged value.
      if (before.length === 1 && after.length === 1 && before[0] === after[0]) continue;
      changes.push([indexOf(name), before, after]);
    }
    if (next === undefined) items.delete(key);
    else items.set(key, next);
    for (const [index, before, after] of changes) {
      const kept = new Set(after);
      for (const value of before) if (!kept.has(value)) remove(index, value, key);
      for (const value of kept) insert(index, value, key);
    }
  };

  const buildIndex = (source: ReadonlyMap<ObjectKey, T>, fn: IndexFunc<T>): Index => {
    const index: Index = new Map();
    for (const [key, obj] of source) for (const value of fn(obj)) insert(index, value, key);
    return index;
  };

  const put = (obj: T): void => store(objectKey(obj), freeze(obj, true));

  const addIndexers = (more: Indexers<T>): void => {
    const taken = Object.keys(more).filter((name) => funcs.has(name));
    if (taken.length > 0) throw new Error(`indexer conflict: ${taken.join(', ')}`);
    // Built before anything is installed, so a throwing index function changes nothing.
    const built = Object.entries(more).map(([name, fn]) => [name, fn, buildIndex(items, fn)] as const);
    for (const [name, fn, index] of built) {
      funcs.set(name, fn);
      indices.set(name, index);
    }
  };

  addIndexers(indexers);

  return {
    add: put,
    update: put,
    delete(objOrKey) {
      const key = typeof objOrKey === 'string' ? objOrKey : objectKey(objOrKey);
      if (items.has(key)) store(key, undefined);
    },
    replace(list) {
      const next = new Map<ObjectKey, T>();
      for (const obj of list) next.set(objectKey(obj), freeze(obj, true));
      const built = Array.from(funcs, ([name, fn]) => [name, buildIndex(next, fn)] as const);
      items = next;
      for (const [name, index] of built) indices.set(name, index);
    },
    get: (key) => items.get(key),
    list: () => Array.from(items.values()),
    listKeys: () => Array.from(items.keys()),
    size: () => items.size,
    byIndex(indexName, value) {
      const keys = indexOf(indexName).get(value);
      if (keys === undefined) return [];
      const out: T[] = [];
      for (const key of keys) {
        const obj = items.get(key);
        if (obj !== undefined) out.push(obj);
      }
      return out;
    },
    indexKeys: (indexName, value) => Array.from(indexOf(indexName).get(value) ?? []),
    hasIndex: (indexName) => indices.has(indexName),
    listIndexValues: (indexName) => Array.from(indexOf(indexName).keys()),
    addIndexers,
    getIndexers: () => Object.freeze(Object.fromEntries(funcs)),
  };
}
