import type fc from 'fast-check';
import type { TypeRef } from '../client/client.ts';
import type { ResourceDefinition } from '../runtime/resources/defineResource.ts';
import { fromSchema } from './arbitraries/fromSchema.ts';

/**
 * The default spec arbitrary of a primary resource: generated from the `spec` part of a custom
 * resource's OpenAPI schema. Built-in types need an explicit `spec` option.
 * @internal
 */
export function specFromResource(resource: ResourceDefinition | TypeRef): fc.Arbitrary<Record<string, unknown>> {
  const schema = typeof resource === 'object' && 'schema' in resource ? (resource).schema : undefined;
  const props = schema?.['properties'] as Record<string, Record<string, unknown>> | undefined;
  const spec = props?.['spec'];
  if (spec === undefined) {
    throw new TypeError(`checkController: give a \`spec\` arbitrary (the resource ${typeof resource === 'string' ? resource : 'given'} has no OpenAPI schema with a spec to generate from)`);
  }
  return fromSchema(spec) as fc.Arbitrary<Record<string, unknown>>;
}
