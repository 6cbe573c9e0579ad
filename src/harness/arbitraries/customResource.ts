import fc from 'fast-check';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { ResourceDefinition } from '../../runtime/resources/defineResource.ts';
import { build, schemaContext, type FromSchemaOptions } from './fromSchema.ts';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { plainJson, safeKey } from './plainJson.ts';

/** What {@link customResource} generates. */
export interface CustomResourceOptions extends NamespaceOption, FromSchemaOptions {
  /** The CRD version to generate (default: the storage version, else the first served one). */
  readonly version?: string;
}

/** A generated custom resource: apiVersion, kind, metadata and the schema's fields. */
export type CustomResourceObject = KubeObject & { [field: string]: unknown };

interface Target {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly schema: Readonly<Record<string, unknown>> | undefined;
  readonly statusSubresource: boolean;
}

function isCrd(def: ResourceDefinition | CustomResourceDefinition): def is CustomResourceDefinition {
  return 'spec' in def && typeof def.spec === 'object' && 'names' in def.spec;
}

function targetOf(def: ResourceDefinition | CustomResourceDefinition, wanted: string | undefined): Target {
  if (!isCrd(def)) {
    return {
      group: def.group,
      version: def.version,
      kind: def.kind,
      namespaced: (def.scope ?? 'Namespaced') === 'Namespaced',
      schema: def.schema,
      statusSubresource: def.subresources?.status === true,
    };
  }
  const { spec } = def;
  const version = spec.versions.find((v) => (wanted !== undefined ? v.name === wanted : v.storage)) ?? (wanted === undefined ? spec.versions.find((v) => v.served) : undefined);
  if (version === undefined) throw new TypeError(`customResource: ${spec.names.kind} has no ${wanted !== undefined ? `version ${wanted}` : 'served version'}`);
  return {
    group: spec.group,
    version: version.name,
    kind: spec.names.kind,
    namespaced: spec.scope === 'Namespaced',
    schema: version.schema?.openAPIV3Schema as Readonly<Record<string, unknown>> | undefined,
    statusSubresource: version.subresources?.status != null,
  };
}

/**
 * Custom resources of a CRD (a `CustomResourceDefinition` object) or of a `defineResource`
 * definition: apiVersion and kind, valid metadata, and the other root fields from the version's
 * OpenAPI v3 schema as {@link fromSchema} generates them. `status` is left out when the status
 * subresource is on (the API server drops it on create) unless the schema requires it. Without a
 * schema, `spec` is free JSON. A `ResourceDefinition`'s `validate` function is not consulted.
 * @example
 * const widgets = defineResource({ group: 'example.com', version: 'v1', kind: 'Widget', schema: widgetSchema });
 * fc.assert(fc.asyncProperty(customResource(widgets), async (w) => {
 *   await cluster.client.create(w);
 * }));
 * @public
 */
export function customResource(definition: ResourceDefinition | CustomResourceDefinition, options: CustomResourceOptions = {}): fc.Arbitrary<CustomResourceObject> {
  const t = targetOf(definition, options.version);
  const required = new Set(((t.schema?.['required'] as readonly string[] | undefined) ?? []).filter((k) => typeof k === 'string'));
  const omit = new Set(t.statusSubresource && !required.has('status') ? ['status'] : []);
  const rootType = t.schema?.['type'];
  if (rootType !== undefined && rootType !== 'object') throw new TypeError(`customResource: the schema of ${t.kind} must describe an object, not ${JSON.stringify(rootType)}`);
  const body =
    t.schema !== undefined
      ? (build({ ...t.schema, type: 'object', nullable: false }, '', schemaContext(options, true, omit)) as fc.Arbitrary<Record<string, unknown>>)
      : fc.option(fc.dictionary(safeKey, plainJson(1), { maxKeys: 3, noNullPrototype: true }), { nil: undefined, freq: 3 }).map((spec) => (spec !== undefined ? { spec } : {}));
  return fc
    .tuple(objectMeta(t.kind, t.namespaced ? (options.namespace ?? 'default') : undefined), body)
    .map(([metadata, fields]): CustomResourceObject => ({ ...fields, apiVersion: `${t.group}/${t.version}`, kind: t.kind, metadata }));
}
