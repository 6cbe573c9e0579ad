import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { parseDeclarations } from './parseDeclarations.ts';
import type { DeclarationFile, TypeExpr } from './parseDeclarations.ts';
import { annotatePatchMetadata } from './patchExtensions.ts';

/** An OpenAPI schema object (JSON). */
export type Schema = Record<string, unknown>;

/** The component schemas of every Kubernetes type, and the schema name of each top-level kind. */
export interface KubernetesSchemas {
  /** By OpenAPI name (`io.k8s.api.apps.v1.Deployment`). */
  readonly schemas: ReadonlyMap<string, Schema>;
  /** `group/version/Kind` (`/v1/Pod` for the core group) → OpenAPI name. */
  readonly kinds: ReadonlyMap<string, string>;
}

/** The OpenAPI name of the int-or-string type (written inline as `number | string` in kubernetes-types). */
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

// kubernetes-types module → the Go package prefix kube-apiserver's OpenAPI names use.
function packagePrefix(module: string): string {
  if (module === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (module === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  if (module === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (module === 'version') return 'io.k8s.apimachinery.pkg.version';
  if (module.startsWith('apiextensions/')) return `io.k8s.apiextensions-apiserver.pkg.apis.${module.replace('/', '.')}`;
  return `io.k8s.api.${module.replace('/', '.')}`;
}

// Integer fields kube-apiserver declares int64 (the rest are int32); only the `format` differs.
const INT64 = /(Seconds|Generation|generation|revision|Revision|ItemCount|runAsUser|runAsGroup|fsGroup|supplementalGroups|Timestamp|expirationSeconds|limit)$/;
// The few floating-point fields (JSON Schema bounds in CRDs).
const DOUBLE: ReadonlySet<string> = new Set(['maximum', 'minimum', 'multipleOf']);

const ALIAS_SCHEMAS: Readonly<Record<string, Schema>> = {
  Time: { type: 'string', format: 'date-time' },
  MicroTime: { type: 'string', format: 'date-time' },
  Quantity: { oneOf: [{ type: 'string' }, { type: 'number' }], 'x-kubernetes-int-or-string': true },
};

function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

interface Module {
  readonly path: string;
  readonly file: DeclarationFile;
}

function listModules(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full, rel === '' ? entry : `${rel}/${entry}`);
      else if (entry.endsWith('.d.ts')) out.push(rel === '' ? entry.slice(0, -5) : `${rel}/${entry.slice(0, -5)}`);
    }
  };
  walk(root, '');
  return out;
}

function typesRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('kubernetes-types/package.json'));
}

/**
 * Derives the OpenAPI v3 component schemas of every Kubernetes type from the `kubernetes-types`
 * declaration files (the same upstream OpenAPI, generated into TypeScript): docs become
 * `description`, non-optional fields `required`, kinds get `x-kubernetes-group-version-kind`, and the
 * strategic-merge and list-type extensions come from the project's patch tables.
 */
export function buildKubernetesSchemas(root = typesRoot()): KubernetesSchemas {
  const modules = new Map<string, Module>();
  for (const path of listModules(root)) modules.set(path, { path, file: parseDeclarations(readFileSync(join(root, `${path}.d.ts`), 'utf8')) });
  const schemas = new Map<string, Schema>();
  const kinds = new Map<string, string>();
  schemas.set(INT_OR_STRING, {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    type: 'string',
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
  });

  const resolve = (module: Module, name: string): string => {
    const from = module.file.imports.get(name);
    if (from === undefined) {
      if (module.file.interfaces.has(name) || module.file.aliases.has(name)) return `${packagePrefix(module.path)}.${name}`;
      // A global type (apiextensions' `JSON`): any JSON value.
      const unknown = `${packagePrefix(module.path)}.${name}`;
      if (!schemas.has(unknown)) schemas.set(unknown, { 'x-kubernetes-preserve-unknown-fields': true });
      return unknown;
    }
    const target = posix.normalize(posix.join(posix.dirname(module.path), from));
    return `${packagePrefix(target)}.${name}`;
  };

  const toSchema = (module: Module, type: TypeExpr, field: string): Schema => {
    switch (type.kind) {
      case 'string':
      case 'literal':
        return { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'number':
        return DOUBLE.has(field) ? { type: 'number', format: 'double' } : { type: 'integer', format: INT64.test(field) ? 'int64' : 'int32' };
      case 'any':
        return { 'x-kubernetes-preserve-unknown-fields': true };
      case 'array':
        return { type: 'array', items: toSchema(module, type.of, field) };
      case 'map':
        return { type: 'object', additionalProperties: toSchema(module, type.of, field) };
      case 'union':
        if (type.of.every((t) => t.kind === 'number' || t.kind === 'string')) return ref(INT_OR_STRING);
        return { 'x-kubernetes-preserve-unknown-fields': true };
      case 'ref':
        return ref(resolve(module, type.name));
    }
  };

  for (const module of modules.values()) {
    const prefix = packagePrefix(module.path);
    for (const [name, alias] of module.file.aliases) {
      const base = ALIAS_SCHEMAS[name] ?? { 'x-kubernetes-preserve-unknown-fields': true };
      schemas.set(`${prefix}.${name}`, { ...(alias.doc ? { description: alias.doc } : {}), ...base });
    }
    for (const decl of module.file.interfaces.values()) {
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      let apiVersion: string | undefined;
      let kind: string | undefined;
      for (const f of decl.fields) {
        const s = toSchema(module, f.type, f.name);
        const described = f.doc === '' ? s : '$ref' in s ? { description: f.doc, allOf: [s] } : { description: f.doc, ...s };
        properties[f.name] = described;
        if (f.name === 'apiVersion' && f.type.kind === 'literal') apiVersion = f.type.value;
        else if (f.name === 'kind' && f.type.kind === 'literal') kind = f.type.value;
        else if (!f.optional) required.push(f.name);
      }
      const schema: Schema = { ...(decl.doc ? { description: decl.doc } : {}), type: 'object' };
      if (decl.fields.length === 0) schema['x-kubernetes-preserve-unknown-fields'] = true;
      else schema['properties'] = properties;
      if (required.length > 0) schema['required'] = required;
      if (apiVersion !== undefined && kind !== undefined) {
        const slash = apiVersion.indexOf('/');
        const group = slash < 0 ? '' : apiVersion.slice(0, slash);
        const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
        schema['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
        kinds.set(`${group}/${version}/${kind}`, `${prefix}.${decl.name}`);
      }
      schemas.set(`${prefix}.${decl.name}`, schema);
    }
  }
  annotatePatchMetadata(schemas, kinds);
  return { schemas, kinds };
}

let cached: KubernetesSchemas | undefined;

/** {@link buildKubernetesSchemas}, built once per process. */
export function kubernetesSchemas(): KubernetesSchemas {
  cached ??= buildKubernetesSchemas();
  return cached;
}

/** Follows `$ref` and single-element `allOf` wrappers to the schema they name. */
export function derefSchema(schemas: ReadonlyMap<string, Schema>, schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; i < 16 && s !== undefined; i++) {
    const r = s['$ref'];
    if (typeof r === 'string') {
      s = schemas.get(r.replace('#/components/schemas/', ''));
      continue;
    }
    const all = s['allOf'];
    if (Array.isArray(all) && all.length === 1 && s['properties'] === undefined) {
      s = all[0] as Schema;
      continue;
    }
    return s;
  }
  return s;
}
