import { describe, it, expect } from 'vitest';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { messages } from './testObjects.ts';
import { nameIsDns1035Label, nameIsDnsLabel, nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u1' };

describe('validateObjectMeta', () => {
  it('should accept a well-formed namespaced object', () => {
    expect(validateObjectMeta({ name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/x': 'y' }, finalizers: ['example.com/f', 'kubernetes'] }, true)).toEqual([]);
    // The API server generates the name before validating, so a generateName alone still lacks a name.
    expect(messages(validateObjectMeta({ generateName: 'web-' }, false))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it.each<[string, ObjectMeta, boolean, string[]]>([
    ['missing name', { namespace: 'default' }, true, ['metadata.name: Required value: name or generateName is required']],
    ['bad name', { name: 'Web', namespace: 'default' }, true, [`metadata.name: Invalid value: "Web": ${SUBDOMAIN}`]],
    ['too long name', { name: 'a'.repeat(254), namespace: 'default' }, true, [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`]],
    ['missing namespace', { name: 'web' }, true, ['metadata.namespace: Required value']],
    ['namespace on a cluster-scoped kind', { name: 'web', namespace: 'default' }, false, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['negative generation', { name: 'web', generation: -1 }, false, ['metadata.generation: Invalid value: -1: must be greater than or equal to 0']],
    ['bad label key', { name: 'web', labels: { 'a b': 'x' } }, false, [`metadata.labels: Invalid value: "a b": ${NAME_PART}`]],
    ['bad annotation key', { name: 'web', annotations: { '-x': '1' } }, false, [`metadata.annotations: Invalid value: "-x": ${NAME_PART}`]],
    ['annotations over 256 KiB', { name: 'web', annotations: { a: 'x'.repeat(262144) } }, false, ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    [
      'owner reference without uid and name',
      { name: 'web', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: '', uid: '' }] },
      false,
      ['metadata.ownerReferences.name: Invalid value: "": name must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
    ['owner reference without version', { name: 'web', ownerReferences: [{ ...ref, apiVersion: 'apps/' }] }, false, ['metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty']],
    ['unqualified finalizer', { name: 'web', finalizers: ['custom'] }, false, ['metadata.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']],
  ])('should report %s', (_what, meta, namespaced, want) => {
    expect(messages(validateObjectMeta(meta, namespaced))).toEqual(want);
  });

  it('should allow a generateName with a trailing dash and check it', () => {
    expect(validateObjectMeta({ generateName: 'web-', name: 'web-x1' }, false)).toEqual([]);
    expect(messages(validateObjectMeta({ generateName: 'Web-' }, false))[0]).toMatch(/^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
  });

  it('should allow only one controller owner', () => {
    const errs = validateObjectMeta({ name: 'web', ownerReferences: [{ ...ref, controller: true }, { ...ref, kind: 'Deployment', name: 'd', controller: true }] }, false);
    expect(errs).toHaveLength(1);
    expect(errs[0]?.field).toBe('metadata.ownerReferences');
    expect(errs[0]?.detail).toBe('Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/rs and Deployment/d');
  });

  it('should forbid v1 Events as owners', () => {
    expect(validateObjectMeta({ name: 'x', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' }] }, false)[0]?.detail).toBe('/v1, Kind=Event is disallowed from being an owner');
  });

  it('should leave unqualified finalizers to the kind when not a core kind', () => {
    expect(validateObjectMeta({ name: 'x', finalizers: ['custom'] }, false, 'metadata', undefined, false)).toEqual([]);
  });
});

describe('name validators', () => {
  it('should apply DNS-1123 label, DNS-1035 label and path segment rules', () => {
    expect(nameIsDnsLabel('a.b', false)).toEqual(['must not contain dots']);
    expect(nameIsDns1035Label('1abc', false)).toHaveLength(1);
    expect(nameIsDns1035Label('abc-', true)).toEqual([]);
    expect(nameIsPathSegment('system:controller:x', false)).toEqual([]);
    expect(nameIsPathSegment('a/b%', false)).toEqual(["may not contain '/'", "may not contain '%'"]);
    expect(nameIsPathSegment('..', false)).toEqual(["may not be '..'"]);
  });
});

describe('validateObjectMetaUpdate', () => {
  const old: ObjectMeta = { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5', generation: 2, creationTimestamp: '2024-01-01T00:00:00Z' };

  it('should accept changes to labels and annotations', () => {
    expect(validateObjectMetaUpdate({ ...old, labels: { a: 'b' }, annotations: { c: 'd' } }, old)).toEqual([]);
  });

  it('should report immutable identity fields and a decremented generation', () => {
    expect(messages(validateObjectMetaUpdate({ ...old, name: 'other', uid: 'u2', generation: 1 }, old))).toEqual([
      'metadata.generation: Invalid value: 1: must not be decremented',
      'metadata.name: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });

  it('should require a resourceVersion', () => {
    const { resourceVersion: _rv, ...rest } = old;
    expect(messages(validateObjectMetaUpdate(rest, old))).toEqual(['metadata.resourceVersion: Invalid value: "": must be specified for an update']);
  });
});
