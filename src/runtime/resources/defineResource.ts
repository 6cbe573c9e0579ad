import type { FieldError } from '../../api/fieldErrors.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { ResourceInfo, Verb } from '../../api/resourceInfo.ts';

/** An extra column `kubectl get` prints for a custom resource (CRD `additionalPrinterColumns`). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

/**
 * A custom resource type: names, scope, subresources, and how its objects are checked (an
 * OpenAPI v3 schema as in a CRD, and/or a validation function).
 * @public
 */
export interface ResourceDefinition {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Lowercase plural (default: kind lowercased + 's'). */
  readonly plural?: string;
  readonly singular?: string;
  readonly shortNames?: readonly string[];
  readonly scope?: 'Namespaced' | 'Cluster';
  readonly subresources?: { readonly status?: boolean; readonly scale?: { readonly specReplicasPath: string; readonly statusReplicasPath: string; readonly labelSelectorPath?: string } };
  /** OpenAPI v3 schema of the whole object (CRD `openAPIV3Schema`). */
  readonly schema?: Record<string, unknown>;
  /** Extra checks; return field errors (field paths as kube-apiserver writes them). */
  readonly validate?: (obj: KubeObject, old: KubeObject | undefined) => FieldError[];
  readonly printerColumns?: readonly PrinterColumn[];
  readonly categories?: readonly string[];
}

const VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * Declares a custom resource (data only; `cluster.defineResource` or the `resources` option
 * registers it). Throws on names kube-apiserver would refuse.
 * @example
 * const widgets = defineResource({ group: 'example.com', version: 'v1', kind: 'Widget', scope: 'Namespaced', subresources: { status: true } });
 * @public
 */
export function defineResource(def: ResourceDefinition): ResourceDefinition {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/.test(def.group)) {
    throw new TypeError(`resource group ${JSON.stringify(def.group)} must be a DNS subdomain with at least one dot (e.g. example.com)`);
  }
  if (!/^v[0-9]+((alpha|beta)[0-9]+)?$/.test(def.version)) throw new TypeError(`resource version ${JSON.stringify(def.version)} must look like v1, v1beta1 or v2alpha1`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(def.kind)) throw new TypeError(`resource kind ${JSON.stringify(def.kind)} must be CamelCase`);
  const plural = def.plural ?? `${def.kind.toLowerCase()}s`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(plural)) throw new TypeError(`resource plural ${JSON.stringify(plural)} must be a lowercase DNS label`);
  return Object.freeze({ ...def, plural });
}

/** The registry entry of a custom resource. */
export function resourceInfoOf(def: ResourceDefinition): ResourceInfo {
  const sub: string[] = [];
  if (def.subresources?.status) sub.push('status');
  if (def.subresources?.scale) sub.push('scale');
  return Object.freeze({
    group: def.group,
    version: def.version,
    kind: def.kind,
    plural: def.plural ?? `${def.kind.toLowerCase()}s`,
    singular: def.singular ?? def.kind.toLowerCase(),
    shortNames: Object.freeze([...(def.shortNames ?? [])]),
    namespaced: (def.scope ?? 'Namespaced') === 'Namespaced',
    subresources: Object.freeze(sub),
    verbs: VERBS,
    categories: Object.freeze([...(def.categories ?? [])]),
    stored: true,
    ...(def.printerColumns !== undefined ? { printerColumns: Object.freeze([...def.printerColumns]) } : {}),
  });
}
