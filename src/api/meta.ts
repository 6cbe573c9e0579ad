import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';

/**
 * Any Kubernetes object: `apiVersion`, `kind`, `metadata` and whatever else its kind has.
 * @public
 */
export interface KubeObject {
  apiVersion?: string | undefined;
  kind?: string | undefined;
  metadata?: ObjectMeta | undefined;
}

/** A {@link KubeObject} whose other fields (`spec`, `status`, `data` …) can be read by name. */
export type AnyObject = KubeObject & { [field: string]: unknown };

/** Reads a top-level field (`spec`, `status` …) of any object. */
export function fieldOf(obj: KubeObject, field: string): unknown {
  return (obj as AnyObject)[field];
}

/** A Kubernetes object with its metadata present (what the store hands out). */
export type StoredObject<T extends KubeObject = KubeObject> = T & { metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string } };

/** `namespace/name`, or `name` for cluster-scoped objects: the key of workqueues and caches. */
export type ObjectKey = string;

/** The cache and workqueue key of an object (client-go's `MetaNamespaceKeyFunc`). */
export function objectKey(obj: { metadata?: { namespace?: string | undefined; name?: string | undefined } | undefined }): ObjectKey {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

/** Splits an {@link ObjectKey} into namespace and name. */
export function splitObjectKey(key: ObjectKey): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The owner reference with `controller: true`, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

export type { ObjectMeta, OwnerReference };
