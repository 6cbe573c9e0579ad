/**
 * The JSONPath subset CRD `additionalPrinterColumns` use (upstream `k8s.io/client-go/util/jsonpath` with
 * missing keys allowed): `.spec.replicas`, `['app.kubernetes.io/name']`, `.metadata.labels.app\.kubernetes\.io/name`,
 * `[0]`, `[-1]`, `[*]`, `.*`, `..name` and filters `[?(@.type=="Ready")]` (`==`, `!=`, `<`, `<=`, `>`, `>=`, or a
 * bare `@.path` for existence). An optional surrounding `{…}` and leading `$` are accepted.
 * @public
 */
export function evaluateJsonPath(path: string, data: unknown): unknown[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1).trim();
  if (p.startsWith('$')) p = p.slice(1);
  return walk(parseSteps(p), [data]);
}

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'recursive'; name: string }
  | { kind: 'filter'; left: Step[]; op: string | undefined; right: unknown };

/** Thrown for a path outside the supported subset. */
export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

const FIELD_END = /[.[]/;

function readName(p: string, i: number): [string, number] {
  let name = '';
  while (i < p.length && !FIELD_END.test(p.charAt(i))) {
    if (p.charAt(i) === '\\' && i + 1 < p.length) i++;
    name += p.charAt(i);
    i++;
  }
  return [name, i];
}

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  throw new JsonPathError(`unrecognized filter operand ${t}`);
}

function parseFilter(body: string): Step {
  const m = /^\s*@((?:\.[^=!<>\s]+)*)\s*(==|!=|<=|>=|<|>)?\s*(.*)$/.exec(body);
  if (m === null) throw new JsonPathError(`unsupported filter ${body}`);
  const op = m[2];
  return { kind: 'filter', left: parseSteps(m[1] ?? ''), op, right: op === undefined ? undefined : parseLiteral(m[3] ?? '') };
}

function parseBracket(inner: string): Step {
  const s = inner.trim();
  if (s === '*') return { kind: 'wildcard' };
  if (s.startsWith('?(') && s.endsWith(')')) return parseFilter(s.slice(2, -1));
  if (/^-?\d+$/.test(s)) return { kind: 'index', index: Number(s) };
  if ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith('"') && s.endsWith('"'))) return { kind: 'field', name: s.slice(1, -1) };
  throw new JsonPathError(`unsupported subscript [${inner}]`);
}

function closingBracket(p: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < p.length; i++) {
    const c = p.charAt(i);
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  throw new JsonPathError('unclosed [');
}

function parseSteps(p: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p.charAt(i);
    if (c === '.' && p.charAt(i + 1) === '.') {
      const [name, next] = readName(p, i + 2);
      steps.push({ kind: 'recursive', name });
      i = next;
    } else if (c === '.') {
      const [name, next] = readName(p, i + 1);
      if (name !== '') steps.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name });
      i = next;
    } else if (c === '[') {
      const close = closingBracket(p, i);
      steps.push(parseBracket(p.slice(i + 1, close)));
      i = close + 1;
    } else {
      const [name, next] = readName(p, i);
      steps.push({ kind: 'field', name });
      i = next;
    }
  }
  return steps;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v as unknown[];
  if (isRecord(v)) {
    // Go ranges over map keys in sorted order in jsonpath.
    return Object.keys(v)
      .sort()
      .map((k) => v[k]);
  }
  return [];
}

function descendants(v: unknown, name: string, out: unknown[]): void {
  if (isRecord(v) && Object.hasOwn(v, name)) out.push(v[name]);
  for (const c of children(v)) descendants(c, name, out);
}

function compare(left: unknown, op: string, right: unknown): boolean {
  if (op === '==') return left === right;
  if (op === '!=') return left !== right;
  if (typeof left === 'number' && typeof right === 'number') {
    return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
  }
  if (typeof left === 'string' && typeof right === 'string') {
    return op === '<' ? left < right : op === '<=' ? left <= right : op === '>' ? left > right : left >= right;
  }
  return false;
}

function apply(step: Step, v: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isRecord(v) && Object.hasOwn(v, step.name) ? [v[step.name]] : [];
    case 'index': {
      if (!Array.isArray(v)) return [];
      const idx = step.index < 0 ? v.length + step.index : step.index;
      return idx >= 0 && idx < v.length ? [v[idx] as unknown] : [];
    }
    case 'wildcard':
      return children(v);
    case 'recursive': {
      const out: unknown[] = [];
      descendants(v, step.name, out);
      return out;
    }
    case 'filter':
      return (Array.isArray(v) ? (v as unknown[]) : []).filter((item) => {
        const found = walk(step.left, [item]);
        if (step.op === undefined) return found.length > 0;
        return found.some((x) => compare(x, step.op ?? '==', step.right));
      });
  }
}

function walk(steps: readonly Step[], values: unknown[]): unknown[] {
  let current = values;
  for (const step of steps) current = current.flatMap((v) => apply(step, v));
  return current;
}
