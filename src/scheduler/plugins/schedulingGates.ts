// SchedulingGates (upstream plugins/schedulinggates): a pod with `spec.schedulingGates` stays out of
// the active queue until every gate is removed.
import { ACTION } from '../clusterEvents.ts';
import type { Plugin } from '../framework.ts';
import { unresolvable } from '../status.ts';

/** The plugin name. */
export const SCHEDULING_GATES = 'SchedulingGates';

/** Creates the SchedulingGates plugin. */
export function schedulingGates(): Plugin {
  return {
    name: SCHEDULING_GATES,
    events: [{ resource: 'Pod', actionType: ACTION.UpdatePodSchedulingGatesEliminated }],
    preEnqueue(pod) {
      const gates = pod.spec?.schedulingGates ?? [];
      if (gates.length === 0) return undefined;
      return unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
    },
  };
}
