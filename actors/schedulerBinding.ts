// The binding cycle of one assumed pod (upstream schedule_one.go bindingCycle): wait on Permit,
// PreBind, then the first Bind plugin that does not skip, whose Binding is posted to pods/binding.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Client } from '../src/client/client.ts';
import { formatGoDuration } from '../src/kubelet/goDuration.ts';
import type { Rng } from '../src/runtime/sim/rng.ts';
import { runBindPlugins, runPreBindPlugins } from '../src/scheduler/bindingCycle.ts';
import type { ClusterSnapshot } from '../src/scheduler/clusterSnapshot.ts';
import { createCycleContext } from '../src/scheduler/cycleContext.ts';
import type { Profile } from '../src/scheduler/framework.ts';
import type { ScheduledResult } from '../src/scheduler/schedulingCycle.ts';
import { isSuccess, statusMessage } from '../src/scheduler/status.ts';

/** How a binding cycle ended: bound, or the FailedScheduling message and the plugin that rejected the pod (Permit). */
export type BindOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly rejectedBy?: string };

/** What a binding cycle runs with. */
export interface BindingDeps {
  readonly client: Client;
  readonly profile: Profile;
  readonly snapshot: ClusterSnapshot;
  readonly rng: Rng;
  /** Resolves after `ms` of cluster time. */
  readonly sleep: (ms: number) => Promise<void>;
}

// Nothing can allow a waiting pod here (no framework handle for it), so a Permit Wait ends like an
// upstream waiting pod nobody allows: rejected by the first plugin whose timeout expires.
function firstPermitTimeout(result: ScheduledResult): { readonly plugin: string; readonly ms: number } | undefined {
  let first: { plugin: string; ms: number } | undefined;
  for (const [plugin, text] of Object.entries(result.decision.permitTimeout)) {
    const ms = Number.parseFloat(text) * 1000;
    if (first === undefined || ms < first.ms) first = { plugin, ms };
  }
  return first;
}

/** Binds `assumed` as `result` decided, recording PreBind/Bind results into the decision. */
export async function runBindingCycle(deps: BindingDeps, assumed: Pod, result: ScheduledResult): Promise<BindOutcome> {
  const { profile } = deps;
  const { nodeName, decision } = result;
  if (result.permitWaitMs !== undefined) {
    const t = firstPermitTimeout(result) ?? { plugin: '', ms: result.permitWaitMs };
    await deps.sleep(t.ms);
    return { ok: false, message: `rejected due to timeout after waiting ${formatGoDuration(t.ms)} at plugin ${t.plugin}`, rejectedBy: t.plugin };
  }
  const ctx = createCycleContext(profile, deps.snapshot, { rng: deps.rng });
  const pre = runPreBindPlugins(profile, ctx, assumed, nodeName, decision);
  if (!isSuccess(pre)) return { ok: false, message: statusMessage(pre) };
  const out = runBindPlugins(profile, ctx, assumed, nodeName, decision);
  if (out.status.code === 'Skip') return { ok: false, message: 'binding rejected: no bind plugin accepted the pod' };
  if (!isSuccess(out.status)) return { ok: false, message: statusMessage(out.status) };
  const b = out.binding;
  // A Bind plugin that bound the pod itself returns no Binding.
  if (b === undefined) return { ok: true };
  const binder = Object.keys(decision.bind)[0] ?? '';
  try {
    await deps.client.bind(b.metadata?.namespace ?? 'default', b.metadata?.name ?? '', b.target.name ?? nodeName);
    return { ok: true };
  } catch (e) {
    const message = `binding rejected: running Bind plugin "${binder}": ${e instanceof Error ? e.message : String(e)}`;
    decision.bind[binder] = message;
    return { ok: false, message };
  }
}
