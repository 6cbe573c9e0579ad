import { describe, it, expect } from 'vitest';
import type { Event as CoreEvent } from 'kubernetes-types/core/v1.js';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1.js';
import { messages } from './testObjects.ts';
import { validateCoreEvent, validateEventsEvent, validateEventsEventUpdate } from './validateEvent.ts';

const core = (): CoreEvent => ({ metadata: { name: 'web.17f', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Scheduled', message: 'ok', type: 'Normal' });
const modern = (): EventsEvent => ({
  metadata: { name: 'web.17f', namespace: 'default', resourceVersion: '1' },
  eventTime: '2024-01-01T00:00:00.000000Z',
  regarding: { kind: 'Pod', name: 'web', namespace: 'default' },
  reportingController: 'kubeactors.io/scheduler',
  reportingInstance: 'scheduler-1',
  action: 'Binding',
  reason: 'Scheduled',
  note: 'ok',
  type: 'Normal',
});

describe('validateCoreEvent', () => {
  it('should accept an old-style event and check only namespaces', () => {
    expect(validateCoreEvent(core())).toEqual([]);
    expect(messages(validateCoreEvent({ ...core(), involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } }))).toEqual(['involvedObject.namespace: Invalid value: "other": does not match event.namespace']);
  });

  it('should require the reporting fields of a new-style event', () => {
    expect(messages(validateCoreEvent({ ...core(), eventTime: '2024-01-01T00:00:00.000000Z', reason: '' }))).toEqual([
      'source: Required value',
      expect.stringMatching(/^source: Invalid value: "": name part must be non-empty$/) as unknown as string,
      expect.stringMatching(/^source: Invalid value: "": name part must consist/) as unknown as string,
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
  });
});

describe('validateEventsEvent', () => {
  it('should accept a complete events.k8s.io/v1 event', () => {
    expect(validateEventsEvent(modern())).toEqual([]);
  });

  it('should refuse a bad type and deprecated fields', () => {
    expect(messages(validateEventsEvent({ ...modern(), type: 'Info', deprecatedCount: 3 }))).toEqual(['type: Invalid value: "": has invalid value: Info', 'count: Invalid value: "": needs to be unset']);
  });

  it('should keep everything but the series immutable on update', () => {
    const old = modern();
    expect(validateEventsEventUpdate({ ...old, series: { count: 2, lastObservedTime: '2024-01-01T00:01:00.000000Z' } }, old)).toEqual([]);
    expect(messages(validateEventsEventUpdate({ ...old, note: 'changed' }, old))).toEqual(['message: Invalid value: "changed": field is immutable']);
  });
});
