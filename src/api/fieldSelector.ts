// Field selectors (k8s.io/apimachinery/pkg/fields): `metadata.name=x,spec.nodeName!=y`. Parsing and
// printing follow fields.ParseSelector and Selector.String(); which fields a kind accepts and what
// value an object has for each live in fieldSelectorKinds.ts.
import { badRequest } from './status.ts';
import { fieldRulesFor, selectableFields } from './fieldSelectorKinds.ts';
import type { KubeObject } from './meta.ts';

export { selectableFields } from './fieldSelectorKinds.ts';

/** One term of a field selector. `==` parses to `Equals`, as upstream keeps no difference. */
export interface FieldRequirement {
  readonly field: string;
  readonly operator: 'Equals' | 'NotEquals';
  readonly value: string;
}

/**
 * A parsed field selector: terms ANDed together, in upstream order (terms sorted as raw text).
 * No terms means everything matches.
 * @public
 */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

/** The field selector that matches everything. */
export const everythingFields: FieldSelector = Object.freeze({ requirements: Object.freeze([]) });

// Terms split at commas not escaped by a backslash; the backslash stays for unescapeValue.
function splitTerms(s: string): string[] {
  if (s === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;

// The first position where an operator starts splits the term; the field itself has no escaping.
function splitTerm(term: string): { lhs: string; op: (typeof TERM_OPERATORS)[number]; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of TERM_OPERATORS) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** Upstream `fields.UnescapeValue`: `\\`, `\,`, `\=` are escapes; a bare `,` or `=` is an error. */
export function unescapeFieldValue(s: string): string {
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') throw badRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Upstream prints the rune with %v, i.e. as its number.
      throw badRequest(`invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw badRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Upstream `fields.EscapeValue`: backslash-escapes `\`, `,` and `=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parses field selector text: comma-separated `field=value`, `field==value` or `field!=value` terms
 * (values may escape `\,` `\=` `\\`); empty terms are skipped and `''` selects everything.
 * Which fields are allowed is kind-specific: see {@link validateFieldSelector}.
 * @throws StatusError 400 BadRequest, e.g. `invalid selector: 'a'; can't understand 'a'`.
 */
export function parseFieldSelector(s: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const part of splitTerms(s).sort()) {
    if (part === '') continue;
    const term = splitTerm(part);
    if (term === undefined) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    requirements.push({ field: term.lhs, operator: term.op === '!=' ? 'NotEquals' : 'Equals', value: unescapeFieldValue(term.rhs) });
  }
  return { requirements };
}

/** Canonical text (upstream `Selector.String()`): `field=value` / `field!=value` joined by `,`. */
export function formatFieldSelector(selector: FieldSelector): string {
  return selector.requirements.map((r) => `${r.field}${r.operator === 'Equals' ? '=' : '!='}${escapeFieldValue(r.value)}`).join(',');
}

/** True when the selector has no terms (upstream `Empty()`). */
export function isEverythingFields(selector: FieldSelector): boolean {
  return selector.requirements.length === 0;
}

/**
 * Checks every field against what `kind` (in API `group`, core by default) accepts — as kube-apiserver's
 * field label conversion does — and returns the selector with legacy aliases (`spec.host`) rewritten.
 * @throws StatusError 400 BadRequest with the kind's upstream message: `field label not supported: spec.foo`
 * for kinds that register their own fields, `"spec.foo" is not a known field selector: only
 * "metadata.name", "metadata.namespace"` for the rest (ConfigMap, Deployment, ReplicaSet, custom kinds…).
 */
export function validateFieldSelector(kind: string, selector: FieldSelector, group = ''): FieldSelector {
  const rules = fieldRulesFor(kind, group);
  return {
    requirements: selector.requirements.map((r) => {
      const field = rules.accepted.get(r.field);
      if (field === undefined) throw badRequest(rules.reject(r.field));
      return field === r.field ? r : { ...r, field };
    }),
  };
}

/** Whether a field set satisfies every term; a field the set lacks reads as `''` (upstream `fields.Set`). */
export function matchesFields(selector: FieldSelector, fields: ReadonlyMap<string, string>): boolean {
  return selector.requirements.every((r) => ((fields.get(r.field) ?? '') === r.value) === (r.operator === 'Equals'));
}

/**
 * A predicate for objects of `kind`: validates the selector for the kind (throwing 400 like
 * {@link validateFieldSelector}) and matches each object's selectable fields against it.
 */
export function fieldSelectorMatcher(kind: string, selector: FieldSelector, group = ''): (obj: KubeObject) => boolean {
  const checked = validateFieldSelector(kind, selector, group);
  if (isEverythingFields(checked)) return () => true;
  return (obj) => matchesFields(checked, selectableFields(kind, obj, group));
}

/**
 * The value the first `=` term on `field` pins it to (upstream `RequiresExactMatch`), e.g. the node of a
 * `spec.nodeName=n1` watch; undefined when there is no such term.
 */
export function requiresExactMatch(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator === 'Equals')?.value;
}
