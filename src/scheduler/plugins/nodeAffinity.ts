// NodeAffinity (upstream plugins/nodeaffinity): Filter on nodeSelector + required node affinity
// (+ the profile's addedAffinity); Score = Σ weights of matching preferred terms, normalized.
import type { NodeAffinity as NodeAffinitySpec, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import { ACTION } from '../clusterEvents.ts';
import { MAX_NODE_SCORE, type Plugin } from '../framework.ts';
import { defaultNormalizeScore } from '../normalizeScore.ts';
import { nodeSelectorMatches, nodeSelectorTermMatches, requiredNodeAffinity, type RequiredNodeAffinity } from '../nodeSelector.ts';
import { skip, unresolvable } from '../status.ts';

/** The plugin name. */
export const NODE_AFFINITY = 'NodeAffinity';
/** The Filter reason for the pod's own selector/affinity. */
export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
/** The Filter reason for the profile's addedAffinity. */
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";

/** Args: affinity every pod of the profile gets on top of its own (upstream `addedAffinity`). */
export interface NodeAffinityArgs {
  readonly addedAffinity?: NodeAffinitySpec;
}

const PRE_FILTER_KEY = 'PreFilterNodeAffinity';
const PRE_SCORE_KEY = 'PreScoreNodeAffinity';

function preferredTerms(pod: Pod, added: NodeAffinitySpec | undefined): PreferredSchedulingTerm[] {
  const own = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  return [...(added?.preferredDuringSchedulingIgnoredDuringExecution ?? []), ...own].filter((t) => t.weight !== 0);
}

/** Creates the NodeAffinity plugin. */
export function nodeAffinity(args: NodeAffinityArgs = {}): Plugin {
  const added = args.addedAffinity;
  const addedRequired = added?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    name: NODE_AFFINITY,
    events: [{ resource: 'Node', actionType: ACTION.Add | ACTION.Update }],
    preFilter(ctx, pod) {
      const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (required === undefined && addedRequired === undefined && pod.spec?.nodeSelector === undefined) return skip();
      ctx.state.set(PRE_FILTER_KEY, requiredNodeAffinity(pod));
      return undefined;
    },
    filter(ctx, pod, nodeInfo) {
      const node = nodeInfo.node;
      if (node === undefined) return unresolvable('node not found');
      if (addedRequired !== undefined && !nodeSelectorMatches(addedRequired, node)) return unresolvable(ERR_REASON_ENFORCED);
      const req = (ctx.state.get(PRE_FILTER_KEY) as RequiredNodeAffinity | undefined) ?? requiredNodeAffinity(pod);
      return req.match(node) ? undefined : unresolvable(ERR_REASON_NODE_AFFINITY);
    },
    preScore(ctx, pod) {
      const terms = preferredTerms(pod, added);
      if (terms.length === 0) return skip();
      ctx.state.set(PRE_SCORE_KEY, terms);
      return undefined;
    },
    score(ctx, pod, nodeInfo) {
      const terms = (ctx.state.get(PRE_SCORE_KEY) as PreferredSchedulingTerm[] | undefined) ?? preferredTerms(pod, added);
      const node = nodeInfo.node;
      if (node === undefined) return 0;
      let count = 0;
      for (const t of terms) if (nodeSelectorTermMatches(t.preference, node)) count += t.weight;
      return count;
    },
    normalizeScore(_ctx, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
      return undefined;
    },
  };
}
