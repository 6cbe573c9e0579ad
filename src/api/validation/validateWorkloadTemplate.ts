// Checks shared by the pod controllers (upstream ValidatePodTemplateSpecForReplicaSet and friends).
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabelSelectorSpec } from '../labelValidation.ts';
import { isEverything, labelSelectorFromSpec, matchesLabels, type LabelSelectorRequirements } from '../labelSelector.ts';
import { isStatusError } from '../status.ts';
import { validatePodTemplateSpec } from './validatePodSpec.ts';

/** The selector, or undefined when it does not convert (upstream `LabelSelectorAsSelector` error). */
export function selectorOf(sel: LabelSelector | undefined): LabelSelectorRequirements | undefined {
  try {
    return labelSelectorFromSpec(sel);
  } catch (e) {
    if (isStatusError(e)) return undefined;
    throw e;
  }
}

/**
 * A required `spec.selector` (apps/v1 and Job): present, valid, and for the apps kinds not empty
 * (`empty selector is invalid for <what>`; `what` is upstream's word, `deployment` for ReplicaSets too).
 */
export function validateRequiredSelector(sel: LabelSelector | undefined, path: string, what?: string): FieldError[] {
  if (sel == null) return [fieldError.required(path)];
  const errs = validateLabelSelectorSpec(sel, path);
  if (what !== undefined && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
    errs.push(fieldError.invalid(path, sel, `empty selector is invalid for ${what}`));
  }
  return errs;
}

/** `<path>.metadata.labels: Invalid value: …: \`selector\` does not match template \`labels\`` unless they match. */
export function selectorMatchErrors(selector: LabelSelectorRequirements | undefined, template: PodTemplateSpec | undefined, path: string, skipEmpty = true): FieldError[] {
  if (selector === undefined || (skipEmpty && isEverything(selector))) return [];
  const labels = template?.metadata?.labels;
  return matchesLabels(selector, labels) ? [] : [fieldError.invalid(`${path}.metadata.labels`, labels ?? null, '`selector` does not match template `labels`')];
}

/** How a controller kind words its refusal of `activeDeadlineSeconds` in its template. */
export interface DeadlineRule {
  readonly kindName: string;
  readonly forbidden: boolean;
}

/**
 * The template of a long-running controller: selector match, pod template validity, restartPolicy
 * `Always`, and no `activeDeadlineSeconds`.
 */
export function validateLongRunningTemplate(template: PodTemplateSpec | undefined, selector: LabelSelectorRequirements | undefined, path: string, rule: DeadlineRule): FieldError[] {
  const errs = [...selectorMatchErrors(selector, template, path), ...validatePodTemplateSpec(template, path)];
  errs.push(...restartAlwaysErrors(template, path, rule));
  return errs;
}

/** restartPolicy must be `Always` and activeDeadlineSeconds unset in a long-running controller's template. */
export function restartAlwaysErrors(template: PodTemplateSpec | undefined, path: string, rule: DeadlineRule): FieldError[] {
  const errs: FieldError[] = [];
  const spec = template?.spec;
  const restart = spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(fieldError.notSupported(`${path}.spec.restartPolicy`, restart, ['Always']));
  if (spec?.activeDeadlineSeconds != null) {
    const msg = `activeDeadlineSeconds in ${rule.kindName} is not Supported`;
    errs.push(rule.forbidden ? fieldError.forbidden(`${path}.spec.activeDeadlineSeconds`, msg) : fieldError.invalid(`${path}.spec.activeDeadlineSeconds`, spec.activeDeadlineSeconds, msg));
  }
  return errs;
}
