import { badRequest } from '../api/status.ts';
import type { Termination } from './containerRecord.ts';
import { containerView } from './containerView.ts';
import type { PodRecord } from './podRecord.ts';
import type { LogPlan } from './workloadTypes.ts';

/** Options of `cluster.logs(pod, container, opts)`, as `kubectl logs` flags. */
export interface LogOptions {
  /** `--tail`: the last N lines. */
  readonly tail?: number;
  /** `--since`: lines from the last N seconds. */
  readonly sinceSeconds?: number;
  /** `--since-time`, epoch ms. */
  readonly sinceTime?: number;
  /** `-p`: the previous terminated instance. */
  readonly previous?: boolean;
  /** `--timestamps`: prefix each line with its RFC 3339 time. */
  readonly timestamps?: boolean;
  /** `--limit-bytes`. */
  readonly limitBytes?: number;
}

/** Values for `{{…}}` in log lines and HTTP bodies. */
export interface TemplateVars {
  readonly hostname: string;
  readonly namespace?: string;
  readonly podIP?: string;
}

/** An instance of a container: when it started and, if it did, ended. */
export interface ContainerInstance {
  readonly startedAt: number;
  readonly finishedAt?: number | undefined;
}

/** Upper bound on lines produced without `--tail` (kubelet rotates logs at 10 MiB by default). */
export const MAX_LOG_LINES = 100_000;

/** Fills `{{hostname}}`, `{{namespace}}`, `{{podIP}}` (unknown names are left as they are). */
export function renderTemplate(text: string, vars: TemplateVars): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, name: string) => {
    const v = (vars as unknown as Record<string, string | undefined>)[name];
    return v ?? all;
  });
}

// The timed lines of one instance between `fromMs` and `toMs` (times since start), at most the last `max`.
function linesBetween(plan: LogPlan, fromMs: number, toMs: number, max: number): { atMs: number; line: string }[] {
  const r = plan.repeat;
  const split = r === undefined ? plan.lines.length : r.fromIndex;
  const once = plan.lines.slice(0, split).filter((l) => l.atMs >= fromMs && l.atMs <= toMs);
  const cycle = plan.lines.slice(split);
  const first = cycle[0]?.atMs;
  if (r === undefined || first === undefined || toMs < first) return once.slice(-max);
  const lastCycle = Math.floor((toMs - first) / r.everyMs);
  const firstBySince = Math.max(0, Math.floor((fromMs - first) / r.everyMs) - 1);
  const firstByMax = Math.max(0, lastCycle - Math.ceil(max / cycle.length) - 1);
  const out = firstByMax > firstBySince ? [] : once;
  for (let k = Math.max(firstBySince, firstByMax); k <= lastCycle; k++) {
    for (const l of cycle) {
      const at = l.atMs + k * r.everyMs;
      if (at >= fromMs && at <= toMs) out.push({ atMs: at, line: l.line });
    }
  }
  return out.slice(-max);
}

/** The log of one container instance at `now`, filtered and formatted as `kubectl logs` prints it. */
export function instanceLog(plan: LogPlan, instance: ContainerInstance, now: number, opts: LogOptions, vars: TemplateVars): string {
  const end = Math.min(now, instance.finishedAt ?? now) - instance.startedAt;
  let since = 0;
  if (opts.sinceSeconds !== undefined) since = Math.max(since, now - opts.sinceSeconds * 1000 - instance.startedAt);
  if (opts.sinceTime !== undefined) since = Math.max(since, opts.sinceTime - instance.startedAt);
  const max = opts.tail !== undefined && opts.tail >= 0 ? opts.tail : MAX_LOG_LINES;
  const lines = max === 0 ? [] : linesBetween(plan, since, end, max);
  let text = lines
    .map((l) => {
      const body = renderTemplate(l.line, vars);
      return opts.timestamps === true ? `${new Date(instance.startedAt + l.atMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ${body}\n` : `${body}\n`;
    })
    .join('');
  if (opts.limitBytes !== undefined && Buffer.byteLength(text) > opts.limitBytes) text = Buffer.from(text).subarray(0, opts.limitBytes).toString();
  return text;
}

const instanceOf = (t: Termination): ContainerInstance => ({ startedAt: t.startedAt, finishedAt: t.finishedAt });

/**
 * What `cluster.logs(pod, container, opts)` returns: the log of the container's current instance
 * (or, with `previous`, of its last terminated one) at time `now`, from the pod machine's context.
 * A container in back-off shows its last terminated instance, as the kubelet does.
 * @throws StatusError (BadRequest) with kubelet's wording when there is no such container or
 * instance (`container "x" in pod "p" is waiting to start: ContainerCreating`).
 * @public
 */
export function containerLogs(pod: PodRecord, container: string, now: number, opts: LogOptions = {}, vars?: Partial<TemplateVars>): string {
  const slot = pod.containers.find((s) => s.context.config.name === container);
  if (slot === undefined) throw badRequest(`container ${container} is not valid for pod ${pod.name}`);
  const v = containerView(slot);
  const c = slot.context;
  let instance: ContainerInstance | undefined;
  if (opts.previous === true) {
    if (v.lastTerminated === undefined) throw badRequest(`previous terminated container "${container}" in pod "${pod.name}" not found`);
    instance = instanceOf(v.lastTerminated);
  } else if (c.startedAt !== undefined) instance = { startedAt: c.startedAt };
  else if (v.state === 'terminated' && v.terminated !== undefined) instance = instanceOf(v.terminated);
  else if (v.lastTerminated !== undefined) instance = instanceOf(v.lastTerminated);
  if (instance === undefined) {
    const reason = v.waitingReason === '' ? 'ContainerCreating' : v.waitingReason;
    const why = reason === 'ErrImagePull' ? "image can't be pulled" : reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
    throw badRequest(`container "${container}" in pod "${pod.name}" is waiting to start: ${why}`);
  }
  const all: TemplateVars = { hostname: pod.name, namespace: pod.namespace, ...vars };
  return instanceLog(c.behavior.logs, instance, now, opts, all);
}
