import { derefSchema } from './kubernetesSchemas.ts';
import type { Schema } from './kubernetesSchemas.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The fields of `value` its OpenAPI schema does not declare, spelled as kube-apiserver's strict decoder
 * reports them (`spec.template.spec.containers[0].imagee`). Subtrees marked
 * `x-kubernetes-preserve-unknown-fields` and maps (`additionalProperties`) accept any key.
 */
export function unknownFields(value: unknown, schemas: ReadonlyMap<string, Schema>, schema: Schema | undefined, path = ''): string[] {
  const s = derefSchema(schemas, schema);
  if (s === undefined || s['x-kubernetes-preserve-unknown-fields'] === true) return [];
  const out: string[] = [];
  if (Array.isArray(value)) {
    const items = s['items'] as Schema | undefined;
    if (items !== undefined) value.forEach((v, i) => out.push(...unknownFields(v, schemas, items, `${path}[${i}]`)));
    return out;
  }
  if (!isObject(value)) return out;
  const props = s['properties'] as Record<string, Schema> | undefined;
  const additional = s['additionalProperties'];
  if (props === undefined && additional === undefined) return out;
  for (const [k, v] of Object.entries(value)) {
    const field = path === '' ? k : `${path}.${k}`;
    const prop = props?.[k];
    if (prop !== undefined) out.push(...unknownFields(v, schemas, prop, field));
    else if (isObject(additional)) out.push(...unknownFields(v, schemas, additional, field));
    else if (additional !== true) out.push(field);
  }
  return out;
}
