import type { Observable } from 'rxjs';
import type { InspectionEvent } from 'xstate';
import type { Clock } from '../runtime/sim/clock.ts';

/** Fields every trace record has. */
interface TraceBase {
  /** Order of the record in its trace (0, 1, 2 …). */
  readonly seq: number;
  /** Cluster time, ms since the epoch (`cluster.clock.now()`). */
  readonly t: number;
  /** The actor: its systemId (`kube-apiserver`, `controller/deployment`), a path under one, or `machine:object`. */
  readonly actor: string;
  /** Id of the actor's machine (`pod`, `reconciler`); absent for callback and promise actors. */
  readonly machine?: string;
  /** The object the actor stands for (`default/web`), when its input names one. */
  readonly object?: string;
}

/** An actor started (first seen), in its first state. */
export interface TraceActorRecord extends TraceBase {
  readonly kind: 'actor';
  readonly parent?: string;
  readonly state?: unknown;
}

/** A machine actor moved to another state value. */
export interface TraceTransitionRecord extends TraceBase {
  readonly kind: 'transition';
  /** The event that caused it (`xstate.init`, `informers.synced`, `xstate.after.…`). */
  readonly event: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** An actor received an event. */
export interface TraceEventRecord extends TraceBase {
  readonly kind: 'event';
  readonly event: string;
  /** The sending actor, when the event came from one. */
  readonly source?: string;
}

/** An actor finished (`done`), failed (`error`) or was stopped. */
export interface TraceStatusRecord extends TraceBase {
  readonly kind: 'status';
  readonly status: 'done' | 'error' | 'stopped';
}

/** A Kubernetes Event recorded in the cluster (the inspector adds these to its timeline). */
export interface TraceK8sEventRecord extends TraceBase {
  readonly kind: 'k8s-event';
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  /** `Kind namespace/name` of the object the Event is about. */
  readonly involved: string;
}

/**
 * One line of a trace: JSON-serializable, written one per line by `recordTrace`.
 * @public
 */
export type TraceRecord = TraceActorRecord | TraceTransitionRecord | TraceEventRecord | TraceStatusRecord | TraceK8sEventRecord;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A trace record before the tracer numbers and stamps it (`t` defaults to now). */
export type TraceRecordInput = DistributiveOmit<TraceRecord, 'seq' | 't'> & { readonly t?: number };

/** What the tracer knows of one actor. */
export interface TracedActor {
  readonly name: string;
  readonly parent?: string;
  readonly machine?: string;
  readonly object?: string;
  /** The actor itself (not serialized). */
  readonly ref: { getSnapshot(): unknown };
  /** Latest state value seen (machines only). */
  readonly state?: unknown;
  /** Cluster time of the latest transition. */
  readonly since: number;
}

/**
 * Turns XState inspection events into a stream of {@link TraceRecord}s. Pass `inspect` as the
 * `inspect` option of `createActor` / `createCluster`, or the tracer itself as `createCluster({ tracer })`.
 * @public
 */
export interface Tracer {
  readonly inspect: (event: InspectionEvent) => void;
  /** Every record as it happens (hot: subscribe before the cluster runs, or read {@link Tracer.records}). */
  readonly trace$: Observable<TraceRecord>;
  /** Stamps records with this clock (createCluster does it); before that, with the actor's own clock. */
  bind(clock: Clock): void;
  /** Adds a record that no inspection event carries (Kubernetes Events). */
  push(record: TraceRecordInput): TraceRecord;
  /** The records kept so far (the latest `limit`). */
  records(): readonly TraceRecord[];
  /** Every actor seen, in the order first seen. */
  actors(): readonly TracedActor[];
}
