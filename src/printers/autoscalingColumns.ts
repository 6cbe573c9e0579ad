import type { HorizontalPodAutoscaler as HpaV1 } from 'kubernetes-types/autoscaling/v1.js';
import type { HorizontalPodAutoscaler as HpaV2, MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from 'kubernetes-types/autoscaling/v2.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, nameOf, quantityText } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

// autoscaling/v2 defaulting: no metrics means CPU at 80% utilization, and minReplicas 1.
const DEFAULT_CPU_UTILIZATION = 80;
const MAX_METRICS = 2;

// A nil *Quantity prints `<nil>` upstream.
function q(value: string | number | undefined): string {
  return value === undefined ? '<nil>' : quantityText(value);
}

function percent(value: number | undefined, missing: string): string {
  return value === undefined ? missing : `${value}%`;
}

function valueTarget(target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue !== undefined) return `${current?.averageValue !== undefined ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)} (avg)`;
  return `${current !== undefined ? q(current.value) : '<unknown>'}/${q(target.value)}`;
}

function resourceTarget(name: string, target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue !== undefined) return `${name}: ${current !== undefined ? q(current.averageValue) : '<unknown>'}/${q(target.averageValue)}`;
  return `${name}: ${percent(current?.averageUtilization, '<unknown>')}/${percent(target.averageUtilization, '<auto>')}`;
}

function metricText(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return spec.external ? valueTarget(spec.external.target, status?.external?.current) : '<unknown type>';
    case 'Object':
      return spec.object ? valueTarget(spec.object.target, status?.object?.current) : '<unknown type>';
    case 'Pods': {
      const current = status?.pods ? q(status.pods.current.averageValue) : '<unknown>';
      return `${current}/${q(spec.pods?.target.averageValue)}`;
    }
    case 'Resource':
      return spec.resource ? resourceTarget(spec.resource.name, spec.resource.target, status?.resource?.current) : '<unknown type>';
    case 'ContainerResource':
      return spec.containerResource ? resourceTarget(spec.containerResource.name, spec.containerResource.target, status?.containerResource?.current) : '<unknown type>';
    default:
      return '<unknown type>';
  }
}

/**
 * The TARGETS cell (upstream `formatHPAMetrics`): `cpu: 0%/30%`, `<unknown>` before metrics arrive, the first
 * two metrics then ` + N more...`. (The seeds' `0%/30%` is the pre-1.23 format.)
 */
export function formatHpaMetrics(specs: readonly MetricSpec[], statuses: readonly MetricStatus[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((s, i) => metricText(s, statuses[i]));
  if (list.length <= MAX_METRICS) return list.join(', ');
  return `${list.slice(0, MAX_METRICS).join(', ')} + ${list.length - MAX_METRICS} more...`;
}

function cpuMetric(target: number | undefined): MetricSpec[] {
  return target === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
}

// An autoscaling/v1 object, converted to the v2 shape as the server does.
function metricsOf(obj: KubeObject): { specs: MetricSpec[]; statuses: MetricStatus[] } {
  if (obj.apiVersion === 'autoscaling/v1') {
    const v1 = obj as HpaV1;
    const current = v1.status?.currentCPUUtilizationPercentage;
    const statuses: MetricStatus[] = current === undefined ? [] : [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }];
    return { specs: cpuMetric(v1.spec?.targetCPUUtilizationPercentage ?? DEFAULT_CPU_UTILIZATION), statuses };
  }
  const v2 = obj as HpaV2;
  const specs = v2.spec?.metrics ?? [];
  return { specs: specs.length === 0 ? cpuMetric(DEFAULT_CPU_UTILIZATION) : specs, statuses: v2.status?.currentMetrics ?? [] };
}

/** `kubectl get hpa`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. @public */
export const horizontalPodAutoscalerPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Reference', 'string', FIELD_DOCS.hpaScaleTargetRef),
    col('Targets', 'string', FIELD_DOCS.hpaMetrics),
    col('MinPods', 'string', FIELD_DOCS.hpaMinReplicas),
    col('MaxPods', 'string', FIELD_DOCS.hpaMaxReplicas),
    col('Replicas', 'string', FIELD_DOCS.hpaCurrentReplicas),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const hpa = obj as HpaV2;
    const ref = hpa.spec?.scaleTargetRef;
    const { specs, statuses } = metricsOf(obj);
    return [
      nameOf(obj),
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHpaMetrics(specs, statuses),
      String(hpa.spec?.minReplicas ?? 1),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ageOf(obj, now),
    ];
  },
};

/** `kubectl get pdb`: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. @public */
export const podDisruptionBudgetPrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const pdb = obj as PodDisruptionBudget;
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return [nameOf(obj), min === undefined ? 'N/A' : String(min), max === undefined ? 'N/A' : String(max), pdb.status?.disruptionsAllowed ?? 0, ageOf(obj, now)];
  },
};
