import { Subject } from 'rxjs';
import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Clock } from '../runtime/sim/clock.ts';
import { actorName, actorNow, machineIdOf, objectOf, parentOf } from './actorInfo.ts';
import type { TraceRecord, TraceRecordInput, TracedActor, Tracer } from './traceTypes.ts';

/** Options of {@link createTracer}. */
export interface TracerOptions {
  /** How many records {@link Tracer.records} keeps (default 20,000; the stream itself is unbounded). */
  readonly limit?: number;
  /** Also record every event an actor receives (default true); transitions are always recorded. */
  readonly events?: boolean;
}

interface Entry {
  name: string;
  parent?: string;
  machine?: string;
  object?: string;
  ref: AnyActorRef;
  state?: unknown;
  stateKey?: string;
  status: string;
  since: number;
}

const valueKey = (v: unknown): string => JSON.stringify(v) ?? '';

/**
 * A tracer to pass to `createCluster({ tracer })` (or its `inspect` to `createActor`): it turns
 * XState inspection events into {@link TraceRecord}s — actors starting, state transitions with the
 * event that caused them, events received, actors finishing — stamped with cluster time.
 * @example
 * const tracer = createTracer();
 * const cluster = createCluster({ tracer });
 * tracer.trace$.subscribe((r) => r.kind === 'transition' && console.log(r.actor, r.from, '→', r.to));
 * @public
 */
export function createTracer(options: TracerOptions = {}): Tracer {
  const limit = options.limit ?? 20_000;
  const withEvents = options.events ?? true;
  const subject = new Subject<TraceRecord>();
  const kept: TraceRecord[] = [];
  const entries = new Map<AnyActorRef, Entry>();
  let clock: Clock | undefined;
  let seq = 0;
  let anonymous = 0;

  const push = (input: TraceRecordInput, ref?: AnyActorRef): TraceRecord => {
    const t = input.t ?? clock?.now() ?? (ref === undefined ? undefined : actorNow(ref)) ?? 0;
    const record = { ...input, seq: seq++, t } as TraceRecord;
    kept.push(record);
    if (kept.length > limit) kept.splice(0, kept.length - limit);
    subject.next(record);
    return record;
  };

  const base = (e: Entry): { actor: string; machine?: string; object?: string } => ({
    actor: e.name,
    ...(e.machine !== undefined ? { machine: e.machine } : {}),
    ...(e.object !== undefined ? { object: e.object } : {}),
  });

  // Actors are named when first seen after start, once their systemId is set.
  const entryOf = (ref: AnyActorRef): Entry => {
    const known = entries.get(ref);
    if (known !== undefined) return known;
    const parentRef = parentOf(ref);
    const parent = parentRef === undefined ? undefined : entryOf(parentRef).name;
    const machine = machineIdOf(ref);
    const object = objectOf(ref);
    const name = actorName(ref, () => `${machine ?? 'actor'}#${anonymous++}`);
    const snapshot = ref.getSnapshot() as { value?: unknown } | undefined;
    const state = snapshot?.value;
    const entry: Entry = { name, ref, status: 'active', since: clock?.now() ?? actorNow(ref) ?? 0, ...(parent !== undefined ? { parent } : {}), ...(machine !== undefined ? { machine } : {}), ...(object !== undefined ? { object } : {}), ...(state !== undefined ? { state, stateKey: valueKey(state) } : {}) };
    entries.set(ref, entry);
    push({ kind: 'actor', ...base(entry), ...(parent !== undefined ? { parent } : {}), ...(state !== undefined ? { state } : {}) }, ref);
    return entry;
  };

  const onSnapshot = (ref: AnyActorRef, event: { type: string }, snapshot: { value?: unknown; status?: string }): void => {
    const entry = entryOf(ref);
    if (snapshot.value !== undefined) {
      const key = valueKey(snapshot.value);
      if (key !== entry.stateKey) {
        push({ kind: 'transition', ...base(entry), event: event.type, from: entry.state ?? null, to: snapshot.value }, ref);
        entry.state = snapshot.value;
        entry.stateKey = key;
        entry.since = clock?.now() ?? actorNow(ref) ?? entry.since;
      }
    }
    const status = snapshot.status;
    if (status !== undefined && status !== entry.status && (status === 'done' || status === 'error' || status === 'stopped')) {
      entry.status = status;
      push({ kind: 'status', ...base(entry), status }, ref);
    }
  };

  const inspect = (e: InspectionEvent): void => {
    const ref = e.actorRef as AnyActorRef;
    if (e.type === '@xstate.snapshot') {
      onSnapshot(ref, e.event, e.snapshot);
    } else if (e.type === '@xstate.event' && withEvents && e.event.type !== 'xstate.init') {
      const entry = entryOf(ref);
      const source = e.sourceRef === undefined ? undefined : entryOf(e.sourceRef as AnyActorRef).name;
      push({ kind: 'event', ...base(entry), event: e.event.type, ...(source !== undefined ? { source } : {}) }, ref);
    }
  };

  return {
    inspect,
    trace$: subject.asObservable(),
    bind(c) {
      clock = c;
    },
    push: (record) => push(record),
    records: () => kept.slice(),
    actors: () =>
      [...entries.values()].map((e): TracedActor => ({
        name: e.name,
        ref: e.ref,
        since: e.since,
        ...(e.parent !== undefined ? { parent: e.parent } : {}),
        ...(e.machine !== undefined ? { machine: e.machine } : {}),
        ...(e.object !== undefined ? { object: e.object } : {}),
        ...(e.state !== undefined ? { state: e.state } : {}),
      })),
  };
}
