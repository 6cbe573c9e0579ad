import { fieldError, invalid } from '../api/fieldErrors.ts';
import type { KubeObject, StoredObject } from '../api/meta.ts';
import { supportsStrategicMergePatch } from '../api/patch/patchStrategies.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { badRequest, isNotFound } from '../api/status.ts';
import { applyPatch } from '../apiserver/applyPatch.ts';
import type { PatchType, WriteOptions } from '../apiserver/requestOptions.ts';
import { serverSideApply, trackUpdate } from '../apiserver/serverSideApply.ts';
import { fieldManagerRequest, managerOf } from './fieldManagement.ts';
import { mediaTypeOf } from './mediaTypes.ts';
import type { ResponseEncoding } from './mediaTypes.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';
import { decodeBody, decodeObject, readBody } from './readBody.ts';
import { sendObject, unsupportedMediaType } from './respond.ts';
import type { RequestScope, ServerContext } from './serverContext.ts';
import { checkFieldValidation } from './validationWarnings.ts';

/** A write to one object (or a create in a collection). */
export interface WriteRequest {
  readonly info: ResourceInfo;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly encoding: ResponseEncoding;
  readonly options: WriteOptions;
  readonly openapi: OpenApiV3;
  readonly subresource?: 'status';
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}

/**
 * The body as an object of the request's kind: apiVersion and kind filled in, a different kind refused.
 * For built-in kinds a JSON `null` is an absent field, as Go's typed decoding reads it (`kubectl create`
 * sends `creationTimestamp: null`); custom resources keep theirs.
 */
export function asKindOf(rawBody: Record<string, unknown>, info: ResourceInfo): KubeObject {
  const builtin = supportsStrategicMergePatch({ apiVersion: apiVersionOf(info), kind: info.kind });
  const body = builtin ? (dropNulls(rawBody) as Record<string, unknown>) : rawBody;
  const apiVersion = apiVersionOf(info);
  const gotVersion = (body['apiVersion'] as string | undefined) || apiVersion;
  const gotKind = (body['kind'] as string | undefined) || info.kind;
  if (gotKind !== info.kind || gotVersion !== apiVersion) {
    throw badRequest(`${gotKind} in version "${gotVersion.split('/').pop() ?? ''}" cannot be handled as a ${info.kind}: the object's apiVersion and kind must be ${apiVersion}, ${info.kind}`);
  }
  return { ...body, apiVersion, kind: info.kind };
}

function checkName(obj: KubeObject, name: string): void {
  const got = obj.metadata?.name;
  if (got !== undefined && got !== '' && got !== name) throw badRequest(`the name of the object (${got}) does not match the name on the URL (${name})`);
}

function withName(obj: KubeObject, name: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, name } };
}

/** POST to a collection: create (201). */
export async function serveCreate(ctx: ServerContext, scope: RequestScope, w: WriteRequest): Promise<void> {
  const obj = asKindOf(decodeObject(await readBody(scope.req), scope.req.headers['content-type']), w.info);
  checkFieldValidation(scope, w.openapi, w.info, obj);
  const manager = managerOf(scope.url.searchParams, scope.req);
  const tracked = trackUpdate(undefined, obj, fieldManagerRequest(w.openapi, w.info, manager, ctx.cluster.clock.now()));
  const created = ctx.api.create(tracked, { ...w.options, ...(w.namespace !== undefined ? { namespace: w.namespace } : {}) });
  sendObject(scope.res, 201, created, w.encoding);
}

/** PUT of an object (or of its status): update (200). */
export async function serveUpdate(ctx: ServerContext, scope: RequestScope, w: WriteRequest & { readonly name: string }): Promise<void> {
  const obj = asKindOf(decodeObject(await readBody(scope.req), scope.req.headers['content-type']), w.info);
  checkName(obj, w.name);
  checkFieldValidation(scope, w.openapi, w.info, obj);
  const live = ctx.api.get(w.info, w.name, w.namespace);
  const manager = managerOf(scope.url.searchParams, scope.req);
  const next = w.subresource === 'status' ? obj : trackUpdate(live, withName(obj, w.name), fieldManagerRequest(w.openapi, w.info, manager, ctx.cluster.clock.now()));
  const updated = ctx.api.update(withName(next, w.name), { ...w.options, ...(w.namespace !== undefined ? { namespace: w.namespace } : {}), ...(w.subresource !== undefined ? { subresource: w.subresource } : {}) });
  sendObject(scope.res, 200, updated, w.encoding);
}

const PATCH_TYPES: Readonly<Record<string, PatchType | 'apply'>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The patch type of a PATCH request's Content-Type (415 for others, and for strategic patches of custom resources). */
export function patchTypeOf(contentType: string | undefined, info: ResourceInfo): PatchType | 'apply' {
  const type = PATCH_TYPES[mediaTypeOf(contentType)];
  const supported = Object.keys(PATCH_TYPES).filter((t) => t !== 'application/strategic-merge-patch+json' || supportsStrategicMergePatch({ apiVersion: apiVersionOf(info), kind: info.kind }));
  if (type === undefined || (type === 'strategic' && !supported.includes('application/strategic-merge-patch+json'))) throw unsupportedMediaType(mediaTypeOf(contentType), supported);
  return type;
}

/** PATCH of an object (or of its status): JSON, merge, strategic merge patch, or server-side apply. */
export async function servePatch(ctx: ServerContext, scope: RequestScope, w: WriteRequest & { readonly name: string }): Promise<void> {
  const contentType = scope.req.headers['content-type'];
  const type = patchTypeOf(contentType, w.info);
  const body = await readBody(scope.req);
  const now = ctx.cluster.clock.now();
  const ns = w.namespace !== undefined ? { namespace: w.namespace } : {};
  const sub = w.subresource !== undefined ? { subresource: w.subresource } : {};
  if (type === 'apply') {
    serveApply(ctx, scope, w, decodeObject(body, contentType), now);
    return;
  }
  const live = ctx.api.get(w.info, w.name, w.namespace);
  const patched = applyPatch(live, body.toString('utf8'), type, w.info);
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch produced an object that is not a JSON object');
  const next = asKindOf({ ...(patched as Record<string, unknown>), apiVersion: apiVersionOf(w.info), kind: w.info.kind }, w.info);
  if (next.metadata?.name !== undefined && next.metadata.name !== w.name) {
    throw invalid(w.info.kind, w.name, [fieldError.invalid('metadata.name', next.metadata.name, 'field is immutable')], w.info.group);
  }
  checkFieldValidation(scope, w.openapi, w.info, next);
  const manager = managerOf(scope.url.searchParams, scope.req);
  const tracked = w.subresource === 'status' ? next : trackUpdate(live, next, fieldManagerRequest(w.openapi, w.info, manager, now));
  const updated = ctx.api.update(withName(tracked, w.name), { ...w.options, ...ns, ...sub });
  sendObject(scope.res, 200, updated, w.encoding);
}

function serveApply(ctx: ServerContext, scope: RequestScope, w: WriteRequest & { readonly name: string }, raw: Record<string, unknown>, now: number): void {
  const q = scope.url.searchParams;
  const manager = q.get('fieldManager');
  if (!manager) throw invalid('PatchOptions', '', [fieldError.required('fieldManager', 'is required for apply patch')], 'meta.k8s.io');
  const force = q.get('force') === 'true';
  if (raw['apiVersion'] === undefined || raw['kind'] === undefined) throw badRequest('apiVersion and kind must be set in an apply patch');
  const config = asKindOf(raw, w.info);
  checkName(config, w.name);
  checkFieldValidation(scope, w.openapi, w.info, config);
  let live: StoredObject | undefined;
  try {
    live = ctx.api.get(w.info, w.name, w.namespace);
  } catch (e) {
    if (!isNotFound(e) || w.subresource !== undefined) throw e;
  }
  const req = fieldManagerRequest(w.openapi, w.info, manager, now, w.subresource);
  const next = withName(serverSideApply({ ...req, live, config: withName(config, w.name), force }), w.name);
  const ns = w.namespace !== undefined ? { namespace: w.namespace } : {};
  if (live === undefined) {
    sendObject(scope.res, 201, ctx.api.create(next, { ...w.options, ...ns }), w.encoding);
    return;
  }
  const updated = ctx.api.update(next, { ...w.options, ...ns, ...(w.subresource !== undefined ? { subresource: w.subresource } : {}) });
  sendObject(scope.res, 200, updated, w.encoding);
}

/** The body of a DELETE, if any (DeleteOptions). */
export async function readDeleteBody(scope: RequestScope): Promise<Record<string, unknown> | undefined> {
  const body = await readBody(scope.req);
  if (body.toString('utf8').trim() === '') return undefined;
  const value = decodeBody(body, scope.req.headers['content-type']);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Resources whose delete answers with the object (kube-apiserver's `ReturnDeletedObject`); the rest answer a Status. */
const RETURN_DELETED: ReadonlySet<string> = new Set(['/pods', '/namespaces', 'apiextensions.k8s.io/customresourcedefinitions']);

/** The answer to a delete: the object while it still exists (graceful deletion, finalizers), else as upstream. */
export function deleteAnswer(ctx: ServerContext, info: ResourceInfo, result: StoredObject, dryRun: boolean): unknown {
  let stillThere = dryRun;
  try {
    stillThere ||= ctx.api.get(info, result.metadata.name, result.metadata.namespace).metadata.uid === result.metadata.uid;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (stillThere || RETURN_DELETED.has(`${info.group}/${info.plural}`)) return result;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: result.metadata.name, group: info.group, kind: info.plural, uid: result.metadata.uid } };
}
