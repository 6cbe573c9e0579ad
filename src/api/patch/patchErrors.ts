import { StatusError, badRequest } from '../status.ts';
import type { JsonValue } from './jsonValue.ts';

/**
 * 422 for a patch that is well formed but cannot be applied. kube-apiserver builds it with
 * `NewGenericServerResponse(422, …)`: the message is the generic text below and the reason for the
 * failure (`testing value /a failed: test failed`) travels as the one `details.causes` entry.
 */
export function patchNotApplicable(detail: string): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    group: '',
    kind: '',
    name: '',
    causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
  });
}

/** 400 for a patch document that is malformed. */
export function malformedPatch(message: string): StatusError {
  return badRequest(message);
}

/** 415: the resource (a custom resource) does not accept strategic merge patches. */
export function strategicMergePatchNotSupported(): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
  );
}

/** The name Go's encoding/json gives a JSON value's type in its unmarshal errors. */
export function goJsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** A value printed the way Go's `%v` prints decoded JSON (`map[a:1 b:[x y]]`), for upstream-shaped messages. */
export function goFormat(v: JsonValue | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x: JsonValue) => goFormat(x)).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Readonly<Record<string, JsonValue>>;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${goFormat(o[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}
