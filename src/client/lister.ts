import { objectKey, type KubeObject } from '../api/meta.ts';
import { NAMESPACE_INDEX, type CacheObject } from './indexFuncs.ts';
import type { Indexer } from './indexer.ts';

/** Decides whether an object's labels match (a compiled label selector). */
export type LabelPredicate = (labels: { readonly [key: string]: string }) => boolean;

/** Options of {@link Lister.list}. */
export interface ListerListOptions {
  /** Only objects of this namespace; absent or `''` (client-go `NamespaceAll`) means every namespace. */
  readonly namespace?: string | undefined;
  /** Only objects whose labels satisfy it; objects without labels are tested against `{}`. */
  readonly labelSelector?: LabelPredicate | undefined;
}

/**
 * A read-only view of an informer cache (client-go generated listers). It reads the live
 * {@link Indexer}: every call sees the cache as it is at that moment. Returned objects are frozen.
 * @public
 */
export interface Lister<T extends CacheObject = KubeObject> {
  /** The object `namespace/name` (pass `undefined` or `''` for cluster-scoped objects), if cached. */
  get(namespace: string | undefined, name: string): T | undefined;
  list(options?: ListerListOptions): T[];
  /** Objects whose index `indexName` holds `value`; throws when there is no such index. */
  byIndex(indexName: string, value: string): T[];
}

const NO_LABELS: { readonly [key: string]: string } = Object.freeze({});

/** Creates a {@link Lister} over `indexer`; namespace filtering uses its namespace index when it has one. */
export function createLister<T extends CacheObject = KubeObject>(indexer: Indexer<T>): Lister<T> {
  return {
    get: (namespace, name) => indexer.get(objectKey({ metadata: { namespace, name } })),
    list(options = {}) {
      const { namespace, labelSelector } = options;
      let objects: T[];
      if (namespace === undefined || namespace === '') objects = indexer.list();
      else if (indexer.hasIndex(NAMESPACE_INDEX)) objects = indexer.byIndex(NAMESPACE_INDEX, namespace);
      // Without the index client-go scans too (ListAllByNamespace falls back the same way).
      else objects = indexer.list().filter((obj) => obj.metadata?.namespace === namespace);
      return labelSelector === undefined ? objects : objects.filter((obj) => labelSelector(obj.metadata?.labels ?? NO_LABELS));
    },
    byIndex: (indexName, value) => indexer.byIndex(indexName, value),
  };
}
