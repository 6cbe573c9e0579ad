import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { deepFreeze } from '../src/api/patch/jsonValue.ts';
import { applyMergePatch, createMergePatch } from '../src/api/patch/mergePatch.ts';
import { applyStrategicMergePatch, createStrategicPatch, createThreeWayStrategicPatch } from '../src/api/patch/strategicMergePatch.ts';

const POD = { apiVersion: 'v1', kind: 'Pod' };

// A JSON merge patch cannot carry a null member (null means "delete"), and `$` keys are directives
// to a strategic merge patch: documents used as targets leave both out.
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object' && v !== null) {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => x !== null && !k.startsWith('$'))
        .map(([k, x]) => [k, plain(x)]),
    );
  }
  return v;
}

const json = fc.jsonValue({ maxDepth: 3 });
const plainJson = json.map(plain);

const short = fc.string({ maxLength: 3 });
const envVar = fc.record({ name: fc.constantFrom('X', 'Y', 'Z', 'W'), value: short }, { requiredKeys: ['name'] });
const port = fc.record({ containerPort: fc.constantFrom(80, 443, 8080, 9000), protocol: fc.constantFrom('TCP', 'UDP') }, { requiredKeys: ['containerPort'] });
const container = fc.record(
  {
    name: fc.constantFrom('web', 'log', 'proxy', 'init', 'debug'),
    image: fc.constantFrom('nginx', 'busybox', 'envoy'),
    env: fc.uniqueArray(envVar, { selector: (e) => e.name, maxLength: 4 }),
    ports: fc.uniqueArray(port, { selector: (p) => p.containerPort, maxLength: 3 }),
    args: fc.array(short, { maxLength: 3 }),
  },
  { requiredKeys: ['name'] },
);
const containers = fc.uniqueArray(container, { selector: (c) => c.name, maxLength: 4 });
const volume = fc.oneof(
  fc.record({ name: fc.constantFrom('data', 'cfg', 'tmp'), emptyDir: fc.constant({}) }),
  fc.record({ name: fc.constantFrom('data', 'cfg', 'tmp'), configMap: fc.record({ name: short }) }),
);
const label = fc.dictionary(fc.constantFrom('app', 'tier', 'team', 'hash'), short, { maxKeys: 4 });

/** A pod-like object: merge-keyed containers with nested merge-keyed lists, finalizers, retainKeys volumes, free-form JSON. */
const podLike = fc.record(
  {
    metadata: fc.record(
      { name: fc.constant('p'), labels: label, finalizers: fc.uniqueArray(fc.constantFrom('a.io/x', 'b.io/y', 'c.io/z'), { maxLength: 3 }) },
      { requiredKeys: ['name'] },
    ),
    spec: fc.record(
      {
        containers,
        initContainers: containers,
        volumes: fc.uniqueArray(volume, { selector: (v) => v.name, maxLength: 3 }),
        tolerations: fc.array(fc.record({ key: short, operator: fc.constantFrom('Exists', 'Equal') }), { maxLength: 2 }),
        extra: plainJson.filter((v) => v !== null),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['metadata'] },
);

describe('patch round trips', () => {
  it('should turn a into b by applying createMergePatch(a, b), without touching either', () => {
    fc.assert(
      fc.property(json, plainJson, (a, b) => {
        const fa = deepFreeze(structuredClone(a));
        const fb = deepFreeze(structuredClone(b));
        const patch = deepFreeze(createMergePatch(fa, fb));
        expect(applyMergePatch(fa, patch)).toEqual(b);
        expect(fa).toEqual(a);
        expect(fb).toEqual(b);
      }),
    );
  });

  it('should turn a pod into another by applying createStrategicPatch, without touching either', () => {
    fc.assert(
      fc.property(podLike, podLike, (a, b) => {
        const fa = deepFreeze(structuredClone(a));
        const fb = deepFreeze(structuredClone(b));
        const patch = deepFreeze(createStrategicPatch(fa, fb, POD));
        expect(applyStrategicMergePatch(fa, patch, POD)).toEqual(b);
        expect(fa).toEqual(a);
        expect(fb).toEqual(b);
      }),
    );
  });

  it('should reach the manifest with the three-way patch when the live object is the last-applied one', () => {
    fc.assert(
      fc.property(podLike, podLike, (lastApplied, manifest) => {
        const [o, m] = deepFreeze([structuredClone(lastApplied), structuredClone(manifest)]);
        const patch = deepFreeze(createThreeWayStrategicPatch(o, m, o, POD));
        expect(applyStrategicMergePatch(o, patch, POD)).toEqual(manifest);
      }),
    );
  });

  it('should keep labels only a controller set when applying the three-way patch', () => {
    fc.assert(
      fc.property(podLike, podLike, short, (lastApplied, next, hash) => {
        // A manifest that drops `labels` altogether deletes the whole map (others' labels too), as upstream.
        const manifest = { ...next, metadata: { ...next.metadata, labels: next.metadata.labels ?? {} } };
        const owned = { ...lastApplied.metadata.labels, 'controller-revision-hash': hash };
        const live = deepFreeze({ ...lastApplied, metadata: { ...lastApplied.metadata, labels: owned } });
        const out = applyStrategicMergePatch(live, createThreeWayStrategicPatch(lastApplied, manifest, live, POD), POD) as typeof live;
        expect(out.metadata.labels?.['controller-revision-hash']).toBe(hash);
        const { ['controller-revision-hash']: _, ...rest } = out.metadata.labels ?? {};
        expect(rest).toEqual(manifest.metadata.labels);
      }),
    );
  });
});
