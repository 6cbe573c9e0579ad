import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { planDeploymentScale, replicaSetFraction } from './proportionalScaling.ts';

const d = (replicas: number, maxSurge = 0, maxUnavailable = 1): Deployment => ({
  metadata: { name: 'foo' },
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } },
});

const rs = (name: string, minute: number, replicas: number, annotatedMax?: number, available = replicas): ReplicaSet => ({
  metadata: {
    name,
    uid: name,
    creationTimestamp: `2025-01-01T00:${String(minute).padStart(2, '0')}:00Z`,
    ...(annotatedMax !== undefined ? { annotations: { 'deployment.kubernetes.io/max-replicas': String(annotatedMax), 'deployment.kubernetes.io/desired-replicas': String(annotatedMax) } } : {}),
  },
  spec: { replicas, selector: {} },
  status: { replicas, availableReplicas: available },
});

const sizes = (steps: ReturnType<typeof planDeploymentScale>): Record<string, number> => Object.fromEntries(steps.map((s) => [s.rs.metadata?.name ?? '', s.replicas]));

describe('planDeploymentScale', () => {
  it('should scale 5 → 10 proportionally (new 2 → 4, old 3 → 6)', () => {
    const steps = planDeploymentScale(d(10), rs('new', 2, 2, 5), [rs('old', 1, 3, 5)]);
    expect(sizes(steps)).toEqual({ new: 4, old: 6 });
    expect(steps.every((s) => s.operation === 'up')).toBe(true);
  });

  it('should scale 5 → 3 proportionally (new 2 → 1, old 3 → 2)', () => {
    expect(sizes(planDeploymentScale(d(3), rs('new', 2, 2, 5), [rs('old', 1, 3, 5)]))).toEqual({ new: 1, old: 2 });
  });

  it('should give a scale-up tie to the newer ReplicaSet and a scale-down tie to the older one', () => {
    expect(sizes(planDeploymentScale(d(11), rs('new', 2, 5, 10), [rs('old', 1, 5, 10)]))).toEqual({ new: 6, old: 5 });
    expect(sizes(planDeploymentScale(d(9), rs('new', 2, 5, 10), [rs('old', 1, 5, 10)]))).toEqual({ new: 5, old: 4 });
  });

  it('should spread over three ReplicaSets and put leftovers on the largest', () => {
    // 10 → 20 (surge 0): fractions 4→8, 3→6, 3→6 add exactly 10.
    expect(sizes(planDeploymentScale(d(20), rs('c', 3, 4, 10), [rs('a', 1, 3, 10), rs('b', 2, 3, 10)]))).toEqual({ c: 8, a: 6, b: 6 });
    // 3 → 4: every fraction rounds 1→1 (1.33), the single leftover goes to the largest-newest.
    expect(sizes(planDeploymentScale(d(4), rs('c', 3, 1, 3), [rs('a', 1, 1, 3), rs('b', 2, 1, 3)]))).toEqual({ c: 2, a: 1, b: 1 });
  });

  it('should take everything to zero when scaled to 0', () => {
    expect(sizes(planDeploymentScale(d(0), rs('new', 2, 2, 5), [rs('old', 1, 3, 5)]))).toEqual({ new: 0, old: 0 });
  });

  it('should give all replicas to the only active ReplicaSet, and zero old ones behind a saturated new one', () => {
    expect(sizes(planDeploymentScale(d(7), rs('new', 2, 3, 3), [rs('old', 1, 0, 3)]))).toEqual({ new: 7 });
    expect(planDeploymentScale(d(3), rs('new', 2, 3, 3), [rs('old', 1, 0, 3)])).toEqual([]);
    const saturated = rs('new', 2, 4, 4);
    expect(sizes(planDeploymentScale(d(4), saturated, [rs('old', 1, 2, 5)]))).toEqual({ old: 0 });
  });

  it('should fall back to status.replicas without the max-replicas annotation', () => {
    const dep: Deployment = { ...d(10), status: { replicas: 5 } };
    expect(replicaSetFraction(rs('x', 1, 2), dep)).toBe(2);
  });
});
