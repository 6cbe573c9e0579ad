import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coversPath, fieldSetFromFieldsV1, fieldsV1FromSet, keyElement, pathKey, pathString } from './fieldSet.ts';

const element = fc.oneof(
  fc.stringMatching(/^[a-z]{1,5}$/).map((s) => `f:${s}`),
  fc.record({ name: fc.stringMatching(/^[a-z]{1,3}$/) }).map((k) => keyElement(k)),
  fc.stringMatching(/^[a-z]{1,3}$/).map((s) => `v:${JSON.stringify(s)}`),
);

describe('fieldSet', () => {
  it('should read back every set it writes as FieldsV1', () => {
    fc.assert(
      fc.property(fc.array(fc.array(element, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (paths) => {
        const set = new Set(paths.map(pathKey));
        expect(fieldSetFromFieldsV1(fieldsV1FromSet(set))).toEqual(set);
      }),
    );
  });

  it('should mark a member that has members below it with "." and order children as structured-merge-diff', () => {
    const set = new Set([pathKey(['f:spec', 'f:replicas']), pathKey(['f:spec', 'f:c', keyElement({ name: 'a' })]), pathKey(['f:spec', 'f:c', keyElement({ name: 'a' }), 'f:image']), pathKey(['f:metadata', 'f:labels', 'f:x'])]);
    const v1 = fieldsV1FromSet(set);
    expect(JSON.stringify(v1)).toBe('{"f:metadata":{"f:labels":{"f:x":{}}},"f:spec":{"f:c":{"k:{\\"name\\":\\"a\\"}":{".":{},"f:image":{}}},"f:replicas":{}}}');
  });

  it('should spell paths as kube-apiserver conflict messages do', () => {
    expect(pathString(['f:spec', 'f:containers', keyElement({ name: 'web' }), 'f:image'])).toBe('.spec.containers[name="web"].image');
    expect(pathString(['f:spec', 'f:ports', keyElement({ protocol: 'TCP', port: 80 })])).toBe('.spec.ports[port=80,protocol="TCP"]');
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"x"'])).toBe('.metadata.finalizers[="x"]');
  });

  it('should tell whether a set has a path or something below it', () => {
    const set = new Set([pathKey(['f:spec', 'f:a', 'f:b'])]);
    expect(coversPath(set, ['f:spec', 'f:a'])).toBe(true);
    expect(coversPath(set, ['f:spec', 'f:a', 'f:b'])).toBe(true);
    expect(coversPath(set, ['f:spec', 'f:ab'])).toBe(false);
  });
});
