import type { IncomingMessage } from 'node:http';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { applyTypeFromSchema } from '../apiserver/applyType.ts';
import type { ApplyType } from '../apiserver/applyType.ts';
import { rfc3339 } from '../apiserver/timestamps.ts';
import type { FieldManagerRequest } from '../apiserver/serverSideApply.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';

const types = new WeakMap<OpenApiV3, Map<string, { key: string; type: ApplyType }>>();

/** The server-side-apply type of a resource's kind, from its OpenAPI schema (cached per schema). */
export function applyTypeFor(openapi: OpenApiV3, info: ResourceInfo): ApplyType {
  const { schemas, name } = openapi.schemaFor(info);
  const cache = types.get(openapi) ?? new Map<string, { key: string; type: ApplyType }>();
  types.set(openapi, cache);
  const id = `${info.group}/${info.version}/${info.kind}`;
  const root = schemas.get(name);
  const key = JSON.stringify(root) ?? '';
  const hit = cache.get(id);
  if (hit !== undefined && hit.key === key) return hit.type;
  const type = applyTypeFromSchema(schemas, root);
  cache.set(id, { key, type });
  return type;
}

/**
 * The field manager of a non-apply write: `?fieldManager=`, else the User-Agent's product name
 * (`kubectl/v1.32.4 (linux/amd64) …` → `kubectl`), as kube-apiserver defaults it.
 */
export function managerOf(q: URLSearchParams, req: IncomingMessage): string {
  const explicit = q.get('fieldManager');
  if (explicit) return explicit;
  const agent = req.headers['user-agent'] ?? '';
  const product = agent.split('/')[0]?.trim() ?? '';
  return product === '' ? 'unknown' : product.slice(0, 128);
}

/** The {@link FieldManagerRequest} of a write. */
export function fieldManagerRequest(openapi: OpenApiV3, info: ResourceInfo, manager: string, now: number, subresource?: string): FieldManagerRequest {
  return { manager, apiVersion: apiVersionOf(info), now: rfc3339(now), type: applyTypeFor(openapi, info), ...(subresource !== undefined ? { subresource } : {}) };
}
