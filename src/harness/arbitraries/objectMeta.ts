import fc from 'fast-check';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { labelKey, labels } from './labels.ts';
import { objectName } from './objectName.ts';
import { maybe } from './shape.ts';

/** Where generated namespaced objects live. */
export interface NamespaceOption {
  /** The namespace of namespaced objects (default `default`); it must exist where they are created. */
  readonly namespace?: string;
}

/**
 * Object metadata kube-apiserver accepts for a new object of `kind`: a name valid for the kind, the
 * namespace when the kind is namespaced, and sometimes labels and annotations. No finalizers, owner
 * references or generateName.
 * @example
 * fc.assert(fc.property(objectMeta('ConfigMap', 'default'), (m) => m.namespace === 'default'));
 * @public
 */
export function objectMeta(kind: string, namespace: string | undefined): fc.Arbitrary<ObjectMeta> {
  return fc
    .record(
      {
        name: objectName(kind),
        labels: maybe(labels({ minKeys: 1 })),
        annotations: maybe(fc.dictionary(labelKey(), fc.string({ maxLength: 30 }), { minKeys: 1, maxKeys: 3, noNullPrototype: true }), 0.3),
      },
      { noNullPrototype: true },
    )
    .map(({ name, labels: l, annotations }) => ({
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(l !== undefined ? { labels: l } : {}),
      ...(annotations !== undefined ? { annotations } : {}),
    }));
}
