import { createHash } from 'node:crypto';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { ResourceInfo } from '../../api/resourceInfo.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import { groupVersions, resourcesOf } from '../discovery.ts';
import { kubernetesSchemas } from './kubernetesSchemas.ts';
import type { Schema } from './kubernetesSchemas.ts';
import { resourcePaths } from './openApiPaths.ts';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const ALWAYS: readonly string[] = [`${META}.Status`, `${META}.Patch`, `${META}.DeleteOptions`, `${META}.WatchEvent`, 'io.k8s.api.autoscaling.v1.Scale'];

/** The schemas that describe one resource: the component map to resolve `$ref`s in, and its root's name. */
export interface ResourceSchema {
  readonly schemas: ReadonlyMap<string, Schema>;
  readonly name: string;
}

function crdOf(api: ApiServer, info: ResourceInfo): CustomResourceDefinition | undefined {
  try {
    return api.get<CustomResourceDefinition>({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }, `${info.plural}.${info.group}`);
  } catch {
    return undefined;
  }
}

// A custom resource's OpenAPI name: its group reversed, then version and kind (`com.example.v1.Widget`).
function customName(info: ResourceInfo): string {
  return `${info.group.split('.').reverse().join('.')}.${info.version}.${info.kind}`;
}

function customSchema(api: ApiServer, info: ResourceInfo): Schema {
  const crd = crdOf(api, info);
  const declared = crd?.spec.versions.find((v) => v.name === info.version)?.schema?.openAPIV3Schema as Schema | undefined;
  const gvk = [{ group: info.group, kind: info.kind, version: info.version }];
  if (declared === undefined) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-group-version-kind': gvk };
  const props = { ...((declared['properties'] as Record<string, Schema> | undefined) ?? {}) };
  props['apiVersion'] = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
  props['kind'] = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  props['metadata'] = { description: "Standard object's metadata.", allOf: [{ $ref: `#/components/schemas/${META}.ObjectMeta` }] };
  return { ...declared, type: 'object', properties: props, 'x-kubernetes-group-version-kind': gvk };
}

function collectRefs(value: unknown, out: Set<string>, schemas: ReadonlyMap<string, Schema>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, out, schemas);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') {
      const name = v.replace('#/components/schemas/', '');
      if (!out.has(name)) {
        out.add(name);
        collectRefs(schemas.get(name), out, schemas);
      }
    } else collectRefs(v, out, schemas);
  }
}

/**
 * OpenAPI v3 as kube-apiserver serves it: `/openapi/v3` lists one document per group version (with a
 * content hash in its URL) and each document has the paths and component schemas of its resources.
 * Built-in schemas come from kubernetes-types, custom resources' from their CRDs. Documents are
 * rebuilt when the set of resources (or a CRD) changes.
 */
export class OpenApiV3 {
  private readonly api: ApiServer;
  private readonly cache = new Map<string, { key: string; doc: Schema; hash: string }>();

  constructor(api: ApiServer) {
    this.api = api;
  }

  /** The schemas of one resource's kind (for validation and server-side apply). */
  schemaFor(info: ResourceInfo): ResourceSchema {
    const base = kubernetesSchemas();
    const builtin = base.kinds.get(`${info.group}/${info.version}/${info.kind}`);
    if (builtin !== undefined) return { schemas: base.schemas, name: builtin };
    const name = customName(info);
    const schemas = new Map(base.schemas);
    schemas.set(name, customSchema(this.api, info));
    return { schemas, name };
  }

  /** `/openapi/v3`: the discovery document. */
  index(): Schema {
    const paths: Record<string, Schema> = {};
    for (const [group, versions] of groupVersions(this.api.registry)) {
      for (const version of versions) {
        const path = group === '' ? `api/${version}` : `apis/${group}/${version}`;
        const entry = this.entry(group, version);
        if (entry !== undefined) paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${entry.hash}` };
      }
    }
    return { paths };
  }

  /** The document at `/openapi/v3/<path>` (`api/v1`, `apis/apps/v1`), or undefined. */
  document(path: string): Schema | undefined {
    const m = /^(?:api\/(v[^/]+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (m === null) return undefined;
    const group = m[1] !== undefined ? '' : (m[2] ?? '');
    const version = m[1] ?? m[3] ?? '';
    return this.entry(group, version)?.doc;
  }

  private entry(group: string, version: string): { doc: Schema; hash: string } | undefined {
    const infos = resourcesOf(this.api.registry, group, version);
    if (infos.length === 0) return undefined;
    const key = JSON.stringify(infos.map((i) => [i.plural, i.kind, i.namespaced, i.subresources, crdOf(this.api, i)?.metadata?.resourceVersion ?? '']));
    const id = `${group}/${version}`;
    const hit = this.cache.get(id);
    if (hit?.key === key) return hit;
    const doc = this.build(infos);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
    const entry = { key, doc, hash };
    this.cache.set(id, entry);
    return entry;
  }

  private build(infos: readonly ResourceInfo[]): Schema {
    const base = kubernetesSchemas();
    const extra = new Map<string, Schema>();
    const paths: Record<string, Schema> = {};
    for (const info of infos) {
      const { name, schemas } = this.schemaFor(info);
      const custom = schemas !== base.schemas;
      if (custom) extra.set(name, schemas.get(name) ?? {});
      let listName = `${name}List`;
      if (!base.schemas.has(listName)) {
        listName = custom ? `${name}List` : `${META}.List`;
        extra.set(listName, { type: 'object', required: ['items'], properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { allOf: [{ $ref: `#/components/schemas/${META}.ListMeta` }] }, items: { type: 'array', items: { $ref: `#/components/schemas/${name}` } } } });
      }
      Object.assign(paths, resourcePaths(info, name, listName));
    }
    const all = new Map([...base.schemas, ...extra]);
    const names = new Set<string>();
    collectRefs(paths, names, all);
    for (const n of ALWAYS) collectRefs({ $ref: `#/components/schemas/${n}` }, names, all);
    const components: Record<string, Schema> = {};
    for (const n of [...names].sort()) {
      const s = all.get(n);
      if (s !== undefined) components[n] = s;
    }
    return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.30.0' }, paths, components: { schemas: components } };
  }
}
