// InterPodAffinity (upstream plugins/interpodaffinity filtering.go + plugin.go): required pod
// affinity / anti-affinity of the incoming pod, and the required anti-affinity of pods already
// running (symmetry). Scoring lives in interPodAffinityScoring.ts.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { matchesAllTerms, podAffinityTerms, termMatches, type AffinityTerm, type NamespaceLabelsFn, type PodAffinityTerms } from '../affinityTerms.ts';
import { ACTION } from '../clusterEvents.ts';
import type { CycleContext, Plugin } from '../framework.ts';
import { nodeLabels, type NodeInfo } from '../nodeInfo.ts';
import { skip, unresolvable, unschedulable } from '../status.ts';
import { interPodAffinityNormalizeScore, interPodAffinityPreScore, interPodAffinityScore } from './interPodAffinityScoring.ts';

/** The plugin name. */
export const INTER_POD_AFFINITY = 'InterPodAffinity';
/** Reason: the incoming pod's required affinity is not met. */
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
/** Reason: the incoming pod's required anti-affinity is violated. */
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
/** Reason: an existing pod's required anti-affinity rejects the incoming pod. */
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

/**
 * InterPodAffinity args (upstream `InterPodAffinityArgs`).
 * @public
 */
export interface InterPodAffinityArgs {
  /** Score weight of existing pods' required affinity terms that the incoming pod matches (default 1). */
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

/** A topology domain as a map key. */
export function topologyPairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

interface PreFilterState {
  readonly terms: PodAffinityTerms;
  readonly existingAntiAffinityCounts: Map<string, number>;
  readonly affinityCounts: Map<string, number>;
  readonly antiAffinityCounts: Map<string, number>;
  readonly nsLabels: NamespaceLabelsFn;
}

const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function computeState(ctx: CycleContext, pod: Pod): PreFilterState {
  const terms = podAffinityTerms(pod);
  const nsLabels: NamespaceLabelsFn = (ns) => ctx.snapshot.namespaceLabels(ns);
  const existingAntiAffinityCounts = new Map<string, number>();
  for (const ni of ctx.snapshot.nodeInfosWithRequiredAntiAffinityPods()) {
    const labels = nodeLabels(ni);
    for (const existing of ni.podsWithRequiredAntiAffinity.values()) {
      for (const t of existing.requiredAntiAffinity) {
        const v = labels[t.topologyKey];
        if (v !== undefined && termMatches(t, pod, nsLabels)) bump(existingAntiAffinityCounts, topologyPairKey(t.topologyKey, v));
      }
    }
  }
  const affinityCounts = new Map<string, number>();
  const antiAffinityCounts = new Map<string, number>();
  if (terms.requiredAffinity.length > 0 || terms.requiredAntiAffinity.length > 0) {
    for (const ni of ctx.snapshot.nodeInfos()) {
      const labels = nodeLabels(ni);
      for (const existing of ni.pods.values()) {
        // Affinity counts a pod only when it matches every required affinity term.
        if (matchesAllTerms(terms.requiredAffinity, existing.pod, nsLabels)) {
          for (const t of terms.requiredAffinity) {
            const v = labels[t.topologyKey];
            if (v !== undefined) bump(affinityCounts, topologyPairKey(t.topologyKey, v));
          }
        }
        for (const t of terms.requiredAntiAffinity) {
          const v = labels[t.topologyKey];
          if (v !== undefined && termMatches(t, existing.pod, nsLabels)) bump(antiAffinityCounts, topologyPairKey(t.topologyKey, v));
        }
      }
    }
  }
  return { terms, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts, nsLabels };
}

function satisfyPodAffinity(s: PreFilterState, pod: Pod, labels: Readonly<Record<string, string>>): boolean {
  let podsExist = true;
  for (const t of s.terms.requiredAffinity) {
    const v = labels[t.topologyKey];
    if (v === undefined) return false;
    if ((s.affinityCounts.get(topologyPairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: allowed when no pod anywhere matches yet and
  // the pod matches its own terms (the node has all topology labels, checked above).
  return s.affinityCounts.size === 0 && matchesAllTerms(s.terms.requiredAffinity, pod, s.nsLabels);
}

function satisfyPodAntiAffinity(s: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  return s.terms.requiredAntiAffinity.every((t: AffinityTerm) => {
    const v = labels[t.topologyKey];
    return v === undefined || (s.antiAffinityCounts.get(topologyPairKey(t.topologyKey, v)) ?? 0) <= 0;
  });
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Readonly<Record<string, string>>): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  return Object.entries(labels).every(([k, v]) => (s.existingAntiAffinityCounts.get(topologyPairKey(k, v)) ?? 0) <= 0);
}

/** Creates the InterPodAffinity plugin. */
export function interPodAffinity(args: InterPodAffinityArgs = {}): Plugin {
  const hardPodAffinityWeight = args.hardPodAffinityWeight ?? 1;
  const ignoreExisting = args.ignorePreferredTermsOfExistingPods ?? false;
  return {
    name: INTER_POD_AFFINITY,
    events: [
      { resource: 'Pod', actionType: ACTION.All },
      { resource: 'Node', actionType: ACTION.Add | ACTION.UpdateNodeLabel | ACTION.UpdateNodeTaint },
    ],
    preFilter(ctx, pod) {
      const s = computeState(ctx, pod);
      if (s.existingAntiAffinityCounts.size === 0 && s.terms.requiredAffinity.length === 0 && s.terms.requiredAntiAffinity.length === 0) return skip();
      ctx.state.set(PRE_FILTER_KEY, s);
      return undefined;
    },
    filter(ctx, pod, nodeInfo: NodeInfo) {
      const s = (ctx.state.get(PRE_FILTER_KEY) as PreFilterState | undefined) ?? computeState(ctx, pod);
      const labels = nodeLabels(nodeInfo);
      if (!satisfyPodAffinity(s, pod, labels)) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
      if (!satisfyPodAntiAffinity(s, labels)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
      if (!satisfyExistingPodsAntiAffinity(s, labels)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
      return undefined;
    },
    preScore: (ctx, pod) => interPodAffinityPreScore(ctx, pod, hardPodAffinityWeight, ignoreExisting),
    score: interPodAffinityScore,
    normalizeScore: interPodAffinityNormalizeScore,
  };
}
