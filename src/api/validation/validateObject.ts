// The per-kind validation dispatch: kube-apiserver's strategies' Validate / ValidateUpdate.
import type { PodTemplate } from 'kubernetes-types/core/v1.js';
import { BUILTIN_RESOURCES } from '../builtinResources.ts';
import type { FieldError } from '../fieldErrors.ts';
import type { KubeObject } from '../meta.ts';
import { apiVersionOf, parseApiVersion, type ResourceInfo } from '../resourceInfo.ts';
import { validateBinding, validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from './validateAutoscaling.ts';
import {
  validateLease, validateLeaseUpdate, validateNamespace, validateNamespaceUpdate, validateNode, validateNodeUpdate, validatePriorityClass, validatePriorityClassUpdate,
} from './validateClusterKinds.ts';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './validateConfigData.ts';
import { validateCronJob, validateCronJobUpdate } from './validateCronJob.ts';
import { validateDaemonSet, validateDaemonSetUpdate } from './validateDaemonSet.ts';
import { validateDeployment, validateDeploymentUpdate } from './validateDeployment.ts';
import { validateEndpoints, validateEndpointSlice, validateEndpointSliceUpdate, validateEndpointsUpdate } from './validateEndpoints.ts';
import { validateCoreEvent, validateCoreEventUpdate, validateEventsEvent, validateEventsEventUpdate } from './validateEvent.ts';
import { validateIngress, validateIngressClass, validateIngressClassUpdate, validateIngressUpdate } from './validateIngress.ts';
import { validateJob, validateJobUpdate } from './validateJob.ts';
import { nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate, type NameValidator } from './validateObjectMeta.ts';
import { validatePod, validatePodUpdate } from './validatePod.ts';
import { validatePodTemplateSpec } from './validatePodSpec.ts';
import { validateReplicaSet, validateReplicaSetUpdate, validateReplicationController, validateReplicationControllerUpdate } from './validateReplicaSet.ts';
import { validateService, validateServiceUpdate } from './validateService.ts';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate } from './validateStorage.ts';
import { validateStatefulSet, validateStatefulSetUpdate } from './validateStatefulSet.ts';

interface KindValidator {
  create(obj: never): FieldError[];
  update(obj: never, old: never): FieldError[];
}

const v = <T>(create: (o: T) => FieldError[], update: (o: T, old: T) => FieldError[]): KindValidator => ({ create, update });

const podTemplate = v<PodTemplate>(
  (t) => [...validateObjectMeta(t.metadata, true), ...validatePodTemplateSpec(t.template, 'template')],
  (t, old) => [...validateObjectMetaUpdate(t.metadata, old.metadata), ...validatePodTemplateSpec(t.template, 'template')],
);

// Keyed by `apiVersion/kind`, as the strategies are registered per served version.
const VALIDATORS: Readonly<Record<string, KindValidator>> = {
  'v1/Pod': v(validatePod, validatePodUpdate),
  'v1/Service': v(validateService, validateServiceUpdate),
  'v1/ReplicationController': v(validateReplicationController, validateReplicationControllerUpdate),
  'v1/PodTemplate': podTemplate,
  'v1/Namespace': v(validateNamespace, validateNamespaceUpdate),
  'v1/Node': v(validateNode, validateNodeUpdate),
  'v1/PersistentVolume': v(validatePersistentVolume, validatePersistentVolumeUpdate),
  'v1/PersistentVolumeClaim': v(validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate),
  'v1/ConfigMap': v(validateConfigMap, validateConfigMapUpdate),
  'v1/Secret': v(validateSecret, validateSecretUpdate),
  'v1/Endpoints': v(validateEndpoints, validateEndpointsUpdate),
  'v1/Event': v(validateCoreEvent, validateCoreEventUpdate),
  'events.k8s.io/v1/Event': v(validateEventsEvent, validateEventsEventUpdate),
  'apps/v1/Deployment': v(validateDeployment, validateDeploymentUpdate),
  'apps/v1/ReplicaSet': v(validateReplicaSet, validateReplicaSetUpdate),
  'apps/v1/DaemonSet': v(validateDaemonSet, validateDaemonSetUpdate),
  'apps/v1/StatefulSet': v(validateStatefulSet, validateStatefulSetUpdate),
  'batch/v1/Job': v(validateJob, validateJobUpdate),
  'batch/v1/CronJob': v(validateCronJob, validateCronJobUpdate),
  'autoscaling/v2/HorizontalPodAutoscaler': v(validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate),
  'coordination.k8s.io/v1/Lease': v(validateLease, validateLeaseUpdate),
  'scheduling.k8s.io/v1/PriorityClass': v(validatePriorityClass, validatePriorityClassUpdate),
  'networking.k8s.io/v1/Ingress': v(validateIngress, validateIngressUpdate),
  'networking.k8s.io/v1/IngressClass': v(validateIngressClass, validateIngressClassUpdate),
  'discovery.k8s.io/v1/EndpointSlice': v(validateEndpointSlice, validateEndpointSliceUpdate),
};

// RBAC names may hold ':' (system:controller:…), so they are path segments, not DNS names.
const PATH_SEGMENT_GROUPS = new Set(['rbac.authorization.k8s.io']);

function builtinInfo(apiVersion: string | undefined, kind: string | undefined): ResourceInfo | undefined {
  const { group } = parseApiVersion(apiVersion ?? '');
  return BUILTIN_RESOURCES.find((r) => r.group === group && r.kind === kind);
}

function genericCreate(obj: KubeObject, namespaced: boolean, group: string, builtin: boolean): FieldError[] {
  const nameFn: NameValidator | undefined = PATH_SEGMENT_GROUPS.has(group) ? nameIsPathSegment : undefined;
  return validateObjectMeta(obj.metadata, namespaced, 'metadata', nameFn, builtin);
}

/**
 * Validation of a (defaulted) object on create, or on update when `old` is given, chosen by apiVersion
 * and kind. Kinds without their own rules get metadata validation only (scope from the built-in table,
 * else from whether the object has a namespace).
 * @public
 */
export function validateObject(obj: KubeObject, old?: KubeObject): FieldError[] {
  const info = builtinInfo(obj.apiVersion, obj.kind);
  const namespaced = info?.namespaced ?? Boolean(obj.metadata?.namespace);
  const { group } = parseApiVersion(obj.apiVersion ?? '');
  const fallback: ResourceInfo = info ?? ({ group, version: '', kind: obj.kind ?? '', namespaced, stored: true } as ResourceInfo);
  return old === undefined ? validateCreate(obj, fallback) : validateUpdate(obj, old, fallback);
}

/**
 * What kube-apiserver checks before storing a new object of resource `info` (the strategy's
 * `Validate`). Expects `obj` defaulted. An empty list means valid.
 * @public
 */
export function validateCreate(obj: KubeObject, info: ResourceInfo): FieldError[] {
  if (!info.stored) return info.group === '' && info.kind === 'Binding' ? validateBinding(obj as never) : [];
  const validator = VALIDATORS[`${obj.apiVersion ?? apiVersionOf(info)}/${info.kind}`];
  if (validator !== undefined) return validator.create(obj as never);
  return genericCreate(obj, info.namespaced, info.group, builtinInfo(obj.apiVersion ?? apiVersionOf(info), info.kind) !== undefined);
}

/**
 * What kube-apiserver checks before storing an update of `old` to `obj` (the strategy's
 * `ValidateUpdate`): immutable fields and the new object's validity. Expects `obj` defaulted.
 * @public
 */
export function validateUpdate(obj: KubeObject, old: KubeObject, info: ResourceInfo): FieldError[] {
  const validator = VALIDATORS[`${obj.apiVersion ?? apiVersionOf(info)}/${info.kind}`];
  if (validator !== undefined) return validator.update(obj as never, old as never);
  const builtin = builtinInfo(obj.apiVersion ?? apiVersionOf(info), info.kind) !== undefined;
  return validateObjectMetaUpdate(obj.metadata, old.metadata, 'metadata', builtin);
}
