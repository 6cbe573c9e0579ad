// TaintToleration (upstream plugins/tainttoleration): Filter rejects untolerated NoSchedule/NoExecute
// taints; Score counts untolerated PreferNoSchedule taints, normalized in reverse (fewer is better).
import type { Toleration } from 'kubernetes-types/core/v1.js';
import { ACTION } from '../clusterEvents.ts';
import { MAX_NODE_SCORE, type Plugin } from '../framework.ts';
import { defaultNormalizeScore } from '../normalizeScore.ts';
import { unresolvable } from '../status.ts';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../taints.ts';

/** The plugin name. */
export const TAINT_TOLERATION = 'TaintToleration';

const PRE_SCORE_KEY = 'PreScoreTaintToleration';

/** The Filter reason for a taint: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintReason(key: string, value: string): string {
  return `node(s) had untolerated taint {${key}: ${value}}`;
}

/** Creates the TaintToleration plugin. */
export function taintToleration(): Plugin {
  return {
    name: TAINT_TOLERATION,
    events: [{ resource: 'Node', actionType: ACTION.Add | ACTION.Update }],
    filter(_ctx, pod, nodeInfo) {
      const taint = findUntoleratedTaint(nodeInfo.node?.spec?.taints, pod.spec?.tolerations);
      return taint === undefined ? undefined : unresolvable(untoleratedTaintReason(taint.key, taint.value ?? ''));
    },
    preScore(ctx, pod) {
      // Only tolerations that can tolerate PreferNoSchedule (that effect, or any effect) count.
      const tolerations = (pod.spec?.tolerations ?? []).filter((t) => (t.effect ?? '') === '' || t.effect === 'PreferNoSchedule');
      ctx.state.set(PRE_SCORE_KEY, tolerations);
      return undefined;
    },
    score(ctx, pod, nodeInfo) {
      const tolerations = (ctx.state.get(PRE_SCORE_KEY) as Toleration[] | undefined) ?? pod.spec?.tolerations ?? [];
      let count = 0;
      for (const taint of nodeInfo.node?.spec?.taints ?? []) {
        if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
      }
      return count;
    },
    normalizeScore(_ctx, _pod, scores) {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
      return undefined;
    },
  };
}
