// DefaultPreemption (upstream plugins/defaultpreemption + framework/preemption Evaluator.Preempt),
// pure: it returns the node to nominate and the victims; the caller deletes them and patches
// `status.nominatedNodeName`.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { formatFitError } from '../fitError.ts';
import type { CycleContext, Plugin, PostFilterResult } from '../framework.ts';
import { podPriority } from '../podInfo.ts';
import { errorStatus, SUCCESS, unresolvable, unschedulable, type Status } from '../status.ts';
import { pickOneNodeForPreemption, selectVictimsOnNode, type PreemptionCandidate } from './selectVictims.ts';

/** The plugin name. */
export const DEFAULT_PREEMPTION = 'DefaultPreemption';
/** Status reason for nodes whose filters said UnschedulableAndUnresolvable. */
export const ERR_PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/**
 * DefaultPreemption args (upstream `DefaultPreemptionArgs`): how many candidate nodes to find before
 * choosing — at least `minCandidateNodesAbsolute` (100) or `minCandidateNodesPercentage` (10%).
 * @public
 */
export interface DefaultPreemptionArgs {
  readonly minCandidateNodesPercentage?: number;
  readonly minCandidateNodesAbsolute?: number;
}

/** Why a pod may not preempt, or undefined when it may (upstream `PodEligibleToPreemptOthers`). */
export function preemptionIneligibility(ctx: CycleContext, pod: Pod, statuses: ReadonlyMap<string, Status>): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated === '') return undefined;
  // A nominated node the filters now reject outright is fair game for a new preemption.
  if (statuses.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
  const ni = ctx.snapshot.getNodeInfo(nominated);
  const prio = podPriority(pod);
  for (const pi of ni?.pods.values() ?? []) {
    if (pi.pod.metadata?.deletionTimestamp !== undefined && podPriority(pi.pod) < prio) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

function numCandidates(numNodes: number, args: DefaultPreemptionArgs): number {
  let n = Math.trunc((numNodes * (args.minCandidateNodesPercentage ?? 10)) / 100);
  n = Math.max(n, args.minCandidateNodesAbsolute ?? 100);
  return Math.min(n, numNodes);
}

/** Runs preemption for `pod` given the Filter statuses (messages without the `preemption: ` prefix). */
export function preempt(ctx: CycleContext, pod: Pod, statuses: ReadonlyMap<string, Status>, args: DefaultPreemptionArgs = {}): { readonly result?: PostFilterResult; readonly status: Status } {
  const ineligible = preemptionIneligibility(ctx, pod, statuses);
  if (ineligible !== undefined) return { status: unschedulable(ineligible) };
  const all = ctx.snapshot.nodeInfos();
  if (all.length === 0) return { status: errorStatus('no nodes available') };
  const nodeStatuses = new Map<string, Status>();
  const potential = all.filter((ni) => {
    if (statuses.get(ni.name)?.code !== 'UnschedulableAndUnresolvable') return true;
    nodeStatuses.set(ni.name, unresolvable(ERR_PREEMPTION_NOT_HELPFUL));
    return false;
  });
  const candidates: PreemptionCandidate[] = [];
  if (potential.length > 0) {
    const pdbs = ctx.snapshot.lookups.podDisruptionBudgets?.() ?? [];
    const offset = ctx.rng.int(potential.length);
    const wanted = numCandidates(potential.length, args);
    const violating: PreemptionCandidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const ni = potential[(offset + i) % potential.length];
      if (ni === undefined) continue;
      const r = selectVictimsOnNode(ctx, pod, ni, pdbs);
      if (r.status.code === 'Success' && r.victims.length > 0) {
        const c = { name: ni.name, victims: r.victims, numPDBViolations: r.numPDBViolations };
        (r.numPDBViolations === 0 ? candidates : violating).push(c);
        if (candidates.length > 0 && candidates.length + violating.length >= wanted) break;
        continue;
      }
      nodeStatuses.set(ni.name, r.status.code === 'Success' ? errorStatus(`expected at least one victim pod on node "${ni.name}"`) : r.status);
    }
    candidates.push(...violating);
  }
  const clear: PostFilterResult = { nominatedNodeName: '', victims: [], clearNominationOf: [] };
  if (candidates.length === 0) {
    const message = formatFitError({ numAllNodes: nodeStatuses.size, nodeToStatus: nodeStatuses });
    return { result: clear, status: unschedulable(message) };
  }
  const best = pickOneNodeForPreemption(candidates);
  if (best === undefined) return { result: clear, status: unschedulable('no candidate node') };
  const prio = podPriority(pod);
  const clearNominationOf = ctx
    .nominatedPods(best.name)
    .filter((pi) => podPriority(pi.pod) < prio)
    .map((pi) => pi.pod);
  return { result: { nominatedNodeName: best.name, victims: best.victims, clearNominationOf }, status: SUCCESS };
}

/** Creates the DefaultPreemption plugin. */
export function defaultPreemption(args: DefaultPreemptionArgs = {}): Plugin {
  return {
    name: DEFAULT_PREEMPTION,
    postFilter(ctx, pod, statuses) {
      const out = preempt(ctx, pod, statuses, args);
      // Upstream prefixes every non-empty message of this plugin, keeping the code.
      const msg = out.status.reasons.join(', ');
      return msg === '' ? out : { ...out, status: { code: out.status.code, reasons: [`preemption: ${msg}`] } };
    },
  };
}
