import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { badRequest } from '../api/status.ts';
import type { OpenApiV3 } from './openapi/openApiV3.ts';
import { unknownFields } from './openapi/unknownFields.ts';
import type { RequestScope } from './serverContext.ts';

/** Adds `Warning` headers (`299 - "text"`), which kubectl prints as `Warning: text`. */
export function addWarnings(scope: RequestScope, warnings: readonly string[]): void {
  if (warnings.length === 0) return;
  const existing = scope.res.getHeader('Warning');
  const before = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  scope.res.setHeader('Warning', [...before, ...warnings.map((w) => `299 - ${JSON.stringify(w)}`)]);
}

/**
 * Server-side field validation (`?fieldValidation=`): fields the kind's schema does not declare are
 * refused with 400 under `Strict` (what kubectl sends by default), reported as warnings under `Warn`
 * (the default) and ignored under `Ignore`.
 */
export function checkFieldValidation(scope: RequestScope, openapi: OpenApiV3, info: ResourceInfo, obj: KubeObject): void {
  const mode = scope.url.searchParams.get('fieldValidation') || 'Warn';
  if (mode !== 'Ignore' && mode !== 'Warn' && mode !== 'Strict') {
    throw badRequest(`fieldValidation: Unsupported value: ${JSON.stringify(mode)}: supported values: "Ignore", "Strict", "Warn"`);
  }
  if (mode === 'Ignore') return;
  const { schemas, name } = openapi.schemaFor(info);
  const unknown = unknownFields(obj, schemas, schemas.get(name));
  if (unknown.length === 0) return;
  if (mode === 'Strict') {
    throw badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${unknown.map((f) => `unknown field ${JSON.stringify(f)}`).join(', ')}`);
  }
  addWarnings(scope, unknown.map((f) => `unknown field ${JSON.stringify(f)}`));
}
