import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../src/apiserver/builtinStrategy.ts';
import { BUILTIN_RESOURCES } from '../src/api/builtinResources.ts';
import { apiVersionOf } from '../src/api/resourceInfo.ts';
import { StatusError } from '../src/api/status.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';

const stored = BUILTIN_RESOURCES.filter((r) => r.stored);
const name = fc.oneof(fc.constantFrom('a', 'web-1', 'db.x', 'default'), fc.string({ maxLength: 12 }));
const json: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });
const container = fc.record({ name: name, image: fc.oneof(fc.constant('nginx'), fc.string()), ports: fc.option(fc.array(fc.record({ containerPort: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constant('x' as unknown as number)) }), { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: [] });
const spec = fc.oneof(json, fc.record({ containers: fc.array(container, { maxLength: 3 }), replicas: fc.integer({ min: -2, max: 5 }), selector: json, template: json, ports: json, type: fc.string() }, { requiredKeys: [] }));

const objectArb = fc.record({
  resource: fc.constantFrom(...stored),
  name,
  namespace: fc.option(fc.constantFrom('default', 'kube-system', 'nope', ''), { nil: undefined }),
  labels: fc.option(fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }), { nil: undefined }),
  spec,
  data: fc.option(json, { nil: undefined }),
  extra: fc.option(json, { nil: undefined }),
});

const opArb = fc.record({ verb: fc.constantFrom('create', 'update', 'patch-merge', 'patch-json', 'patch-strategic', 'delete', 'get', 'list', 'watch'), obj: objectArb, patch: json });

describe('API server robustness', () => {
  it('should never throw anything but a Status error, whatever valid or invalid objects it is given', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        const clock = new VirtualClock();
        const api = new ApiServer({ clock, ids: createIdSource(createRng(3)), strategy: createBuiltinStrategy() });
        for (const { verb, obj, patch } of ops) {
          const body: Record<string, unknown> = {
            apiVersion: apiVersionOf(obj.resource),
            kind: obj.resource.kind,
            metadata: { name: obj.name, ...(obj.namespace !== undefined ? { namespace: obj.namespace } : {}), ...(obj.labels ? { labels: obj.labels } : {}) },
            spec: obj.spec,
            ...(obj.data !== undefined ? { data: obj.data } : {}),
            ...(obj.extra !== undefined ? { extra: obj.extra } : {}),
          };
          const ns = obj.namespace || 'default';
          try {
            if (verb === 'create') api.create(body);
            else if (verb === 'update') api.update(body);
            else if (verb === 'patch-merge') api.patch(obj.resource, obj.name, patch, { type: 'merge', namespace: ns });
            else if (verb === 'patch-json') api.patch(obj.resource, obj.name, patch, { type: 'json', namespace: ns });
            else if (verb === 'patch-strategic') api.patch(obj.resource, obj.name, patch, { type: 'strategic', namespace: ns });
            else if (verb === 'delete') api.delete(obj.resource, obj.name, { namespace: ns });
            else if (verb === 'get') api.get(obj.resource, obj.name, ns);
            else if (verb === 'list') api.list(obj.resource, { namespace: ns, labelSelector: typeof patch === 'string' ? patch : '' });
            else api.watch(obj.resource, { resourceVersion: typeof patch === 'string' ? patch : '0' }).subscribe({ error: () => undefined }).unsubscribe();
          } catch (e) {
            if (!(e instanceof StatusError)) throw new Error(`${verb} ${obj.resource.kind} threw a non-Status error: ${String(e)}`, { cause: e });
            expect(e.status.kind).toBe('Status');
            expect(e.code).toBeGreaterThanOrEqual(400);
            expect(typeof e.message).toBe('string');
          }
        }
        // Whatever happened, everything stored is frozen and well-formed.
        for (const r of stored) {
          if (!r.verbs.includes('list')) continue;
          for (const item of api.list(r).items) {
            expect(Object.isFrozen(item)).toBe(true);
            expect(item.metadata.uid).toBeTruthy();
            expect(item.metadata.resourceVersion).toMatch(/^\d+$/);
          }
        }
      }),
      { numRuns: Number(process.env["ROBUSTNESS_RUNS"] ?? 200) },
    );
  });
});
