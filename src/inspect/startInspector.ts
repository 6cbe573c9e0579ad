import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Subscription } from 'rxjs';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { inspectorCharts } from './inspectorCharts.ts';
import { inspectCluster } from './inspectCluster.ts';
import { readPageAsset } from './pageAssets.ts';
import type { Tracer } from './traceTypes.ts';

/** Options of {@link startInspector}. */
export interface InspectorOptions {
  /** Port on `host` (default 0: any free port). */
  readonly port?: number;
  /** Interface to listen on (default `127.0.0.1`: the page is for this machine only). */
  readonly host?: string;
}

/** A running inspector page. */
export interface Inspector {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  /** Stops serving and ends the live streams. */
  close(): Promise<void>;
}

// Kubernetes Events join the trace, so the timeline and recordings show them beside transitions.
function followEvents(cluster: Cluster, tracer: Tracer): Subscription {
  return cluster.api.watch({ apiVersion: 'v1', kind: 'Event' }).subscribe({
    next: (w) => {
      if (w.type !== 'ADDED' && w.type !== 'MODIFIED') return;
      const e = w.object as unknown as Event;
      const o = e.involvedObject;
      const involved = `${o.kind ?? ''} ${o.namespace !== undefined && o.namespace !== '' ? `${o.namespace}/` : ''}${o.name ?? ''}`;
      tracer.push({ kind: 'k8s-event', actor: e.reportingComponent ?? e.source?.component ?? 'events', object: `${o.namespace !== undefined && o.namespace !== '' ? `${o.namespace}/` : ''}${o.name ?? ''}`, involved, type: e.type ?? 'Normal', reason: e.reason ?? '', message: e.message ?? '' });
    },
    error: () => undefined,
  });
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * Serves the inspector page for a cluster created with `createCluster({ tracer: createTracer() })`:
 * the actor tree, each actor's chart with its current state highlighted, live updates over
 * Server-Sent Events (`/api/stream`), the timeline of transitions and Kubernetes Events, and a time
 * slider over the trace (also over a JSON-lines trace loaded in the page). Everything is served from
 * the package (no CDN). Routes: `/`, `/api/charts`, `/api/state`, `/api/trace.jsonl`, `/api/stream`.
 * @public
 */
export async function startInspector(cluster: Cluster, opts: InspectorOptions = {}): Promise<Inspector> {
  const tracer = cluster.tracer;
  if (tracer === undefined) throw new Error('startInspector needs a traced cluster: createCluster({ tracer: createTracer() })');
  const events = followEvents(cluster, tracer);
  const streams = new Set<ServerResponse>();
  const live = tracer.trace$.subscribe((r) => {
    const line = `data: ${JSON.stringify(r)}\n\n`;
    for (const s of streams) s.write(line);
  });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    if (path === '/api/charts') return json(res, inspectorCharts(tracer));
    if (path === '/api/state') return json(res, { ...inspectCluster(cluster), records: tracer.records() });
    if (path === '/api/trace.jsonl') {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Content-Disposition': 'attachment; filename="trace.jsonl"' });
      res.end(tracer.records().map((r) => `${JSON.stringify(r)}\n`).join(''));
      return;
    }
    if (path === '/api/stream') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      // The page first loads /api/state; the stream then carries every later record (the page drops duplicates by seq).
      res.write('retry: 1000\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    const asset = readPageAsset(path === '/' ? 'index.html' : path.slice(1));
    if (asset === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-store' });
    res.end(asset.body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}/`,
    port,
    async close() {
      live.unsubscribe();
      events.unsubscribe();
      for (const s of streams) s.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
