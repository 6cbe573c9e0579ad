// Upstream ValidateDeployment / ValidateDeploymentUpdate (pkg/apis/apps/validation).
import type { Deployment, DeploymentSpec, DeploymentStrategy } from 'kubernetes-types/apps/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { selectorOf, validateLongRunningTemplate, validateRequiredSelector } from './validateWorkloadTemplate.ts';
import { immutable, intOrPercentValue, nonNegative, notMoreThan100Percent, validatePositiveIntOrPercent } from './validationUtils.ts';

function validateStrategy(strategy: DeploymentStrategy | undefined, path: string): FieldError[] {
  const type = strategy?.type ?? '';
  if (type === 'Recreate') {
    return strategy?.rollingUpdate != null ? [fieldError.forbidden(`${path}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== 'RollingUpdate') return [fieldError.notSupported(`${path}.type`, type, ['Recreate', 'RollingUpdate'])];
  const ru = strategy?.rollingUpdate;
  if (ru == null) return [fieldError.required(`${path}.rollingUpdate`, 'this should be defaulted and never be nil')];
  const p = `${path}.rollingUpdate`;
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(fieldError.invalid(`${p}.maxUnavailable`, ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`));
  return errs;
}

/** Upstream `ValidateDeploymentSpec`. */
export function validateDeploymentSpec(spec: DeploymentSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec?.replicas, 'spec.replicas'));
  errs.push(...validateRequiredSelector(spec?.selector, 'spec.selector', 'deployment'));
  const selector = selectorOf(spec?.selector);
  if (selector === undefined) errs.push(fieldError.invalid('spec.selector', spec?.selector, 'invalid label selector'));
  else errs.push(...validateLongRunningTemplate(spec?.template, selector, 'spec.template', { kindName: 'ReplicaSet', forbidden: false }));
  errs.push(...validateStrategy(spec?.strategy, 'spec.strategy'));
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const pds = spec?.progressDeadlineSeconds;
  if (pds != null) {
    errs.push(...nonNegative(pds, 'spec.progressDeadlineSeconds'));
    if (pds <= (spec?.minReadySeconds ?? 0)) errs.push(fieldError.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** Upstream `ValidateDeployment`. Expects a defaulted Deployment. */
export function validateDeployment(obj: Deployment): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true), ...validateDeploymentSpec(obj.spec)];
}

/** Upstream `ValidateDeploymentUpdate` plus the apps/v1 strategy rule that the selector is immutable. */
export function validateDeploymentUpdate(obj: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...validateDeploymentSpec(obj.spec),
    ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector'),
  ];
}
