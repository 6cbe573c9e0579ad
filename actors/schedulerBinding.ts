// The binding cycle of one assumed pod (upstream schedule_one.go bindingCycle): PreBind, then the
// first Bind plugin that does not skip, whose Binding is posted to the pods/binding subresource.
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Client } from '../src/client/client.ts';
import type { Rng } from '../src/runtime/sim/rng.ts';
import { runBindPlugins, runPreBindPlugins } from '../src/scheduler/bindingCycle.ts';
import type { ClusterSnapshot } from '../src/scheduler/clusterSnapshot.ts';
import { createCycleContext } from '../src/scheduler/cycleContext.ts';
import type { Profile } from '../src/scheduler/framework.ts';
import type { ScheduledResult } from '../src/scheduler/schedulingCycle.ts';
import { isSuccess, statusMessage } from '../src/scheduler/status.ts';

/** Binds `assumed` as `result` decided; rejects with the FailedScheduling message. Records into the decision. */
export async function runBindingCycle(client: Client, profile: Profile, snapshot: ClusterSnapshot, rng: Rng, assumed: Pod, result: ScheduledResult): Promise<void> {
  const { nodeName, decision } = result;
  const ctx = createCycleContext(profile, snapshot, { rng });
  const pre = runPreBindPlugins(profile, ctx, assumed, nodeName, decision);
  if (!isSuccess(pre)) throw new Error(statusMessage(pre));
  const out = runBindPlugins(profile, ctx, assumed, nodeName, decision);
  if (out.status.code === 'Skip') throw new Error('binding rejected: no bind plugin accepted the pod');
  if (!isSuccess(out.status)) throw new Error(statusMessage(out.status));
  const b = out.binding;
  // A Bind plugin that bound the pod itself returns no Binding.
  if (b === undefined) return;
  const binder = Object.keys(decision.bind)[0] ?? '';
  try {
    await client.bind(b.metadata?.namespace ?? 'default', b.metadata?.name ?? '', b.target.name ?? nodeName);
  } catch (e) {
    const message = `binding rejected: running Bind plugin "${binder}": ${e instanceof Error ? e.message : String(e)}`;
    decision.bind[binder] = message;
    throw new Error(message, { cause: e });
  }
}
