import { describe, it, expect } from 'vitest';
import { namespaceIndexFunc, OWNER_UID_INDEX } from './indexFuncs.ts';
import { createIndexer } from './indexer.ts';
import { createLister } from './lister.ts';

interface TestObject {
  metadata?: { name?: string; namespace?: string; labels?: { [key: string]: string }; ownerReferences?: { uid: string }[] };
}

const obj = (namespace: string | undefined, name: string, labels?: Record<string, string>, owner?: string): TestObject => ({
  metadata: {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    ...(labels ? { labels } : {}),
    ...(owner ? { ownerReferences: [{ uid: owner }] } : {}),
  },
});

const keys = (objs: TestObject[]): string[] => objs.map((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`).sort();

function fixture(indexers?: Parameters<typeof createIndexer<TestObject>>[0]) {
  const indexer = createIndexer<TestObject>(indexers);
  indexer.add(obj('prod', 'web', { app: 'web', tier: 'front' }, 'rs-1'));
  indexer.add(obj('prod', 'db', { app: 'db' }));
  indexer.add(obj('dev', 'web', { app: 'web' }, 'rs-2'));
  indexer.add(obj('dev', 'plain'));
  indexer.add(obj(undefined, 'node-1', { zone: 'a' }));
  return { indexer, lister: createLister(indexer) };
}

describe('lister', () => {
  it('should get namespaced and cluster-scoped objects', () => {
    const { lister } = fixture();
    expect(lister.get('prod', 'web')?.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    expect(lister.get(undefined, 'node-1')?.metadata?.name).toBe('node-1');
    expect(lister.get('', 'node-1')?.metadata?.name).toBe('node-1');
    expect(lister.get('prod', 'missing')).toBeUndefined();
    expect(lister.get(undefined, 'web')).toBeUndefined();
  });

  it('should list everything, one namespace, or every namespace for an empty one', () => {
    const { lister } = fixture();
    expect(lister.list()).toHaveLength(5);
    expect(lister.list({ namespace: '' })).toHaveLength(5);
    expect(keys(lister.list({ namespace: 'dev' }))).toEqual(['dev/plain', 'dev/web']);
    expect(lister.list({ namespace: 'nowhere' })).toEqual([]);
  });

  it('should filter by a label predicate, testing unlabelled objects against no labels', () => {
    const { lister } = fixture();
    const seen: unknown[] = [];
    const appWeb = (labels: { readonly [key: string]: string }): boolean => {
      seen.push(labels);
      return labels['app'] === 'web';
    };
    expect(keys(lister.list({ labelSelector: appWeb }))).toEqual(['dev/web', 'prod/web']);
    expect(seen).toContainEqual({});
    expect(keys(lister.list({ namespace: 'prod', labelSelector: appWeb }))).toEqual(['prod/web']);
    expect(keys(lister.list({ labelSelector: (l) => !('app' in l) }))).toEqual(['/node-1', 'dev/plain']);
  });

  it('should filter by namespace even without a namespace index', () => {
    const { lister } = fixture({});
    expect(keys(lister.list({ namespace: 'prod' }))).toEqual(['prod/db', 'prod/web']);
    expect(() => lister.byIndex(OWNER_UID_INDEX, 'rs-1')).toThrow('does not exist');
  });

  it('should answer index queries and see later changes to the cache', () => {
    const { indexer, lister } = fixture();
    expect(keys(lister.byIndex(OWNER_UID_INDEX, 'rs-2'))).toEqual(['dev/web']);
    indexer.delete('dev/web');
    indexer.add(obj('dev', 'api', {}, 'rs-2'));
    expect(keys(lister.byIndex(OWNER_UID_INDEX, 'rs-2'))).toEqual(['dev/api']);
    expect(lister.get('dev', 'web')).toBeUndefined();
    const onlyNamespace = createLister(createIndexer<TestObject>({ namespace: namespaceIndexFunc }));
    expect(onlyNamespace.list({ namespace: 'dev' })).toEqual([]);
  });
});
