// InterPodAffinity scoring (upstream plugins/interpodaffinity/scoring.go): per topology domain, sum
// the weights of preferred terms both ways and existing pods' required affinity (hard weight), then
// min-max normalize to 0–100.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podAffinityTerms, termMatches, type AffinityTerm, type NamespaceLabelsFn } from '../affinityTerms.ts';
import { MAX_NODE_SCORE, type CycleContext, type NodeScore } from '../framework.ts';
import { nodeLabels, type NodeInfo } from '../nodeInfo.ts';
import type { PodInfo } from '../podInfo.ts';
import { skip, type Status } from '../status.ts';

const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

// topologyKey → value → score
type TopologyScore = Map<string, Map<string, number>>;

function processTerm(m: TopologyScore, term: AffinityTerm, weight: number, pod: Pod, nsLabels: NamespaceLabelsFn, labels: Readonly<Record<string, string>>, multiplier: number): void {
  if (!termMatches(term, pod, nsLabels)) return;
  const v = labels[term.topologyKey];
  if (v === undefined) return;
  let byValue = m.get(term.topologyKey);
  if (byValue === undefined) m.set(term.topologyKey, (byValue = new Map<string, number>()));
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

/** PreScore: builds the per-domain score map, Skip when nothing contributes. */
export function interPodAffinityPreScore(ctx: CycleContext, pod: Pod, hardPodAffinityWeight: number, ignorePreferredTermsOfExistingPods: boolean): Status | undefined {
  const incoming = podAffinityTerms(pod);
  const hasConstraints = incoming.preferredAffinity.length > 0 || incoming.preferredAntiAffinity.length > 0;
  if (ignorePreferredTermsOfExistingPods && !hasConstraints) return skip();
  const nsLabels: NamespaceLabelsFn = (ns) => ctx.snapshot.namespaceLabels(ns);
  const m: TopologyScore = new Map();
  // Without preferred terms of its own, only nodes hosting pods with affinity can contribute.
  const nodes = hasConstraints ? ctx.snapshot.nodeInfos() : ctx.snapshot.nodeInfosWithAffinityPods();
  for (const ni of nodes) {
    const labels = nodeLabels(ni);
    if (Object.keys(labels).length === 0) continue;
    const pods: Iterable<PodInfo> = hasConstraints ? ni.pods.values() : ni.podsWithAffinity.values();
    for (const existing of pods) {
      for (const t of incoming.preferredAffinity) processTerm(m, t, t.weight, existing.pod, nsLabels, labels, 1);
      for (const t of incoming.preferredAntiAffinity) processTerm(m, t, t.weight, existing.pod, nsLabels, labels, -1);
      if (hardPodAffinityWeight > 0) for (const t of existing.requiredAffinity) processTerm(m, t, hardPodAffinityWeight, pod, nsLabels, labels, 1);
      if (!ignorePreferredTermsOfExistingPods) {
        for (const t of existing.preferredAffinity) processTerm(m, t, t.weight, pod, nsLabels, labels, 1);
        for (const t of existing.preferredAntiAffinity) processTerm(m, t, t.weight, pod, nsLabels, labels, -1);
      }
    }
  }
  if (m.size === 0) return skip();
  ctx.state.set(PRE_SCORE_KEY, m);
  return undefined;
}

/** Score: the sum of the node's domains' scores (may be negative before normalization). */
export function interPodAffinityScore(ctx: CycleContext, _pod: Pod, ni: NodeInfo): number {
  const m = ctx.state.get(PRE_SCORE_KEY) as TopologyScore | undefined;
  if (m === undefined) return 0;
  const labels = nodeLabels(ni);
  let score = 0;
  for (const [key, byValue] of m) {
    const v = labels[key];
    if (v !== undefined) score += byValue.get(v) ?? 0;
  }
  return score;
}

/** NormalizeScore: `trunc(100 × (score − min) / (max − min))`, all 0 when max = min. */
export function interPodAffinityNormalizeScore(ctx: CycleContext, _pod: Pod, scores: NodeScore[]): Status | undefined {
  if (ctx.state.get(PRE_SCORE_KEY) === undefined) return undefined;
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s.score > max) max = s.score;
    if (s.score < min) min = s.score;
  }
  const diff = max - min;
  for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
  return undefined;
}
