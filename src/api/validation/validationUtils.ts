// Shared checks from k8s.io/apimachinery/pkg/util/validation and pkg/apis/core/validation, with upstream wording.
import { isIPv4, isIPv6 } from 'node:net';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { maxLenError, regexError } from '../names.ts';

/** Upstream `isNegativeErrorMsg`. */
export const NON_NEGATIVE_MSG = 'must be greater than or equal to 0';
/** Upstream `FieldImmutableErrorMsg`. */
export const IMMUTABLE_MSG = 'field is immutable';
/** The three port protocols, sorted as upstream lists them. */
export const PORT_PROTOCOLS: readonly string[] = ['SCTP', 'TCP', 'UDP'];

/** `must be between lo and hi, inclusive` (upstream InclusiveRangeError). */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** The elements of `x` when it is an array, else none (decoding would have refused other types). */
export function arr<T>(x: readonly T[] | null | undefined): readonly T[] {
  return Array.isArray(x) ? (x as readonly T[]) : [];
}

/** The keys of a map, sorted (Go map order is random; sorting makes error lists deterministic). */
export function sortedKeys(m: object | null | undefined): string[] {
  return m !== null && typeof m === 'object' ? Object.keys(m).sort() : [];
}

/** Upstream `ValidateNonnegativeField` for an optional number. */
export function nonNegative(value: number | null | undefined, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fieldError.invalid(path, value, NON_NEGATIVE_MSG)] : [];
}

/** Go's zero value test for decoded JSON: absent, null, '', 0, false, [] and objects of zeros. */
export function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isZero);
  return false;
}

/** `apiequality.Semantic.DeepEqual` on decoded JSON: absent equals the zero value, nil equals empty. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!semanticEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/** Upstream `ValidateImmutableField`: `field is immutable` unless semantically equal. */
export function immutable(next: unknown, old: unknown, path: string): FieldError[] {
  return semanticEqual(next, old) ? [] : [fieldError.invalid(path, next, IMMUTABLE_MSG)];
}

/** Upstream `IsValidPortNum`. */
export function portNumErrors(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** Upstream `IsValidPortName` (an IANA_SVC_NAME). */
export function portNameErrors(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Upstream `ValidatePortNumOrName` for an int-or-string port. */
export function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'string') return portNameErrors(port).map((m) => fieldError.invalid(path, port, m));
  const n = port ?? 0;
  return portNumErrors(n).map((m) => fieldError.invalid(path, n, m));
}

function chDirPrefixErrors(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** Upstream `IsConfigMapKey` (keys of ConfigMap and Secret data). */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  errs.push(...chDirPrefixErrors(key));
  return errs;
}

/** Upstream `IsEnvVarName` (strict form; relaxed env var names are a later feature gate). */
export function envVarNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        '[-._a-zA-Z][-._a-zA-Z0-9]*',
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  errs.push(...chDirPrefixErrors(name));
  return errs;
}

/** Upstream `IsValidPercent`. */
export function percentErrors(s: string): string[] {
  return /^[0-9]+%$/.test(s) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%')];
}

/** Upstream `IsValidIP`. */
export function ipErrors(ip: string, path: string): FieldError[] {
  return isIPv4(ip) || isIPv6(ip) ? [] : [fieldError.invalid(path, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

/** Upstream `ValidateNonSpecialIP`: no unspecified, loopback, link-local or link-local multicast address. */
export function nonSpecialIpErrors(ip: string, path: string): FieldError[] {
  const v4 = isIPv4(ip);
  if (!v4 && !isIPv6(ip)) return [];
  const lower = ip.toLowerCase();
  const [a, b, c] = v4 ? ip.split('.').map(Number) : [];
  if ((v4 && ip === '0.0.0.0') || lower === '::') return [fieldError.invalid(path, ip, 'may not be unspecified (0.0.0.0)')];
  if ((v4 && a === 127) || lower === '::1') return [fieldError.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if ((v4 && a === 169 && b === 254) || /^fe[89ab]/.test(lower)) return [fieldError.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)')];
  if ((v4 && a === 224 && b === 0 && c === 0) || lower.startsWith('ff02:')) return [fieldError.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)')];
  return [];
}

/** The number in an int-or-percent (`5`, `"25%"`), 0 when it has none (upstream `getIntOrPercentValue`). */
export function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return typeof v === 'string' && /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

/** Upstream `ValidatePositiveIntOrPercent`. */
export function validatePositiveIntOrPercent(v: number | string | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return percentErrors(v).map((m) => fieldError.invalid(path, v, m));
  if (typeof v === 'number') return nonNegative(v, path);
  return v === undefined ? [] : [fieldError.invalid(path, v, "must be an integer or percentage (e.g '5%')")];
}

/** Upstream `IsNotMoreThan100Percent`. */
export function notMoreThan100Percent(v: number | string | undefined, path: string): FieldError[] {
  return typeof v === 'string' && intOrPercentValue(v) > 100 ? [fieldError.invalid(path, v, 'must not be greater than 100%')] : [];
}
