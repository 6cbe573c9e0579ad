import fc from 'fast-check';
import type { Deployment, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { badLabelKey, badLabelValue, breaker, type Breaker } from './breaker.ts';
import { labelKey, labelValue } from './labels.ts';

type Workload = Deployment | ReplicaSet;

interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

function specOf(o: Workload): WorkloadSpec {
  const spec = o.spec as WorkloadSpec | undefined;
  if (spec === undefined) throw new Error('generated workloads always have a spec');
  return spec;
}

function templateOf(o: Workload): PodTemplateSpec {
  return (specOf(o).template ??= {});
}

const twoValues = fc.uniqueArray(labelValue(), { minLength: 2, maxLength: 2 });

/** Broken Deployment and ReplicaSet specs: replicas, selector, template labels. */
export function workloadBreakers<T extends Workload>(): Breaker<T>[] {
  return [
    breaker<T, number>('negative replicas', fc.integer({ min: -100, max: -1 }), (o, n) => {
      specOf(o).replicas = n;
      return 'spec.replicas';
    }),
    breaker<T, number>('negative minReadySeconds', fc.integer({ min: -100, max: -1 }), (o, n) => {
      specOf(o).minReadySeconds = n;
      return 'spec.minReadySeconds';
    }),
    breaker<T, [string, string[]]>('selector that does not match the template labels', fc.tuple(labelKey(), twoValues), (o, [k, [a, b]]) => {
      specOf(o).selector = { matchLabels: { [k]: a ?? '' } };
      (templateOf(o).metadata ??= {}).labels = { [k]: b ?? '' };
      return 'spec.template.metadata.labels';
    }),
    breaker<T, null>('empty selector', fc.constant(null), (o) => {
      specOf(o).selector = {};
      return 'spec.selector';
    }),
    breaker<T, null>('no selector', fc.constant(null), (o) => {
      delete specOf(o).selector;
      return 'spec.selector';
    }),
    breaker<T, [string, string]>('unknown selector operator', fc.tuple(labelKey(), fc.constantFrom('Like', 'in', 'Equals', 'Gt')), (o, [key, operator]) => {
      specOf(o).selector = { matchExpressions: [{ key, operator, values: ['x'] }] };
      return 'spec.selector.matchExpressions[0].operator';
    }),
    breaker<T, [string, string, boolean]>('In/NotIn without values', fc.tuple(labelKey(), fc.constantFrom('In', 'NotIn'), fc.boolean()), (o, [key, operator, absent]) => {
      specOf(o).selector = { matchExpressions: [absent ? { key, operator } : { key, operator, values: [] }] };
      return 'spec.selector.matchExpressions[0].values';
    }),
    breaker<T, [string, string]>('Exists/DoesNotExist with values', fc.tuple(labelKey(), fc.constantFrom('Exists', 'DoesNotExist')), (o, [key, operator]) => {
      specOf(o).selector = { matchExpressions: [{ key, operator, values: ['x'] }] };
      return 'spec.selector.matchExpressions[0].values';
    }),
    breaker<T, [string, string]>('selector matchLabels with a bad value', fc.tuple(labelKey(), badLabelValue), (o, [k, v]) => {
      specOf(o).selector = { matchLabels: { [k]: v } };
      return 'spec.selector.matchLabels';
    }),
    breaker<T, [string, string]>('template label with a bad key or value', fc.oneof(fc.tuple(badLabelKey, fc.constant('x')), fc.tuple(labelKey(), badLabelValue)), (o, [k, v]) => {
      const meta = (templateOf(o).metadata ??= {});
      meta.labels = { ...meta.labels, [k]: v };
      // Upstream reports template labels at `<template>.labels`, not `<template>.metadata.labels`.
      return 'spec.template.labels';
    }),
  ];
}

function strategyOf(o: Deployment): DeploymentStrategy {
  if (o.spec === undefined) throw new Error('generated Deployments always have a spec');
  return (o.spec.strategy ??= {});
}

/** Broken Deployment-only fields: strategy, revisionHistoryLimit, progressDeadlineSeconds. */
export function deploymentBreakers(): Breaker<Deployment>[] {
  return [
    breaker<Deployment, string>('unknown strategy type', fc.constantFrom('BlueGreen', 'rollingUpdate', 'Canary'), (o, type) => {
      if (o.spec !== undefined) o.spec.strategy = { type };
      return 'spec.strategy.type';
    }),
    breaker<Deployment, null>('Recreate with rollingUpdate', fc.constant(null), (o) => {
      if (o.spec !== undefined) o.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } };
      return 'spec.strategy.rollingUpdate';
    }),
    breaker<Deployment, number>('maxUnavailable above 100%', fc.integer({ min: 101, max: 1000 }), (o, pct) => {
      Object.assign(strategyOf(o), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: `${pct}%` } });
      return 'spec.strategy.rollingUpdate.maxUnavailable';
    }),
    breaker<Deployment, [number | string, number | string]>('maxSurge and maxUnavailable both zero', fc.tuple(fc.constantFrom<number | string>(0, '0%'), fc.constantFrom<number | string>(0, '0%')), (o, [maxSurge, maxUnavailable]) => {
      Object.assign(strategyOf(o), { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } });
      return 'spec.strategy.rollingUpdate.maxUnavailable';
    }),
    breaker<Deployment, number | string>('maxSurge neither a count nor a percentage', fc.oneof(fc.constantFrom<number | string>('abc', '10', '%5', '10.5%', '-5%'), fc.integer({ min: -100, max: -1 })), (o, maxSurge) => {
      Object.assign(strategyOf(o), { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable: 1 } });
      return 'spec.strategy.rollingUpdate.maxSurge';
    }),
    breaker<Deployment, number>('negative revisionHistoryLimit', fc.integer({ min: -100, max: -1 }), (o, n) => {
      if (o.spec !== undefined) o.spec.revisionHistoryLimit = n;
      return 'spec.revisionHistoryLimit';
    }),
    breaker<Deployment, [number, number]>('progressDeadlineSeconds not above minReadySeconds', fc.integer({ min: 0, max: 600 }).chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: m }))), (o, [minReady, deadline]) => {
      if (o.spec !== undefined) Object.assign(o.spec, { minReadySeconds: minReady, progressDeadlineSeconds: deadline });
      return 'spec.progressDeadlineSeconds';
    }),
  ];
}
