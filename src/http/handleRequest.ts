import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from '../api/status.ts';
import { aggregatedContentType, aggregatedDiscovery, wantsAggregated } from './aggregatedDiscovery.ts';
import { authenticate, requireAuthorized } from './auth.ts';
import { apiGroup, apiGroupList, apiResourceList, coreVersions } from './discovery.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';
import { parseApiPath } from './requestPath.ts';
import { serveResource } from './resourceRequest.ts';
import { pathNotFound, sendError, sendObject } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';

const HEALTH = /^\/(healthz|livez|readyz)(\/[a-z-]*)?$/;
const CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-kube-apiserver-admission-initializer'];

function serveHealth(req: IncomingMessage, res: ServerResponse, url: URL, which: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
  const verbose = url.searchParams.has('verbose');
  const text = verbose ? `${CHECKS.map((c) => `[+]${c} ok`).join('\n')}\n${which} check passed\n` : 'ok';
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'X-Content-Type-Options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** `/version` as kube-apiserver answers it. */
export function versionInfo(gitVersion: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '30',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}

function serveDiscovery(ctx: ServerContext, scope: RequestScope, path: ReturnType<typeof parseApiPath>): void {
  const { req, res } = scope;
  const registry = ctx.api.registry;
  if (req.method !== 'GET') throw methodNotAllowed();
  requireAuthorized(ctx.authorize, { user: scope.user, verb: 'get', path: scope.url.pathname });
  if (path.kind === 'core-versions' || path.kind === 'groups') {
    const aggregated = wantsAggregated(req.headers.accept);
    if (aggregated !== undefined) {
      sendObject(res, 200, aggregatedDiscovery(registry, path.kind === 'core-versions' ? 'api' : 'apis', aggregated), 'json', aggregatedContentType(aggregated));
      return;
    }
    sendObject(res, 200, path.kind === 'core-versions' ? coreVersions(req.headers.host ?? '127.0.0.1') : apiGroupList(registry));
    return;
  }
  const doc = path.kind === 'group' ? apiGroup(registry, path.group) : path.kind === 'group-version' ? apiResourceList(registry, path.group, path.version) : undefined;
  if (doc === undefined) throw pathNotFound();
  sendObject(res, 200, doc);
}

function serveOpenApi(ctx: ServerContext, scope: RequestScope, openapi: OpenApiV3): void {
  if (scope.req.method !== 'GET') throw methodNotAllowed();
  requireAuthorized(ctx.authorize, { user: scope.user, verb: 'get', path: scope.url.pathname });
  const p = scope.url.pathname.replace(/\/+$/, '');
  if (p === '/openapi/v3') {
    sendObject(scope.res, 200, openapi.index());
    return;
  }
  const doc = p.startsWith('/openapi/v3/') ? openapi.document(p.slice('/openapi/v3/'.length)) : undefined;
  if (doc === undefined) throw pathNotFound();
  scope.res.setHeader('Cache-Control', scope.url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private');
  sendObject(scope.res, 200, doc);
}

function rootPaths(ctx: ServerContext): Record<string, unknown> {
  const paths = ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v3', '/readyz', '/version'];
  for (const r of ctx.api.registry.list()) if (r.group !== '') paths.push(`/apis/${r.group}`, `/apis/${r.group}/${r.version}`);
  return { paths: [...new Set(paths)].sort() };
}

/**
 * Serves one HTTP request: health and version (open to anyone), then bearer-token authentication,
 * discovery, OpenAPI and the resource API. Every failure is answered as a Kubernetes `Status`.
 */
export async function handleRequest(ctx: ServerContext, openapi: OpenApiV3, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const health = HEALTH.exec(url.pathname);
    if (health?.[1] !== undefined) {
      serveHealth(req, res, url, health[1]);
      return;
    }
    if (url.pathname === '/version' || url.pathname === '/version/') {
      if (req.method !== 'GET') throw methodNotAllowed();
      sendObject(res, 200, versionInfo(ctx.gitVersion));
      return;
    }
    const auth = authenticate(req, ctx.tokens, ctx.allowAnonymous);
    if ('error' in auth) {
      req.resume();
      sendError(res, auth.error);
      return;
    }
    const scope: RequestScope = { req, res, url, user: auth.user };
    if (url.pathname === '/' || url.pathname === '') {
      sendObject(res, 200, rootPaths(ctx));
      return;
    }
    if (url.pathname === '/openapi/v3' || url.pathname.startsWith('/openapi/')) {
      serveOpenApi(ctx, scope, openapi);
      return;
    }
    const path = parseApiPath(url.pathname);
    if (path.kind === 'unknown') throw pathNotFound();
    if (path.kind === 'resource') await serveResource(ctx, scope, path, openapi);
    else serveDiscovery(ctx, scope, path);
  } catch (e) {
    req.resume();
    sendError(res, e);
  }
}
