import { produce } from 'immer';
import type { Namespace, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../meta.ts';
import { defaultHorizontalPodAutoscaler } from './defaultAutoscaling.ts';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from './defaultApps.ts';
import { defaultCronJob, defaultJob } from './defaultBatch.ts';
import { defaultPriorityClass, defaultRoleBinding, defaultStorageClass } from './defaultClusterKinds.ts';
import {
  defaultEndpoints,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultPodTemplate,
  defaultReplicationController,
  defaultSecret,
} from './defaultCore.ts';
import { defaultEndpointSlice, defaultNetworkPolicy } from './defaultNetworking.ts';
import { admitPodOnCreate, defaultPod } from './defaultPod.ts';
import { defaultService } from './defaultService.ts';

type Defaulter = (obj: never) => unknown;

// Keyed by `apiVersion/kind`: defaults are per served version, as upstream registers them.
const DEFAULTERS: Readonly<Record<string, Defaulter>> = {
  'v1/Pod': defaultPod,
  'v1/Service': defaultService,
  'v1/ReplicationController': defaultReplicationController,
  'v1/PodTemplate': defaultPodTemplate,
  'v1/Namespace': defaultNamespace,
  'v1/Node': defaultNode,
  'v1/PersistentVolume': defaultPersistentVolume,
  'v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
  'v1/Secret': defaultSecret,
  'v1/Endpoints': defaultEndpoints,
  'v1/LimitRange': defaultLimitRange,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
  'apps/v1/DaemonSet': defaultDaemonSet,
  'apps/v1/StatefulSet': defaultStatefulSet,
  'batch/v1/Job': defaultJob,
  'batch/v1/CronJob': defaultCronJob,
  'autoscaling/v2/HorizontalPodAutoscaler': defaultHorizontalPodAutoscaler,
  'discovery.k8s.io/v1/EndpointSlice': defaultEndpointSlice,
  'networking.k8s.io/v1/NetworkPolicy': defaultNetworkPolicy,
  'rbac.authorization.k8s.io/v1/RoleBinding': defaultRoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': defaultRoleBinding,
  'scheduling.k8s.io/v1/PriorityClass': defaultPriorityClass,
  'storage.k8s.io/v1/StorageClass': defaultStorageClass,
};

/**
 * kube-apiserver's decode-time defaulting for `obj`'s apiVersion and kind (an object of another kind is
 * returned as is). Pure: returns a new object and never mutates `obj`, which may be deep-frozen.
 * Idempotent, so it is safe on every write (create, update, patch, any subresource).
 * @public
 */
export function defaultObject<T extends KubeObject>(obj: T): T {
  const defaulter = DEFAULTERS[`${obj.apiVersion ?? ''}/${obj.kind ?? ''}`];
  return defaulter === undefined ? obj : (defaulter(obj as never) as T);
}

/** `spec.finalizers` a new Namespace must carry so the namespace controller empties it before deletion. */
export const NAMESPACE_FINALIZER = 'kubernetes';

/**
 * {@link defaultObject} plus what kube-apiserver does to a new object only on create, in its strategies'
 * `PrepareForCreate` and the default admission plugins:
 * - Pod: ServiceAccount, Priority and DefaultTolerationSeconds admission (see `admitPodOnCreate`).
 * - Namespace: `spec.finalizers` gets `kubernetes` (not a decode default upstream: the namespace
 *   controller removes it through `/finalize`, and re-adding it on update would block deletion).
 * Status resets of `PrepareForCreate` are left to the API server.
 * @public
 */
export function defaultForCreate<T extends KubeObject>(obj: T): T {
  const defaulted = defaultObject(obj);
  const key = `${defaulted.apiVersion ?? ''}/${defaulted.kind ?? ''}`;
  if (key === 'v1/Pod') return admitPodOnCreate(defaulted as unknown as Pod) as unknown as T;
  if (key === 'v1/Namespace') {
    return produce(defaulted as unknown as Namespace, (d) => {
      const finalizers = ((d.spec ??= {}).finalizers ??= []);
      if (!finalizers.includes(NAMESPACE_FINALIZER)) finalizers.push(NAMESPACE_FINALIZER);
    }) as unknown as T;
  }
  return defaulted;
}
