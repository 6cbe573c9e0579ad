import { describe, it, expect } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1.js';
import { defaultForCreate } from '../defaults/defaultObject.ts';
import { messages } from './testObjects.ts';
import {
  validateLease, validateNamespace, validateNamespaceUpdate, validateNode, validateNodeUpdate, validatePriorityClass, validatePriorityClassUpdate,
} from './validateClusterKinds.ts';

describe('validateNamespace', () => {
  it('should accept a namespace defaulted for create', () => {
    expect(validateNamespace(defaultForCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }))).toEqual([]);
  });

  it('should require a DNS-1123 label, no namespace and known finalizers', () => {
    expect(messages(validateNamespace({ metadata: { name: 'team.a' } }))).toEqual(['metadata.name: Invalid value: "team.a": must not contain dots']);
    expect(messages(validateNamespace({ metadata: { name: 'a', namespace: 'b' } }))).toEqual(['metadata.namespace: Forbidden: not allowed on this type']);
    expect(messages(validateNamespace({ metadata: { name: 'a' }, spec: { finalizers: ['mine'] } }))).toEqual(['spec.finalizers: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('should allow finalizers to be removed on update', () => {
    const old = { metadata: { name: 'a', resourceVersion: '1' }, spec: { finalizers: ['kubernetes'] } };
    expect(validateNamespaceUpdate({ ...old, spec: { finalizers: [] } }, old)).toEqual([]);
  });
});

describe('validateNode', () => {
  const node: Node = { metadata: { name: 'node-1', resourceVersion: '1' }, spec: { podCIDRs: ['10.244.1.0/24'], providerID: 'kwok://node-1' }, status: { capacity: { cpu: '4', pods: '110' } } };

  it('should accept a node with taints and capacity', () => {
    expect(validateNode({ ...node, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } })).toEqual([]);
  });

  it('should report taints under metadata.taints, as upstream does', () => {
    expect(messages(validateNode({ ...node, spec: { taints: [{ key: 'k', effect: 'Never' }, { key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }] } }))).toEqual([
      'metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[2]: Duplicate value: {"key":"a","effect":"NoSchedule"}',
    ]);
    expect(messages(validateNode({ ...node, spec: { taints: [{ key: 'k', effect: '' }] } }))).toEqual(['metadata.taints[0].effect: Required value']);
  });

  it('should refuse negative or malformed capacity', () => {
    expect(messages(validateNode({ ...node, status: { capacity: { cpu: '-1' } } }))).toEqual(['status.capacity[cpu]: Invalid value: "-1": must be greater than or equal to 0']);
  });

  it('should let podCIDRs and providerID be set once only', () => {
    expect(validateNodeUpdate({ ...node, metadata: { ...node.metadata, labels: { a: 'b' } } }, node)).toEqual([]);
    expect(messages(validateNodeUpdate({ ...node, spec: { podCIDRs: ['10.244.2.0/24'], providerID: 'other' } }, node))).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
      'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
    ]);
  });
});

describe('validatePriorityClass', () => {
  it('should accept user classes up to one billion and the known system classes', () => {
    expect(validatePriorityClass({ metadata: { name: 'high' }, value: 1000000000 })).toEqual([]);
    expect(validatePriorityClass({ metadata: { name: 'system-node-critical' }, value: 2000001000 })).toEqual([]);
  });

  it('should reserve the system- prefix and cap user values', () => {
    expect(messages(validatePriorityClass({ metadata: { name: 'system-mine' }, value: 1 }))).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    expect(messages(validatePriorityClass({ metadata: { name: 'top' }, value: 1000000001 }))).toEqual(['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  });

  it('should keep the value immutable', () => {
    const old = { metadata: { name: 'high', resourceVersion: '1' }, value: 10 };
    expect(messages(validatePriorityClassUpdate({ ...old, value: 11 }, old))).toEqual(['value: Forbidden: may not be changed in an update.']);
  });
});

describe('validateLease', () => {
  it('should require a positive duration and non-negative transitions', () => {
    const meta = { name: 'node-1', namespace: 'kube-node-lease' };
    expect(validateLease({ metadata: meta, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } })).toEqual([]);
    expect(messages(validateLease({ metadata: meta, spec: { leaseDurationSeconds: 0, leaseTransitions: -1 } }))).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});
