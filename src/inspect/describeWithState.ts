import type { KubeObject } from '../api/meta.ts';
import { objectKey } from '../api/meta.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { shortHumanDuration, translateTimestampSince } from '../printers/humanDuration.ts';
import { stateText } from './actorInfo.ts';
import { inspectCluster } from './inspectCluster.ts';
import type { ActorSnapshot } from './inspectCluster.ts';
import type { TraceTransitionRecord } from './traceTypes.ts';

/** Options of {@link describeWithState}. */
export interface DescribeWithStateOptions {
  /** How many of the latest transitions of each actor to list (default 10). */
  readonly transitions?: number;
}

// Kinds a catalogue `models` string names ("Node (kubelet)" models Node).
const modelsKind = (a: ActorSnapshot, kind: string): boolean => a.models === undefined || a.models.split(/[ (]/)[0] === kind;

const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s.padEnd(n));

/**
 * A `kubectl describe`-like text for an object, with the statecharts behind it: for each live actor
 * that stands for the object (same `namespace/name`, a machine that models its kind), its machine,
 * current state, since when, key context fields, and its last transitions from the cluster's trace
 * (when the cluster has a tracer); then the object's Events. Best effort: objects no actor stands for
 * are described without a state section.
 * @public
 */
export function describeWithState(cluster: Cluster, obj: KubeObject, opts: DescribeWithStateOptions = {}): string {
  const now = cluster.clock.now();
  const meta = obj.metadata ?? {};
  const key = objectKey(obj);
  const lines: string[] = [];
  const field = (label: string, value: string): void => void lines.push(`${pad(`${label}:`, 14)}${value}`);
  field('Name', meta.name ?? '');
  if (meta.namespace !== undefined) field('Namespace', meta.namespace);
  field('Kind', obj.kind ?? '');
  const labels = Object.entries(meta.labels ?? {});
  field('Labels', labels.length === 0 ? '<none>' : labels.map(([k, v]) => `${k}=${v}`).join(','));
  if (meta.creationTimestamp !== undefined) field('Created', `${meta.creationTimestamp} (${translateTimestampSince(meta.creationTimestamp, now)} ago)`);
  const phase = (obj as { status?: { phase?: unknown } }).status?.phase;
  if (typeof phase === 'string') field('Status', phase);

  const actors = inspectCluster(cluster).actors.filter((a) => a.object === key && a.machine !== undefined && modelsKind(a, obj.kind ?? ''));
  lines.push('State Machines:');
  if (actors.length === 0) lines.push('  <none>');
  const records = cluster.tracer?.records() ?? [];
  const limit = opts.transitions ?? 10;
  for (const a of actors) {
    lines.push(`  ${a.machine ?? ''} (actor ${a.name}):`);
    lines.push(`    State:        ${a.stateText ?? ''}`);
    if (a.since !== undefined) lines.push(`    Since:        ${new Date(a.since).toISOString()} (${shortHumanDuration(now - a.since)} ago)`);
    const ctx = Object.entries(a.context ?? {});
    if (ctx.length > 0) lines.push(`    Context:      ${ctx.map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ')}`);
    const transitions = records.filter((r): r is TraceTransitionRecord => r.kind === 'transition' && r.actor === a.name).slice(-limit);
    if (cluster.tracer === undefined) lines.push('    Transitions:  <no tracer: create the cluster with { tracer: createTracer() }>');
    else if (transitions.length === 0) lines.push('    Transitions:  <none>');
    else {
      lines.push('    Transitions:', `      ${pad('Age', 8)}${pad('Event', 34)}From -> To`);
      for (const t of transitions) lines.push(`      ${pad(shortHumanDuration(now - t.t), 8)}${pad(t.event, 34)}${t.from === null ? '(start)' : stateText(t.from)} -> ${stateText(t.to)}`);
    }
  }

  const events = cluster.events().filter((e) => e.involvedObject.name === meta.name && (e.involvedObject.namespace ?? '') === (meta.namespace ?? '') && e.involvedObject.kind === obj.kind);
  if (events.length === 0) lines.push('Events:       <none>');
  else {
    lines.push('Events:', `  ${pad('Type', 8)}${pad('Reason', 22)}${pad('Age', 8)}Message`, `  ${pad('----', 8)}${pad('------', 22)}${pad('---', 8)}-------`);
    for (const e of events) lines.push(`  ${pad(e.type ?? '', 8)}${pad(e.reason ?? '', 22)}${pad(translateTimestampSince(e.lastTimestamp ?? e.eventTime ?? undefined, now), 8)}${e.message ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
