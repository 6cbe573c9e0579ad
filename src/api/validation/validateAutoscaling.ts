// Upstream ValidateHorizontalPodAutoscaler (autoscaling/v2) and ValidatePodBinding.
import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2.js';
import type { Binding } from 'kubernetes-types/core/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { arr } from './validationUtils.ts';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];

function refErrors(value: string | undefined, path: string): FieldError[] {
  if (!value) return [fieldError.required(path)];
  return nameIsPathSegment(value, false).map((m) => fieldError.invalid(path, value, m));
}

function metricErrors(metrics: readonly MetricSpec[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  metrics.forEach((m, i) => {
    const p = `${path}[${i}]`;
    if (!m.type) {
      errs.push(fieldError.required(`${p}.type`, 'must specify a metric source type'));
      return;
    }
    if (!METRIC_TYPES.includes(m.type)) {
      errs.push(fieldError.notSupported(`${p}.type`, m.type, METRIC_TYPES));
      return;
    }
    const key = m.type === 'ContainerResource' ? 'containerResource' : (m.type.charAt(0).toLowerCase() + m.type.slice(1)) as 'resource';
    if ((m as unknown as Record<string, unknown>)[key] == null) errs.push(fieldError.required(`${p}.${key}`, `must populate information for the given metric source`));
    if (m.type === 'Resource' && m.resource != null) {
      if (!m.resource.name) errs.push(fieldError.required(`${p}.resource.name`, 'must specify a resource name'));
      const t = m.resource.target;
      if (t.type === 'Utilization' && (t.averageUtilization ?? 0) <= 0 && t.averageUtilization != null) {
        errs.push(fieldError.invalid(`${p}.resource.target.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
      }
    }
  });
  return errs;
}

function hpaSpecErrors(hpa: HorizontalPodAutoscaler): FieldError[] {
  const spec = hpa.spec;
  const errs: FieldError[] = [];
  const min = spec?.minReplicas;
  if (min != null && min < 1) errs.push(fieldError.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  const max = spec?.maxReplicas ?? 0;
  if (max < 1) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (min != null && max < min) errs.push(fieldError.invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...refErrors(spec?.scaleTargetRef?.kind, 'spec.scaleTargetRef.kind'), ...refErrors(spec?.scaleTargetRef?.name, 'spec.scaleTargetRef.name'));
  errs.push(...metricErrors(arr(spec?.metrics), 'spec.metrics'));
  return errs;
}

/** Upstream `ValidateHorizontalPodAutoscaler`. Expects a defaulted HPA. */
export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true), ...hpaSpecErrors(hpa)];
}

/** Upstream `ValidateHorizontalPodAutoscalerUpdate`. */
export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata), ...hpaSpecErrors(hpa)];
}

/** Upstream `ValidatePodBinding`: the target is a Node, by name. */
export function validateBinding(binding: Binding): FieldError[] {
  const errs: FieldError[] = [];
  const kind = binding.target?.kind ?? '';
  if (kind !== '' && kind !== 'Node') errs.push(fieldError.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!binding.target?.name) errs.push(fieldError.required('target.name'));
  return errs;
}
