import { filter } from 'rxjs';
import type { Observable } from 'rxjs';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import type { TraceRecord, Tracer } from './traceTypes.ts';

/** A string matches exactly; a RegExp by `test`. */
export type TraceMatcher = string | RegExp;

/** Which records {@link createTrace} lets through (all given criteria must hold). */
export interface TraceFilter {
  /** The actor's name (`controller/deployment`, `/^kubelet\//`). */
  readonly actor?: TraceMatcher;
  /** The machine id (`pod`, `reconciler`). */
  readonly machine?: TraceMatcher;
  /** The object (`default/web`). */
  readonly object?: TraceMatcher;
  /** Record kinds (default: all). */
  readonly kinds?: readonly TraceRecord['kind'][];
}

const matches = (m: TraceMatcher | undefined, value: string | undefined): boolean =>
  m === undefined || (value !== undefined && (typeof m === 'string' ? m === value : m.test(value)));

/** Whether a record passes a {@link TraceFilter}. */
export function traceMatches(record: TraceRecord, f: TraceFilter): boolean {
  return matches(f.actor, record.actor) && matches(f.machine, record.machine) && matches(f.object, record.object) && (f.kinds === undefined || f.kinds.includes(record.kind));
}

/**
 * The trace of a cluster created with `createCluster({ tracer })` (or of a tracer directly) as an
 * RxJS stream of transitions, events and actor starts with cluster timestamps, optionally filtered.
 * @example
 * const tracer = createTracer();
 * const cluster = createCluster({ tracer });
 * createTrace(cluster, { machine: 'reconciler', kinds: ['transition'] }).subscribe((r) => console.log(r));
 * @public
 */
export function createTrace(source: Cluster | Tracer, f: TraceFilter = {}): Observable<TraceRecord> {
  const tracer = 'trace$' in source ? source : source.tracer;
  if (tracer === undefined) throw new Error('this cluster has no tracer: create it with createCluster({ tracer: createTracer() })');
  return tracer.trace$.pipe(filter((r) => traceMatches(r, f)));
}
