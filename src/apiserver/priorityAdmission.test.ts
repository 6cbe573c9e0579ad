import { describe, it, expect } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { StatusError } from '../api/status.ts';
import { createIdSource } from '../runtime/sim/ids.ts';
import { createRng } from '../runtime/sim/rng.ts';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { ApiServer } from './apiServer.ts';
import { createBuiltinStrategy } from './builtinStrategy.ts';
import { createPriorityAdmission, SYSTEM_NODE_CRITICAL_PRIORITY } from './priorityAdmission.ts';

function setup(): ApiServer {
  const clock = new VirtualClock();
  const classes = () => api.list<PriorityClass & KubeObject>({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' }).items;
  const api: ApiServer = new ApiServer({ clock, ids: createIdSource(createRng(1)), strategy: createBuiltinStrategy(), admission: [createPriorityAdmission(classes)] });
  return api;
}

const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });
const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

function refusal(fn: () => unknown): { code: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('createPriorityAdmission', () => {
  it('should resolve a named class to spec.priority and its preemption policy', () => {
    const api = setup();
    api.create(pc('high', 1000, { preemptionPolicy: 'Never' }));
    const created = api.create(pod('p', { priorityClassName: 'high' }));
    expect(created.spec).toMatchObject({ priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' });
  });

  it('should know the system classes without stored objects', () => {
    const api = setup();
    expect(api.create(pod('n', { priorityClassName: 'system-node-critical' })).spec?.priority).toBe(SYSTEM_NODE_CRITICAL_PRIORITY);
    expect(api.create(pod('c', { priorityClassName: 'system-cluster-critical' })).spec?.priority).toBe(2000000000);
  });

  it('should refuse an unknown class with 403 and kube-apiserver wording', () => {
    const api = setup();
    expect(refusal(() => api.create(pod('x', { priorityClassName: 'foo' })))).toEqual({ code: 403, message: 'pods "x" is forbidden: no PriorityClass with name foo was found' });
  });

  it('should refuse a priority the pod sets itself', () => {
    const api = setup();
    api.create(pc('high', 1000));
    expect(refusal(() => api.create(pod('x', { priorityClassName: 'high', priority: 5 }))).message).toBe(
      'pods "x" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    );
    expect(refusal(() => api.create(pod('y', { priority: 7 }))).message).toBe(
      'pods "y" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('should apply the global default class to pods without a class and allow only one default', () => {
    const api = setup();
    expect(api.create(pod('before')).spec?.priority).toBe(0);
    api.create(pc('normal', 10, { globalDefault: true }));
    expect(api.create(pod('after')).spec).toMatchObject({ priorityClassName: 'normal', priority: 10, preemptionPolicy: 'PreemptLowerPriority' });
    expect(refusal(() => api.create(pc('other', 20, { globalDefault: true })))).toEqual({
      code: 403,
      message: 'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    });
  });
});
