import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { badRequest } from './status.ts';
import { compareStrings, formatRequirement, newRequirement, requirementMatches, RequirementError, type LabelOperator, type LabelRequirement } from './labelRequirement.ts';
import { parseRequirements } from './labelSelectorParser.ts';

export type { LabelOperator, LabelRequirement } from './labelRequirement.ts';
export { newRequirement, RequirementError } from './labelRequirement.ts';
export { validateLabels, validateLabelSelectorSpec } from './labelValidation.ts';

/**
 * A parsed label selector (apimachinery `labels.Selector`): requirements ANDed together, sorted by key.
 * `nothing` marks upstream's `labels.Nothing()` — what a nil `*metav1.LabelSelector` converts to —
 * which matches no object at all; an empty requirement list with `nothing: false` matches everything.
 * @public
 */
export interface LabelSelectorRequirements {
  readonly requirements: readonly LabelRequirement[];
  readonly nothing: boolean;
}

/** The selector that matches every label set (`labels.Everything()`, the empty string). */
export const everything: LabelSelectorRequirements = Object.freeze({ requirements: Object.freeze([]), nothing: false });

/** The selector that matches no label set (`labels.Nothing()`, a nil selector spec). */
export const nothing: LabelSelectorRequirements = Object.freeze({ requirements: Object.freeze([]), nothing: true });

function sortedByKey(reqs: readonly LabelRequirement[]): LabelRequirement[] {
  // Stable, so requirements on one key keep their order (upstream's sort.Sort is not stable).
  return [...reqs].sort((a, b) => compareStrings(a.key, b.key));
}

/** A selector from requirements (sorted by key, as `Selector.Add` does). */
export function labelSelectorOf(requirements: readonly LabelRequirement[]): LabelSelectorRequirements {
  return { requirements: sortedByKey(requirements), nothing: false };
}

/**
 * Parses `labelSelector` text (`a=b,c!=d,e in (f,g),h notin (i),j,!k`; also `==`, and `>`/`<` with
 * integers, which upstream's parser accepts). Whitespace around tokens is ignored; commas AND.
 * @throws StatusError 400 BadRequest with upstream's message, e.g. `unable to parse requirement: …`
 * or `found ')', expected: !, identifier, or 'end of string'`.
 */
export function parseLabelSelector(s: string): LabelSelectorRequirements {
  const parsed = parseRequirements(s);
  if (!parsed.ok) throw badRequest(parsed.message);
  return labelSelectorOf(parsed.requirements);
}

const SPEC_OPERATORS: Readonly<Record<string, LabelOperator>> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/**
 * Converts an API `metav1.LabelSelector` (upstream `LabelSelectorAsSelector`):
 * - `undefined`/`null` → {@link nothing}: a nil selector matches **no** object;
 * - `{}` (no matchLabels, no matchExpressions) → {@link everything}: matches **every** object;
 * - otherwise `matchLabels` become `key=value` requirements and `matchExpressions` In/NotIn/Exists/DoesNotExist.
 * @throws StatusError 400 BadRequest for an unknown operator (`"Gt" is not a valid label selector operator`)
 * or a requirement upstream's `NewRequirement` rejects (In/NotIn without values, Exists/DoesNotExist with values,
 * a bad key or value).
 */
export function labelSelectorFromSpec(sel: LabelSelector | undefined | null): LabelSelectorRequirements {
  if (sel === undefined || sel === null) return nothing;
  const labels = Object.entries(sel.matchLabels ?? {});
  const exprs = sel.matchExpressions ?? [];
  if (labels.length + exprs.length === 0) return everything;
  try {
    const reqs = labels.map(([k, v]) => newRequirement(k, 'Equals', [v]));
    for (const e of exprs) {
      const op = Object.hasOwn(SPEC_OPERATORS, e.operator) ? SPEC_OPERATORS[e.operator] : undefined;
      if (op === undefined) throw badRequest(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
      reqs.push(newRequirement(e.key, op, e.values ?? []));
    }
    return labelSelectorOf(reqs);
  } catch (e) {
    if (e instanceof RequirementError) throw badRequest(e.message);
    throw e;
  }
}

/**
 * A selector requiring every `key=value` of a map (`labels.SelectorFromSet`, unvalidated, as upstream);
 * an empty or missing map gives {@link everything}.
 */
export function labelSelectorFromSet(set: Readonly<Record<string, string>> | undefined): LabelSelectorRequirements {
  return labelSelectorOf(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: 'Equals', values: [v] })));
}

/** Whether a label map satisfies every requirement (a missing map is empty; {@link nothing} never matches). */
export function matchesLabels(selector: LabelSelectorRequirements, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (selector.nothing) return false;
  const ls = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, ls));
}

/** True for the match-everything selector (no requirements, not {@link nothing}); upstream `Empty()`. */
export function isEverything(selector: LabelSelectorRequirements): boolean {
  return !selector.nothing && selector.requirements.length === 0;
}

/**
 * Canonical text (upstream `Selector.String()`): requirements sorted by key joined with `,`, values of
 * `in`/`notin` sorted: `a=b,c in (d,e),!f`. Both {@link everything} and {@link nothing} print as `''`.
 */
export function formatLabelSelector(selector: LabelSelectorRequirements): string {
  return sortedByKey(selector.requirements).map(formatRequirement).join(',');
}

/** A label map as selector text, keys sorted: `{b:'2',a:'1'}` → `a=1,b=2` (upstream `labels.Set.String()`). */
export function formatMatchLabels(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(labels ?? {})
    .sort(compareStrings)
    .map((k) => `${k}=${labels?.[k] ?? ''}`)
    .join(',');
}

/**
 * An API selector for display (upstream `metav1.FormatLabelSelector`): its canonical text, `<none>`
 * when that is empty (nil or `{}`), `<error>` when the selector is invalid.
 */
export function formatLabelSelectorSpec(sel: LabelSelector | undefined | null): string {
  let text: string;
  try {
    text = formatLabelSelector(labelSelectorFromSpec(sel));
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}
