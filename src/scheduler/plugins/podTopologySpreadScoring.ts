// PodTopologySpread scoring (upstream plugins/podtopologyspread/scoring.go): fewer matching pods in
// the node's domains scores higher; domain counts are weighted by log(#domains + 2).
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { MAX_NODE_SCORE, type CycleContext, type NodeScore } from '../framework.ts';
import { nodeLabels, type NodeInfo } from '../nodeInfo.ts';
import { requiredNodeAffinity } from '../nodeSelector.ts';
import { skip, type Status } from '../status.ts';
import { countPodsMatchSelector, LABEL_HOSTNAME, matchNodeInclusionPolicies, nodeHasAllTopologyKeys, podConstraints, type SpreadConstraint } from './podTopologySpreadConstraints.ts';

const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

interface ScoreState {
  readonly constraints: readonly SpreadConstraint[];
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint (non-hostname): domain value → matching pods over all nodes. */
  readonly counts: readonly Map<string, number>[];
  readonly weights: readonly number[];
}

/** `log(size + 2)`, the weight of a constraint with `size` domains. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** PreScore: the ScheduleAnyway constraints and their per-domain counts; Skip without any. */
export function podTopologySpreadPreScore(ctx: CycleContext, pod: Pod, filtered: readonly NodeInfo[], defaults: readonly TopologySpreadConstraint[], systemDefaulted: boolean): Status | undefined {
  const all = ctx.snapshot.nodeInfos();
  if (filtered.length === 0 || all.length === 0) return skip();
  const constraints = podConstraints(ctx.snapshot, pod, defaults, 'ScheduleAnyway');
  if (constraints.length === 0) return skip();
  // Only the pod's own constraints require every topology key: nodes without a zone label still
  // get hostname spreading from the system defaults.
  const requireAll = (pod.spec?.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
  const ignoredNodes = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of filtered) {
    const labels = nodeLabels(ni);
    if (requireAll && !nodeHasAllTopologyKeys(labels, constraints)) {
      ignoredNodes.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey !== LABEL_HOSTNAME) (counts[i] as Map<string, number>).set(labels[c.topologyKey] ?? '', 0);
    });
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filtered.length - ignoredNodes.size : (counts[i] as Map<string, number>).size),
  );
  const required = requiredNodeAffinity(pod);
  const ns = pod.metadata?.namespace ?? '';
  // Hostname domains are counted per node in Score; skip those constraints here.
  const domainWide = constraints.map((c, i) => ({ c, m: counts[i] as Map<string, number> })).filter((x) => x.c.topologyKey !== LABEL_HOSTNAME);
  if (domainWide.length > 0) {
    for (const ni of all) {
      const node = ni.node;
      const labels = nodeLabels(ni);
      if (node === undefined || (requireAll && !nodeHasAllTopologyKeys(labels, constraints))) continue;
      for (const { c, m } of domainWide) {
        const value = labels[c.topologyKey] ?? '';
        // Only domains of candidate nodes are counted.
        const current = m.get(value);
        if (current === undefined || !matchNodeInclusionPolicies(c, pod, node, required)) continue;
        m.set(value, current + countPodsMatchSelector(ni.pods.values(), c.selector, ns));
      }
    }
  }
  ctx.state.set(PRE_SCORE_KEY, { constraints, ignoredNodes, counts, weights } satisfies ScoreState);
  return undefined;
}

/** Score: Σ over constraints of `count × weight + (maxSkew − 1)`, rounded. */
export function podTopologySpreadScore(ctx: CycleContext, pod: Pod, ni: NodeInfo): number {
  const s = ctx.state.get(PRE_SCORE_KEY) as ScoreState | undefined;
  if (s === undefined || s.ignoredNodes.has(ni.name)) return 0;
  const labels = nodeLabels(ni);
  let score = 0;
  s.constraints.forEach((c, i) => {
    const value = labels[c.topologyKey];
    if (value === undefined) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countPodsMatchSelector(ni.pods.values(), c.selector, pod.metadata?.namespace ?? '') : ((s.counts[i] as Map<string, number>).get(value) ?? 0);
    score += cnt * (s.weights[i] as number) + (c.maxSkew - 1);
  });
  return Math.round(score);
}

/** NormalizeScore: `100 × (max + min − score) / max` (ignored nodes 0; all 100 when max is 0). */
export function podTopologySpreadNormalizeScore(ctx: CycleContext, _pod: Pod, scores: NodeScore[]): Status | undefined {
  const s = ctx.state.get(PRE_SCORE_KEY) as ScoreState | undefined;
  if (s === undefined) return undefined;
  let min = Infinity;
  let max = 0;
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) continue;
    if (sc.score < min) min = sc.score;
    if (sc.score > max) max = sc.score;
  }
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) sc.score = 0;
    else if (max === 0) sc.score = MAX_NODE_SCORE;
    else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
  }
  return undefined;
}
