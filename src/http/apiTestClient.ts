import { request } from 'node:https';
import { request as plainRequest } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { RunningApiServer } from './startApiServer.ts';

/** An HTTP answer: status, headers and body text (and the body parsed as JSON when it is JSON). */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** Options of {@link apiRequest}. */
export interface ApiRequestOptions {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  /** Bearer token (default the server's admin token; `null` sends none). */
  readonly token?: string | null;
}

function open(server: RunningApiServer, method: string, path: string, o: ApiRequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest {
  const url = new URL(path, server.url);
  const token = o.token === undefined ? server.token : o.token;
  const headers: Record<string, string> = { ...(o.accept !== undefined ? { Accept: o.accept } : {}), ...(o.contentType !== undefined ? { 'Content-Type': o.contentType } : {}), ...(token !== null ? { Authorization: `Bearer ${token}` } : {}) };
  const options = { method, headers, ...(server.certificateAuthority !== undefined ? { ca: server.certificateAuthority } : {}) };
  return url.protocol === 'https:' ? request(url, options, onResponse) : plainRequest(url, options, onResponse);
}

/**
 * One request to a running API server, as a client would send it (for tests and scripts). A body
 * that is not a string or Buffer is sent as JSON.
 */
export function apiRequest(server: RunningApiServer, method: string, path: string, o: ApiRequestOptions = {}): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const json = o.body !== undefined && typeof o.body !== 'string' && !Buffer.isBuffer(o.body);
    const req = open(server, method, path, { ...(json ? { contentType: 'application/json' } : {}), ...o }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // not JSON (logs, health checks)
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const body = o.body === undefined ? undefined : typeof o.body === 'string' || Buffer.isBuffer(o.body) ? o.body : JSON.stringify(o.body);
    if (body !== undefined) req.setHeader('Content-Length', Buffer.byteLength(body));
    req.end(body);
  });
}

/** An open watch: the events received so far, and a promise that settles when the stream ends. */
export interface WatchStream {
  readonly events: { type: string; object: Record<string, unknown> }[];
  readonly status: Promise<number>;
  readonly ended: Promise<void>;
  /** Resolves once `n` events have arrived (rejects after `timeoutMs`). */
  next(n: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens `?watch=true` on a path and collects its events line by line. */
export function watchRequest(server: RunningApiServer, path: string, o: ApiRequestOptions = {}): WatchStream {
  const events: { type: string; object: Record<string, unknown> }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let resolveStatus: (s: number) => void = () => undefined;
  let resolveEnded: () => void = () => undefined;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const ended = new Promise<void>((r) => (resolveEnded = r));
  let buffer = '';
  const req = open(server, 'GET', path, o, (res) => {
    resolveStatus(res.statusCode ?? 0);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.trim() !== '') events.push(JSON.parse(line) as { type: string; object: Record<string, unknown> });
      }
      for (const w of [...waiters]) if (events.length >= w.n) w.resolve();
    });
    res.on('end', () => resolveEnded());
    res.on('close', () => resolveEnded());
  });
  req.on('error', () => resolveEnded());
  req.end();
  return {
    events,
    status,
    ended,
    next(n, timeoutMs = 5000) {
      if (events.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch: ${events.length} events after ${timeoutMs} ms, wanted ${n}: ${JSON.stringify(events.map((e) => e.type))}`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    close: () => req.destroy(),
  };
}

/** Opens a streaming text answer (`pods/log?follow=true`) and collects what arrives. */
export function streamText(server: RunningApiServer, path: string): { readonly received: () => string; close(): void } {
  let text = '';
  const req = open(server, 'GET', path, {}, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
  });
  req.on('error', () => undefined);
  req.end();
  return { received: () => text, close: () => req.destroy() };
}
