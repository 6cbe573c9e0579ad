// Legacy priority CalculateNodeLabelPriority (seeds 20.12): 10 when the node has the label and
// presence is true, or lacks it and presence is false; else 0.
import type { Plugin } from '../../framework.ts';
import { nodeLabels } from '../../nodeInfo.ts';

/** The plugin name. */
export const CALCULATE_NODE_LABEL_PRIORITY = 'CalculateNodeLabelPriority';

/** Args: the label key and whether its presence is preferred. */
export interface CalculateNodeLabelPriorityArgs {
  readonly label: string;
  readonly presence: boolean;
}

/** Creates the CalculateNodeLabelPriority priority (scores 0 or 10, no normalization). */
export function calculateNodeLabelPriority(args: CalculateNodeLabelPriorityArgs): Plugin {
  return {
    name: CALCULATE_NODE_LABEL_PRIORITY,
    score: (_ctx, _pod, ni) => (Object.hasOwn(nodeLabels(ni), args.label) === args.presence ? 10 : 0),
  };
}
