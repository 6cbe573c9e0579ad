import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { deploymentMaxSurge, deploymentMaxUnavailable, resolveFenceposts } from './fenceposts.ts';
import { scaledValueFromIntOrPercent } from './intOrPercent.ts';
import { newRSNewReplicas } from './deploymentReplicaSets.ts';
import { planOldReplicaSetsScaleDown } from './rollingUpdatePlan.ts';

const deployment = (replicas: number, maxUnavailable: string | number, maxSurge: string | number): Deployment => ({
  metadata: { name: 'd', generation: 1 },
  spec: { replicas, selector: {}, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } } },
});

const rs = (name: string, created: string, replicas: number): ReplicaSet => ({ metadata: { name, uid: name, creationTimestamp: created }, spec: { replicas, selector: {} }, status: { replicas, availableReplicas: replicas } });

// Runs rolling-update syncs, every new pod available before the next sync, and records the steps.
function rollout(d: Deployment): string[] {
  const steps: string[] = [];
  const desired = d.spec?.replicas ?? 0;
  let oldRS = rs('old', '2025-01-01T00:00:00Z', desired);
  let newRS = rs('new', '2025-01-01T00:01:00Z', 0);
  for (let i = 0; i < 20 && (newRS.spec?.replicas !== desired || oldRS.spec?.replicas !== 0); i++) {
    const up = newRSNewReplicas(d, [oldRS, newRS], newRS);
    if (up !== newRS.spec?.replicas) {
      steps.push(`new(+${up - (newRS.spec?.replicas ?? 0)})`);
      newRS = rs('new', '2025-01-01T00:01:00Z', up);
      continue;
    }
    const plan = planOldReplicaSetsScaleDown(d, [oldRS, newRS], [oldRS], newRS);
    const last = plan.at(-1);
    if (last === undefined) throw new Error(`stuck at old=${oldRS.spec?.replicas} new=${newRS.spec?.replicas}`);
    steps.push(`old(-${(oldRS.spec?.replicas ?? 0) - last.replicas})`);
    oldRS = rs('old', '2025-01-01T00:00:00Z', last.replicas);
  }
  return steps;
}

describe('resolveFenceposts', () => {
  it('should round surge up and unavailable down (defaults on 10 replicas give 3 and 2)', () => {
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts(2, '50%', 5)).toEqual({ surge: 2, unavailable: 2 });
  });

  it('should turn two zeros into unavailable 1', () => {
    expect(resolveFenceposts('0%', '1%', 2)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(undefined, undefined, 7)).toEqual({ surge: 0, unavailable: 1 });
  });

  it.each([
    [2, '1%', '0%', ['old(-1)', 'new(+1)', 'old(-1)', 'new(+1)']],
    [1, '1%', '0%', ['old(-1)', 'new(+1)']],
    [2, '25%', '1%', ['new(+1)', 'old(-1)', 'new(+1)', 'old(-1)']],
    [1, '25%', '1%', ['new(+1)', 'old(-1)']],
    [2, '0%', '1%', ['new(+1)', 'old(-1)', 'new(+1)', 'old(-1)']],
    [1, '0%', '1%', ['new(+1)', 'old(-1)']],
  ])('should scale as the upstream comment says: %i desired, max unavailable %s, surge %s', (desired, unavailable, surge, expected) => {
    expect(rollout(deployment(desired, unavailable, surge))).toEqual(expected);
  });

  it('should clamp MaxUnavailable to replicas and report 0 for Recreate', () => {
    expect(deploymentMaxUnavailable(deployment(2, 5, 0))).toBe(2);
    const recreate: Deployment = { spec: { replicas: 4, selector: {}, template: {}, strategy: { type: 'Recreate' } } };
    expect(deploymentMaxUnavailable(recreate)).toBe(0);
    expect(deploymentMaxSurge(recreate)).toBe(0);
  });

  it('should reject strings that are not percentages like upstream', () => {
    expect(() => scaledValueFromIntOrPercent('3', 10, true)).toThrow('invalid value for IntOrString: invalid type: string is not a percentage');
    expect(scaledValueFromIntOrPercent('33%', 10, false)).toBe(3);
  });

  it('should always finish a rollout from any valid fenceposts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (desired, u, s) => {
        const steps = rollout(deployment(desired, `${u}%`, `${s}%`));
        expect(steps.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
