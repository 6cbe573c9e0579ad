import type { ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { internalError, StatusError } from '../api/status.ts';
import type { ResponseEncoding } from './mediaTypes.ts';

/** Writes a JSON body (or YAML when the client asked for it). */
export function sendObject(res: ServerResponse, code: number, body: unknown, encoding: ResponseEncoding = 'json', contentType?: string): void {
  const yaml = encoding === 'yaml';
  const text = yaml ? stringify(body, { lineWidth: 0 }) : `${JSON.stringify(body)}\n`;
  res.writeHead(code, {
    'Content-Type': contentType ?? (yaml ? 'application/yaml' : 'application/json'),
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

/** Any thrown value as the Status error a client sees (unexpected errors become 500 InternalError). */
export function asStatusError(e: unknown): StatusError {
  if (e instanceof StatusError) return e;
  return internalError(e instanceof Error ? e.message : String(e));
}

/** Writes a failed `Status` with its HTTP code. */
export function sendError(res: ServerResponse, e: unknown): void {
  const err = asStatusError(e);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendObject(res, err.code, err.status);
}

/** 404 for a path that names nothing (kube-apiserver's message for unknown API paths). */
export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource');
}

/** 406 when the client accepts no encoding this server writes. */
export function notAcceptable(): StatusError {
  return new StatusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io');
}

/** 415 for a request body this server cannot decode. */
export function unsupportedMediaType(type: string, supported: readonly string[]): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`, { causes: [{ reason: 'UnsupportedMediaType', message: type }] });
}

/** A successful `Status` (what a delete of a resource answers once the object is gone). */
export function successStatus(details: { name: string; group: string; kind: string; uid?: string | undefined }): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { ...details, ...(details.uid === undefined ? {} : { uid: details.uid }) } };
}
