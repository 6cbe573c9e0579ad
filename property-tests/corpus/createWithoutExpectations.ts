import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController, poolController } from './poolController.ts';
import { memberCountBounded, noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member, StoredPool } from './poolResource.ts';
import { cachedMembers, imageOf, isControlledBy, isTerminating, memberManifest, POOL_TYPE, poolOwnerRef, sameStatus, statusFor } from './poolResource.ts';
import { deleteMemberExactly, writePoolStatus } from './poolReconciler.ts';

/** How soon the buggy controller looks again after creating members ("did they show up?"). */
const RECHECK_MS = 1_000;

// A ReplicaSet without expectations: members get generated names and are counted in the informer
// cache, so members it created but has not yet seen (its watch lags) are missing from the count
// and get created again — on its recheck, or on the retry after its status write (made against
// the pool it cached before its own last write) fails with 409.
async function reconcileWithoutExpectations(req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> {
  const namespace = req.namespace ?? 'default';
  const pool = ctx.lister<StoredPool>(POOL_TYPE).get(namespace, req.name);
  if (pool === undefined || isTerminating(pool)) return {};
  const owned = cachedMembers(ctx, namespace, req.name).filter((m) => isControlledBy(m, pool.metadata.uid) && !isTerminating(m));
  const diff = pool.spec.replicas - owned.length;
  const present = new Map<string, Member>(owned.map((m) => [m.metadata.name, m]));
  for (let k = 0; k < diff; k++) {
    const created = (await ctx.client.create(memberManifest(pool, { generateName: `${req.name}-` }, poolOwnerRef(pool)))) as Member;
    present.set(created.metadata.name, created);
  }
  for (const m of owned.slice(pool.spec.replicas)) {
    await deleteMemberExactly(ctx, m);
    present.delete(m.metadata.name);
  }
  const image = imageOf(pool);
  for (const m of present.values()) {
    if (m.data?.['image'] !== image) present.set(m.metadata.name, (await ctx.client.update({ ...m, data: { ...m.data, image } })));
  }
  const status = statusFor(pool, [...present.values()]);
  if (!sameStatus(pool.status, status)) await writePoolStatus(ctx, pool, status);
  return diff > 0 ? { requeueAfterMs: RECHECK_MS } : {};
}

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [memberCountBounded(), noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // Any reconcile while its own creates are still unseen double-creates: a held or coalesced watch
  // plus its recheck, a failed status write's retry, or a relist against a lagging server after a crash.
  faults: ['watchLag', 'coalesce', 'staleView', 'crash', 'conflict', 'timeout'],
});

/**
 * Creates without expectations: generated names counted from a lagging cache give duplicate
 * members (surplus, later deleted: churn Sieve's update summaries see). The twin names members
 * `<pool>-<i>` and reads live, so a create it already made fails with AlreadyExists.
 * @public
 */
export const createWithoutExpectationsCase: CorpusCase = {
  name: 'createWithoutExpectations',
  bugClass: 'creates without expectations: double create after watch lag',
  source: 'Kubernetes ReplicaSet/Job controllers need ControllerExpectations (pkg/controller/controller_utils.go) for exactly this; Sieve (OSDI 22) unobserved/stale-state bugs with duplicate creates, caught by its state-update summaries (2 CREATE vs 1)',
  buggy: { controller: poolController('create-without-expectations-buggy', reconcileWithoutExpectations), options },
  correct: { controller: correctPoolController('create-without-expectations-correct'), options },
};
