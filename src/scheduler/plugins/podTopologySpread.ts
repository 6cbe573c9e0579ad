// PodTopologySpread (upstream plugins/podtopologyspread filtering.go + plugin.go): DoNotSchedule
// constraints filter on skew = matchNum + selfMatch − globalMin; ScheduleAnyway constraints (and the
// system defaults for pods without constraints) score in podTopologySpreadScoring.ts.
import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { matchesLabels } from '../../api/labelSelector.ts';
import { ACTION } from '../clusterEvents.ts';
import type { CycleContext, Plugin } from '../framework.ts';
import { nodeLabels } from '../nodeInfo.ts';
import { requiredNodeAffinity } from '../nodeSelector.ts';
import { skip, unresolvable, unschedulable } from '../status.ts';
import {
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  podConstraints,
  SYSTEM_DEFAULT_CONSTRAINTS,
  type SpreadConstraint,
} from './podTopologySpreadConstraints.ts';
import { podTopologySpreadNormalizeScore, podTopologySpreadPreScore, podTopologySpreadScore } from './podTopologySpreadScoring.ts';

/** The plugin name. */
export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';
/** Reason: placing the pod would exceed maxSkew. */
export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
/** Reason: the node lacks a constraint's topology label. */
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

/**
 * PodTopologySpread args (upstream `PodTopologySpreadArgs`): `defaultingType` `System` (default)
 * uses {@link SYSTEM_DEFAULT_CONSTRAINTS}; `List` uses `defaultConstraints`.
 * @public
 */
export interface PodTopologySpreadArgs {
  readonly defaultConstraints?: readonly TopologySpreadConstraint[];
  readonly defaultingType?: 'System' | 'List';
}

interface FilterState {
  readonly constraints: readonly SpreadConstraint[];
  /** Per constraint: domain value → matching pods. */
  readonly counts: readonly Map<string, number>[];
}

const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';

function computeFilterState(ctx: CycleContext, pod: Pod, defaults: readonly TopologySpreadConstraint[]): FilterState {
  const constraints = podConstraints(ctx.snapshot, pod, defaults, 'DoNotSchedule');
  const counts = constraints.map(() => new Map<string, number>());
  if (constraints.length === 0) return { constraints, counts };
  const required = requiredNodeAffinity(pod);
  const ns = pod.metadata?.namespace ?? '';
  for (const ni of ctx.snapshot.nodeInfos()) {
    const node = ni.node;
    const labels = nodeLabels(ni);
    if (node === undefined || !nodeHasAllTopologyKeys(labels, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!matchNodeInclusionPolicies(c, pod, node, required)) return;
      const value = labels[c.topologyKey] ?? '';
      const m = counts[i] as Map<string, number>;
      m.set(value, (m.get(value) ?? 0) + countPodsMatchSelector(ni.pods.values(), c.selector, ns));
    });
  }
  return { constraints, counts };
}

function minMatchNum(counts: Map<string, number>, minDomains: number): number {
  // Fewer eligible domains than minDomains: the global minimum is taken as 0.
  if (counts.size < minDomains) return 0;
  let min = Infinity;
  for (const v of counts.values()) if (v < min) min = v;
  return min === Infinity ? 0 : min;
}

/** Creates the PodTopologySpread plugin. */
export function podTopologySpread(args: PodTopologySpreadArgs = {}): Plugin {
  const systemDefaulted = (args.defaultingType ?? 'System') === 'System';
  const defaults = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (args.defaultConstraints ?? []);
  return {
    name: POD_TOPOLOGY_SPREAD,
    events: [
      { resource: 'Pod', actionType: ACTION.All },
      { resource: 'Node', actionType: ACTION.Add | ACTION.Delete | ACTION.UpdateNodeLabel | ACTION.UpdateNodeTaint },
    ],
    preFilter(ctx, pod) {
      const s = computeFilterState(ctx, pod, defaults);
      if (s.constraints.length === 0) return skip();
      ctx.state.set(PRE_FILTER_KEY, s);
      return undefined;
    },
    filter(ctx, pod, nodeInfo) {
      const s = (ctx.state.get(PRE_FILTER_KEY) as FilterState | undefined) ?? computeFilterState(ctx, pod, defaults);
      const labels = nodeLabels(nodeInfo);
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as SpreadConstraint;
        const value = labels[c.topologyKey];
        if (value === undefined) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
        const counts = s.counts[i] as Map<string, number>;
        const selfMatch = matchesLabels(c.selector, pod.metadata?.labels) ? 1 : 0;
        const skew = (counts.get(value) ?? 0) + selfMatch - minMatchNum(counts, c.minDomains);
        if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
      }
      return undefined;
    },
    preScore: (ctx, pod, nodes) => podTopologySpreadPreScore(ctx, pod, nodes, defaults, systemDefaulted),
    score: podTopologySpreadScore,
    normalizeScore: podTopologySpreadNormalizeScore,
  };
}
