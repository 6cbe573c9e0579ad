import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { CONTROLLER_TAINT_KEYS, TAINT_UNSCHEDULABLE, conditionTaints, sameTaints, withControllerTaints } from './nodeTaints.ts';

const NOW = '2025-01-01T00:01:00Z';
const keys = [...CONTROLLER_TAINT_KEYS, 'dedicated', 'example.com/gpu'];
const taintArb: fc.Arbitrary<Taint> = fc.record({
  key: fc.constantFrom(...keys),
  effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
  value: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
}).map((t) => ({ key: t.key, effect: t.effect, ...(t.value !== undefined ? { value: t.value } : {}), ...(t.effect === 'NoExecute' ? { timeAdded: '2025-01-01T00:00:00Z' } : {}) }));
const id = (t: Taint) => `${t.key}:${t.effect}`;

describe('withControllerTaints', () => {
  it('should replace the unreachable taints by not-ready ones and keep other taints in place', () => {
    const current: Taint[] = [
      { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' },
    ];
    const desired: Taint[] = [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }];
    expect(withControllerTaints(current, desired, NOW)).toEqual([
      { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: NOW },
    ]);
  });

  it('should keep the timeAdded of a NoExecute taint already there', () => {
    const current: Taint[] = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' }];
    expect(withControllerTaints(current, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOW }], NOW)).toEqual(current);
  });

  it('should leave only the desired controller taints, keep every other taint in order, and be idempotent', () => {
    fc.assert(
      fc.property(fc.array(taintArb, { maxLength: 8 }), fc.uniqueArray(taintArb.filter((t) => CONTROLLER_TAINT_KEYS.has(t.key)), { selector: id, maxLength: 5 }), (current, desired) => {
        const next = withControllerTaints(current, desired, NOW);
        expect(next.filter((t) => !CONTROLLER_TAINT_KEYS.has(t.key))).toEqual(current.filter((t) => !CONTROLLER_TAINT_KEYS.has(t.key)));
        expect(next.filter((t) => CONTROLLER_TAINT_KEYS.has(t.key)).map(id).sort()).toEqual(desired.map(id).sort());
        expect(next.filter((t) => t.effect === 'NoExecute' && CONTROLLER_TAINT_KEYS.has(t.key)).every((t) => t.timeAdded !== undefined)).toBe(true);
        expect(sameTaints(withControllerTaints(next, desired, '2030-01-01T00:00:00Z'), next)).toBe(true);
      }),
    );
  });
});

describe('conditionTaints', () => {
  it('should pick the controller taints that follow conditions, not unschedulable or foreign ones', () => {
    const taints: Taint[] = [{ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }, { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }];
    expect(conditionTaints(taints)).toEqual([{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }]);
  });
});
