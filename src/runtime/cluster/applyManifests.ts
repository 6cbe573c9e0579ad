import { parseAllDocuments } from 'yaml';
import type { KubeObject, StoredObject } from '../../api/meta.ts';
import { badRequest, isNotFound, StatusError } from '../../api/status.ts';
import { createThreeWayStrategicPatch } from '../../api/patch/strategicMergePatch.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';

/** The annotation `kubectl apply` keeps the last applied manifest in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** What apply did to one object; the wording completes "deployment.apps/web …" as kubectl prints it. */
export interface ApplyResult {
  readonly object: StoredObject;
  readonly action: 'created' | 'configured' | 'unchanged';
}

/**
 * Splits YAML or JSON text into objects. Every error names the document (1-based) and, where it
 * can, the line: `document 2 (line 14): …`. `List` objects are flattened.
 * @public
 */
export function parseManifests(text: string, source = 'input'): KubeObject[] {
  const out: KubeObject[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const all = Array.isArray(docs) ? docs : [docs];
  let index = 0;
  for (const doc of all) {
    index++;
    const where = `${source}: document ${index}`;
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      throw badRequest(`${where}: error parsing YAML${e?.linePos ? ` (line ${e.linePos[0].line})` : ''}: ${e?.message.split('\n')[0] ?? 'invalid YAML'}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${where}: expected an object, got ${Array.isArray(value) ? 'a list' : typeof value}`);
    const obj = value as KubeObject & { items?: unknown };
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items as KubeObject[]) out.push(item);
      continue;
    }
    if (!obj.apiVersion) throw badRequest(`${where}: apiVersion not set`);
    if (!obj.kind) throw badRequest(`${where}: kind not set`);
    out.push(obj);
  }
  return out;
}

function withLastApplied(obj: KubeObject, text: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata?.annotations, [LAST_APPLIED_ANNOTATION]: text } } };
}

/**
 * Client-side apply as `kubectl apply` does it: create with the last-applied annotation, or patch
 * the live object with the three-way strategic merge of last-applied, the manifest and the live object.
 * @public
 */
export function applyObject(api: ApiServer, manifest: KubeObject, namespace?: string): ApplyResult {
  const info = api.registry.requireKind(manifest.apiVersion, manifest.kind);
  const ns = info.namespaced ? manifest.metadata?.namespace || namespace || 'default' : undefined;
  const name = manifest.metadata?.name;
  if (!name) throw badRequest(`${info.kind}: metadata.name is required for apply`);
  const target: KubeObject = info.namespaced && ns !== undefined ? { ...manifest, metadata: { ...manifest.metadata, namespace: ns } } : manifest;
  const lastApplied = JSON.stringify(target);
  let live: StoredObject | undefined;
  try {
    live = api.get(info, name, ns);
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (live === undefined) return { object: api.create(withLastApplied(target, lastApplied)), action: 'created' };
  const previousText = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  const previous = previousText ? (JSON.parse(previousText) as KubeObject) : {};
  const patch = createThreeWayStrategicPatch(previous, withLastApplied(target, lastApplied), live, { apiVersion: live.apiVersion ?? '', kind: info.kind });
  if (patch === null || (typeof patch === 'object' && Object.keys(patch).length === 0)) return { object: live, action: 'unchanged' };
  const updated = api.patch(info, name, patch, { type: info.group === '' || isBuiltinGroup(info.group) ? 'strategic' : 'merge', ...(ns !== undefined ? { namespace: ns } : {}) });
  return { object: updated, action: updated.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured' };
}

function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** Applies many objects in order; an error names the object that failed. */
export function applyAll(api: ApiServer, objects: readonly KubeObject[], namespace?: string): ApplyResult[] {
  const out: ApplyResult[] = [];
  for (const [i, obj] of objects.entries()) {
    try {
      out.push(applyObject(api, obj, namespace));
    } catch (e) {
      if (e instanceof StatusError) {
        const what = `${obj.kind ?? '?'} "${obj.metadata?.name ?? obj.metadata?.generateName ?? '?'}"`;
        throw new StatusError(e.code, e.reason, `error applying object ${i + 1} (${what}): ${e.message}`, e.status.details);
      }
      throw e;
    }
  }
  return out;
}
