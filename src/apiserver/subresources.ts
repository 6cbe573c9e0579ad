import { produce } from 'immer';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { fieldError, invalid } from '../api/fieldErrors.ts';
import type { AnyObject, KubeObject, StoredObject } from '../api/meta.ts';
import { labelSelectorFromSpec, matchesLabels } from '../api/labelSelector.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { conflict, notFound, StatusError } from '../api/status.ts';
import { StoreConflictError } from '../store/storeTypes.ts';
import type { ApiServer } from './apiServer.ts';
import type { DeleteOptions, WriteOptions } from './requestOptions.ts';
import { rfc3339 } from './timestamps.ts';

/** `autoscaling/v1` Scale, as the scale subresource serves it. */
export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; creationTimestamp?: string };
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function selectorText(obj: KubeObject, info: ResourceInfo): string | undefined {
  const spec = (obj as AnyObject)['spec'] as { selector?: unknown } | undefined;
  const sel = spec?.selector;
  if (sel === undefined || sel === null) return undefined;
  if (info.kind === 'ReplicationController') {
    return Object.entries(sel as Record<string, string>).map(([k, v]) => `${k}=${v}`).sort().join(',');
  }
  const s = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.sort().join(',');
}

/** The Scale of a Deployment, ReplicaSet, StatefulSet, ReplicationController (or custom resource with a scale subresource). */
export function scaleOf(obj: StoredObject, info: ResourceInfo, paths = { spec: '.spec.replicas', status: '.status.replicas' }): Scale {
  const selector = selectorText(obj, info);
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: obj.metadata.name,
      ...(obj.metadata.namespace !== undefined ? { namespace: obj.metadata.namespace } : {}),
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      ...(obj.metadata.creationTimestamp !== undefined ? { creationTimestamp: obj.metadata.creationTimestamp } : {}),
    },
    spec: { replicas: (getPath(obj, paths.spec) as number | undefined) ?? 0 },
    status: { replicas: (getPath(obj, paths.status) as number | undefined) ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Writes `scale.spec.replicas` into the object (precondition: the Scale's resourceVersion, when set). */
export function updateScale(api: ApiServer, info: ResourceInfo, name: string, namespace: string | undefined, scale: { metadata?: { resourceVersion?: string }; spec?: { replicas?: number } }, opts: WriteOptions = {}): Scale {
  if (!info.subresources.includes('scale')) throw notFound(`${info.plural}/scale`, name, info.group);
  const current = api.get(info, name, namespace);
  const replicas = scale.spec?.replicas;
  if (replicas === undefined || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', name, [fieldError.invalid('spec.replicas', replicas ?? null, 'must be greater than or equal to 0')], 'autoscaling');
  }
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== current.metadata.resourceVersion) throw conflict(info.plural, name, info.group);
  const next = produce(current as AnyObject, (d) => {
    const spec = (d['spec'] ??= {}) as { replicas?: number };
    spec.replicas = replicas;
  });
  const updated = api.update(next, { ...opts, ...(namespace !== undefined ? { namespace } : {}) });
  return scaleOf(updated, info);
}

/**
 * The pods/binding subresource: sets `spec.nodeName` once (409 when the pod is already bound) and
 * the `PodScheduled` condition in one write. Like kube-apiserver's BindingREST (a GuaranteedUpdate
 * on storage), it bypasses pod update validation, which forbids changing `spec.nodeName`.
 */
export function bindPod(api: ApiServer, namespace: string, name: string, nodeName: string, opts: WriteOptions = {}): StoredObject<Pod & KubeObject> {
  const podInfo = api.resource({ apiVersion: 'v1', kind: 'Pod' });
  for (;;) {
    const pod = api.get<Pod & KubeObject>(podInfo, name, namespace);
    if (!nodeName) throw invalid('Binding', name, [fieldError.required('target.name')]);
    if (pod.spec?.nodeName) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    if (pod.metadata.deletionTimestamp !== undefined) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
    const now = rfc3339(api.clock.now());
    const bound = produce(pod, (d) => {
      (d.spec ??= { containers: [] }).nodeName = nodeName;
      const status = (d.status ??= {});
      status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastTransitionTime: now }];
    });
    if (opts.dryRun === 'All') return bound;
    try {
      return api.store.update(api.storageKey(podInfo), `${pod.metadata.namespace ?? 'default'}/${name}`, bound, pod.metadata.resourceVersion) as StoredObject<Pod & KubeObject>;
    } catch (e) {
      // A write between our read and ours: read again (GuaranteedUpdate retries the same way).
      if (!(e instanceof StoreConflictError && e.code === 'stale')) throw e;
    }
  }
}

/**
 * The pods/eviction subresource: deletes the pod unless a PodDisruptionBudget covering it allows no
 * more disruptions (429 with kube-apiserver's message), then records the disruption in the budget.
 */
export function evictPod(api: ApiServer, namespace: string, name: string, deleteOptions: DeleteOptions = {}): StoredObject {
  const podInfo = api.resource({ apiVersion: 'v1', kind: 'Pod' });
  const pod = api.get<Pod & KubeObject>(podInfo, name, namespace);
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  if (!terminal && pod.metadata.deletionTimestamp === undefined) {
    const pdbInfo = api.resource({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' });
    const budgets = api.list<PodDisruptionBudget & KubeObject>(pdbInfo, { namespace }).items.filter((b) => matchesLabels(labelSelectorFromSpec(b.spec?.selector), pod.metadata.labels));
    if (budgets.length > 1) throw new StatusError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    const pdb = budgets[0];
    if (pdb !== undefined) {
      if ((pdb.status?.disruptionsAllowed ?? 0) < 1 || (pdb.status?.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) {
        throw new StatusError(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.', {
          causes: [{ reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata.name} needs ${pdb.status?.desiredHealthy ?? 0} healthy pods and has ${pdb.status?.currentHealthy ?? 0} currently` }],
        });
      }
      api.update({ ...pdb, status: { ...pdb.status, disruptionsAllowed: (pdb.status?.disruptionsAllowed ?? 1) - 1, disruptedPods: { ...pdb.status?.disruptedPods, [name]: rfc3339(api.clock.now()) } } } as PodDisruptionBudget & KubeObject, { subresource: 'status' });
    }
  }
  return api.delete(podInfo, name, { ...deleteOptions, namespace });
}
