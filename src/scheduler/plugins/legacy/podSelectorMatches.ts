// Legacy predicate PodSelectorMatches, registered as MatchNodeSelector (seeds 20.6): without a
// `spec.nodeSelector` every node fits; otherwise the node must carry every key=value pair.
import type { Plugin } from '../../framework.ts';
import { nodeSelectorMapMatches } from '../../nodeSelector.ts';
import { unresolvable } from '../../status.ts';

/** The plugin name. */
export const POD_SELECTOR_MATCHES = 'PodSelectorMatches';

/** Creates the PodSelectorMatches predicate. */
export function podSelectorMatches(): Plugin {
  return {
    name: POD_SELECTOR_MATCHES,
    filter(_ctx, pod, ni) {
      if (ni.node === undefined) return unresolvable('node not found');
      return nodeSelectorMapMatches(pod.spec?.nodeSelector, ni.node) ? undefined : unresolvable("node(s) didn't match node selector");
    },
  };
}
