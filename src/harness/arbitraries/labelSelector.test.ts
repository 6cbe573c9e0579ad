import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { labelSelectorFromSpec, matchesLabels } from '../../api/labelSelector.ts';
import { validateLabelSelectorSpec } from '../../api/labelValidation.ts';
import { labels } from './labels.ts';
import { labelSelector, selectorWithLabels } from './labelSelector.ts';

const RUNS = { numRuns: 100 };

describe('labelSelector', () => {
  it('should make valid selectors that match the labels generated with them', () => {
    fc.assert(
      fc.property(selectorWithLabels(), ({ selector, labels: l }) => {
        expect(validateLabelSelectorSpec(selector, 'spec.selector')).toEqual([]);
        expect(matchesLabels(labelSelectorFromSpec(selector), l)).toBe(true);
      }),
      RUNS,
    );
  });

  it('should match the labels it is given, and never be empty when asked', () => {
    fc.assert(
      fc.property(
        labels().chain((l) => fc.tuple(fc.constant(l), labelSelector({ matching: l, nonEmpty: true }))),
        ([l, selector]) => {
          expect(validateLabelSelectorSpec(selector, 'spec.selector')).toEqual([]);
          expect(matchesLabels(labelSelectorFromSpec(selector), l)).toBe(true);
          expect(Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('should not match labels that break one of its requirements', () => {
    fc.assert(
      fc.property(selectorWithLabels({ nonEmpty: true }), ({ selector, labels: l }) => {
        // Removing a matchLabels key, or adding a key a DoesNotExist forbids, makes it not match.
        const [key] = Object.keys(selector.matchLabels ?? {});
        if (key !== undefined) {
          const { [key]: _, ...rest } = l;
          expect(matchesLabels(labelSelectorFromSpec(selector), rest)).toBe(false);
        }
        const absent = selector.matchExpressions?.find((e) => e.operator === 'DoesNotExist');
        if (absent !== undefined) expect(matchesLabels(labelSelectorFromSpec(selector), { ...l, [absent.key]: 'x' })).toBe(false);
      }),
      RUNS,
    );
  });

  it('should use matchLabels and all four expression operators', () => {
    const sample = fc.sample(labelSelector(), { numRuns: 300, seed: 11 });
    const operators = new Set(sample.flatMap((s) => (s.matchExpressions ?? []).map((e) => e.operator)));
    expect([...operators].sort()).toEqual(['DoesNotExist', 'Exists', 'In', 'NotIn']);
    expect(sample.some((s) => s.matchLabels !== undefined && s.matchExpressions !== undefined)).toBe(true);
  });
});
