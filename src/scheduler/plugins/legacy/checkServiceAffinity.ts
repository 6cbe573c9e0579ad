// Legacy predicate CheckServiceAffinity (seeds 20.9, kubernetes v1.x ServiceAffinity): for each
// configured label, the value comes from the pod's nodeSelector, else from the node of the first
// already placed pod of the pod's (first) Service in its namespace; the node must carry them all.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { CycleContext, Plugin } from '../../framework.ts';
import { nodeLabels } from '../../nodeInfo.ts';
import { unresolvable } from '../../status.ts';

/** The plugin name. */
export const CHECK_SERVICE_AFFINITY = 'CheckServiceAffinity';

/** Args: the node label keys pods of one Service must share. */
export interface CheckServiceAffinityArgs {
  readonly labels: readonly string[];
}

const STATE_KEY = 'PreFilterCheckServiceAffinity';

const matches = (sel: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean =>
  Object.entries(sel).every(([k, v]) => labels[k] === v);

/** The label values a node must have for `pod` (empty: every node fits). */
export function serviceAffinityLabels(ctx: CycleContext, pod: Pod, keys: readonly string[]): Record<string, string> {
  const affinity: Record<string, string> = {};
  const nodeSelector = pod.spec?.nodeSelector ?? {};
  let allFromSelector = true;
  for (const l of keys) {
    const v = nodeSelector[l];
    if (v !== undefined) affinity[l] = v;
    else allFromSelector = false;
  }
  if (allFromSelector) return affinity;
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  const service = (ctx.snapshot.lookups.services?.(ns) ?? []).find((s) => s.spec?.selector !== undefined && matches(s.spec.selector, podLabels));
  const sel = service?.spec?.selector;
  if (sel === undefined) return affinity;
  for (const ni of ctx.snapshot.nodeInfos()) {
    const peer = [...ni.pods.values()].find((pi) => pi.pod.metadata?.namespace === ns && matches(sel, pi.pod.metadata?.labels ?? {}));
    if (peer === undefined) continue;
    const labels = nodeLabels(ni);
    for (const l of keys) {
      const v = labels[l];
      if (affinity[l] === undefined && v !== undefined) affinity[l] = v;
    }
    break;
  }
  return affinity;
}

/** Creates the CheckServiceAffinity predicate (Services come from the snapshot's `services` lookup). */
export function checkServiceAffinity(args: CheckServiceAffinityArgs): Plugin {
  return {
    name: CHECK_SERVICE_AFFINITY,
    preFilter(ctx, pod) {
      ctx.state.set(STATE_KEY, serviceAffinityLabels(ctx, pod, args.labels));
      return undefined;
    },
    filter(ctx, pod, ni) {
      const affinity = (ctx.state.get(STATE_KEY) as Record<string, string> | undefined) ?? serviceAffinityLabels(ctx, pod, args.labels);
      return matches(affinity, nodeLabels(ni)) ? undefined : unresolvable("node(s) didn't match service affinity");
    },
  };
}
