import { StatusError } from './status.ts';

/** The kinds of field error kube-apiserver reports, with the `details.causes[].reason` each maps to. */
export type FieldErrorType = 'Required' | 'Invalid' | 'NotSupported' | 'Duplicate' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';

const CAUSE_REASON: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  NotSupported: 'FieldValueNotSupported',
  Duplicate: 'FieldValueDuplicate',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
};

/**
 * One problem with one field, as kube-apiserver's `field.Error`: `spec.containers[0].name: Required value`.
 * @public
 */
export interface FieldError {
  readonly type: FieldErrorType;
  /** JSON field path with dots and `[i]` indexes, e.g. `spec.containers[0].ports[1].containerPort`. */
  readonly field: string;
  /** The detail after the type's label (`Invalid value: "x": <detail>`). */
  readonly detail?: string;
  readonly value?: unknown;
  /** For `NotSupported`: the allowed values. */
  readonly supported?: readonly string[];
}

function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'null';
  // Functions and symbols have no JSON form.
  return JSON.stringify(value) ?? typeof value;
}

/** The message part of a field error without its field path (what `details.causes[].message` holds). */
export function fieldErrorMessage(e: FieldError): string {
  switch (e.type) {
    case 'Required':
      return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'Invalid':
      return `Invalid value: ${quote(e.value)}${e.detail ? `: ${e.detail}` : ''}`;
    case 'NotSupported': {
      const supported = (e.supported ?? []).map((s) => JSON.stringify(s)).join(', ');
      return `Unsupported value: ${quote(e.value)}${supported ? `: supported values: ${supported}` : ''}`;
    }
    case 'Duplicate':
      return `Duplicate value: ${quote(e.value)}`;
    case 'Forbidden':
      return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'TooLong':
      return `Too long: ${e.detail ?? 'value is too long'}`;
    case 'TooMany':
      return `Too many: ${e.detail ?? 'too many items'}`;
    case 'NotFound':
      return `Not found: ${quote(e.value)}`;
  }
}

/** `field: message`, as printed in an Invalid error's message. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${fieldErrorMessage(e)}`;
}

/** Field-error constructors mirroring kube-apiserver's `field.Required`, `field.Invalid` … */
export const fieldError = {
  required: (field: string, detail?: string): FieldError => ({ type: 'Required', field, ...(detail ? { detail } : {}) }),
  invalid: (field: string, value: unknown, detail?: string): FieldError => ({ type: 'Invalid', field, value, ...(detail ? { detail } : {}) }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): FieldError => ({ type: 'NotSupported', field, value, supported }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'Duplicate', field, value }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail }),
  tooLong: (field: string, value: unknown, max: number): FieldError => ({ type: 'TooLong', field, value, detail: `may not be more than ${max} bytes` }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({ type: 'TooMany', field, detail: `must have at most ${max} items`, value: actual }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'NotFound', field, value }),
};

/**
 * The 422 `Invalid` error kube-apiserver returns: `Pod "x" is invalid: [a: …, b: …]`, with one
 * `details.causes` entry per field error.
 * @public
 */
export function invalid(kind: string, name: string, errors: readonly FieldError[], group = ''): StatusError {
  const parts = errors.map(formatFieldError);
  const list = parts.length === 1 ? (parts[0] as string) : `[${parts.join(', ')}]`;
  return new StatusError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${list}`, {
    name,
    group,
    kind,
    causes: errors.map((e) => ({ reason: CAUSE_REASON[e.type], message: fieldErrorMessage(e), field: e.field })),
  });
}

/** Throws {@link invalid} when `errors` is not empty. */
export function throwIfInvalid(kind: string, name: string, errors: readonly FieldError[], group = ''): void {
  if (errors.length > 0) throw invalid(kind, name, errors, group);
}

