import { BUILTIN_RESOURCES } from '../builtinResources.ts';
import { parseApiVersion } from '../resourceInfo.ts';

/**
 * How one field merges under a strategic merge patch: the `patchStrategy` / `patchMergeKey` struct tags
 * of k8s.io/api. A field that is not in the table is a map that merges member by member, or a list that
 * is replaced whole.
 */
export interface FieldPatchMeta {
  /** `merge` for lists merged by `mergeKey` (or, for lists of scalars, as a set); `replace` for maps sent whole. */
  readonly strategy?: 'merge' | 'replace';
  readonly mergeKey?: string;
  /** The `retainKeys` strategy: a patch of this map (or of each list element) lists the members to keep. */
  readonly retainKeys?: boolean;
  /** The table for the field's value (a map) or for each element (a list of maps). */
  readonly fields?: PatchSchema;
}

/** Patch metadata of an object's fields, by JSON field name. */
export type PatchSchema = Readonly<Record<string, FieldPatchMeta>>;

/** The object kind a patch targets. */
export interface PatchTargetKind {
  readonly apiVersion: string;
  readonly kind: string;
}

/** The metadata of `key` in `schema`, or `undefined` (own members only, so `constructor` is no field). */
export function fieldMeta(schema: PatchSchema | undefined, key: string): FieldPatchMeta | undefined {
  return schema !== undefined && Object.hasOwn(schema, key) ? schema[key] : undefined;
}

function byKey(mergeKey: string, fields?: PatchSchema, retainKeys = false): FieldPatchMeta {
  return { strategy: 'merge', mergeKey, ...(retainKeys ? { retainKeys } : {}), ...(fields ? { fields } : {}) };
}

function nested(fields: PatchSchema): FieldPatchMeta {
  return { fields };
}

// A list of scalars with patchStrategy "merge": merged as a set (metadata.finalizers, node spec.podCIDRs).
const SCALAR_SET: FieldPatchMeta = { strategy: 'merge' };
const CONDITIONS = byKey('type');

// k8s.io/apimachinery ObjectMeta.
const OBJECT_META: PatchSchema = { finalizers: SCALAR_SET, ownerReferences: byKey('uid') };

// k8s.io/api core/v1 Container and EphemeralContainerCommon (resizePolicy, envFrom: atomic → replaced).
const CONTAINER: PatchSchema = {
  ports: byKey('containerPort'),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

// core/v1 PodSpec. tolerations, readinessGates and the rest carry no strategy and are replaced whole.
const POD_SPEC: PatchSchema = {
  containers: byKey('name', CONTAINER),
  initContainers: byKey('name', CONTAINER),
  ephemeralContainers: byKey('name', CONTAINER),
  volumes: byKey('name', undefined, true),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  resourceClaims: byKey('name', undefined, true),
  schedulingGates: byKey('name'),
};

const POD_TEMPLATE_SPEC: PatchSchema = { metadata: nested(OBJECT_META), spec: nested(POD_SPEC) };
const WITH_CONDITIONS: FieldPatchMeta = nested({ conditions: CONDITIONS });

function root(fields: PatchSchema = {}): PatchSchema {
  return { metadata: nested(OBJECT_META), ...fields };
}

function workload(spec: PatchSchema = {}): PatchSchema {
  return root({ spec: nested({ template: nested(POD_TEMPLATE_SPEC), ...spec }), status: WITH_CONDITIONS });
}

/** The kinds with list merge keys beyond `metadata`, by `group/Kind` (`/Pod` for the core group). */
const KIND_SCHEMAS: Readonly<Record<string, PatchSchema>> = {
  '/Pod': root({
    spec: nested(POD_SPEC),
    status: nested({ conditions: CONDITIONS, podIPs: byKey('ip'), hostIPs: byKey('ip'), resourceClaimStatuses: byKey('name', undefined, true) }),
  }),
  '/PodTemplate': root({ template: nested(POD_TEMPLATE_SPEC) }),
  '/ReplicationController': workload(),
  '/Node': root({ spec: nested({ podCIDRs: SCALAR_SET }), status: nested({ conditions: CONDITIONS, addresses: byKey('type') }) }),
  '/Namespace': root({ status: WITH_CONDITIONS }),
  '/PersistentVolumeClaim': root({ status: WITH_CONDITIONS }),
  '/Service': root({ spec: nested({ ports: byKey('port') }), status: WITH_CONDITIONS }),
  '/ServiceAccount': root({ secrets: byKey('name') }),
  '/ComponentStatus': root({ conditions: CONDITIONS }),
  'apps/Deployment': workload({ strategy: { retainKeys: true } }),
  'apps/ReplicaSet': workload(),
  'apps/DaemonSet': workload(),
  'apps/StatefulSet': workload(),
  'batch/Job': workload(),
  'batch/CronJob': root({
    spec: nested({ jobTemplate: nested({ metadata: nested(OBJECT_META), spec: nested({ template: nested(POD_TEMPLATE_SPEC) }) }) }),
  }),
  'autoscaling/HorizontalPodAutoscaler': root({ status: WITH_CONDITIONS }),
  'policy/PodDisruptionBudget': root({ status: WITH_CONDITIONS }),
};

const BASE_SCHEMA = root();

const BUILTIN_KINDS: ReadonlySet<string> = new Set(BUILTIN_RESOURCES.map((r) => `${r.group}/${r.kind}`));

function kindKey(kind: PatchTargetKind): string {
  return `${parseApiVersion(kind.apiVersion).group}/${kind.kind}`;
}

/**
 * True when kube-apiserver accepts `application/strategic-merge-patch+json` for `kind`: the built-in
 * kinds. Custom resources have no Go struct tags, so the apiextensions server refuses strategic merge
 * patches with 415 UnsupportedMediaType, and `kubectl apply` falls back to a JSON merge patch for them.
 */
export function supportsStrategicMergePatch(kind: PatchTargetKind): boolean {
  return BUILTIN_KINDS.has(kindKey(kind));
}

/**
 * The strategic-merge-patch table for a built-in kind (matched by group and kind, any version), or
 * `undefined` for a kind that does not support strategic merge patch (a custom resource).
 */
export function patchSchemaFor(kind: PatchTargetKind): PatchSchema | undefined {
  const key = kindKey(kind);
  if (!BUILTIN_KINDS.has(key)) return undefined;
  return Object.hasOwn(KIND_SCHEMAS, key) ? KIND_SCHEMAS[key] : BASE_SCHEMA;
}
