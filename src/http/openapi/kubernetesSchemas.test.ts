import { describe, expect, it } from 'vitest';
import { derefSchema, INT_OR_STRING, kubernetesSchemas } from './kubernetesSchemas.ts';
import type { Schema } from './kubernetesSchemas.ts';
import { parseDeclarations, parseTypeExpr } from './parseDeclarations.ts';
import { unknownFields } from './unknownFields.ts';

const props = (s: Schema | undefined): Record<string, Schema> => (s?.['properties'] ?? {}) as Record<string, Schema>;

describe('parseDeclarations', () => {
  it('should read interfaces with docs, optional fields, maps and imports', () => {
    const file = parseDeclarations(`import { ObjectMeta } from "../meta/v1";
/** A thing. */
export interface Thing {
    /** Its kind. */
    kind?: "Thing";
    /**
     * Labels
     * on two lines.
     */
    labels?: {
        [name: string]: string;
    };
    readonly count: number;
    port?: number | string;
    meta?: ObjectMeta;
}
export type Time = string;`);
    const thing = file.interfaces.get('Thing');
    expect(thing?.doc).toBe('A thing.');
    expect(thing?.fields.map((f) => [f.name, f.optional, f.type.kind])).toEqual([['kind', true, 'literal'], ['labels', true, 'map'], ['count', false, 'number'], ['port', true, 'union'], ['meta', true, 'ref']]);
    expect(thing?.fields[1]?.doc).toBe('Labels\non two lines.');
    expect(file.imports.get('ObjectMeta')).toBe('../meta/v1');
    expect(file.aliases.get('Time')?.type).toEqual({ kind: 'string' });
    expect(parseTypeExpr('Array<Array<string>>')).toEqual({ kind: 'array', of: { kind: 'array', of: { kind: 'string' } } });
  });
});

describe('kubernetesSchemas', () => {
  const { schemas, kinds } = kubernetesSchemas();

  it('should name every top-level kind with its group, version and kind', () => {
    expect(kinds.get('/v1/Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(kinds.get('apps/v1/Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(schemas.get('io.k8s.api.apps.v1.Deployment')?.['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(kinds.get('apiextensions.k8s.io/v1/CustomResourceDefinition')).toBe('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
  });

  it('should carry docs, required fields, types and int-or-string', () => {
    const container = schemas.get('io.k8s.api.core.v1.Container');
    expect(container?.['required']).toEqual(['name']);
    expect(props(container)['image']?.['description']).toMatch(/^Container image name/);
    const port = props(schemas.get('io.k8s.api.core.v1.ServicePort'));
    expect(port['port']).toMatchObject({ type: 'integer', format: 'int32' });
    expect(port['targetPort']).toMatchObject({ allOf: [{ $ref: `#/components/schemas/${INT_OR_STRING}` }] });
    expect(schemas.get('io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('should add the patch and list-type extensions of the built-in kinds', () => {
    const podSpec = props(schemas.get('io.k8s.api.core.v1.PodSpec'));
    expect(podSpec['containers']).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(podSpec['volumes']?.['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(props(schemas.get('io.k8s.api.core.v1.Container'))['ports']?.['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(props(schemas.get('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'))['finalizers']?.['x-kubernetes-list-type']).toBe('set');
    expect(schemas.get('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')?.['x-kubernetes-map-type']).toBe('atomic');
  });

  it('should resolve references through allOf wrappers', () => {
    const meta = derefSchema(schemas, props(schemas.get('io.k8s.api.core.v1.Pod'))['metadata']);
    expect(props(meta)['labels']).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('should find the fields a schema does not declare, with their paths', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { any: 'x' } }, spec: { containers: [{ name: 'c', imagee: 'x' }], bogus: 1 } };
    expect(unknownFields(pod, schemas, schemas.get('io.k8s.api.core.v1.Pod'))).toEqual(['spec.containers[0].imagee', 'spec.bogus']);
  });
});
