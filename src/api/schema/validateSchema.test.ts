import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../fieldErrors.ts';
import { defaultAndPrune, validateAgainstSchema } from './validateSchema.ts';

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', minimum: 1, maximum: 10 },
        color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
        name: { type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
        port: { 'x-kubernetes-int-or-string': true },
      },
    },
    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
} as const;

const messages = (obj: unknown): string[] => validateAgainstSchema(obj, schema).map(formatFieldError);

describe('validateAgainstSchema', () => {
  it('should accept a valid object and ignore apiVersion, kind and metadata', () => {
    expect(messages({ apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'x' }, spec: { size: 3, color: 'blue', port: 'http' } })).toEqual([]);
  });

  it('should report types, ranges, enums, patterns and required fields with their paths', () => {
    expect(messages({ spec: { size: 'big' } })).toEqual(['spec.size: Invalid value: "big": spec.size in body must be of type integer: "string"']);
    expect(messages({ spec: { size: 0 } })).toEqual(['spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1']);
    expect(messages({ spec: { size: 2, color: 'green' } })).toEqual(['spec.color: Unsupported value: "green": supported values: "red", "blue"']);
    expect(messages({ spec: { size: 2, name: 'ABC' } })).toEqual(["spec.name: Invalid value: \"ABC\": spec.name in body should match '^[a-z]+$'"]);
    expect(messages({ spec: {} })).toEqual(['spec.size: Required value']);
    expect(messages({ spec: { size: 1, tags: ['a', 'b', 'c'] } })).toEqual(['spec.tags: Too many: must have at most 2 items']);
    expect(messages({ spec: { size: 1, tags: ['a', 2] } })).toEqual(['spec.tags[1]: Invalid value: 2: spec.tags[1] in body must be of type string: "integer"']);
    expect(messages({ spec: { size: 1, port: true } })).toEqual(['spec.port: Invalid value: true: spec.port in body must be of type integer or string: "boolean"']);
  });

  it('should apply defaults and prune unknown fields except where unknown fields are preserved', () => {
    const out = defaultAndPrune({ apiVersion: 'v', kind: 'k', metadata: { name: 'n' }, spec: { size: 1, extra: true }, status: { anything: 1 }, junk: 1 }, schema);
    expect(out).toEqual({ apiVersion: 'v', kind: 'k', metadata: { name: 'n' }, spec: { size: 1, color: 'red' }, status: { anything: 1 } });
  });
});
