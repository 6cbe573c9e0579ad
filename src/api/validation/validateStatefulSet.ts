// Upstream ValidateStatefulSet / ValidateStatefulSetUpdate (pkg/apis/apps/validation).
import type { StatefulSet, StatefulSetSpec } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec, Volume } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { nameIsDnsLabel, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { restartAlwaysErrors, selectorMatchErrors, selectorOf, validateRequiredSelector } from './validateWorkloadTemplate.ts';
import { validatePodTemplateSpec } from './validatePodSpec.ts';
import { arr, nonNegative, semanticEqual } from './validationUtils.ts';

const RETENTION = ['Retain', 'Delete'];

// Upstream only checks the template's labels and annotations (its volumes come partly from the claim
// templates); here the pod spec is validated too, with each claim template counted as a volume.
function templateWithClaims(spec: StatefulSetSpec | undefined): PodTemplateSpec | undefined {
  const template = spec?.template;
  const claims = arr(spec?.volumeClaimTemplates)
    .map((c) => c.metadata?.name)
    .filter((n): n is string => typeof n === 'string' && n !== '');
  if (template?.spec == null || claims.length === 0) return template;
  const own = new Set(arr(template.spec.volumes).map((v) => v.name));
  const extra: Volume[] = claims.filter((n) => !own.has(n)).map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  return { ...template, spec: { ...template.spec, volumes: [...arr(template.spec.volumes), ...extra] } };
}

/** Upstream `ValidateStatefulSetSpec`. */
export function validateStatefulSetSpec(spec: StatefulSetSpec | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec?.podManagementPolicy ?? '';
  if (!pmp) errs.push(fieldError.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(fieldError.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = spec?.updateStrategy;
  switch (strategy?.type ?? '') {
    case '':
      errs.push(fieldError.required('spec.updateStrategy'));
      break;
    case 'OnDelete':
      if (strategy?.rollingUpdate != null) errs.push(fieldError.invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      errs.push(...nonNegative(strategy?.rollingUpdate?.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      break;
    default:
      errs.push(fieldError.invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  for (const f of ['whenDeleted', 'whenScaled'] as const) {
    const v = retention?.[f] ?? '';
    if (!RETENTION.includes(v)) errs.push(fieldError.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v, RETENTION));
  }
  errs.push(...nonNegative(spec?.replicas, 'spec.replicas'), ...nonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'));
  if (spec?.ordinals != null) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  errs.push(...validateRequiredSelector(spec?.selector, 'spec.selector', 'statefulset'));
  const selector = selectorOf(spec?.selector);
  if (selector === undefined) errs.push(fieldError.invalid('spec.selector', spec?.selector, ''));
  else errs.push(...selectorMatchErrors(selector, spec?.template, 'spec.template'), ...validatePodTemplateSpec(templateWithClaims(spec), 'spec.template'));
  errs.push(...restartAlwaysErrors(spec?.template, 'spec.template', { kindName: 'StatefulSet', forbidden: true }));
  return errs;
}

/** Upstream `ValidateStatefulSet` (current upstream requires DNS-1123 label names). Expects a defaulted StatefulSet. */
export function validateStatefulSet(obj: StatefulSet): FieldError[] {
  return [...validateObjectMeta(obj.metadata, true, 'metadata', nameIsDnsLabel), ...validateStatefulSetSpec(obj.spec)];
}

const MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'] as const;

/** Upstream `ValidateStatefulSetUpdate`: only the listed spec fields may change. */
export function validateStatefulSetUpdate(obj: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateStatefulSetSpec(obj.spec)];
  const next: Record<string, unknown> = { ...obj.spec };
  const prev: Record<string, unknown> = { ...old.spec };
  for (const f of MUTABLE) {
    delete next[f];
    delete prev[f];
  }
  if (!semanticEqual(next, prev)) {
    errs.push(
      fieldError.forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}
