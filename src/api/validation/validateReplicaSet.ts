// Upstream ValidateReplicaSet (apps) and ValidateReplicationController (core).
import type { ReplicaSet, ReplicaSetSpec } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController, ReplicationControllerSpec } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { labelSelectorFromSet } from '../labelSelector.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { selectorOf, validateLongRunningTemplate, validateRequiredSelector } from './validateWorkloadTemplate.ts';
import { immutable, nonNegative } from './validationUtils.ts';

/** Upstream `ValidateReplicaSetSpec`. */
export function validateReplicaSetSpec(spec: ReplicaSetSpec | undefined): FieldError[] {
  const errs = [...nonNegative(spec?.replicas, 'spec.replicas'), ...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds')];
  // Upstream's message says "deployment" here too.
  errs.push(...validateRequiredSelector(spec?.selector, 'spec.selector', 'deployment'));
  const selector = selectorOf(spec?.selector);
  if (selector === undefined) errs.push(fieldError.invalid('spec.selector', spec?.selector, 'invalid label selector'));
  else errs.push(...validateLongRunningTemplate(spec?.template, selector, 'spec.template', { kindName: 'ReplicaSet', forbidden: false }));
  return errs;
}

/** Upstream `ValidateReplicaSet`. Expects a defaulted ReplicaSet. */
export function validateReplicaSet(obj: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true), ...validateReplicaSetSpec(obj.spec)];
}

/** Upstream `ValidateReplicaSetUpdate` plus the apps/v1 rule that the selector is immutable. */
export function validateReplicaSetUpdate(obj: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateReplicaSetSpec(obj.spec), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector')];
}

/** Upstream `ValidateReplicationControllerSpec`: a non-empty map selector matching the template. */
export function validateReplicationControllerSpec(spec: ReplicationControllerSpec | undefined): FieldError[] {
  const errs = nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds');
  const hasSelector = Object.keys(spec?.selector ?? {}).length > 0;
  if (!hasSelector) errs.push(fieldError.required('spec.selector'));
  errs.push(...nonNegative(spec?.replicas, 'spec.replicas'));
  if (spec?.template == null) errs.push(fieldError.required('spec.template'));
  else {
    const selector = hasSelector ? labelSelectorFromSet(spec.selector) : undefined;
    errs.push(...validateLongRunningTemplate(spec.template, selector, 'spec.template', { kindName: 'ReplicationController', forbidden: true }));
  }
  return errs;
}

/** Upstream `ValidateReplicationController`. Expects a defaulted ReplicationController. */
export function validateReplicationController(obj: ReplicationController): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true), ...validateReplicationControllerSpec(obj.spec)];
}

/** Upstream `ValidateReplicationControllerUpdate` (the selector of a ReplicationController may change). */
export function validateReplicationControllerUpdate(obj: ReplicationController, old: ReplicationController): FieldError[] {
  return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateReplicationControllerSpec(obj.spec)];
}
