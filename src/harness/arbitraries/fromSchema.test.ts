import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { defaultAndPrune, validateAgainstSchema, type JsonSchema } from '../../api/schema/validateSchema.ts';
import { defineResource } from '../../runtime/resources/defineResource.ts';
import { customResource } from './customResource.ts';
import { fromSchema } from './fromSchema.ts';
import { remove, TEST_NAMESPACE, tryCreate, withTestCluster } from './testCluster.ts';

// Random structural schemas, with bounds that can always be met and defaults valid for their node.
const PATTERNS = ['^[a-z]+$', '^[0-9]{3}-[0-9]{2}$', 'abc', '^(foo|bar)[0-9]?$', '^v[0-9]+(\\.[0-9]+)*$', '^[A-Z][a-z]{1,8}$'];
const propName = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/).filter((k) => !['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k));
const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const clean = (s: Record<string, unknown>): JsonSchema => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));

const stringSchema = fc.oneof(
  fc.record({ min: opt(fc.integer({ min: 0, max: 5 })), extra: opt(fc.integer({ min: 0, max: 10 })) }).map(({ min, extra }) => clean({ type: 'string', minLength: min, maxLength: extra !== undefined ? (min ?? 0) + extra : undefined })),
  fc.constantFrom(...PATTERNS).map((pattern) => clean({ type: 'string', pattern })),
  fc.constantFrom('date-time', 'date', 'uuid', 'byte').map((format) => clean({ type: 'string', format })),
  fc.uniqueArray(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((values) => clean({ type: 'string', enum: values })),
);
const integerSchema = fc
  .record({ min: opt(fc.integer({ min: -1000, max: 1000 })), span: opt(fc.integer({ min: 2, max: 1000 })), exclusive: fc.boolean(), multipleOf: opt(fc.integer({ min: 1, max: 7 })) })
  .map(({ min, span, exclusive, multipleOf }) =>
    clean({ type: 'integer', minimum: min, maximum: min !== undefined && span !== undefined ? min + span * (multipleOf ?? 1) : undefined, exclusiveMinimum: min !== undefined && exclusive ? true : undefined, multipleOf }),
  );
const numberSchema = fc
  .record({ min: opt(fc.double({ min: -1e6, max: 1e6, noNaN: true })), span: opt(fc.double({ min: 1, max: 1e6, noNaN: true })), exclusive: fc.boolean() })
  .map(({ min, span, exclusive }) => clean({ type: 'number', minimum: min, maximum: min !== undefined && span !== undefined ? min + span : undefined, exclusiveMaximum: span !== undefined && exclusive ? true : undefined }));
const leafSchema: fc.Arbitrary<JsonSchema> = fc.oneof(
  stringSchema,
  integerSchema,
  numberSchema,
  fc.constant<JsonSchema>({ type: 'boolean' }),
  fc.constant<JsonSchema>({ 'x-kubernetes-int-or-string': true }),
  fc.constant<JsonSchema>({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
);

// A node with, sometimes, nullable and a default taken from the node's own values.
const decorate = (arb: fc.Arbitrary<JsonSchema>): fc.Arbitrary<JsonSchema> =>
  arb.chain((s) => fc.record({ nullable: fc.boolean(), withDefault: fc.boolean(), value: fromSchema(s) }).map(({ nullable, withDefault, value }) => ({ ...s, ...(nullable ? { nullable: true } : {}), ...(withDefault && value !== null ? { default: value } : {}) })));

const schemaArb: fc.Arbitrary<JsonSchema> = fc.letrec<{ node: JsonSchema; object: JsonSchema }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, decorate(leafSchema), tie('object'), fc.record({ items: tie('node'), min: fc.integer({ min: 0, max: 2 }), extra: opt(fc.integer({ min: 0, max: 3 })) }).map(({ items, min, extra }) => clean({ type: 'array', items, minItems: min, maxItems: extra !== undefined ? min + extra : undefined }))),
  object: fc
    .record({ props: fc.dictionary(propName, tie('node'), { maxKeys: 4, noNullPrototype: true }), map: opt(tie('node')), preserve: fc.boolean(), pick: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }) })
    .map(({ props, map, preserve, pick }) => {
      const keys = Object.keys(props);
      return clean({
        type: 'object',
        properties: props,
        required: keys.filter((_, i) => pick[i] === true),
        additionalProperties: keys.length === 0 ? map : undefined,
        'x-kubernetes-preserve-unknown-fields': preserve ? true : undefined,
      });
    }),
})).object;

const WIDGET_SCHEMA = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['size', 'image'],
      properties: {
        size: { type: 'integer', minimum: 1, maximum: 10 },
        image: { type: 'string', pattern: '^[a-z0-9]+(/[a-z0-9]+)*:[a-z0-9.]+$', maxLength: 40 },
        mode: { type: 'string', enum: ['fast', 'safe'], default: 'safe' },
        ratio: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true },
        port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        owner: { type: 'string', nullable: true, minLength: 1, maxLength: 20 },
        tags: { type: 'array', items: { type: 'string', maxLength: 8 }, maxItems: 4, 'x-kubernetes-list-type': 'set' },
        limits: { type: 'object', additionalProperties: { type: 'string', pattern: '^[0-9]+(m|Mi|Gi)?$' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        createdAt: { type: 'string', format: 'date-time' },
      },
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
} as const;

describe('fromSchema', () => {
  it('should make values the project schema validation accepts, before and after defaulting', () => {
    fc.assert(
      fc.property(schemaArb.chain((schema) => fc.tuple(fc.constant(schema), fromSchema(schema))), ([schema, value]) => {
        expect(validateAgainstSchema(value, schema)).toEqual([]);
        const defaulted = defaultAndPrune(value, schema);
        expect(validateAgainstSchema(defaulted, schema)).toEqual([]);
        // Nothing generated is pruned: defaulting only adds.
        expect(defaulted).toMatchObject(value as object);
      }),
      { numRuns: 100 },
    );
  });

  it('should use every keyword of a hand-written schema', () => {
    const values = fc.sample(fromSchema(WIDGET_SCHEMA), { numRuns: 300, seed: 5 }) as { spec: Record<string, unknown> }[];
    for (const v of values) expect(validateAgainstSchema(v, WIDGET_SCHEMA)).toEqual([]);
    const specs = values.map((v) => v.spec);
    expect(specs.some((s) => typeof s['port'] === 'number') && specs.some((s) => typeof s['port'] === 'string')).toBe(true);
    expect(specs.some((s) => s['owner'] === null)).toBe(true);
    expect(specs.some((s) => s['mode'] === undefined)).toBe(true);
    expect(specs.some((s) => Object.keys((s['extra'] as object | undefined) ?? {}).length > 0)).toBe(true);
    expect(specs.some((s) => Object.keys((s['limits'] as object | undefined) ?? {}).length > 0)).toBe(true);
    for (const s of specs) {
      const tags = (s['tags'] as string[] | undefined) ?? [];
      expect(new Set(tags).size).toBe(tags.length);
    }
  });

  it('should refuse schemas it cannot honour, naming the field', () => {
    expect(() => fromSchema({ type: 'object', properties: { code: { type: 'string', pattern: '^(?=a)b' } } })).toThrow(/code: pattern "\^\(\?=a\)b" is beyond what can be generated/);
    expect(() => fromSchema({ type: 'object', properties: { a: { type: 'string', pattern: '[' } } })).toThrow(/a: pattern "\[" is not a valid regular expression/);
    expect(() => fromSchema({ type: 'object', properties: { a: { type: 'string', pattern: '^[0-9]{3}$', minLength: 5 } } })).toThrow(/a: pattern .* gives no string/);
    expect(() => fromSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 5, maximum: 4 } } })).toThrow(/n: no integer lies between/);
    expect(() => fromSchema({ type: 'object', properties: { x: { anyOf: [{ type: 'string' }] } } })).toThrow(/x: anyOf is not supported/);
    expect(() => fromSchema({ type: 'object', required: ['ghost'], properties: {} })).toThrow(/ghost: is required but has no schema/);
    expect(() => fromSchema({ type: 'array', items: { type: 'string' }, minItems: 3, maxItems: 1 })).toThrow(/the root: minItems 3 is above maxItems 1/);
  });
});

describe('customResource', () => {
  it('should make custom resources a resource defined with the schema accepts', async () => {
    const widgets = defineResource({ group: 'example.com', version: 'v1', kind: 'Widget', schema: WIDGET_SCHEMA, subresources: { status: true } });
    await withTestCluster(
      async (cluster) => {
        await fc.assert(
          fc.asyncProperty(customResource(widgets, { namespace: TEST_NAMESPACE }), async (w) => {
            expect(w.apiVersion).toBe('example.com/v1');
            expect(w['status']).toBeUndefined();
            const outcome = await tryCreate(cluster, w);
            if ('error' in outcome) throw new Error(`refused: ${outcome.error.message}`);
            expect(outcome.stored).toMatchObject(w);
            await remove(cluster, outcome.stored);
          }),
          { numRuns: 60 },
        );
      },
      { resources: [widgets] },
    );
  });

  it('should make custom resources of random schemas that the API server accepts', async () => {
    await withTestCluster(async (cluster) => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(schemaArb, fc.boolean(), fc.gen(), async (spec, clusterScoped, g) => {
          // A new kind per run: each schema gets its own resource in the one cluster.
          const def = defineResource({ group: 'gen.example.com', version: 'v1', kind: `Gen${++n}`, scope: clusterScoped ? 'Cluster' : 'Namespaced', schema: { type: 'object', properties: { spec } } });
          cluster.defineResource(def);
          for (const obj of g(() => fc.array(customResource(def, { namespace: TEST_NAMESPACE }), { minLength: 3, maxLength: 3 }))) {
            const outcome = await tryCreate(cluster, obj);
            if ('error' in outcome) throw new Error(`refused: ${outcome.error.message}\n${JSON.stringify(obj)}`);
            expect(outcome.stored).toMatchObject(obj);
            expect(outcome.stored.metadata.namespace).toBe(clusterScoped ? undefined : TEST_NAMESPACE);
            await remove(cluster, outcome.stored);
          }
        }),
        { numRuns: 50 },
      );
    });
  });

  it('should read the schema and scope of a CustomResourceDefinition object', async () => {
    const crd: CustomResourceDefinition = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Gadget', plural: 'gadgets' },
        scope: 'Cluster',
        versions: [
          { name: 'v1alpha1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { old: { type: 'string' } } } } } } },
          { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: WIDGET_SCHEMA as never } },
        ],
      },
    };
    await withTestCluster(async (cluster) => {
      await cluster.apply(crd);
      await fc.assert(
        fc.asyncProperty(customResource(crd), async (g) => {
          expect(g.apiVersion).toBe('example.com/v1');
          expect(g.metadata?.namespace).toBeUndefined();
          expect(validateAgainstSchema(g, WIDGET_SCHEMA)).toEqual([]);
          const outcome = await tryCreate(cluster, g);
          if ('error' in outcome) throw new Error(`refused: ${outcome.error.message}`);
          await remove(cluster, outcome.stored);
        }),
        { numRuns: 30 },
      );
      const old = fc.sample(customResource(crd, { version: 'v1alpha1' }), { numRuns: 20, seed: 2 });
      for (const g of old) expect(g.apiVersion).toBe('example.com/v1alpha1');
      expect(() => customResource(crd, { version: 'v9' })).toThrow(/Gadget has no version v9/);
    });
  });
});
