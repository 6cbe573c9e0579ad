import { describe, it, expect } from 'vitest';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2.js';
import { defaultHorizontalPodAutoscaler } from '../defaults/defaultAutoscaling.ts';
import { messages } from './testObjects.ts';
import { validateBinding, validateHorizontalPodAutoscaler } from './validateAutoscaling.ts';

const hpa = (spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>>): HorizontalPodAutoscaler =>
  defaultHorizontalPodAutoscaler({ metadata: { name: 'web', namespace: 'default' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec } });

describe('validateHorizontalPodAutoscaler', () => {
  it('should accept a defaulted autoscaler', () => {
    expect(validateHorizontalPodAutoscaler(hpa({}))).toEqual([]);
  });

  it('should check replica bounds, the target and metric sources', () => {
    expect(messages(validateHorizontalPodAutoscaler(hpa({ minReplicas: 3, maxReplicas: 2 })))).toEqual(['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']);
    expect(messages(validateHorizontalPodAutoscaler(hpa({ minReplicas: 0 })))).toEqual(['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1']);
    expect(messages(validateHorizontalPodAutoscaler(hpa({ scaleTargetRef: { kind: 'Deployment', name: 'a/b' } })))).toEqual(["spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"]);
    expect(messages(validateHorizontalPodAutoscaler(hpa({ metrics: [{ type: 'Pods' }] })))).toEqual(['spec.metrics[0].pods: Required value: must populate information for the given metric source']);
  });
});

describe('validateBinding', () => {
  it('should require a Node target with a name', () => {
    expect(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Node', name: 'node-1' } })).toEqual([]);
    expect(messages(validateBinding({ metadata: { name: 'web' }, target: { kind: 'Pod' } }))).toEqual(['target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"', 'target.name: Required value']);
  });
});
