import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { BUILTIN_RESOURCES } from '../src/api/builtinResources.ts';
import { defaultForCreate } from '../src/api/defaults/defaultObject.ts';
import { fieldOf, type AnyObject } from '../src/api/meta.ts';
import { messages } from '../src/api/validation/testObjects.ts';
import { validateCreate } from '../src/api/validation/validateObject.ts';

const podInfo = BUILTIN_RESOURCES.find((r) => r.group === '' && r.kind === 'Pod')!;

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
// Random valid pods as users write them: defaulting then validation must accept every one.
const validPod = fc
  .record({
    names: fc.uniqueArray(dnsLabel, { minLength: 1, maxLength: 4 }),
    image: fc.constantFrom('nginx', 'nginx:1.25', 'registry.k8s.io/pause:3.10'),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    restartPolicy: fc.option(fc.constantFrom('Always', 'OnFailure', 'Never'), { nil: undefined }),
    cpuLimitMilli: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
    grace: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    volume: fc.boolean(),
  })
  .map(({ names, image, port, restartPolicy, cpuLimitMilli, grace, volume }): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: names[0] ?? 'p', namespace: 'default' },
    spec: {
      ...(restartPolicy !== undefined ? { restartPolicy } : {}),
      ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
      ...(volume ? { volumes: [{ name: 'scratch' }] } : {}),
      containers: names.map((name, i) => ({
        name,
        image,
        ...(port !== undefined ? { ports: [{ containerPort: port === 65535 ? port - i : Math.min(port + i, 65535) }] } : {}),
        ...(cpuLimitMilli !== undefined ? { resources: { limits: { cpu: `${cpuLimitMilli}m` } } } : {}),
        ...(volume ? { volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] } : {}),
      })),
    },
  }));

describe('defaulting then validation (properties)', () => {
  it('should accept every defaulted valid pod, and refuse it once a container loses its image', () => {
    fc.assert(
      fc.property(validPod, fc.nat(), (p, which) => {
        const obj = defaultForCreate(p as unknown as AnyObject);
        expect(validateCreate(obj, podInfo)).toEqual([]);
        const containers = (fieldOf(obj, 'spec') as Pod['spec'])!.containers;
        const i = which % containers.length;
        const broken = { ...obj, spec: { ...(fieldOf(obj, 'spec') as object), containers: containers.map((c, j) => (j === i ? { ...c, image: '' } : c)) } };
        expect(messages(validateCreate(broken, podInfo))).toEqual([`spec.containers[${i}].image: Required value`]);
      }),
    );
  });
});
