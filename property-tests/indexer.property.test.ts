import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { objectKey } from '../src/api/meta.ts';
import { labelIndexFunc, NAMESPACE_INDEX } from '../src/client/indexFuncs.ts';
import { createIndexer, type Indexer } from '../src/client/indexer.ts';
import { createLister } from '../src/client/lister.ts';

// client-go tools/cache: every index answers what recomputing it from the cached objects would, and a
// List never holds two entries with the same key (shared_informer.go).

interface Obj {
  metadata: { namespace?: string; name: string; labels?: Record<string, string>; ownerReferences?: { uid: string }[] };
  spec: { nodeName?: string };
}

const objArb: fc.Arbitrary<Obj> = fc
  .record({
    namespace: fc.constantFrom(undefined, 'prod', 'dev'),
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    node: fc.constantFrom(undefined, '', 'n1', 'n2'),
    owners: fc.subarray(['u1', 'u2', 'u3']),
    app: fc.constantFrom(undefined, 'web', 'db'),
  })
  .map(({ namespace, name, node, owners, app }) => ({
    metadata: {
      ...(namespace === undefined ? {} : { namespace }),
      name,
      ...(app === undefined ? {} : { labels: { app } }),
      ...(owners.length === 0 ? {} : { ownerReferences: owners.map((uid) => ({ uid })) }),
    },
    spec: node === undefined ? {} : { nodeName: node },
  }));

type Op =
  | { kind: 'add' | 'update' | 'deleteObject'; obj: Obj }
  | { kind: 'deleteKey'; key: string }
  | { kind: 'replace'; list: Obj[] }
  | { kind: 'addAppIndex' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: objArb.map((obj) => ({ kind: 'add' as const, obj })), weight: 6 },
  { arbitrary: objArb.map((obj) => ({ kind: 'update' as const, obj })), weight: 4 },
  { arbitrary: objArb.map((obj) => ({ kind: 'deleteObject' as const, obj })), weight: 2 },
  { arbitrary: objArb.map((obj) => ({ kind: 'deleteKey' as const, key: objectKey(obj) })), weight: 2 },
  { arbitrary: fc.array(objArb, { maxLength: 8 }).map((list) => ({ kind: 'replace' as const, list })), weight: 1 },
  { arbitrary: fc.constant({ kind: 'addAppIndex' as const }), weight: 1 },
);

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

function expectIndexesMatchRecomputation(indexer: Indexer<Obj>): void {
  const listed = indexer.list();
  expect(new Set(listed.map(objectKey)).size).toBe(listed.length);
  expect(sorted(indexer.listKeys())).toEqual(sorted(listed.map(objectKey)));
  for (const [name, fn] of Object.entries(indexer.getIndexers())) {
    const fresh = new Map<string, Set<string>>();
    for (const obj of listed) {
      for (const value of fn(obj)) {
        const keys = fresh.get(value) ?? new Set<string>();
        keys.add(objectKey(obj));
        fresh.set(value, keys);
      }
    }
    expect(sorted(indexer.listIndexValues(name))).toEqual(sorted(fresh.keys()));
    for (const [value, keys] of fresh) {
      expect(sorted(indexer.indexKeys(name, value))).toEqual(sorted(keys));
      expect(sorted(indexer.byIndex(name, value).map(objectKey))).toEqual(sorted(keys));
    }
    expect(indexer.byIndex(name, 'never-a-value')).toEqual([]);
  }
}

describe(`indexer properties (seed: ${fc.readConfigureGlobal().seed ?? 'random'})`, () => {
  it('should keep every index equal to one recomputed from list() after any add/update/delete/replace', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const indexer = createIndexer<Obj>();
        const expected = new Map<string, Obj>();
        for (const op of ops) {
          switch (op.kind) {
            case 'add':
            case 'update':
              indexer[op.kind](op.obj);
              expected.set(objectKey(op.obj), op.obj);
              break;
            case 'deleteObject':
              indexer.delete(op.obj);
              expected.delete(objectKey(op.obj));
              break;
            case 'deleteKey':
              indexer.delete(op.key);
              expected.delete(op.key);
              break;
            case 'replace':
              indexer.replace(op.list);
              expected.clear();
              for (const obj of op.list) expected.set(objectKey(obj), obj);
              break;
            case 'addAppIndex':
              if (!indexer.hasIndex('app')) indexer.addIndexers({ app: labelIndexFunc('app') });
              break;
          }
          expectIndexesMatchRecomputation(indexer);
          for (const [key, obj] of expected) expect(indexer.get(key)).toEqual(obj);
          expect(indexer.size()).toBe(expected.size);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should make the lister agree with a filtered list()', () => {
    fc.assert(
      fc.property(
        fc.array(objArb, { maxLength: 20 }),
        fc.constantFrom(undefined, '', 'prod', 'dev', 'staging'),
        fc.constantFrom(undefined, 'web', 'db'),
        (objs, namespace, app) => {
          const indexer = createIndexer<Obj>();
          for (const obj of objs) indexer.add(obj);
          const lister = createLister(indexer);
          const labelSelector = app === undefined ? undefined : (labels: { readonly [key: string]: string }): boolean => labels['app'] === app;
          const got = lister.list({ namespace, labelSelector });
          const want = indexer
            .list()
            .filter((o) => !namespace || o.metadata.namespace === namespace)
            .filter((o) => app === undefined || o.metadata.labels?.['app'] === app);
          expect(sorted(got.map(objectKey))).toEqual(sorted(want.map(objectKey)));
          expect(indexer.hasIndex(NAMESPACE_INDEX)).toBe(true);
        },
      ),
    );
  });
});
