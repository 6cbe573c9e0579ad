/**
 * What an {@link Indexer} needs of an object: its metadata. Structural (no index signature), so
 * `kubernetes-types` interfaces such as `Pod` fit.
 * @public
 */
export interface CacheObject {
  readonly metadata?:
    | {
        readonly name?: string | undefined;
        readonly namespace?: string | undefined;
        readonly labels?: { readonly [key: string]: string } | undefined;
        readonly ownerReferences?: readonly { readonly uid: string }[] | undefined;
      }
    | undefined;
}

/**
 * The values an object is indexed under (client-go `IndexFunc`). Must be a pure function of the
 * object: the cache recomputes it on the old object to unindex it.
 * @public
 */
export type IndexFunc<T extends CacheObject = CacheObject> = (obj: T) => readonly string[];

/** Named index functions (client-go `Indexers`). */
export type Indexers<T extends CacheObject = CacheObject> = Readonly<Record<string, IndexFunc<T>>>;

/** Name of the namespace index (client-go `cache.NamespaceIndex`). */
export const NAMESPACE_INDEX = 'namespace';
/** Name of the index by `metadata.ownerReferences[].uid`. */
export const OWNER_UID_INDEX = 'ownerUid';
/** Name of the index by `spec.nodeName` (pods bound to a node). */
export const NODE_NAME_INDEX = 'nodeName';

/** Indexes by `metadata.namespace`; cluster-scoped objects land under `''` (client-go `MetaNamespaceIndexFunc`). */
export const namespaceIndexFunc: IndexFunc = (obj) => [obj.metadata?.namespace ?? ''];

/** Indexes by the uid of every owner reference. */
export const ownerUidIndexFunc: IndexFunc = (obj) => obj.metadata?.ownerReferences?.map((ref) => ref.uid) ?? [];

/** Indexes by `spec.nodeName` when it is set (objects without one are not indexed). */
export const nodeNameIndexFunc: IndexFunc = (obj) => {
  const spec = (obj as { readonly spec?: unknown }).spec;
  if (typeof spec !== 'object' || spec === null) return [];
  const nodeName = (spec as { readonly nodeName?: unknown }).nodeName;
  return typeof nodeName === 'string' && nodeName !== '' ? [nodeName] : [];
};

/** An index by the value of label `key`; objects without that label are not indexed. */
export function labelIndexFunc(key: string): IndexFunc {
  return (obj) => {
    const value = obj.metadata?.labels?.[key];
    return value === undefined ? [] : [value];
  };
}

/** The indexes a cache gets unless told otherwise: namespace, owner uid and node name. */
export const DEFAULT_INDEXERS: Indexers = Object.freeze({
  [NAMESPACE_INDEX]: namespaceIndexFunc,
  [OWNER_UID_INDEX]: ownerUidIndexFunc,
  [NODE_NAME_INDEX]: nodeNameIndexFunc,
});
