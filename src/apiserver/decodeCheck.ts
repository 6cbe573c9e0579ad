import type { KubeObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { StatusError } from '../api/status.ts';

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** The 400 kube-apiserver answers when a body does not decode into its kind. */
export function cannotHandle(info: ResourceInfo, detail: string): StatusError {
  return new StatusError(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${detail}`);
}

function expectObject(info: ResourceInfo, path: string, v: unknown): void {
  if (v !== undefined && (v === null || typeof v !== 'object' || Array.isArray(v))) {
    throw cannotHandle(info, `json: cannot unmarshal ${typeName(v)} into Go struct field ${info.kind}.${path} of type object`);
  }
}

// Go's decoder reads JSON null as "unset" (kubectl create sends creationTimestamp: null).
function expectString(info: ResourceInfo, path: string, v: unknown): void {
  if (v !== undefined && v !== null && typeof v !== 'string') throw cannotHandle(info, `json: cannot unmarshal ${typeName(v)} into Go struct field ${info.kind}.${path} of type string`);
}

function expectStringMap(info: ResourceInfo, path: string, v: unknown): void {
  expectObject(info, path, v);
  for (const [k, x] of Object.entries((v as Record<string, unknown> | undefined) ?? {})) expectString(info, `${path}.${k}`, x);
}

/**
 * The structural part of decoding a request body (what Go's typed JSON decoding refuses before any
 * validation): metadata, spec and status must be objects, names strings, labels and annotations
 * maps of strings. Deeper type errors surface while defaulting and are mapped to the same 400.
 * @internal
 */
export function decodeCheck(info: ResourceInfo, obj: KubeObject): void {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw cannotHandle(info, 'the body is not a JSON object');
  if (obj.apiVersion !== undefined && obj.apiVersion !== apiVersionOf(info)) {
    throw cannotHandle(info, `apiVersion ${JSON.stringify(obj.apiVersion)} does not match ${JSON.stringify(apiVersionOf(info))}`);
  }
  const meta = obj.metadata as unknown;
  expectObject(info, 'metadata', meta);
  const m = (meta ?? {}) as Record<string, unknown>;
  for (const f of ['name', 'generateName', 'namespace', 'resourceVersion', 'uid', 'creationTimestamp', 'deletionTimestamp']) expectString(info, `metadata.${f}`, m[f]);
  expectStringMap(info, 'metadata.labels', m['labels']);
  expectStringMap(info, 'metadata.annotations', m['annotations']);
  const finalizers = m['finalizers'];
  if (finalizers !== undefined && (!Array.isArray(finalizers) || finalizers.some((f) => typeof f !== 'string'))) {
    throw cannotHandle(info, `json: cannot unmarshal ${typeName(finalizers)} into Go struct field ObjectMeta.metadata.finalizers of type []string`);
  }
  const owners = m['ownerReferences'];
  if (owners !== undefined && (!Array.isArray(owners) || owners.some((o) => o === null || typeof o !== 'object' || Array.isArray(o)))) {
    throw cannotHandle(info, `json: cannot unmarshal ${typeName(owners)} into Go struct field ObjectMeta.metadata.ownerReferences of type []v1.OwnerReference`);
  }
  const fields = obj as Record<string, unknown>;
  if (!['ConfigMap', 'Secret'].includes(info.kind) || info.group !== '') {
    expectObject(info, 'spec', fields['spec']);
    expectObject(info, 'status', fields['status']);
  }
}

/** Runs a decoding step, mapping anything but a StatusError to the 400 a malformed body gets. */
export function decoding<T>(info: ResourceInfo, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw cannotHandle(info, e instanceof Error ? e.message : String(e));
  }
}
