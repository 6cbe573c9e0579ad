import type { ObjectKey } from '../../src/api/meta.ts';
import { objectKey } from '../../src/api/meta.ts';
import { isNotFound } from '../../src/api/status.ts';
import type { ControllerSourceContext } from '../../src/runtime/controller/defineController.ts';
import { defineController } from '../../src/runtime/controller/defineController.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member, StoredPool } from './poolResource.ts';
import { imageOf, incarnationMemory, isControlledBy, isTerminating, memberManifest, memberName, POOL_TYPE, poolOwnerRef, sameStatus, statusFor } from './poolResource.ts';
import { createMemberChecked, fencePool, liveSnapshot, writePoolStatus } from './poolReconciler.ts';

/** How long the buggy controller gathers steps before acting on them. */
export const BATCH_MS = 2_000;

/** One step the buggy controller derived from a change it was shown. */
type Step = { readonly op: 'create' | 'delete' | 'roll'; readonly index: number };

const memory = incarnationMemory(() => ({ pending: new Map<ObjectKey, Step[]>() }));

function push(ctx: ReconcileContext, key: ObjectKey, op: Step['op'], from: number, to: number): void {
  const pending = memory(ctx).pending;
  const steps = pending.get(key) ?? [];
  for (let i = from; i < to; i++) steps.push({ op, index: i });
  pending.set(key, steps);
}

// Edge-triggered: the work is derived from the difference between the two versions an update
// handler is shown, and kept in memory (gathered for BATCH_MS, then done). A delete and re-create
// of the same name that the informer sees as one update (coalesced events, or a relist after
// missed events) looks like a scale from the old pool's replicas; a restart loses the steps not yet done.
function edgeSource(source: ControllerSourceContext): () => void {
  const { informers, ctx } = source;
  return informers.informerFor<StoredPool>(POOL_TYPE).addEventHandler({
    onAdd: (p) => {
      push(ctx, objectKey(p), 'create', 0, p.spec.replicas);
      source.enqueueAfter(objectKey(p), BATCH_MS);
    },
    onUpdate: (old, p) => {
      const key = objectKey(p);
      if (p.spec.replicas > old.spec.replicas) push(ctx, key, 'create', old.spec.replicas, p.spec.replicas);
      if (p.spec.replicas < old.spec.replicas) push(ctx, key, 'delete', p.spec.replicas, old.spec.replicas);
      if (imageOf(p) !== imageOf(old)) push(ctx, key, 'roll', 0, p.spec.replicas);
      source.enqueueAfter(key, BATCH_MS);
    },
    onDelete: (p) => {
      memory(ctx).pending.delete(objectKey(p));
    },
  });
}

async function runStep(ctx: ReconcileContext, pool: StoredPool, step: Step): Promise<void> {
  const namespace = pool.metadata.namespace ?? 'default';
  const name = memberName(pool.metadata.name, step.index);
  if (step.op === 'create') {
    const got = await createMemberChecked(ctx, memberManifest(pool, { name }, poolOwnerRef(pool), { index: step.index }), (o) => isControlledBy(o, pool.metadata.uid));
    if (got === 'blocked') throw new Error(`member ${name} is held by an earlier pool; retrying`);
    return;
  }
  try {
    if (step.op === 'delete') {
      await ctx.client.delete('ConfigMap', name, { namespace });
      return;
    }
    const live = (await ctx.client.get('ConfigMap', name, { namespace })) as Member;
    if (live.data?.['image'] !== imageOf(pool)) await ctx.client.update({ ...live, data: { ...live.data, image: imageOf(pool) } });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

async function reconcileEdges(req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> {
  const steps = memory(ctx).pending.get(req.key) ?? [];
  const snap = await liveSnapshot(ctx, req.namespace ?? 'default', req.name);
  const pool = snap.pool;
  if (pool === undefined || isTerminating(pool)) return {};
  if (steps.length > 0) await fencePool(ctx, pool);
  // Steps are dropped only once done; a failure leaves the rest for the retry.
  while (steps.length > 0) {
    await runStep(ctx, pool, steps[0] as Step);
    steps.shift();
  }
  // The status, at least, is level-based.
  const after = await liveSnapshot(ctx, req.namespace ?? 'default', req.name);
  const members = after.members.filter((m) => isControlledBy(m, pool.metadata.uid) && !isTerminating(m));
  const status = statusFor(pool, members);
  if (!sameStatus(pool.status, status)) await writePoolStatus(ctx, pool, status);
  return {};
}

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A delete and re-create seen as one update (coalesced, or across a relist); a restart before the steps are done.
  faults: ['coalesce', 'watchDrop', 'crash', 'unavailable'],
  names: ['a'],
  operations: ['create', 'scale', 'update', 'recreate'],
});

/**
 * Edge-triggered reaction to a coalesced or missed event: the controller acts on deltas between
 * versions it was shown, so a delete and re-create seen as one update, or a restart between
 * noticing a change and acting on it, leaves the pool wrong for good. The twin is level-based:
 * every reconcile compares the whole desired state with a fresh read.
 * @public
 */
export const edgeTriggeredCase: CorpusCase = {
  name: 'edgeTriggered',
  bugClass: 'edge-triggered reaction to a coalesced or missed event',
  source: 'Sieve (OSDI 22) unobserved-state pattern: Cassandra operator misses a transient state it reacted to (Fig. 6); controller-runtime design notes (level-based, not edge-based, reconciliation)',
  // Its pool events come only through the batching source (no `for`); members are not watched.
  buggy: { controller: defineController({ name: 'edge-triggered-buggy', sources: edgeSource, reconcile: reconcileEdges }), options },
  correct: { controller: correctPoolController('edge-triggered-correct'), options },
};
