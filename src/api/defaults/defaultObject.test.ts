import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fieldOf, type AnyObject } from '../meta.ts';
import { cronJob, daemonSet, deepFreeze, deployment, job, pod, replicaSet, service, statefulSet } from '../validation/testObjects.ts';
import { defaultForCreate, defaultObject } from './defaultObject.ts';

describe('defaultObject', () => {
  it('should dispatch on apiVersion and kind', () => {
    expect((fieldOf(defaultObject(pod() as unknown as AnyObject), 'spec') as { restartPolicy?: string }).restartPolicy).toBe('Always');
    expect((fieldOf(defaultObject(deployment() as unknown as AnyObject), 'spec') as { replicas?: number }).replicas).toBe(1);
    expect(fieldOf(defaultObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }), 'type')).toBe('Opaque');
    expect(fieldOf(defaultObject({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3 } }), 'spec')).toMatchObject({
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
  });

  it('should return other kinds and versions unchanged', () => {
    const cm = deepFreeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(defaultObject(cm)).toBe(cm);
    const old = deepFreeze({ apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'd' } });
    expect(defaultObject(old)).toBe(old);
  });

  it('should default the smaller kinds', () => {
    expect(fieldOf(defaultObject({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'p' }, value: 1 }), 'preemptionPolicy')).toBe('PreemptLowerPriority');
    expect(defaultObject({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 's' }, provisioner: 'x' })).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const rb = defaultObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'r' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 'sa' }] });
    expect(rb['roleRef']).toEqual({ kind: 'Role', name: 'r', apiGroup: 'rbac.authorization.k8s.io' });
    expect(rb['subjects']).toEqual([{ kind: 'User', name: 'u', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'sa' }]);
    const slice = defaultObject({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }] });
    expect(slice['ports']).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    const np = defaultObject({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } });
    expect(np['spec']).toEqual({ podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] });
  });

  it('should fill an HPA behavior from the scale-up and scale-down defaults', () => {
    const out = defaultObject({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect((out['spec'] as { behavior?: unknown }).behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }], stabilizationWindowSeconds: 60 },
    });
  });
});

describe('defaultForCreate', () => {
  it('should add the admission defaults to Pods only', () => {
    const p = fieldOf(defaultForCreate(pod() as unknown as AnyObject), 'spec') as { serviceAccountName?: string; tolerations?: unknown[] };
    expect(p.serviceAccountName).toBe('default');
    expect(p.tolerations).toHaveLength(2);
    const d = fieldOf(defaultForCreate(deployment() as unknown as AnyObject), 'spec') as { template: { spec: { serviceAccountName?: string } } };
    expect(d.template.spec.serviceAccountName).toBeUndefined();
  });

  it('should add the kubernetes finalizer to a new Namespace once', () => {
    const ns = defaultForCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, spec: { finalizers: ['example.com/x'] } });
    expect(ns['spec']).toEqual({ finalizers: ['example.com/x', 'kubernetes'] });
    expect(defaultForCreate(ns)).toEqual(ns);
    // Updates go through defaultObject, which must not re-add it (the namespace controller removes it).
    expect(fieldOf(defaultObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' }, spec: { finalizers: [] } }), 'spec')).toEqual({ finalizers: [] });
  });
});

const objects: readonly (() => AnyObject)[] = [pod, service, deployment, replicaSet, daemonSet, statefulSet, job, cronJob].map((f) => () => f() as unknown as AnyObject);

describe('defaultObject (properties)', () => {
  it('should be idempotent and leave its frozen input untouched for every kind, with fields removed at random', () => {
    const arb = fc.record({ make: fc.constantFrom(...objects), drop: fc.subarray(['replicas', 'strategy', 'template', 'selector', 'ports', 'containers'] as const) });
    fc.assert(
      fc.property(arb, ({ make, drop }) => {
        const obj = make();
        const spec = obj['spec'] as Record<string, unknown> | undefined;
        for (const k of drop) if (spec !== undefined) delete spec[k];
        const before = structuredClone(obj);
        deepFreeze(obj);
        const once = defaultForCreate(obj);
        expect(defaultForCreate(once)).toEqual(once);
        expect(defaultObject(once)).toEqual(once);
        expect(obj).toEqual(before);
      }),
    );
  });
});
