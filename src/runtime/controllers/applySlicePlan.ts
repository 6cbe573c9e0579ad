import { isNotFound } from '../../api/status.ts';
import type { SlicePlan } from '../../networking/slicePlan.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';

/** Carries out a slice plan: deletes (already gone is fine), then updates, then creates. */
export async function applySlicePlan(ctx: ReconcileContext, plan: SlicePlan): Promise<void> {
  for (const s of plan.delete) {
    try {
      await ctx.client.delete('EndpointSlice', s.metadata?.name ?? '', { namespace: s.metadata?.namespace ?? 'default', ...(s.metadata?.uid ? { preconditions: { uid: s.metadata.uid } } : {}) });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
  for (const s of plan.update) await ctx.client.update(s);
  for (const s of plan.create) await ctx.client.create(s);
}
