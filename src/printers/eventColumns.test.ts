import { describe, expect, it } from 'vitest';
import { formatEventSource } from './eventColumns.ts';
import { formatTable } from './formatTable.ts';
import { buildTable } from './tableColumns.ts';

const NOW = Date.parse('2024-01-10T00:00:00Z');
const at = (ageSeconds: number): string => new Date(NOW - ageSeconds * 1000).toISOString();

const created = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'kubia-rc.17a1b2c3', namespace: 'default', creationTimestamp: at(249) },
  involvedObject: { kind: 'ReplicationController', name: 'kubia-rc', namespace: 'default' },
  reason: 'SuccessfulCreate',
  message: 'Created pod: kubia-rc-8g4g5\n',
  source: { component: 'replication-controller' },
  firstTimestamp: at(249),
  lastTimestamp: at(249),
  count: 1,
  type: 'Normal',
};

describe('eventPrinter', () => {
  it('should print `kubectl get events` rows: LAST SEEN TYPE REASON OBJECT MESSAGE (seeds-003a §21.3)', () => {
    const warning = {
      ...created,
      metadata: { ...created.metadata, name: 'kubia.1' },
      involvedObject: { kind: 'HorizontalPodAutoscaler', name: 'kubia', fieldPath: '' },
      type: 'Warning',
      reason: 'FailedGetResourceMetric',
      message: 'failed to get cpu utilization',
      firstTimestamp: at(37),
      lastTimestamp: at(7),
      count: 3,
      source: { component: 'horizontal-pod-autoscaler' },
    };
    expect(formatTable(buildTable([created, warning], { now: NOW }))).toBe(
      [
        'LAST SEEN   TYPE      REASON                    OBJECT                           MESSAGE',
        '4m9s        Normal    SuccessfulCreate          replicationcontroller/kubia-rc   Created pod: kubia-rc-8g4g5',
        '7s          Warning   FailedGetResourceMetric   horizontalpodautoscaler/kubia    failed to get cpu utilization',
        '',
      ].join('\n'),
    );
    expect(buildTable([warning], { now: NOW }).rows[0]?.cells.slice(4)).toEqual(['', 'horizontal-pod-autoscaler', 'failed to get cpu utilization', '37s', 3, 'kubia.1']);
  });

  it('should follow the series, fall back to eventTime and count singletons as 1', () => {
    const seriesEvent = { ...created, firstTimestamp: undefined, lastTimestamp: undefined, count: undefined, eventTime: at(600), series: { count: 12, lastObservedTime: at(30) }, reportingComponent: 'kubelet', reportingInstance: 'node-1', source: {} };
    const singleton = { ...created, firstTimestamp: undefined, lastTimestamp: undefined, count: undefined, eventTime: at(90) };
    const cells = buildTable([seriesEvent, singleton], { now: NOW }).rows.map((r) => [r.cells[0], r.cells[5], r.cells[7], r.cells[8]]);
    expect(cells).toEqual([
      ['30s', 'kubelet, node-1', '10m', 12],
      ['90s', 'replication-controller', '90s', 1],
    ]);
  });

  it('should print events.k8s.io/v1 events through the same columns', () => {
    const v1 = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web-0.1', namespace: 'default', creationTimestamp: at(5) },
      eventTime: at(5),
      regarding: { kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled',
      note: 'Successfully pulled image',
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Pull',
    };
    expect(buildTable([v1], { now: NOW }).rows[0]?.cells).toEqual(['5s', 'Normal', 'Pulled', 'pod/web-0', 'spec.containers{nginx}', 'kubelet, node-1', 'Successfully pulled image', '5s', 1, 'web-0.1']);
  });

  it('should prefer the legacy source over the reporting fields', () => {
    expect(formatEventSource({ component: 'kubelet', host: 'minikube' }, 'other', 'x')).toBe('kubelet, minikube');
    expect(formatEventSource({}, 'default-scheduler', '')).toBe('default-scheduler');
  });
});
