import { parseCommandLine } from './shellScript.ts';
import type { ShellOp } from './shellScript.ts';
import type { BehaviorLayer, HookRun, LogPlan } from './workloadTypes.ts';

// The outcome of running a script: its log lines, and its end (or `forever`).
interface ScriptRun {
  readonly lines: { atMs: number; line: string }[];
  repeat: LogPlan['repeat'];
  end: { ms: number; exitCode: number } | 'forever';
  recognised: boolean;
  term: { ms: number; exitCode: number } | undefined;
}

const MAX_UNROLLED = 1000;
// A busy loop without `sleep` is given one iteration per second, so that its log stays finite.
const BUSY_LOOP_PERIOD_MS = 1000;

function runOps(ops: readonly ShellOp[], run: ScriptRun, t0: number): number | 'stopped' {
  let t = t0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as ShellOp;
    switch (op.kind) {
      case 'sleep':
        run.recognised = true;
        t += op.ms;
        break;
      case 'echo':
        run.recognised = true;
        run.lines.push({ atMs: t, line: op.line });
        break;
      case 'exit':
        run.recognised = true;
        run.end = { ms: t, exitCode: op.code };
        return 'stopped';
      case 'forever':
        run.recognised = true;
        run.end = 'forever';
        return 'stopped';
      case 'trapTerm':
        run.term = { ms: 0, exitCode: op.code };
        break;
      case 'unknown':
        // An unknown last command is taken to be the long-running program (a server).
        if (i === ops.length - 1) {
          run.end = 'forever';
          return 'stopped';
        }
        break;
      case 'loop': {
        run.recognised = true;
        const r = runLoop(op.body, op.times, run, t);
        if (r === 'stopped') return r;
        t = r;
        break;
      }
    }
  }
  return t;
}

function runLoop(body: readonly ShellOp[], times: number | 'forever', run: ScriptRun, t0: number): number | 'stopped' {
  if (times !== 'forever') {
    let t = t0;
    for (let k = 0; k < Math.min(times, MAX_UNROLLED); k++) {
      const r = runOps(body, run, t);
      if (r === 'stopped') return r;
      t = r;
    }
    return t;
  }
  const before = run.lines.length;
  const r = runOps(body, run, t0);
  if (r === 'stopped') return r;
  const period = r - t0 > 0 ? r - t0 : BUSY_LOOP_PERIOD_MS;
  if (run.lines.length > before) run.repeat = { fromIndex: before, everyMs: period };
  run.end = 'forever';
  return 'stopped';
}

function runScript(argv: readonly string[]): ScriptRun | undefined {
  const ops = parseCommandLine(argv);
  if (ops === undefined) return undefined;
  const run: ScriptRun = { lines: [], repeat: undefined, end: { ms: 0, exitCode: 0 }, recognised: false, term: undefined };
  const t = runOps(ops, run, 0);
  if (t !== 'stopped') run.end = { ms: t, exitCode: 0 };
  return run;
}

/**
 * The behaviour a container's command line implies, for the common shell idioms: `sleep N`,
 * `exit N`, `echo …` (then exit 0), `while true; do …; done` (runs for ever), `sh -c '…'` scripts,
 * `tail -f /dev/null`. A shell or `sleep` as PID 1 ignores SIGTERM unless the script `trap`s it.
 * Returns `undefined` when nothing in the command line is recognised (a program such as `nginx`).
 * @remarks With `args` but no `command`, the args are read as the command line (images such as
 * busybox have no entrypoint). Loops that `break` are taken to succeed on their first pass.
 */
export function idiomLayer(command: readonly string[] | undefined, args: readonly string[] | undefined): BehaviorLayer | undefined {
  const argv = [...(command ?? []), ...(args ?? [])];
  const run = argv.length === 0 ? undefined : runScript(argv);
  if (run === undefined || !run.recognised) return undefined;
  const logs: LogPlan = run.repeat !== undefined ? { lines: run.lines, repeat: run.repeat } : { lines: run.lines };
  return { run: run.end === 'forever' ? undefined : run.end, term: run.term, logs };
}

/**
 * A lifecycle hook's run from its `exec` command (`sh -c "sleep 5; exit 15"` takes 5 s and fails
 * with 15). A hook that never ends has `ms: Infinity`. Unrecognised commands succeed at once.
 */
export function hookFromCommand(command: readonly string[] | undefined): HookRun {
  const run = command === undefined || command.length === 0 ? undefined : runScript(command);
  if (run === undefined || !run.recognised) return { ms: 0, exitCode: 0 };
  return run.end === 'forever' ? { ms: Number.POSITIVE_INFINITY, exitCode: 0 } : { ms: run.end.ms, exitCode: run.end.exitCode };
}
