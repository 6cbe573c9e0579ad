import { describe, it, expect } from 'vitest';
import { BUILTIN_RESOURCES } from '../builtinResources.ts';
import { defaultForCreate, defaultObject } from '../defaults/defaultObject.ts';
import { fieldOf, type AnyObject } from '../meta.ts';
import { parseApiVersion, type ResourceInfo } from '../resourceInfo.ts';
import { cronJob, daemonSet, deployment, job, messages, pod, replicaSet, service, statefulSet } from './testObjects.ts';
import { validateCreate, validateObject, validateUpdate } from './validateObject.ts';

/** Types an object literal with fields beyond apiVersion, kind and metadata. */
const o = (x: AnyObject): AnyObject => x;

const info = (group: string, kind: string): ResourceInfo => {
  const found = BUILTIN_RESOURCES.find((r) => r.group === group && r.kind === kind);
  if (found === undefined) throw new Error(`no ${group}/${kind}`);
  return found;
};

describe('validateCreate', () => {
  it('should pass every minimal object once defaulted for create', () => {
    for (const make of [pod, service, deployment, replicaSet, daemonSet, statefulSet, job, cronJob]) {
      const obj = defaultForCreate(make() as unknown as AnyObject);
      const { group } = parseApiVersion(obj.apiVersion ?? '');
      expect(validateCreate(obj, info(group, obj.kind ?? ''))).toEqual([]);
    }
  });

  it('should dispatch to the kind rules', () => {
    const bad = defaultObject({ ...(deployment() as unknown as AnyObject), spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } });
    expect(messages(validateCreate(bad, info('apps', 'Deployment')))).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"y"}: `selector` does not match template `labels`']);
  });

  it('should validate kinds without rules by metadata, with the scope from the resource', () => {
    expect(messages(validateCreate({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }, info('', 'ServiceAccount')))).toEqual(['metadata.namespace: Required value']);
    expect(messages(validateCreate({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', namespace: 'x' } }, info('storage.k8s.io', 'StorageClass')))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('should accept RBAC names with colons and custom resources with custom finalizers', () => {
    expect(validateCreate({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:controller:x' } }, info('rbac.authorization.k8s.io', 'ClusterRole'))).toEqual([]);
    const crd: ResourceInfo = { ...info('apps', 'Deployment'), group: 'example.com', kind: 'Widget', plural: 'widgets', singular: 'widget' };
    expect(validateCreate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default', finalizers: ['cleanup'] } }, crd)).toEqual([]);
    expect(messages(validateCreate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'W', namespace: 'default' } }, crd))[0]).toMatch(/^metadata\.name: Invalid value: "W": a lowercase RFC 1123 subdomain/);
  });

  it('should validate a Binding request body and nothing for other unstored kinds', () => {
    expect(messages(validateCreate(o({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target: { kind: 'Node' } }), info('', 'Binding')))).toEqual(['target.name: Required value']);
    expect(validateCreate(o({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: {} }), info('authorization.k8s.io', 'SelfSubjectAccessReview'))).toEqual([]);
  });
});

describe('validateUpdate and validateObject', () => {
  it('should use the update rules, and metadata rules for other kinds', () => {
    const old = defaultForCreate({ ...(pod() as unknown as AnyObject), metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1' } });
    const next = { ...old, spec: { ...(fieldOf(old, 'spec') as object), restartPolicy: 'Never' } };
    expect(messages(validateUpdate(next, old, info('', 'Pod')))[0]).toMatch(/^spec: Forbidden: pod updates may not change fields other than/);
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'default', uid: 'u', resourceVersion: '1' } };
    expect(messages(validateUpdate({ ...sa, metadata: { ...sa.metadata, uid: 'v' } }, sa, info('', 'ServiceAccount')))).toEqual(['metadata.uid: Invalid value: "v": field is immutable']);
  });

  it('should infer the resource from apiVersion and kind', () => {
    expect(messages(validateObject(o({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data: { 'a/b': '' } })))[0]).toMatch(/^data\[a\/b\]: Invalid value/);
    expect(messages(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', namespace: 'x' } }))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    const old: AnyObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', resourceVersion: '1' }, immutable: true, data: { a: '1' } };
    expect(messages(validateObject(o({ ...old, data: { a: '2' } }), old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });
});
