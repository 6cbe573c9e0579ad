import { patchSchemaFor } from '../../api/patch/patchStrategies.ts';
import type { FieldPatchMeta, PatchSchema } from '../../api/patch/patchStrategies.ts';
import type { Schema } from './kubernetesSchemas.ts';

// Lists whose server-side-apply key has more than the strategic merge key (`+listMapKey` tags upstream).
const LIST_MAP_KEYS: Readonly<Record<string, readonly string[]>> = {
  'io.k8s.api.core.v1.Container.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.EphemeralContainer.ports': ['containerPort', 'protocol'],
  'io.k8s.api.core.v1.ServiceSpec.ports': ['port', 'protocol'],
  'io.k8s.api.core.v1.PodSpec.topologySpreadConstraints': ['topologyKey', 'whenUnsatisfiable'],
};

// Structs and maps that are owned and replaced as a whole (`+structType=atomic`, `+mapType=atomic`).
const ATOMIC_TYPES: readonly string[] = [
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'io.k8s.api.core.v1.LocalObjectReference',
  'io.k8s.api.core.v1.ObjectReference',
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  'io.k8s.api.core.v1.NodeSelector',
  'io.k8s.api.core.v1.NodeSelectorTerm',
  'io.k8s.api.core.v1.TopologySelectorTerm',
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.ObjectFieldSelector',
  'io.k8s.api.core.v1.ResourceFieldSelector',
];
const ATOMIC_FIELDS: readonly string[] = ['io.k8s.api.core.v1.ReplicationControllerSpec.selector', 'io.k8s.api.core.v1.ServiceSpec.selector'];

// Defaults a list key relies on when an applied item leaves it out.
const KEY_DEFAULTS: readonly (readonly [string, string, unknown])[] = [
  ['io.k8s.api.core.v1.ContainerPort', 'protocol', 'TCP'],
  ['io.k8s.api.core.v1.ServicePort', 'protocol', 'TCP'],
];

/** The component a property refers to (directly, through `allOf`, or through its array items). */
export function referencedName(prop: Schema | undefined): string | undefined {
  if (prop === undefined) return undefined;
  const r = prop['$ref'];
  if (typeof r === 'string') return r.replace('#/components/schemas/', '');
  const all = prop['allOf'];
  if (Array.isArray(all) && all.length === 1) return referencedName(all[0] as Schema);
  const items = prop['items'];
  if (items !== undefined && typeof items === 'object') return referencedName(items as Schema);
  return undefined;
}

function properties(schema: Schema | undefined): Record<string, Schema> | undefined {
  return schema?.['properties'] as Record<string, Schema> | undefined;
}

function annotate(prop: Schema, meta: FieldPatchMeta, path: string): void {
  const strategies = [meta.strategy === 'merge' ? 'merge' : meta.strategy === 'replace' ? 'replace' : undefined, meta.retainKeys === true ? 'retainKeys' : undefined].filter((s) => s !== undefined);
  if (strategies.length > 0) prop['x-kubernetes-patch-strategy'] = strategies.join(',');
  if (meta.mergeKey !== undefined) prop['x-kubernetes-patch-merge-key'] = meta.mergeKey;
  if (prop['type'] !== 'array' || meta.strategy !== 'merge') return;
  if (meta.mergeKey === undefined) {
    prop['x-kubernetes-list-type'] = 'set';
    return;
  }
  prop['x-kubernetes-list-type'] = 'map';
  prop['x-kubernetes-list-map-keys'] = [...(LIST_MAP_KEYS[path] ?? [meta.mergeKey])];
}

function walk(schemas: ReadonlyMap<string, Schema>, name: string, patch: PatchSchema, seen: Set<string>): void {
  const key = `${name}:${JSON.stringify(patch)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const props = properties(schemas.get(name));
  if (props === undefined) return;
  for (const [field, meta] of Object.entries(patch)) {
    const prop = props[field];
    if (prop === undefined) continue;
    annotate(prop, meta, `${name}.${field}`);
    const target = referencedName(prop);
    if (meta.fields !== undefined && target !== undefined) walk(schemas, target, meta.fields, seen);
  }
}

/**
 * Adds the strategic-merge-patch extensions (`x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`)
 * and the server-side-apply ones (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`,
 * `x-kubernetes-map-type`) to the schemas of built-in kinds, from the same tables the API server
 * patches with, so clients compute the patches the server applies.
 */
export function annotatePatchMetadata(schemas: Map<string, Schema>, kinds: ReadonlyMap<string, string>): void {
  const seen = new Set<string>();
  for (const [gvk, name] of kinds) {
    const [group = '', version = '', kind = ''] = gvk.split('/');
    const patch = patchSchemaFor({ apiVersion: group === '' ? version : `${group}/${version}`, kind });
    if (patch !== undefined) walk(schemas, name, patch, seen);
  }
  for (const name of ATOMIC_TYPES) {
    const s = schemas.get(name);
    if (s !== undefined) s['x-kubernetes-map-type'] = 'atomic';
  }
  for (const path of ATOMIC_FIELDS) {
    const dot = path.lastIndexOf('.');
    const prop = properties(schemas.get(path.slice(0, dot)))?.[path.slice(dot + 1)];
    if (prop !== undefined) prop['x-kubernetes-map-type'] = 'atomic';
  }
  for (const [type, field, value] of KEY_DEFAULTS) {
    const prop = properties(schemas.get(type))?.[field];
    if (prop !== undefined) prop['default'] = value;
  }
}
