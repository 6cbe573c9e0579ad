import type { Status, StatusCause } from 'kubernetes-types/meta/v1.js';

/** The `reason` values of a failed Kubernetes `Status` this project produces. */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout';

/** Where a failure came from: the resource, its group and the object name (for `details`). */
export interface StatusTarget {
  readonly group?: string;
  /** The plural resource (`pods`) for most errors; the Kind (`Pod`) for `Invalid`. */
  readonly kind?: string;
  readonly name?: string;
}

/**
 * An error that carries a Kubernetes `Status`. Everything the API server refuses is thrown as one;
 * `status` is the object a client sees over HTTP.
 * @public
 */
export class StatusError extends Error {
  readonly status: Readonly<Status> & { readonly code: number; readonly reason: StatusReason; readonly message: string };

  constructor(code: number, reason: StatusReason, message: string, details?: Status['details']) {
    super(message);
    this.name = 'StatusError';
    this.status = Object.freeze({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details !== undefined ? { details } : {}),
      code,
    });
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason {
    return this.status.reason;
  }

  /** The field causes of an `Invalid` error. */
  get causes(): readonly StatusCause[] {
    return this.status.details?.causes ?? [];
  }
}

/** True when `e` is a {@link StatusError}, optionally with the given reason. */
export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}

/** True for a 404 NotFound. */
export function isNotFound(e: unknown): e is StatusError {
  return isStatusError(e, 'NotFound');
}

/** True for a 409 Conflict (a stale resourceVersion or a failed precondition). */
export function isConflict(e: unknown): e is StatusError {
  return isStatusError(e, 'Conflict');
}

/** True for a 409 AlreadyExists. */
export function isAlreadyExists(e: unknown): e is StatusError {
  return isStatusError(e, 'AlreadyExists');
}

/** True for a 410 (watch from a compacted revision). */
export function isGone(e: unknown): e is StatusError {
  return e instanceof StatusError && e.code === 410;
}

/** True for a 422 Invalid. */
export function isInvalid(e: unknown): e is StatusError {
  return isStatusError(e, 'Invalid');
}

function qualified(resource: string, group: string | undefined): string {
  return group ? `${resource}.${group}` : resource;
}

function details(t: StatusTarget): Status['details'] {
  return { ...(t.name !== undefined ? { name: t.name } : {}), group: t.group ?? '', ...(t.kind !== undefined ? { kind: t.kind } : {}) };
}

/** `pods "x" not found` (404). */
export function notFound(resource: string, name: string, group?: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, details({ group: group ?? '', kind: resource, name }));
}

/** `pods "x" already exists` (409). */
export function alreadyExists(resource: string, name: string, group?: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, details({ group: group ?? '', kind: resource, name }));
}

/** The optimistic-concurrency conflict kubectl and client-go match on (409). */
export function conflict(resource: string, name: string, group?: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
  return new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`, details({ group: group ?? '', kind: resource, name }));
}

/** 410 for a watch or list from a revision older than the history window. */
export function gone(requested: number | string, oldest: number | string): StatusError {
  return new StatusError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

/** 400 with a message. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/** 403: `pods "x" is forbidden: <why>`. */
export function forbidden(resource: string, name: string, why: string, group?: string): StatusError {
  const what = name === '' ? qualified(resource, group) : `${qualified(resource, group)} "${name}"`;
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, details({ group: group ?? '', kind: resource, name }));
}

/** 405 for a verb a resource does not support. */
export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): StatusError {
  return new StatusError(405, 'MethodNotAllowed', message);
}

/** 413 when an object or request body is over the limit. */
export function requestEntityTooLarge(message: string): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', message);
}

/** 500 with a message. */
export function internalError(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** 429 (used by fault injection and rate limiting). */
export function tooManyRequests(message = 'the server has received too many requests and has asked us to try again later'): StatusError {
  return new StatusError(429, 'TooManyRequests', message);
}

/** 503 (used by fault injection). */
export function serviceUnavailable(message = 'the server is currently unable to handle the request'): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}
