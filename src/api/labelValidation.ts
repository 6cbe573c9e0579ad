// API validation of label maps and label selector specs, as in
// k8s.io/apimachinery/pkg/apis/meta/v1/validation (ValidateLabels, ValidateLabelSelector).
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { fieldError, type FieldError } from './fieldErrors.ts';
import { labelValueErrors, qualifiedNameErrors } from './names.ts';

/** Errors for one label key, reported against `fieldPath` itself (upstream `ValidateLabelName`). */
export function validateLabelName(key: string, fieldPath: string): FieldError[] {
  return qualifiedNameErrors(key).map((msg) => fieldError.invalid(fieldPath, key, msg));
}

/**
 * Errors for a label map (upstream `ValidateLabels`): every bad key and value is an `Invalid` error on
 * `fieldPath` (e.g. `metadata.labels`), not on the key's own path — as kube-apiserver reports it.
 * Keys are visited in sorted order so the output is deterministic.
 */
export function validateLabels(labels: Readonly<Record<string, string>> | undefined, fieldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys(labels ?? {}).sort()) {
    const value = labels?.[key] ?? '';
    errs.push(...validateLabelName(key, fieldPath));
    errs.push(...labelValueErrors(value).map((msg) => fieldError.invalid(fieldPath, value, msg)));
  }
  return errs;
}

/** Errors for one `matchExpressions` entry (upstream `ValidateLabelSelectorRequirement`). */
export function validateLabelSelectorRequirement(req: LabelSelectorRequirement, fieldPath: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fieldError.required(`${fieldPath}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fieldError.forbidden(`${fieldPath}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(fieldError.invalid(`${fieldPath}.operator`, req.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(req.key, `${fieldPath}.key`));
  values.forEach((v, i) => {
    errs.push(...labelValueErrors(v).map((msg) => fieldError.invalid(`${fieldPath}.values[${i}]`, v, msg)));
  });
  return errs;
}

/**
 * Errors for an API label selector (upstream `ValidateLabelSelector`, with invalid label values in
 * selectors not allowed). A missing selector is valid here; callers that require one check that first.
 */
export function validateLabelSelectorSpec(sel: LabelSelector | undefined | null, fieldPath: string): FieldError[] {
  if (sel === undefined || sel === null) return [];
  const errs = validateLabels(sel.matchLabels, `${fieldPath}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((e, i) => {
    errs.push(...validateLabelSelectorRequirement(e, `${fieldPath}.matchExpressions[${i}]`));
  });
  return errs;
}
