import { produce } from 'immer';
import type {
  Endpoints,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PodTemplate,
  ReplicationController,
  Secret,
} from 'kubernetes-types/core/v1.js';
import { applyClaimSpecDefaults, applyPodTemplateDefaults } from './applyPodSpecDefaults.ts';

// Upstream `pkg/apis/core/v1/defaults.go` for the core kinds other than Pod and Service.

/** The label every namespace carries with its own name (`kubernetes.io/metadata.name`). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * `SetDefaults_ReplicationController`: with a template, an empty selector and empty labels default to
 * the template's labels; replicas 1. The template is a pointer upstream, so only a present one is defaulted.
 */
export function defaultReplicationController(obj: ReplicationController): ReplicationController {
  return produce(obj, (d) => {
    const spec = (d.spec ??= {});
    const labels = spec.template?.metadata?.labels;
    if (labels != null) {
      if (Object.keys(spec.selector ?? {}).length === 0) spec.selector = { ...labels };
      const meta = (d.metadata ??= {});
      if (Object.keys(meta.labels ?? {}).length === 0) meta.labels = { ...labels };
    }
    if (spec.replicas == null) spec.replicas = 1;
    if (spec.template != null) applyPodTemplateDefaults(spec.template);
  });
}

/** A PodTemplate's template gets pod-spec defaults. */
export function defaultPodTemplate(obj: PodTemplate): PodTemplate {
  return produce(obj, (d) => {
    applyPodTemplateDefaults((d.template ??= {}));
  });
}

/** `SetDefaults_Namespace` (the `kubernetes.io/metadata.name` label) and `SetDefaults_NamespaceStatus` (phase Active). */
export function defaultNamespace(obj: Namespace): Namespace {
  return produce(obj, (d) => {
    const name = d.metadata?.name;
    // A namespace being created with generateName has no name yet; upstream skips the label then.
    if (name) ((d.metadata ??= {}).labels ??= {})[NAMESPACE_NAME_LABEL] = name;
    const status = (d.status ??= {});
    if (!status.phase) status.phase = 'Active';
  });
}

/** `SetDefaults_NodeStatus`: allocatable defaults to capacity. */
export function defaultNode(obj: Node): Node {
  return produce(obj, (d) => {
    const status = d.status;
    if (status?.capacity != null && status.allocatable == null) status.allocatable = { ...status.capacity };
  });
}

/** `SetDefaults_PersistentVolume`: phase Pending, reclaim policy Retain, volumeMode Filesystem. */
export function defaultPersistentVolume(obj: PersistentVolume): PersistentVolume {
  return produce(obj, (d) => {
    const status = (d.status ??= {});
    if (!status.phase) status.phase = 'Pending';
    const spec = (d.spec ??= {});
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
    if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
    if (spec.hostPath && spec.hostPath.type == null) spec.hostPath.type = '';
  });
}

/** `SetDefaults_PersistentVolumeClaim` and its spec's: phase Pending, volumeMode Filesystem. */
export function defaultPersistentVolumeClaim(obj: PersistentVolumeClaim): PersistentVolumeClaim {
  return produce(obj, (d) => {
    const status = (d.status ??= {});
    if (!status.phase) status.phase = 'Pending';
    applyClaimSpecDefaults((d.spec ??= {}));
  });
}

/**
 * `SetDefaults_Secret` (type Opaque), and the v1 conversion that folds `stringData` into `data`
 * (base64-encoded, overwriting) so a stored Secret never carries `stringData`.
 */
export function defaultSecret(obj: Secret): Secret {
  return produce(obj, (d) => {
    if (!d.type) d.type = 'Opaque';
    if (d.stringData != null) {
      const data = (d.data ??= {});
      for (const [k, v] of Object.entries(d.stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
      delete d.stringData;
    }
  });
}

/** `SetDefaults_Endpoints`: port protocol TCP. */
export function defaultEndpoints(obj: Endpoints): Endpoints {
  return produce(obj, (d) => {
    for (const subset of d.subsets ?? []) {
      for (const p of subset.ports ?? []) {
        if (!p.protocol) p.protocol = 'TCP';
      }
    }
  });
}

/**
 * `SetDefaults_LimitRangeItem` for Container items: default limit from max, default request from the
 * default limit, else from min.
 */
export function defaultLimitRange(obj: LimitRange): LimitRange {
  return produce(obj, (d) => {
    for (const item of d.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      const def: Record<string, string> = { ...item.default };
      for (const [k, v] of Object.entries(item.max ?? {})) def[k] ??= v;
      const req: Record<string, string> = { ...item.defaultRequest };
      for (const [k, v] of Object.entries(def)) req[k] ??= v;
      for (const [k, v] of Object.entries(item.min ?? {})) req[k] ??= v;
      if (Object.keys(def).length > 0) item.default = def;
      if (Object.keys(req).length > 0) item.defaultRequest = req;
    }
  });
}
