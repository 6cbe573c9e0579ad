import type { Event, ObjectReference } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { rfc3339 } from '../../apiserver/timestamps.ts';
import type { Client } from '../../client/client.ts';
import type { Clock } from '../sim/clock.ts';

/** `Normal` or `Warning`, as `core/v1` Event `type`. */
export type EventType = 'Normal' | 'Warning';

/**
 * Records `core/v1` Events about objects, aggregating repeats the way client-go's recorder does:
 * the same object, reason, message, type and source within the window bump `count` and
 * `lastTimestamp` of one Event instead of creating another.
 * @public
 */
export interface EventRecorder {
  event(object: KubeObject, type: EventType, reason: string, message: string): Promise<void>;
  /** Resolves when every event write started so far has finished. */
  flush(): Promise<void>;
}

interface Aggregate {
  readonly name: string;
  readonly namespace: string;
  count: number;
  lastMs: number;
}

/** Repeats further apart than this start a new Event (client-go keeps aggregates for 10 minutes). */
export const EVENT_AGGREGATION_WINDOW_MS = 10 * 60_000;

/** Creates an {@link EventRecorder} writing as `component` (the Event's `source.component`). */
export function createEventRecorder(client: Client, clock: Clock, component: string, host?: string): EventRecorder {
  const aggregates = new Map<string, Aggregate>();
  let pending: Promise<void> = Promise.resolve();
  let seq = 0;
  const recorder: EventRecorder = {
    event(object, type, reason, message) {
      const meta = object.metadata ?? {};
      const namespace = meta.namespace || 'default';
      const ref: ObjectReference = {
        ...(object.apiVersion !== undefined ? { apiVersion: object.apiVersion } : {}),
        ...(object.kind !== undefined ? { kind: object.kind } : {}),
        ...(meta.name !== undefined ? { name: meta.name } : {}),
        ...(meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
        ...(meta.uid !== undefined ? { uid: meta.uid } : {}),
        ...(meta.resourceVersion !== undefined ? { resourceVersion: meta.resourceVersion } : {}),
      };
      const now = clock.now();
      const aggKey = JSON.stringify([ref.uid ?? `${namespace}/${ref.kind}/${ref.name}`, type, reason, message, component]);
      const agg = aggregates.get(aggKey);
      let write: Promise<unknown>;
      if (agg !== undefined && now - agg.lastMs < EVENT_AGGREGATION_WINDOW_MS) {
        agg.count++;
        agg.lastMs = now;
        const count = agg.count;
        write = client.mutate('Event', agg.name, (d: Event) => {
          d.count = Math.max(d.count ?? 1, count);
          d.lastTimestamp = rfc3339(now);
        }, { namespace: agg.namespace });
      } else {
        // BigInt: now × 1e6 exceeds 2^53, and a Number would round the sequence away (same names, lost Events).
        const name = `${meta.name ?? 'unknown'}.${(BigInt(Math.trunc(now)) * 1_000_000n + BigInt(seq++ % 1_000_000)).toString(16)}`;
        aggregates.set(aggKey, { name, namespace, count: 1, lastMs: now });
        const ev: Event = {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject: ref,
          reason,
          message,
          type,
          count: 1,
          firstTimestamp: rfc3339(now),
          lastTimestamp: rfc3339(now),
          source: { component, ...(host !== undefined ? { host } : {}) },
          reportingComponent: component,
          reportingInstance: host ?? component,
        };
        // An Event must not point into a namespace other than its own (kube-apiserver validates this).
        write = client.create(ev);
      }
      const done = write.then(
        () => undefined,
        () => undefined,
      );
      pending = pending.then(() => done);
      return done;
    },
    flush: () => pending,
  };
  return recorder;
}
