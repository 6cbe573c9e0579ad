import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { noExecuteEvictionAt, noExecuteTaints } from './noExecuteEviction.ts';

const NOW = 1_000_000;
const since = (t: Taint): number => (t.key === 'late' ? NOW - 1000 : NOW - 60_000);
const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };

describe('noExecuteEvictionAt', () => {
  it('should never evict without NoExecute taints', () => {
    expect(noExecuteEvictionAt(noExecuteTaints([{ key: 'x', effect: 'NoSchedule' }]), [], since, NOW)).toBeUndefined();
  });

  it('should evict at once when a taint is not tolerated', () => {
    expect(noExecuteEvictionAt([unreachable], [{ key: 'other', operator: 'Exists' }], since, NOW)).toBe(NOW);
  });

  it('should count tolerationSeconds from the taint, and never evict a pod tolerating forever', () => {
    expect(noExecuteEvictionAt([unreachable], [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], since, NOW)).toBe(NOW - 60_000 + 300_000);
    expect(noExecuteEvictionAt([unreachable], [{ operator: 'Exists' }], since, NOW)).toBeUndefined();
    expect(noExecuteEvictionAt([unreachable], [{ operator: 'Exists', tolerationSeconds: -5 }], since, NOW)).toBe(NOW - 60_000);
  });

  it('should use the first toleration matching each taint and the earliest end', () => {
    const taints: Taint[] = [unreachable, { key: 'late', effect: 'NoExecute' }];
    const tolerations: Toleration[] = [{ key: 'late', operator: 'Exists', tolerationSeconds: 30 }, { operator: 'Exists', tolerationSeconds: 100 }, { operator: 'Exists' }];
    expect(noExecuteEvictionAt(taints, tolerations, since, NOW)).toBe(NOW - 1000 + 30_000);
    expect(noExecuteEvictionAt([unreachable], tolerations, since, NOW)).toBe(NOW - 60_000 + 100_000);
  });

  it('should never evict earlier when a toleration is appended (a deadline already past means now)', () => {
    const taint = fc.record({ key: fc.constantFrom('a', 'b', 'late'), effect: fc.constantFrom('NoExecute', 'NoSchedule') }) as fc.Arbitrary<Taint>;
    const toleration = fc.record({
      key: fc.option(fc.constantFrom('a', 'b', 'late'), { nil: undefined }),
      operator: fc.constant('Exists'),
      effect: fc.option(fc.constantFrom('NoExecute', 'NoSchedule'), { nil: undefined }),
      tolerationSeconds: fc.option(fc.integer({ min: -10, max: 600 }), { nil: undefined }),
    }).map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Toleration);
    fc.assert(
      fc.property(fc.array(taint, { maxLength: 4 }), fc.array(toleration, { maxLength: 4 }), toleration, (taints, tolerations, extra) => {
        const before = Math.max(NOW, noExecuteEvictionAt(taints, tolerations, since, NOW) ?? Number.POSITIVE_INFINITY);
        const after = Math.max(NOW, noExecuteEvictionAt(taints, [...tolerations, extra], since, NOW) ?? Number.POSITIVE_INFINITY);
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
