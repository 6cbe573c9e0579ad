/**
 * A float64 as Go's `fmt.Sprint` prints it: shortest digits, exponent form (`1e-05`, `1.5e+06`) below
 * 1e-4 or from 1e6. Integral values print as integers, as the int64 they decode to from JSON.
 */
export function goNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/**
 * A JSONPath result as upstream's `PrintResults` writes it: maps and lists as compact JSON with sorted keys
 * and HTML-escaped `<`, `>`, `&` (Go's `json.Marshal`), strings as they are, other scalars via `fmt`.
 */
export function goValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '<nil>';
  return JSON.stringify(sortKeys(value)).replace(/[<>&]/g, (c) => HTML_ESCAPES[c] ?? c);
}
