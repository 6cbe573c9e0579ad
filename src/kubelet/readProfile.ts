import { parseQuantity } from './quantity.ts';
import { ProfileReader } from './ProfileReader.ts';
import type { TimeSchedule } from './timeSchedule.ts';
import type { BehaviorLayer, HookRun, LogPlan, ProbeAnswer } from './workloadTypes.ts';

const TOP = ['pull', 'startSeconds', 'readiness', 'run', 'onTerm', 'probes', 'hooks', 'resources', 'http', 'logs'] as const;

// Steps (and an optional repeat) from either a list or `{ <listKey>, repeatEverySeconds }`.
function stepsWithRepeat(r: ProfileReader, value: unknown, path: string, listKey: string, keys: readonly string[]) {
  let list = value;
  let everyMs: number | undefined;
  let listPath = path;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = r.object(value, path, [listKey, 'repeatEverySeconds']);
    list = obj?.[listKey];
    listPath = `${path}.${listKey}`;
    everyMs = r.positiveSeconds(obj?.['repeatEverySeconds'], `${path}.repeatEverySeconds`);
  }
  const steps = r.steps(list, listPath, keys);
  if (steps === undefined) return undefined;
  const fromMs = steps[0]?.atMs ?? 0;
  const last = steps[steps.length - 1]?.atMs ?? 0;
  if (everyMs !== undefined && last >= fromMs + everyMs) r.fail(`${path}.repeatEverySeconds`, 'must be longer than the span of the steps');
  return { steps, repeat: everyMs !== undefined ? { fromMs, everyMs } : undefined };
}

function probeScript(r: ProfileReader, value: unknown, path: string): TimeSchedule<ProbeAnswer> | undefined {
  const read = stepsWithRepeat(r, value, path, 'steps', ['ok', 'status']);
  if (read === undefined) return undefined;
  const steps = read.steps.map((s) => {
    const ok = r.boolean(s.raw['ok'], `${s.path}.ok`);
    const status = r.httpStatus(s.raw['status'], `${s.path}.status`);
    if ((ok === undefined) === (status === undefined)) r.fail(s.path, 'must set exactly one of ok, status');
    const answer: ProbeAnswer = status !== undefined ? { status } : { ok: ok ?? true };
    return { atMs: s.atMs, value: answer };
  });
  // Before its first step a probe answers like a healthy app.
  if ((steps[0]?.atMs ?? 0) > 0) steps.unshift({ atMs: 0, value: { ok: true } });
  return read.repeat !== undefined ? { steps, repeat: read.repeat } : { steps };
}

function usageScript(r: ProfileReader, value: unknown, path: string, scale: number): TimeSchedule<number> | undefined {
  const steps = r.steps(value, path, ['value']);
  if (steps === undefined) return undefined;
  const out = steps.map((s) => {
    const v = parseQuantity(typeof s.raw['value'] === 'number' || typeof s.raw['value'] === 'string' ? s.raw['value'] : undefined);
    if (v === undefined || v < 0) r.fail(`${s.path}.value`, 'must be a quantity such as "250m" or "128Mi"');
    return { atMs: s.atMs, value: (v ?? 0) * scale };
  });
  if ((out[0]?.atMs ?? 0) > 0) out.unshift({ atMs: 0, value: 0 });
  return { steps: out };
}

function logScript(r: ProfileReader, value: unknown, path: string): LogPlan | undefined {
  const read = stepsWithRepeat(r, value, path, 'lines', ['line']);
  if (read === undefined) return undefined;
  const lines = read.steps.map((s) => ({ atMs: s.atMs, line: r.string(s.raw['line'], `${s.path}.line`) ?? '' }));
  return read.repeat !== undefined ? { lines, repeat: { fromIndex: 0, everyMs: read.repeat.everyMs } } : { lines };
}

function hookScript(r: ProfileReader, value: unknown, path: string): HookRun | undefined {
  const obj = r.object(value, path, ['seconds', 'exitCode']);
  if (obj === undefined) return undefined;
  return { ms: r.seconds(obj['seconds'], `${path}.seconds`) ?? 0, exitCode: r.exitCode(obj['exitCode'], `${path}.exitCode`) ?? 0 };
}

function readiness(r: ProfileReader, value: unknown): TimeSchedule<boolean> | undefined {
  const obj = r.object(value, 'readiness', ['delaySeconds', 'flapping']);
  if (obj === undefined) return undefined;
  const delay = r.seconds(obj['delaySeconds'], 'readiness.delaySeconds') ?? 0;
  const steps = delay > 0 ? [{ atMs: 0, value: false }, { atMs: delay, value: true }] : [{ atMs: 0, value: true }];
  if (obj['flapping'] === undefined) return { steps };
  const flap = r.object(obj['flapping'], 'readiness.flapping', ['upSeconds', 'downSeconds']);
  const read = (key: string) => {
    const path = `readiness.flapping.${key}`;
    return flap?.[key] === undefined ? r.fail(path, 'required') : r.positiveSeconds(flap[key], path);
  };
  const up = read('upSeconds');
  const down = read('downSeconds');
  if (up === undefined || down === undefined) return undefined;
  return { steps: [...steps, { atMs: delay + up, value: false }], repeat: { fromMs: delay, everyMs: up + down } };
}

function readFields(r: ProfileReader, p: Record<string, unknown>, layer: BehaviorLayer): void {
  if (p['pull'] !== undefined) {
    const pull = r.object(p['pull'], 'pull', ['seconds', 'fail']);
    const fail = pull?.['fail'];
    if (fail !== undefined && typeof fail !== 'boolean' && typeof fail !== 'string') r.fail('pull.fail', 'must be true, false or an error message');
    const error = fail === true ? '' : typeof fail === 'string' ? fail : undefined;
    layer.pull = { ms: r.seconds(pull?.['seconds'], 'pull.seconds') ?? 0, error };
  }
  const start = r.seconds(p['startSeconds'], 'startSeconds');
  if (start !== undefined) layer.startMs = start;
  if (p['readiness'] !== undefined) {
    const s = readiness(r, p['readiness']);
    if (s !== undefined) layer.readiness = s;
  }
  if (p['run'] === 'forever') layer.run = undefined;
  else if (p['run'] !== undefined) {
    const run = r.object(p['run'], 'run', ['seconds', 'exitCode']);
    const ms = run?.['seconds'] === undefined ? r.fail('run.seconds', 'required (or run: forever)') : r.seconds(run['seconds'], 'run.seconds');
    if (ms !== undefined) layer.run = { ms, exitCode: r.exitCode(run?.['exitCode'], 'run.exitCode') ?? 0 };
  }
  if (p['onTerm'] === 'ignore') layer.term = undefined;
  else if (p['onTerm'] !== undefined) {
    const t = r.object(p['onTerm'], 'onTerm', ['seconds', 'exitCode']);
    layer.term = { ms: r.seconds(t?.['seconds'], 'onTerm.seconds') ?? 0, exitCode: r.exitCode(t?.['exitCode'], 'onTerm.exitCode') ?? 143 };
  }
  readNested(r, p, layer);
}

function readNested(r: ProfileReader, p: Record<string, unknown>, layer: BehaviorLayer): void {
  if (p['probes'] !== undefined) {
    const probes = r.object(p['probes'], 'probes', ['liveness', 'readiness', 'startup']) ?? {};
    const out: { -readonly [K in keyof NonNullable<BehaviorLayer['probes']>]: NonNullable<BehaviorLayer['probes']>[K] } = {};
    for (const kind of ['liveness', 'readiness', 'startup'] as const) {
      const s = probes[kind] === undefined ? undefined : probeScript(r, probes[kind], `probes.${kind}`);
      if (s !== undefined) out[kind] = s;
    }
    layer.probes = out;
  }
  if (p['hooks'] !== undefined) {
    const hooks = r.object(p['hooks'], 'hooks', ['postStart', 'preStop']) ?? {};
    const out: { postStart?: HookRun; preStop?: HookRun } = {};
    for (const kind of ['postStart', 'preStop'] as const) {
      const h = hooks[kind] === undefined ? undefined : hookScript(r, hooks[kind], `hooks.${kind}`);
      if (h !== undefined) out[kind] = h;
    }
    layer.hooks = out;
  }
  if (p['resources'] !== undefined) {
    const res = r.object(p['resources'], 'resources', ['cpu', 'memory']) ?? {};
    const cpu = res['cpu'] === undefined ? undefined : usageScript(r, res['cpu'], 'resources.cpu', 1000);
    const memory = res['memory'] === undefined ? undefined : usageScript(r, res['memory'], 'resources.memory', 1);
    if (cpu !== undefined) layer.cpuMillis = cpu;
    if (memory !== undefined) layer.memoryBytes = memory;
  }
  if (p['http'] !== undefined) {
    const http = r.object(p['http'], 'http', ['status', 'body']);
    layer.http = { status: r.httpStatus(http?.['status'], 'http.status') ?? 200, body: r.string(http?.['body'], 'http.body') ?? '' };
  }
  if (p['logs'] !== undefined) {
    const logs = logScript(r, p['logs'], 'logs');
    if (logs !== undefined) layer.logs = logs;
  }
}

/**
 * Validates a user-written {@link WorkloadProfile} (parsed JSON or YAML) and converts it to a
 * behaviour layer in milliseconds. Unknown fields are errors, so that a typo does not go unnoticed.
 * @returns the layer and the errors found, each `<field path>: <problem>`
 */
export function readProfile(raw: unknown): { readonly layer: BehaviorLayer; readonly errors: readonly string[] } {
  const r = new ProfileReader();
  const layer: BehaviorLayer = {};
  const p = r.object(raw, '', TOP);
  if (p === undefined) return { layer, errors: ['must be an object (a WorkloadProfile)'] };
  readFields(r, p, layer);
  return { layer, errors: r.errors };
}
