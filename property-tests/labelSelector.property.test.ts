import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  formatLabelSelector,
  labelSelectorFromSpec,
  labelSelectorOf,
  matchesLabels,
  newRequirement,
  parseLabelSelector,
  type LabelOperator,
  type LabelRequirement,
  type LabelSelectorRequirements,
} from '../src/api/labelSelector.ts';
import { isStatusError } from '../src/api/status.ts';

// Small pools so that generated selectors and label maps actually meet; `in`/`notin` are keywords of
// the selector grammar that are still legal keys and values.
const KEYS = ['app', 'env', 'tier', 'in', 'notin', 'example.com/team', 'a.b-c_d', 'x'];
const VALUES = ['', 'web', 'api', 'prod', 'in', 'v1.2', '0', '7', '42', 'A_b-c'];
const INTS = ['0', '1', '7', '42', '007', '100'];

const keyArb = fc.constantFrom(...KEYS);
const valueArb = fc.constantFrom(...VALUES);

const requirementArb: fc.Arbitrary<LabelRequirement> = fc
  .record({
    key: keyArb,
    operator: fc.constantFrom<LabelOperator>('In', 'NotIn', 'Exists', 'DoesNotExist', 'Equals', 'DoubleEquals', 'NotEquals', 'GreaterThan', 'LessThan'),
    set: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 3 }),
    one: valueArb,
    int: fc.constantFrom(...INTS),
  })
  .map(({ key, operator, set, one, int }) => {
    switch (operator) {
      case 'In':
      case 'NotIn':
        return newRequirement(key, operator, set);
      case 'Exists':
      case 'DoesNotExist':
        return newRequirement(key, operator, []);
      case 'GreaterThan':
      case 'LessThan':
        return newRequirement(key, operator, [int]);
      default:
        return newRequirement(key, operator, [one]);
    }
  });

const selectorArb = fc.array(requirementArb, { maxLength: 6 }).map((reqs) => labelSelectorOf(reqs));
const labelsArb = fc.dictionary(keyArb, valueArb, { maxKeys: 6 });

// Requirement sets compared as sets of (key, operator, sorted values).
function semantic(sel: LabelSelectorRequirements): string[] {
  return sel.requirements.map((r) => JSON.stringify([r.key, r.operator, [...r.values].sort()])).sort();
}

// An independent evaluation of the requirement model: every requirement holds over a Map of labels.
function oracle(reqs: readonly LabelRequirement[], labels: Readonly<Record<string, string>>): boolean {
  const map = new Map(Object.entries(labels));
  const holds = (r: LabelRequirement): boolean => {
    const v = map.get(r.key);
    const inSet = v !== undefined && new Set(r.values).has(v);
    switch (r.operator) {
      case 'In':
      case 'Equals':
      case 'DoubleEquals':
        return inSet;
      case 'NotIn':
      case 'NotEquals':
        return !inSet;
      case 'Exists':
        return map.has(r.key);
      case 'DoesNotExist':
        return !map.has(r.key);
      case 'GreaterThan':
      case 'LessThan': {
        if (v === undefined || !/^[0-9]+$/.test(v)) return false;
        const [a, b] = [Number(v), Number(r.values[0])];
        return r.operator === 'GreaterThan' ? a > b : a < b;
      }
    }
  };
  return reqs.every(holds);
}

describe('label selector properties', () => {
  it('should round-trip canonical text through the parser', () => {
    fc.assert(
      fc.property(selectorArb, (sel) => {
        const text = formatLabelSelector(sel);
        const reparsed = parseLabelSelector(text);
        expect(semantic(reparsed)).toEqual(semantic(sel));
        expect(formatLabelSelector(reparsed)).toBe(text);
      }),
    );
  });

  it('should match exactly when every requirement holds', () => {
    fc.assert(
      fc.property(selectorArb, labelsArb, (sel, labels) => {
        expect(matchesLabels(sel, labels)).toBe(oracle(sel.requirements, labels));
        expect(matchesLabels(parseLabelSelector(formatLabelSelector(sel)), labels)).toBe(oracle(sel.requirements, labels));
        // A conjunction of random requirements is mostly false, so check each requirement alone too.
        for (const r of sel.requirements) expect(matchesLabels(labelSelectorOf([r]), labels)).toBe(oracle([r], labels));
      }),
    );
  });

  it('should give matchLabels and matchExpressions their set meaning', () => {
    const exprArb = fc.record({
      key: keyArb,
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
      values: fc.uniqueArray(valueArb, { minLength: 1, maxLength: 3 }),
    });
    fc.assert(
      fc.property(labelsArb, fc.array(exprArb, { maxLength: 4 }), labelsArb, (matchLabels, exprs, labels) => {
        const expressions = exprs.map((e) => (e.operator === 'In' || e.operator === 'NotIn' ? e : { key: e.key, operator: e.operator }));
        const sel = labelSelectorFromSpec({ matchLabels, matchExpressions: expressions });
        const exprModel: LabelRequirement[] = expressions.map((e) => ({ key: e.key, operator: e.operator, values: 'values' in e ? e.values : [] }));
        const model: LabelRequirement[] = [...Object.entries(matchLabels).map(([key, v]) => ({ key, operator: 'Equals' as const, values: [v] })), ...exprModel];
        // Also over labels that satisfy matchLabels, so the expressions decide the outcome.
        for (const ls of [labels, { ...labels, ...matchLabels }]) expect(matchesLabels(sel, ls)).toBe(oracle(model, ls));
        expressions.forEach((e, i) => {
          expect(matchesLabels(labelSelectorFromSpec({ matchExpressions: [e] }), labels)).toBe(oracle(exprModel.slice(i, i + 1), labels));
        });
      }),
    );
  });

  it('should either parse arbitrary text or refuse it with a 400', () => {
    const alphabet = fc.constantFrom('a', 'b', '=', '!', '(', ')', ',', ' ', 'in', 'notin', '-', '.', '/', '<', '>', '1');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }).map((parts) => parts.join('')), (text) => {
        let sel: LabelSelectorRequirements;
        try {
          sel = parseLabelSelector(text);
        } catch (e) {
          expect(isStatusError(e, 'BadRequest')).toBe(true);
          return;
        }
        expect(semantic(parseLabelSelector(formatLabelSelector(sel)))).toEqual(semantic(sel));
      }),
    );
  });
});
