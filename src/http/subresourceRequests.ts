import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { badRequest, notFound } from '../api/status.ts';
import { applyPatch } from '../apiserver/applyPatch.ts';
import { trackUpdate } from '../apiserver/serverSideApply.ts';
import { fieldManagerRequest, managerOf } from './fieldManagement.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';
import type { WriteOptions } from '../apiserver/requestOptions.ts';
import { patchTypeOf, readDeleteBody } from './objectWrites.ts';
import { serveLog } from './podLogs.ts';
import type { ResponseEncoding } from './mediaTypes.ts';
import { deleteOptions } from './queryOptions.ts';
import { decodeObject, readBody } from './readBody.ts';
import { sendObject } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';

/** A request to a subresource other than status. */
export interface SubresourceRequest {
  readonly info: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly subresource: string;
  readonly method: string;
  readonly encoding: ResponseEncoding;
  readonly options: WriteOptions;
  readonly openapi: OpenApiV3;
}

const CREATED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };

function nsOpt(namespace: string | undefined): { namespace?: string } {
  return namespace !== undefined ? { namespace } : {};
}

async function serveScale(ctx: ServerContext, scope: RequestScope, r: SubresourceRequest): Promise<void> {
  if (r.method === 'GET') {
    sendObject(scope.res, 200, ctx.api.getScale(r.info, r.name, r.namespace), r.encoding);
    return;
  }
  const body = await readBody(scope.req);
  let scale: Record<string, unknown>;
  if (r.method === 'PUT') scale = decodeObject(body, scope.req.headers['content-type']);
  else {
    const type = patchTypeOf(scope.req.headers['content-type'], r.info);
    const current = ctx.api.getScale(r.info, r.name, r.namespace) as unknown as KubeObject;
    // A Scale has no lists: strategic and apply patches merge like a JSON merge patch.
    const patchType = type === 'json' ? 'json' : 'merge';
    const patchBody = type === 'apply' ? JSON.stringify(decodeObject(body, scope.req.headers['content-type'])) : body.toString('utf8');
    scale = applyPatch(current, patchBody, patchType, r.info) as Record<string, unknown>;
  }
  // Validate (and check the precondition) without writing, then write spec.replicas with the field
  // manager recorded as kube-apiserver does for the scale subresource.
  ctx.api.updateScale(r.info, r.name, scale, { ...r.options, ...nsOpt(r.namespace), dryRun: 'All' });
  const replicas = (scale['spec'] as { replicas: number }).replicas;
  const live = ctx.api.get(r.info, r.name, r.namespace);
  const next = { ...live, spec: { ...((live as { spec?: object }).spec ?? {}), replicas } } as KubeObject;
  const manager = managerOf(scope.url.searchParams, scope.req);
  const tracked = trackUpdate(live, next, fieldManagerRequest(r.openapi, r.info, manager, ctx.cluster.clock.now(), 'scale'));
  ctx.api.update(tracked, { ...r.options, ...nsOpt(r.namespace) });
  sendObject(scope.res, 200, r.options.dryRun === 'All' ? { ...ctx.api.getScale(r.info, r.name, r.namespace), spec: { replicas } } : ctx.api.getScale(r.info, r.name, r.namespace), r.encoding);
}

/** The body of a binding: `target.name` is the node. */
export function bindingTarget(body: Record<string, unknown>): string {
  const target = body['target'] as { name?: unknown } | undefined;
  return typeof target?.name === 'string' ? target.name : '';
}

async function serveBinding(ctx: ServerContext, scope: RequestScope, r: SubresourceRequest): Promise<void> {
  const body = decodeObject(await readBody(scope.req), scope.req.headers['content-type']);
  ctx.api.bind(r.namespace ?? 'default', r.name, bindingTarget(body), r.options);
  sendObject(scope.res, 201, CREATED, r.encoding);
}

async function serveEviction(ctx: ServerContext, scope: RequestScope, r: SubresourceRequest): Promise<void> {
  const body = (await readDeleteBody(scope)) ?? {};
  const name = (body['metadata'] as { name?: string } | undefined)?.name;
  if (name !== undefined && name !== r.name) throw badRequest(`name in URL does not match name in Eviction object`);
  const del = body['deleteOptions'] as Record<string, unknown> | undefined;
  ctx.api.evict(r.namespace ?? 'default', r.name, deleteOptions(scope.url.searchParams, del, r.options, r.namespace));
  sendObject(scope.res, 201, CREATED, r.encoding);
}

async function serveFinalize(ctx: ServerContext, scope: RequestScope, r: SubresourceRequest): Promise<void> {
  const body = decodeObject(await readBody(scope.req), scope.req.headers['content-type']);
  const spec = body['spec'] as { finalizers?: unknown } | undefined;
  const finalizers = Array.isArray(spec?.finalizers) ? spec.finalizers.filter((f): f is string => typeof f === 'string') : [];
  sendObject(scope.res, 200, ctx.api.finalizeNamespace(r.name, finalizers, r.options), r.encoding);
}

/** Serves scale, binding, eviction, log and finalize (status goes through the ordinary object paths). */
export async function serveSubresource(ctx: ServerContext, scope: RequestScope, r: SubresourceRequest): Promise<void> {
  switch (r.subresource) {
    case 'scale':
      return serveScale(ctx, scope, r);
    case 'binding':
      return serveBinding(ctx, scope, r);
    case 'eviction':
      return serveEviction(ctx, scope, r);
    case 'finalize':
      return serveFinalize(ctx, scope, r);
    case 'log':
      serveLog(ctx, scope, r.info, r.namespace ?? 'default', r.name);
      return;
    default:
      throw notFound(`${r.info.plural}/${r.subresource}`, r.name, r.info.group);
  }
}
