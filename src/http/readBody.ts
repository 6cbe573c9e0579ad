import type { IncomingMessage } from 'node:http';
import { parse } from 'yaml';
import { badRequest, requestEntityTooLarge } from '../api/status.ts';
import { mediaTypeOf } from './mediaTypes.ts';
import { unsupportedMediaType } from './respond.ts';

/** kube-apiserver's limit on a request body (`--max-request-body-bytes` is 3 MiB). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * Reads a request body, refusing one over `limit` bytes with 413. The rest of an oversized body is
 * read and dropped so the client still gets the answer.
 */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(requestEntityTooLarge(`Request entity too large: limit is ${limit}`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * Decodes a body as JSON, or as YAML for YAML media types (and apply patches). Malformed input is a
 * 400 whose message says what failed, as kube-apiserver's decoder does.
 */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString('utf8');
  const type = mediaTypeOf(contentType);
  if (type.includes('protobuf') || type.includes('cbor')) throw unsupportedMediaType(type, ['application/json', 'application/yaml']);
  if (text.trim() === '') throw badRequest('the request body is empty; expected a JSON or YAML object');
  const yaml = type === 'application/yaml' || type === 'application/apply-patch+yaml' || type === 'text/yaml';
  if (yaml) {
    try {
      return parse(text, { prettyErrors: false, uniqueKeys: true }) as unknown;
    } catch (e) {
      throw badRequest(`error converting YAML to JSON: yaml: ${firstLine((e as Error).message)}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${firstLine((e as Error).message)}`);
  }
}

/** Decodes a body that must be a JSON object (an API object, DeleteOptions, Scale …). */
export function decodeObject(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  const value = decodeBody(body, contentType);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest(`the body of the request must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`);
  }
  return value as Record<string, unknown>;
}
