import fc from 'fast-check';
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { labelKey, labels as labelMap, labelValue } from './labels.ts';

/** What {@link labelSelector} generates. */
export interface LabelSelectorOptions {
  /** Labels every generated selector matches (default: generated labels, see {@link selectorWithLabels}). */
  readonly matching?: Readonly<Record<string, string>>;
  /** At least one requirement (apps/v1 workloads refuse an empty selector). Default false. */
  readonly nonEmpty?: boolean;
  /** Most `matchExpressions` entries (default 3). */
  readonly maxExpressions?: number;
}

/** A selector and labels it matches. */
export interface SelectorWithLabels {
  readonly selector: LabelSelector;
  readonly labels: Record<string, string>;
}

// A requirement that holds for `labels`, on one of its keys or on a key it does not have.
function expression(labels: Readonly<Record<string, string>>): fc.Arbitrary<LabelSelectorRequirement> {
  const present = Object.keys(labels);
  const absentKey = labelKey().filter((k) => !Object.hasOwn(labels, k));
  const otherValues = (key: string | undefined): fc.Arbitrary<string[]> =>
    fc.uniqueArray(
      labelValue().filter((v) => key === undefined || v !== labels[key]),
      { minLength: 1, maxLength: 3 },
    );
  const onAbsent = fc.oneof(
    absentKey.map((key): LabelSelectorRequirement => ({ key, operator: 'DoesNotExist' })),
    fc.tuple(absentKey, otherValues(undefined)).map(([key, values]): LabelSelectorRequirement => ({ key, operator: 'NotIn', values })),
  );
  if (present.length === 0) return onAbsent;
  const key = fc.constantFrom(...present);
  const onPresent = fc.oneof(
    key.map((k): LabelSelectorRequirement => ({ key: k, operator: 'Exists' })),
    key.chain((k) =>
      otherValues(k)
        .chain((others) => fc.shuffledSubarray([labels[k] ?? '', ...others], { minLength: others.length + 1 }))
        .map((values): LabelSelectorRequirement => ({ key: k, operator: 'In', values })),
    ),
    key.chain((k) => otherValues(k).map((values): LabelSelectorRequirement => ({ key: k, operator: 'NotIn', values }))),
  );
  return fc.oneof({ arbitrary: onPresent, weight: 3 }, { arbitrary: onAbsent, weight: 1 });
}

function selectorFor(labels: Readonly<Record<string, string>>, options: LabelSelectorOptions): fc.Arbitrary<LabelSelector> {
  const entries = Object.entries(labels);
  return fc
    .tuple(fc.subarray(entries), fc.array(expression(labels), { maxLength: options.maxExpressions ?? 3 }), expression(labels))
    .map(([matched, expressions, fallback]) => {
      const exprs = options.nonEmpty === true && matched.length === 0 && expressions.length === 0 ? [fallback] : expressions;
      return {
        ...(matched.length > 0 ? { matchLabels: Object.fromEntries(matched) } : {}),
        ...(exprs.length > 0 ? { matchExpressions: exprs } : {}),
      };
    });
}

/**
 * Label selectors valid per upstream `ValidateLabelSelector` (`matchLabels`, and `matchExpressions`
 * with `In`/`NotIn` and their values, `Exists`/`DoesNotExist` without) that match the given labels,
 * or labels generated alongside.
 * @example
 * fc.assert(fc.property(labelSelector({ matching: { app: 'web' }, nonEmpty: true }), (sel) =>
 *   matchesLabels(labelSelectorFromSpec(sel), { app: 'web' })));
 * @public
 */
export function labelSelector(options: LabelSelectorOptions = {}): fc.Arbitrary<LabelSelector> {
  if (options.matching !== undefined) return selectorFor(options.matching, options);
  return selectorWithLabels(options).map((s) => s.selector);
}

/**
 * Labels and a valid selector that matches them: what a workload's `spec.selector` and its pod
 * template's labels must be.
 * @example
 * fc.assert(fc.property(selectorWithLabels({ nonEmpty: true }), ({ selector, labels }) =>
 *   matchesLabels(labelSelectorFromSpec(selector), labels)));
 * @public
 */
export function selectorWithLabels(options: Omit<LabelSelectorOptions, 'matching'> = {}): fc.Arbitrary<SelectorWithLabels> {
  return labelMap({ minKeys: 1, maxKeys: 4 }).chain((labels) => selectorFor(labels, options).map((selector) => ({ selector, labels })));
}
