import type { Deployment, DaemonSet, ReplicaSet, StatefulSet, ControllerRevision } from 'kubernetes-types/apps/v1.js';
import type { Job, CronJob } from 'kubernetes-types/batch/v1.js';
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type {
  ConfigMap,
  Endpoints,
  Event,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1.js';

/**
 * Built-in kinds by name, so `client.get('Pod', …)` is typed as a `Pod`.
 * @public
 */
export interface KnownKinds {
  ConfigMap: ConfigMap;
  ControllerRevision: ControllerRevision;
  CronJob: CronJob;
  CustomResourceDefinition: CustomResourceDefinition;
  DaemonSet: DaemonSet;
  Deployment: Deployment;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  Event: Event;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Ingress: Ingress;
  IngressClass: IngressClass;
  Job: Job;
  Lease: Lease;
  LimitRange: LimitRange;
  Namespace: Namespace;
  NetworkPolicy: NetworkPolicy;
  Node: Node;
  PersistentVolume: PersistentVolume;
  PersistentVolumeClaim: PersistentVolumeClaim;
  Pod: Pod;
  PodDisruptionBudget: PodDisruptionBudget;
  PodTemplate: PodTemplate;
  PriorityClass: PriorityClass;
  ReplicaSet: ReplicaSet;
  ReplicationController: ReplicationController;
  ResourceQuota: ResourceQuota;
  Role: Role;
  RoleBinding: RoleBinding;
  ClusterRole: ClusterRole;
  ClusterRoleBinding: ClusterRoleBinding;
  Secret: Secret;
  Service: Service;
  ServiceAccount: ServiceAccount;
  StatefulSet: StatefulSet;
  StorageClass: StorageClass;
}

/** The object type a type reference names: a {@link KnownKinds} name gives its type, anything else `KubeObject`. */
export type KindOf<R, Fallback> = R extends keyof KnownKinds ? KnownKinds[R] : Fallback;
