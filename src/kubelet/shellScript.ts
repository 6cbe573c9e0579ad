/** A step of a simulated shell script. */
export type ShellOp =
  | { readonly kind: 'sleep'; readonly ms: number }
  | { readonly kind: 'forever' }
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'echo'; readonly line: string }
  | { readonly kind: 'loop'; readonly body: readonly ShellOp[]; readonly times: number | 'forever' }
  | { readonly kind: 'trapTerm'; readonly code: number }
  | { readonly kind: 'unknown'; readonly word: string };

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'busybox']);
const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Splits a script into statements on `;`, `&&`, `||`, `&` and newlines, respecting quotes. */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const c = script.charAt(i);
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '\n' || c === '&' || c === '|') {
      if ((c === '&' || c === '|') && script.charAt(i + 1) === c) i++;
      else if (c === '|') {
        cur += c;
        continue;
      }
      if (cur.trim() !== '') out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** Splits one statement into words, removing quotes. */
export function words(statement: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (const c of statement) {
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      any = true;
    } else if (/\s/.test(c)) {
      if (cur !== '' || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (cur !== '' || any) out.push(cur);
  return out;
}

function sleepMs(arg: string | undefined): number | 'forever' | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return 'forever';
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  return m === null ? undefined : Math.round(Number(m[1]) * (UNITS[m[2] ?? ''] ?? 1000));
}

function simpleOp(w: readonly string[]): ShellOp | undefined {
  const [cmd, ...rest] = w[0] === 'exec' ? w.slice(1) : w;
  if (cmd === undefined) return undefined;
  switch (cmd.slice(cmd.lastIndexOf('/') + 1)) {
    case 'sleep': {
      const ms = sleepMs(rest[0]);
      return ms === 'forever' ? { kind: 'forever' } : ms === undefined ? { kind: 'unknown', word: cmd } : { kind: 'sleep', ms };
    }
    case 'exit':
      return { kind: 'exit', code: Number.isInteger(Number(rest[0] ?? '0')) ? Number(rest[0] ?? '0') & 255 : 1 };
    case 'echo':
      return { kind: 'echo', line: (rest[0] === '-n' || rest[0] === '-e' ? rest.slice(1) : rest).join(' ') };
    case 'printf':
      return { kind: 'echo', line: (rest[0] ?? '').replace(/\\n$/, '').replace(/\\n/g, '\n') };
    case 'true':
    case ':':
      return undefined;
    case 'false':
      return { kind: 'exit', code: 1 };
    case 'tail':
      return rest.includes('-f') ? { kind: 'forever' } : { kind: 'unknown', word: cmd };
    case 'trap': {
      if (!rest.slice(1).some((s) => /^(SIG)?TERM$|^15$/.test(s))) return undefined;
      const code = /exit\s+(\d+)/.exec(rest[0] ?? '');
      return { kind: 'trapTerm', code: code === null ? 0 : Number(code[1]) & 255 };
    }
    default:
      return { kind: 'unknown', word: cmd };
  }
}

function loopTimes(keyword: string, cond: readonly string[]): number | 'forever' {
  if (keyword === 'for') {
    const inAt = cond.indexOf('in');
    if (inAt < 0) return 1;
    const items = cond.slice(inAt + 1);
    const seq = /^\$\(seq\s+(\d+)(?:\s+(\d+))?\)$/.exec(items.join(' '));
    if (seq !== null) return seq[2] === undefined ? Number(seq[1]) : Math.max(0, Number(seq[2]) - Number(seq[1]) + 1);
    return items.length;
  }
  const always = cond.length === 1 && (cond[0] === 'true' || cond[0] === ':');
  const never = cond.length === 1 && cond[0] === 'false';
  if (keyword === 'while') return always ? 'forever' : 0;
  return never ? 'forever' : 0;
}

// Parses statements from `i` until `done` (or the end), returning the ops and the next index.
function parseBlock(stmts: readonly string[], start: number, inLoop: boolean): { ops: ShellOp[]; next: number; breaks: boolean } {
  const ops: ShellOp[] = [];
  let breaks = false;
  let i = start;
  while (i < stmts.length) {
    let w = words(stmts[i] ?? '');
    if (w[0] === 'do') w = w.slice(1);
    if (w[0] === 'done') return { ops, next: i + 1, breaks };
    const keyword = w[0];
    if (keyword === 'while' || keyword === 'until' || keyword === 'for') {
      const cond = w.slice(1);
      const body = parseBlock(stmts, i + 1, true);
      const times = loopTimes(keyword, cond);
      // A loop that breaks out waits for something; assume it succeeds on its first pass.
      ops.push({ kind: 'loop', body: body.ops, times: body.breaks ? 1 : times });
      i = body.next;
      continue;
    }
    if (inLoop && w.includes('break')) breaks = true;
    const op = w.includes('break') ? undefined : simpleOp(w);
    if (op !== undefined) ops.push(op);
    i++;
  }
  return { ops, next: i, breaks };
}

/**
 * Reads a container's command line as a shell script: `sh -c '<script>'` (or `bash -c`, …), or a
 * single command (`sleep 3600`). Returns the ops, or `undefined` for a command line it cannot read.
 */
export function parseCommandLine(argv: readonly string[]): readonly ShellOp[] | undefined {
  const [first, second, third] = argv;
  if (first === undefined) return undefined;
  const base = first.slice(first.lastIndexOf('/') + 1);
  if (SHELLS.has(base) && (second === '-c' || second === '-ec' || second === '-xc')) {
    return third === undefined ? undefined : parseBlock(splitStatements(third), 0, false).ops;
  }
  const op = simpleOp(argv);
  return op === undefined ? [] : [op];
}
