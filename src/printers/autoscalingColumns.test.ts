import type { MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2.js';
import { describe, expect, it } from 'vitest';
import { formatHpaMetrics } from './autoscalingColumns.ts';
import { cellText } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();
const line = (obj: object): string => (buildTable([obj], { now: NOW }).rows[0]?.cells ?? []).map(cellText).join(' ');

describe('horizontalPodAutoscalerPrinter', () => {
  it('should print an autoscaling/v1 HPA as modern kubectl does (seeds-003b §16.4: `0%/30%` is the old TARGETS format)', () => {
    const hpa = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'kubia', namespace: 'default', creationTimestamp: at(287) },
      spec: { maxReplicas: 5, minReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'kubia' }, targetCPUUtilizationPercentage: 30 },
      status: { currentCPUUtilizationPercentage: 0, currentReplicas: 4, desiredReplicas: 4 },
    };
    expect(line(hpa)).toBe('kubia Deployment/kubia cpu: 0%/30% 2 5 4 4m47s');
    const noMetrics = { ...hpa, spec: { ...hpa.spec, minReplicas: 1 }, status: { currentReplicas: 3, desiredReplicas: 0 } };
    expect(line(noMetrics)).toBe('kubia Deployment/kubia cpu: <unknown>/30% 1 5 3 4m47s');
  });

  it('should print an autoscaling/v2 HPA and fall back to the defaulted 80% CPU target', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'default', creationTimestamp: at(10) },
      spec: { maxReplicas: 10, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } },
      status: { currentReplicas: 1, desiredReplicas: 1 },
    };
    expect(line(hpa)).toBe('web Deployment/web cpu: <unknown>/80% 1 10 1 10s');
  });

  it('should format every metric source and cut the list after two', () => {
    const specs: MetricSpec[] = [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'Object', object: { metric: { name: 'hits' }, describedObject: { kind: 'Ingress', name: 'main' }, target: { type: 'Value', value: '2k' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } } },
    ];
    const statuses: MetricStatus[] = [
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '262144Ki' } } },
      { type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '7500m' } } },
      { type: 'Object', object: { metric: { name: 'hits' }, describedObject: { kind: 'Ingress', name: 'main' }, current: { value: '1500' } } },
    ];
    expect(specs.map((s, i) => formatHpaMetrics([s], statuses[i] === undefined ? [] : [statuses[i]]))).toEqual([
      'memory: 256Mi/512Mi',
      '7500m/10',
      '1500/2k',
      '<unknown>/30 (avg)',
      'cpu: <unknown>/<auto>',
    ]);
    expect(formatHpaMetrics(specs, statuses)).toBe('memory: 256Mi/512Mi, 7500m/10 + 3 more...');
    expect(formatHpaMetrics([], [])).toBe('<none>');
  });
});

describe('podDisruptionBudgetPrinter', () => {
  it('should print min available, max unavailable (N/A when unset) and allowed disruptions', () => {
    const pdb = (name: string, spec: object, disruptionsAllowed: number) => ({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'default', creationTimestamp: at(8) },
      spec,
      status: { disruptionsAllowed, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    });
    expect(buildTable([pdb('zk', { minAvailable: 2 }, 1), pdb('web', { maxUnavailable: '25%' }, 0)], { now: NOW }).rows.map((r) => r.cells)).toEqual([
      ['zk', '2', 'N/A', 1, '8s'],
      ['web', 'N/A', '25%', 0, '8s'],
    ]);
  });
});
