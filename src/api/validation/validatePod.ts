// Upstream ValidatePodCreate and ValidatePodUpdate.
import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { validatePodSpec } from './validatePodSpec.ts';
import { validateTolerations } from './validateTolerations.ts';
import { arr, inclusiveRangeError, semanticEqual } from './validationUtils.ts';

const MAX_INT32 = 2147483647;

/** The `spec: Forbidden` detail of a pod update that changes an immutable field (before its diff). */
export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  return [...validateObjectMeta(pod.metadata, true, 'metadata'), ...validatePodSpec(pod.spec, 'spec')];
}

/** Upstream `ValidatePodCreate`. Expects a defaulted Pod. */
export function validatePod(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (arr(pod.spec?.ephemeralContainers).length > 0) errs.push(fieldError.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec?.nodeName && arr(pod.spec.schedulingGates).length > 0) {
    errs.push(fieldError.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function containerUpdateErrors(next: readonly Container[], old: readonly Container[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length) return { errs: [fieldError.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    if (!c.image) errs.push(fieldError.required(`${path}[${i}].image`));
    if ((c.image ?? '').trim() !== (c.image ?? '')) errs.push(fieldError.invalid(`${path}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: readonly Toleration[], old: readonly Toleration[], path: string): FieldError[] {
  for (const o of old) {
    // Only tolerationSeconds of an existing toleration may change.
    const found = next.some((n) => semanticEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

// A short stand-in for upstream's cmp.Diff of the two specs: one -/+ pair per changed top-level field.
function specDiff(old: PodSpec, next: PodSpec): string {
  const lines = ['  core.PodSpec{'];
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  for (const k of keys) {
    const a = (old as unknown as Record<string, unknown>)[k];
    const b = (next as unknown as Record<string, unknown>)[k];
    if (semanticEqual(a, b)) continue;
    lines.push(`- \t${k}: ${JSON.stringify(a) ?? 'nil'},`, `+ \t${k}: ${JSON.stringify(b) ?? 'nil'},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/** Upstream `ValidatePodUpdate`: only images, activeDeadlineSeconds, added tolerations and a negative grace period set to 1 may change. */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  const spec = pod.spec ?? ({} as PodSpec);
  const oldSpec = old.spec ?? ({} as PodSpec);
  for (const f of ['containers', 'initContainers'] as const) {
    const r = containerUpdateErrors(arr(spec[f]), arr(oldSpec[f]), `spec.${f}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads != null) {
    if (ads < 0 || ads > MAX_INT32) return [...errs, fieldError.invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, MAX_INT32))];
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < ads) {
      return [...errs, fieldError.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(fieldError.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(arr(spec.tolerations), arr(oldSpec.tolerations), 'spec.tolerations'));
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged: PodSpec = {
    ...spec,
    containers: arr(spec.containers).map((c, i) => ({ ...c, image: arr(oldSpec.containers)[i]?.image ?? '' })),
    initContainers: arr(spec.initContainers).map((c, i) => ({ ...c, image: arr(oldSpec.initContainers)[i]?.image ?? '' })),
    tolerations: arr(oldSpec.tolerations).slice(),
    schedulingGates: arr(oldSpec.schedulingGates).slice(),
  };
  if (oldSpec.activeDeadlineSeconds != null) munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  else delete munged.activeDeadlineSeconds;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace != null && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!semanticEqual(munged, oldSpec)) errs.push(fieldError.forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${specDiff(oldSpec, munged)}`));
  return errs;
}
