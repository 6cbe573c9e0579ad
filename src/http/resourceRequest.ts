import type { ResourceInfo } from '../api/resourceInfo.ts';
import { methodNotAllowed, notFound, StatusError } from '../api/status.ts';
import { requireAuthorized } from './auth.ts';
import { servedSubresources } from './discovery.ts';
import { negotiateEncoding } from './mediaTypes.ts';
import { serveRead } from './objectReads.ts';
import { deleteAnswer, readDeleteBody, serveCreate, servePatch, serveUpdate } from './objectWrites.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';
import { deleteOptions, isWatch, listOptions, writeOptions } from './queryOptions.ts';
import type { ResourcePath } from './requestPath.ts';
import { notAcceptable, pathNotFound, sendObject } from './respond.ts';
import { REVIEW_KINDS, serveReview } from './reviews.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';
import { serveSubresource } from './subresourceRequests.ts';

const SUBRESOURCE_VERBS: Readonly<Record<string, string>> = { GET: 'get', PUT: 'update', PATCH: 'patch', POST: 'create' };

/** The authorization verb of a request, or undefined when the method is not served there. */
export function verbOf(method: string, path: ResourcePath, watch: boolean): string | undefined {
  if (path.subresource !== undefined) return SUBRESOURCE_VERBS[method];
  if (path.name === undefined) {
    if (method === 'GET') return watch || path.watchPrefix ? 'watch' : 'list';
    return { POST: 'create', DELETE: 'deletecollection' }[method];
  }
  if (method === 'GET') return watch || path.watchPrefix ? 'watch' : 'get';
  return { PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method];
}

const SELF_REVIEWS: ReadonlySet<string> = new Set(['authorization.k8s.io/selfsubjectaccessreviews', 'authorization.k8s.io/selfsubjectrulesreviews', 'authentication.k8s.io/selfsubjectreviews']);

// kube-apiserver's bootstrap policy (ClusterRole system:basic-user) lets every authenticated user ask
// what they may do and who they are; authorizers need not grant it themselves.
function isSelfReview(info: ResourceInfo, verb: string, groups: readonly string[]): boolean {
  return verb === 'create' && SELF_REVIEWS.has(`${info.group}/${info.plural}`) && groups.includes('system:authenticated');
}

function resolveResource(ctx: ServerContext, path: ResourcePath): ResourceInfo {
  const info = ctx.api.registry.forResource(path.group, path.resource, path.version);
  if (info === undefined || (path.namespace !== undefined && !info.namespaced)) throw pathNotFound();
  return info;
}

/**
 * Serves every request under `/api/v1` and `/apis/<group>/<version>` that names a resource: works out
 * the verb, authorizes it, and runs it against the cluster's API server.
 */
export async function serveResource(ctx: ServerContext, scope: RequestScope, path: ResourcePath, openapi: OpenApiV3): Promise<void> {
  const info = resolveResource(ctx, path);
  const method = scope.req.method ?? 'GET';
  const q = scope.url.searchParams;
  const watch = method === 'GET' && (path.watchPrefix || isWatch(q));
  const verb = verbOf(method, path, watch);
  if (verb === undefined) throw methodNotAllowed();
  if (path.subresource !== undefined) {
    const served = servedSubresources(info).find((s) => s.name === path.subresource);
    if (served === undefined && info.subresources.includes(path.subresource)) {
      // exec, attach, portforward, proxy, ephemeralcontainers …: kube-apiserver has them, this server does not.
      throw new StatusError(404, 'NotFound', `the server could not find the requested resource: the ${info.plural}/${path.subresource} subresource is not served by kubeactors`, { name: path.name ?? '', group: info.group, kind: info.plural });
    }
    if (served === undefined) throw pathNotFound();
    if (!served.verbs.includes(verb)) throw methodNotAllowed();
  } else if (!(info.verbs as readonly string[]).includes(verb)) {
    throw methodNotAllowed();
  }
  // A namespaced object is only reachable inside its namespace (kube-apiserver 404s /api/v1/pods/x).
  if (info.namespaced && path.namespace === undefined && (path.name !== undefined || verb === 'create')) {
    if (verb === 'create') throw methodNotAllowed();
    throw notFound(info.plural, path.name ?? '', info.group);
  }
  if (!isSelfReview(info, verb, scope.user.groups)) {
    requireAuthorized(ctx.authorize, { user: scope.user, verb, group: info.group, resource: info.plural, subresource: path.subresource, namespace: path.namespace, name: path.name });
  }
  const encoding = negotiateEncoding(scope.req.headers.accept, method === 'GET');
  if (encoding === undefined) throw notAcceptable();
  const options = writeOptions(q, scope.user.name);
  const ns = path.namespace;

  if (path.subresource !== undefined && path.subresource !== 'status') {
    await serveSubresource(ctx, scope, { info, namespace: ns, name: path.name ?? '', subresource: path.subresource, method, encoding, options, openapi });
    return;
  }
  const sub = path.subresource === 'status' ? { subresource: 'status' as const } : {};
  switch (verb) {
    case 'get':
    case 'list':
    case 'watch':
      serveRead(ctx, scope, { info, namespace: ns, name: path.name, watch, encoding });
      return;
    case 'create':
      if (!info.stored || REVIEW_KINDS.has(`${info.group}/${info.kind}`)) await serveReview(ctx, scope, info, ns, encoding, options);
      else await serveCreate(ctx, scope, { info, namespace: ns, name: undefined, encoding, options, openapi });
      return;
    case 'update':
      await serveUpdate(ctx, scope, { info, namespace: ns, name: path.name ?? '', encoding, options, openapi, ...sub });
      return;
    case 'patch':
      await servePatch(ctx, scope, { info, namespace: ns, name: path.name ?? '', encoding, options, openapi, ...sub });
      return;
    case 'delete': {
      const opts = deleteOptions(q, await readDeleteBody(scope), options, ns);
      const result = ctx.api.delete(info, path.name ?? '', opts);
      sendObject(scope.res, 200, deleteAnswer(ctx, info, result, opts.dryRun === 'All'), encoding);
      return;
    }
    case 'deletecollection': {
      const opts = deleteOptions(q, await readDeleteBody(scope), options, ns);
      const items = ctx.api.deleteCollection(info, { ...listOptions(q, ns), ...opts });
      const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
      sendObject(scope.res, 200, { kind: `${info.kind}List`, apiVersion, metadata: { resourceVersion: String(ctx.api.store.revision()) }, items }, encoding);
      return;
    }
    default:
      throw methodNotAllowed();
  }
}
