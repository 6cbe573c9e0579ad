// Upstream ValidateDaemonSet / ValidateDaemonSetUpdate (pkg/apis/apps/validation).
import type { DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { validatePodTemplateSpec } from './validatePodSpec.ts';
import { restartAlwaysErrors, selectorMatchErrors, selectorOf, validateRequiredSelector } from './validateWorkloadTemplate.ts';
import { immutable, intOrPercentValue, nonNegative, notMoreThan100Percent, validatePositiveIntOrPercent } from './validationUtils.ts';

function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined, path: string): FieldError[] {
  const type = strategy?.type ?? '';
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') return [fieldError.notSupported(`${path}.type`, type, ['RollingUpdate', 'OnDelete'])];
  const ru = strategy?.rollingUpdate;
  if (ru == null) return [fieldError.required(`${path}.rollingUpdate`)];
  const p = `${path}.rollingUpdate`;
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${p}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${p}.maxSurge`),
  ];
  const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const surge = intOrPercentValue(ru.maxSurge) !== 0;
  if (unavailable && surge) errs.push(fieldError.invalid(`${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (!unavailable && !surge) errs.push(fieldError.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** Upstream `ValidateDaemonSetSpec`. */
export function validateDaemonSetSpec(spec: DaemonSetSpec | undefined): FieldError[] {
  const errs = validateRequiredSelector(spec?.selector, 'spec.selector');
  const selector = selectorOf(spec?.selector);
  // A nil selector matches nothing, so upstream reports the template labels as not matching too.
  errs.push(...selectorMatchErrors(selector, spec?.template, 'spec.template', false));
  const sel = spec?.selector;
  if (sel != null && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(fieldError.invalid('spec.selector', sel, 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec?.template, 'spec.template'));
  errs.push(...restartAlwaysErrors(spec?.template, 'spec.template', { kindName: 'DaemonSet', forbidden: false }));
  errs.push(...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateUpdateStrategy(spec?.updateStrategy, 'spec.updateStrategy'));
  errs.push(...nonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  return errs;
}

/** Upstream `ValidateDaemonSet`. Expects a defaulted DaemonSet. */
export function validateDaemonSet(obj: DaemonSet): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true), ...validateDaemonSetSpec(obj.spec)];
}

/** Upstream `ValidateDaemonSetUpdate` plus the apps/v1 rule that the selector is immutable. */
export function validateDaemonSetUpdate(obj: DaemonSet, old: DaemonSet): FieldError[] {
  return [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateDaemonSetSpec(obj.spec), ...immutable(obj.spec?.selector, old.spec?.selector, 'spec.selector')];
}
