// Parsed pod (anti-)affinity terms (upstream framework.AffinityTerm / WeightedAffinityTerm).
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import { labelSelectorFromSpec, labelSelectorOf, matchesLabels, nothing, type LabelSelectorRequirements } from '../api/labelSelector.ts';
import type { LabelRequirement } from '../api/labelRequirement.ts';

/**
 * One affinity term: the pods it selects (`selector`) in `namespaces` or in namespaces whose labels
 * match `namespaceSelector`, counted per `topologyKey` domain.
 * @public
 */
export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: LabelSelectorRequirements;
  readonly selector: LabelSelectorRequirements;
  readonly topologyKey: string;
}

/** A preferred term with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  readonly weight: number;
}

/**
 * The four term lists of a pod.
 * @public
 */
export interface PodAffinityTerms {
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinity: readonly WeightedAffinityTerm[];
}

/** A selector from an API spec; an invalid one selects nothing (upstream rejects it at validation). */
export function safeSelector(spec: LabelSelector | undefined | null): LabelSelectorRequirements {
  try {
    return labelSelectorFromSpec(spec);
  } catch {
    return nothing;
  }
}

// matchLabelKeys / mismatchLabelKeys (KEP-3633): `key in (v)` / `key notin (v)` with the pod's own value.
function withLabelKeys(sel: LabelSelectorRequirements, pod: Pod, term: PodAffinityTerm): LabelSelectorRequirements {
  if (sel.nothing) return sel;
  const labels = pod.metadata?.labels ?? {};
  const extra: LabelRequirement[] = [];
  for (const key of term.matchLabelKeys ?? []) {
    const v = labels[key];
    if (v !== undefined) extra.push({ key, operator: 'In', values: [v] });
  }
  for (const key of term.mismatchLabelKeys ?? []) {
    const v = labels[key];
    if (v !== undefined) extra.push({ key, operator: 'NotIn', values: [v] });
  }
  return extra.length === 0 ? sel : labelSelectorOf([...sel.requirements, ...extra]);
}

/** Parses one term of `pod` (upstream `newAffinityTerm`). */
export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const ns = term.namespaces ?? [];
  // No namespaces and no namespaceSelector means "the pod's own namespace".
  const namespaces = ns.length === 0 && (term.namespaceSelector === undefined || term.namespaceSelector === null) ? [pod.metadata?.namespace ?? ''] : ns;
  return {
    namespaces: new Set(namespaces),
    namespaceSelector: safeSelector(term.namespaceSelector),
    selector: withLabelKeys(safeSelector(term.labelSelector), pod, term),
    topologyKey: term.topologyKey,
  };
}

/** The parsed terms of a pod (terms with weight 0 are dropped, as upstream). */
export function podAffinityTerms(pod: Pod): PodAffinityTerms {
  const a = pod.spec?.affinity;
  const weighted = (list: readonly { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined): WeightedAffinityTerm[] =>
    (list ?? []).filter((w) => w.weight !== 0).map((w) => ({ ...newAffinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
  return {
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t)),
    preferredAffinity: weighted(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** Looks up a namespace's labels (undefined when unknown). */
export type NamespaceLabelsFn = (namespace: string) => Readonly<Record<string, string>> | undefined;

/**
 * Whether `term` selects `pod` (upstream `AffinityTerm.Matches`): the pod's namespace is listed or its
 * labels match the namespace selector, and the pod's labels match the term's selector.
 */
export function termMatches(term: AffinityTerm, pod: Pod, namespaceLabels: NamespaceLabelsFn): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns) && !matchesLabels(term.namespaceSelector, namespaceLabels(ns))) return false;
  return matchesLabels(term.selector, pod.metadata?.labels);
}

/** True when `terms` is non-empty and every term selects `pod` (upstream `podMatchesAllAffinityTerms`). */
export function matchesAllTerms(terms: readonly AffinityTerm[], pod: Pod, namespaceLabels: NamespaceLabelsFn): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, namespaceLabels));
}
