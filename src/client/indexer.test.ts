import { describe, it, expect } from 'vitest';
import {
  NAMESPACE_INDEX,
  NODE_NAME_INDEX,
  OWNER_UID_INDEX,
  labelIndexFunc,
  namespaceIndexFunc,
  nodeNameIndexFunc,
  ownerUidIndexFunc,
} from './indexFuncs.ts';
import { createIndexer } from './indexer.ts';

// Declared as an interface (no index signature), like the kubernetes-types kinds.
interface TestPod {
  metadata?: { name?: string; namespace?: string; labels?: { [key: string]: string }; ownerReferences?: { uid: string; name: string }[] };
  spec?: { nodeName?: string };
}

function pod(namespace: string, name: string, extra: { node?: string; owners?: string[]; labels?: Record<string, string> } = {}): TestPod {
  return {
    metadata: {
      namespace,
      name,
      ...(extra.labels ? { labels: extra.labels } : {}),
      ...(extra.owners ? { ownerReferences: extra.owners.map((uid) => ({ uid, name: `owner-${uid}` })) } : {}),
    },
    spec: extra.node === undefined ? {} : { nodeName: extra.node },
  };
}

const names = (objs: TestPod[]): string[] => objs.map((o) => o.metadata?.name ?? '').sort();

describe('indexer', () => {
  it('should store objects by namespace/name and answer get, list and listKeys', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns1', 'a'));
    idx.add(pod('ns2', 'a'));
    idx.add({ metadata: { name: 'node-1' } });
    expect(idx.get('ns1/a')?.metadata?.namespace).toBe('ns1');
    expect(idx.get('node-1')).toBeDefined();
    expect(idx.listKeys().sort()).toEqual(['node-1', 'ns1/a', 'ns2/a']);
    expect(idx.list()).toHaveLength(3);
    expect(idx.size()).toBe(3);
  });

  it('should keep one entry per key when the same object is added again', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns', 'a', { node: 'n1' }));
    idx.update(pod('ns', 'a', { node: 'n2' }));
    idx.add(pod('ns', 'a', { node: 'n3' }));
    expect(idx.list()).toHaveLength(1);
    expect(idx.get('ns/a')?.spec?.nodeName).toBe('n3');
    expect(idx.byIndex(NODE_NAME_INDEX, 'n1')).toEqual([]);
    expect(idx.listIndexValues(NODE_NAME_INDEX)).toEqual(['n3']);
  });

  it('should deep-freeze what it stores', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns', 'a', { labels: { app: 'web' } }));
    const stored = idx.get('ns/a')!;
    expect(Object.isFrozen(stored)).toBe(true);
    expect(() => {
      stored.metadata!.labels!['app'] = 'db';
    }).toThrow(TypeError);
  });

  it('should answer the built-in namespace, owner-uid and node-name indexes', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns1', 'a', { node: 'n1', owners: ['rs-1'] }));
    idx.add(pod('ns1', 'b', { node: 'n2', owners: ['rs-1', 'rs-2'] }));
    idx.add(pod('ns2', 'c', { owners: ['rs-2'] }));
    idx.add({ metadata: { name: 'cluster-scoped' } });
    expect(names(idx.byIndex(NAMESPACE_INDEX, 'ns1'))).toEqual(['a', 'b']);
    expect(names(idx.byIndex(NAMESPACE_INDEX, ''))).toEqual(['cluster-scoped']);
    expect(names(idx.byIndex(OWNER_UID_INDEX, 'rs-2'))).toEqual(['b', 'c']);
    expect(idx.indexKeys(OWNER_UID_INDEX, 'rs-1').sort()).toEqual(['ns1/a', 'ns1/b']);
    expect(names(idx.byIndex(NODE_NAME_INDEX, 'n2'))).toEqual(['b']);
    expect(idx.listIndexValues(NODE_NAME_INDEX).sort()).toEqual(['n1', 'n2']);
    expect(idx.byIndex(NODE_NAME_INDEX, 'nowhere')).toEqual([]);
  });

  it('should move an object between index values on update and drop empty values', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns', 'a', { owners: ['x', 'y'] }));
    idx.update(pod('ns', 'a', { owners: ['y', 'z', 'z'] }));
    expect(idx.listIndexValues(OWNER_UID_INDEX).sort()).toEqual(['y', 'z']);
    expect(idx.indexKeys(OWNER_UID_INDEX, 'z')).toEqual(['ns/a']);
    idx.delete('ns/a');
    expect(idx.listIndexValues(OWNER_UID_INDEX)).toEqual([]);
    expect(idx.list()).toEqual([]);
  });

  it('should delete by object or by key and ignore unknown keys', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('ns', 'a'));
    idx.add(pod('ns', 'b'));
    idx.delete(pod('ns', 'a'));
    idx.delete('ns/b');
    idx.delete('ns/nope');
    expect(idx.size()).toBe(0);
    expect(idx.byIndex(NAMESPACE_INDEX, 'ns')).toEqual([]);
  });

  it('should replace the whole content and rebuild every index', () => {
    const idx = createIndexer<TestPod>();
    idx.add(pod('old', 'a', { node: 'n1' }));
    idx.replace([pod('new', 'b', { node: 'n2' }), pod('new', 'c'), pod('new', 'c', { node: 'n3' })]);
    expect(idx.listKeys().sort()).toEqual(['new/b', 'new/c']);
    expect(idx.listIndexValues(NAMESPACE_INDEX)).toEqual(['new']);
    expect(idx.listIndexValues(NODE_NAME_INDEX).sort()).toEqual(['n2', 'n3']);
  });

  it('should build an index added after objects exist, and refuse a taken name', () => {
    const idx = createIndexer<TestPod>({ [NAMESPACE_INDEX]: namespaceIndexFunc });
    idx.add(pod('ns', 'a', { labels: { app: 'web' } }));
    idx.add(pod('ns', 'b', { labels: { app: 'db' } }));
    idx.add(pod('ns', 'c'));
    idx.addIndexers({ app: labelIndexFunc('app') });
    expect(names(idx.byIndex('app', 'web'))).toEqual(['a']);
    expect(idx.listIndexValues('app').sort()).toEqual(['db', 'web']);
    expect(() => idx.addIndexers({ app: labelIndexFunc('tier') })).toThrow('indexer conflict: app');
    expect(Object.keys(idx.getIndexers()).sort()).toEqual(['app', NAMESPACE_INDEX]);
    expect(idx.hasIndex(NODE_NAME_INDEX)).toBe(false);
  });

  it('should throw for an index that does not exist', () => {
    const idx = createIndexer<TestPod>({});
    expect(() => idx.byIndex(NODE_NAME_INDEX, 'n1')).toThrow('Index with name nodeName does not exist');
    expect(() => idx.indexKeys('x', 'y')).toThrow('Index with name x does not exist');
  });

  it('should leave the cache untouched when an index function throws', () => {
    const idx = createIndexer<TestPod>({
      [NODE_NAME_INDEX]: nodeNameIndexFunc,
      picky: (obj) => {
        if (obj.metadata?.name === 'bad') throw new Error('cannot index');
        return [obj.metadata?.name ?? ''];
      },
    });
    idx.add(pod('ns', 'good', { node: 'n1' }));
    expect(() => idx.add(pod('ns', 'bad', { node: 'n1' }))).toThrow('cannot index');
    expect(idx.listKeys()).toEqual(['ns/good']);
    expect(idx.indexKeys(NODE_NAME_INDEX, 'n1')).toEqual(['ns/good']);
    expect(() => idx.replace([pod('ns', 'bad')])).toThrow('cannot index');
    expect(idx.listKeys()).toEqual(['ns/good']);
    expect(() => idx.addIndexers({ again: () => { throw new Error('nope'); }, fine: namespaceIndexFunc })).toThrow('nope');
    expect(idx.hasIndex('fine')).toBe(false);
  });
});

describe('indexFuncs', () => {
  it('should index only set values', () => {
    expect(nodeNameIndexFunc({ metadata: {} })).toEqual([]);
    expect(nodeNameIndexFunc(pod('ns', 'a', { node: '' }))).toEqual([]);
    expect(ownerUidIndexFunc({})).toEqual([]);
    expect(namespaceIndexFunc({})).toEqual(['']);
    expect(labelIndexFunc('app')(pod('ns', 'a', { labels: { tier: 'x' } }))).toEqual([]);
    expect(labelIndexFunc('app')(pod('ns', 'a', { labels: { app: '' } }))).toEqual(['']);
  });
});
