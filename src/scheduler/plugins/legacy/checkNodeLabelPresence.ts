// Legacy predicate CheckNodeLabelPresence (seeds 20.8): every configured label key must be present
// on the node (presence true) or absent (presence false); values are not checked.
import type { Plugin } from '../../framework.ts';
import { nodeLabels } from '../../nodeInfo.ts';
import { unresolvable } from '../../status.ts';

/** The plugin name. */
export const CHECK_NODE_LABEL_PRESENCE = 'CheckNodeLabelPresence';

/** Args: the label keys and whether they must be present. */
export interface CheckNodeLabelPresenceArgs {
  readonly labels: readonly string[];
  readonly presence: boolean;
}

/** Creates the CheckNodeLabelPresence predicate. */
export function checkNodeLabelPresence(args: CheckNodeLabelPresenceArgs): Plugin {
  return {
    name: CHECK_NODE_LABEL_PRESENCE,
    filter(_ctx, _pod, ni) {
      const labels = nodeLabels(ni);
      const ok = args.labels.every((l) => Object.hasOwn(labels, l) === args.presence);
      return ok ? undefined : unresolvable("node(s) didn't have the requested labels");
    },
  };
}
