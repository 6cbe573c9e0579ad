// One label requirement (k8s.io/apimachinery/pkg/labels Requirement): construction with upstream
// validation, matching and printing. labelSelector.ts and labelSelectorParser.ts build on it.
import { qualifiedNameErrors, labelValueErrors } from './names.ts';
import { formatFieldError, fieldError } from './fieldErrors.ts';

/**
 * Requirement operators (apimachinery `selection.Operator`). `Equals`/`DoubleEquals` behave like a
 * one-value `In`, `NotEquals` like a one-value `NotIn`; `GreaterThan`/`LessThan` compare integers.
 */
export type LabelOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'DoubleEquals' | 'NotEquals' | 'GreaterThan' | 'LessThan';

/**
 * One requirement of a label selector. `values` is sorted and free of duplicates.
 * @public
 */
export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

/** A failed requirement: the upstream error message (an aggregate of field errors). */
export class RequirementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementError';
  }
}

// Go's %#v of a []string, which is how upstream prints a bad `values` list.
function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

/** Upstream utilerrors aggregate printing: one message bare, several as `[a, b]`, duplicates dropped. */
export function aggregateMessage(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

/** `<path>: Invalid value: "k": …` for a bad label key (`<nil>` is upstream's print of an empty path). */
export function labelKeyError(key: string, path = '<nil>'): string | undefined {
  const errs = qualifiedNameErrors(key);
  return errs.length === 0 ? undefined : formatFieldError(fieldError.invalid(path, key, errs.join('; ')));
}

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64.
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** The value as a 64-bit integer the way Go's `strconv.ParseInt(s, 10, 64)` reads it, or undefined. */
export function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/**
 * Builds a requirement with upstream `labels.NewRequirement` validation; throws {@link RequirementError}
 * with the upstream message when the key, the operator's value count or a value is invalid.
 */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[]): LabelRequirement {
  const errs: string[] = [];
  const keyErr = labelKeyError(key, 'key');
  if (keyErr !== undefined) errs.push(keyErr);
  const bad = (detail: string): string => `values: Invalid value: ${goStringSlice(values)}: ${detail}`;
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(bad("for 'in', 'notin' operators, values set can't be empty"));
      break;
    case 'Equals':
    case 'DoubleEquals':
    case 'NotEquals':
      if (values.length !== 1) errs.push(bad('exact-match compatibility requires one single value'));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) errs.push(bad('values set must be empty for exists and does not exist'));
      break;
    case 'GreaterThan':
    case 'LessThan':
      if (values.length !== 1) errs.push(bad("for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(formatFieldError(fieldError.invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")));
      });
      break;
  }
  values.forEach((v, i) => {
    const msgs = labelValueErrors(v);
    if (msgs.length > 0) errs.push(formatFieldError(fieldError.invalid(`values[${i}][${key}]`, v, msgs.join('; '))));
  });
  if (errs.length > 0) throw new RequirementError(aggregateMessage(errs));
  return { key, operator, values: [...new Set(values)].sort(compareStrings) };
}

/** Byte-wise string order (Go's `<` on strings) for ASCII keys and values. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether one requirement holds for a label map (upstream `Requirement.Matches`). */
export function requirementMatches(r: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In':
    case 'Equals':
    case 'DoubleEquals':
      return value !== undefined && r.values.includes(value);
    case 'NotIn':
    case 'NotEquals':
      return value === undefined || !r.values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'GreaterThan':
    case 'LessThan': {
      if (value === undefined || r.values.length !== 1) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(r.values[0] ?? '');
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'GreaterThan' ? actual > bound : actual < bound;
    }
  }
}

const OPERATOR_TEXT: Record<LabelOperator, string> = {
  In: ' in ',
  NotIn: ' notin ',
  Exists: '',
  DoesNotExist: '',
  Equals: '=',
  DoubleEquals: '==',
  NotEquals: '!=',
  GreaterThan: '>',
  LessThan: '<',
};

/** Upstream `Requirement.String()`: `!k`, `k`, `k=v`, `k!=v`, `k in (a,b)` with sorted values. */
export function formatRequirement(r: LabelRequirement): string {
  if (r.operator === 'Exists') return r.key;
  if (r.operator === 'DoesNotExist') return `!${r.key}`;
  const values = [...r.values].sort(compareStrings).join(',');
  const set = r.operator === 'In' || r.operator === 'NotIn';
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`;
}
