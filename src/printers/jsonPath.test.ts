import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateJsonPath, JsonPathError } from './jsonPath.ts';

const obj = {
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web', tier: 'front' }, creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: { replicas: 3, containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis' }] },
  status: {
    conditions: [
      { type: 'Ready', status: 'True', observed: 5 },
      { type: 'Synced', status: 'False', observed: 2 },
    ],
  },
};

describe('evaluateJsonPath', () => {
  it('should follow dotted fields, with or without braces and $', () => {
    expect(evaluateJsonPath('.spec.replicas', obj)).toEqual([3]);
    expect(evaluateJsonPath('{.metadata.name}', obj)).toEqual(['web']);
    expect(evaluateJsonPath('$.metadata.creationTimestamp', obj)).toEqual(['2024-01-01T00:00:00Z']);
    expect(evaluateJsonPath('spec.replicas', obj)).toEqual([3]);
  });

  it('should read keys with dots by bracket or escaped dot', () => {
    expect(evaluateJsonPath(".metadata.labels['app.kubernetes.io/name']", obj)).toEqual(['web']);
    expect(evaluateJsonPath('.metadata.labels["tier"]', obj)).toEqual(['front']);
    expect(evaluateJsonPath('.metadata.labels.app\\.kubernetes\\.io/name', obj)).toEqual(['web']);
  });

  it('should index, wildcard and descend', () => {
    expect(evaluateJsonPath('.spec.containers[0].image', obj)).toEqual(['nginx']);
    expect(evaluateJsonPath('.spec.containers[-1].name', obj)).toEqual(['b']);
    expect(evaluateJsonPath('.spec.containers[5].name', obj)).toEqual([]);
    expect(evaluateJsonPath('.spec.containers[*].name', obj)).toEqual(['a', 'b']);
    expect(evaluateJsonPath('.metadata.labels.*', obj)).toEqual(['web', 'front']);
    expect(evaluateJsonPath('..image', obj)).toEqual(['nginx', 'redis']);
  });

  it('should filter lists', () => {
    expect(evaluateJsonPath('.status.conditions[?(@.type=="Ready")].status', obj)).toEqual(['True']);
    expect(evaluateJsonPath(".status.conditions[?(@.type == 'Synced')].status", obj)).toEqual(['False']);
    expect(evaluateJsonPath('.status.conditions[?(@.type!="Ready")].type', obj)).toEqual(['Synced']);
    expect(evaluateJsonPath('.status.conditions[?(@.observed>3)].type', obj)).toEqual(['Ready']);
    expect(evaluateJsonPath('.status.conditions[?(@.observed<=2)].type', obj)).toEqual(['Synced']);
    expect(evaluateJsonPath('.status.conditions[?(@.missing)].type', obj)).toEqual([]);
    expect(evaluateJsonPath('.status.conditions[?(@.observed)].type', obj)).toEqual(['Ready', 'Synced']);
  });

  it('should find nothing for missing keys instead of failing', () => {
    expect(evaluateJsonPath('.spec.missing.deeper', obj)).toEqual([]);
    expect(evaluateJsonPath('.metadata.name.length', obj)).toEqual([]);
    expect(evaluateJsonPath('.status.conditions[?(@.type=="Ready")].missing', obj)).toEqual([]);
  });

  it('should reject syntax outside the subset', () => {
    expect(() => evaluateJsonPath('.spec.containers[0:1]', obj)).toThrow(JsonPathError);
    expect(() => evaluateJsonPath('.spec.containers[0', obj)).toThrow(JsonPathError);
    expect(() => evaluateJsonPath('.status.conditions[?(@.type==Ready)]', obj)).toThrow(JsonPathError);
  });

  it('should read back any nested field path it is given', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.oneof(fc.string(), fc.integer(), fc.boolean()), (keys, value) => {
        const data = keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
        expect(evaluateJsonPath(`.${keys.join('.')}`, data)).toEqual([value]);
        expect(evaluateJsonPath(keys.map((k) => `['${k}']`).join(''), data)).toEqual([value]);
      }),
    );
  });
});
