import type { Event as CoreEvent, EventSource, ObjectReference } from 'kubernetes-types/core/v1.js';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { NAME_COLUMN, col, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import { translateTimestampSince } from './humanDuration.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

// The fields the printer reads, in core/v1 terms (the server converts events.k8s.io/v1 events to these).
interface EventFields {
  involvedObject: ObjectReference;
  source: EventSource;
  firstTimestamp: string | undefined;
  lastTimestamp: string | undefined;
  eventTime: string | undefined;
  series: { count?: number; lastObservedTime?: string } | undefined;
  count: number;
  type: string;
  reason: string;
  message: string;
  reportingController: string;
  reportingInstance: string;
}

function normalize(obj: KubeObject): EventFields {
  if (obj.apiVersion === 'events.k8s.io/v1') {
    const e = obj as EventsV1Event;
    return {
      involvedObject: e.regarding ?? {},
      source: e.deprecatedSource ?? {},
      firstTimestamp: e.deprecatedFirstTimestamp,
      lastTimestamp: e.deprecatedLastTimestamp,
      eventTime: e.eventTime,
      series: e.series,
      count: e.deprecatedCount ?? 0,
      type: e.type ?? '',
      reason: e.reason ?? '',
      message: e.note ?? '',
      reportingController: e.reportingController ?? '',
      reportingInstance: e.reportingInstance ?? '',
    };
  }
  const e = obj as CoreEvent;
  return {
    involvedObject: e.involvedObject ?? {},
    source: e.source ?? {},
    firstTimestamp: e.firstTimestamp,
    lastTimestamp: e.lastTimestamp,
    eventTime: e.eventTime,
    series: e.series,
    count: e.count ?? 0,
    type: e.type ?? '',
    reason: e.reason ?? '',
    message: e.message ?? '',
    reportingController: e.reportingComponent ?? '',
    reportingInstance: e.reportingInstance ?? '',
  };
}

/** `component, host` of an event's source, falling back to the reporting controller and instance. */
export function formatEventSource(source: EventSource, reportingController: string, reportingInstance: string): string {
  const component = source.component || reportingController;
  const instance = source.host || reportingInstance;
  return instance === '' ? component : `${component}, ${instance}`;
}

/**
 * `kubectl get events`: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
 * LAST SEEN falls back to the first timestamp (or `eventTime`) and follows `series` for a series; OBJECT is
 * `<kind lower-case>/<name>`.
 * @public
 */
export const eventPrinter: KindPrinter = {
  columns: [
    col('Last Seen', 'string', FIELD_DOCS.eventLastTimestamp),
    col('Type', 'string', FIELD_DOCS.eventType),
    col('Reason', 'string', FIELD_DOCS.eventReason),
    col('Object', 'string', FIELD_DOCS.eventInvolvedObject),
    col('Subobject', 'string', FIELD_DOCS.eventFieldPath, 1),
    col('Source', 'string', FIELD_DOCS.eventSource, 1),
    col('Message', 'string', FIELD_DOCS.eventMessage),
    col('First Seen', 'string', FIELD_DOCS.eventFirstTimestamp, 1),
    col('Count', 'string', FIELD_DOCS.eventCount, 1),
    { ...NAME_COLUMN, priority: 1 },
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const e = normalize(obj);
    const firstSeen = e.firstTimestamp ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
    let lastSeen = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, now) : firstSeen;
    let count = e.count;
    if (e.series !== undefined) {
      lastSeen = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events of the new API carry no count.
      count = 1;
    }
    const kind = (e.involvedObject.kind ?? '').toLowerCase();
    const target = e.involvedObject.name ? `${kind}/${e.involvedObject.name}` : kind;
    return [
      lastSeen,
      e.type,
      e.reason,
      target,
      e.involvedObject.fieldPath ?? '',
      formatEventSource(e.source, e.reportingController, e.reportingInstance),
      e.message.trim(),
      firstSeen,
      count,
      nameOf(obj),
    ];
  },
};
