import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../../src/api/status.ts';
import type { ReconcileContext } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member } from './poolResource.ts';
import { isControlledBy, POOL_GROUP } from './poolResource.ts';
import type { CreateOutcome, PoolSnapshot } from './poolReconciler.ts';
import { liveSnapshot, reconcilePool } from './poolReconciler.ts';

/** Members of this case carry it; the controller removes it once a member is being deleted ("drained"), as pods get a grace period. */
export const DRAIN_FINALIZER = `${POOL_GROUP}/drain`;

// Looks members up by their controller's uid (an index on the owner, as many controllers keep),
// so a member left by an earlier pool of the same name is invisible to the new pool, and is not
// drained either once the new pool exists.
async function ownedSnapshot(ctx: ReconcileContext, namespace: string, name: string): Promise<PoolSnapshot> {
  const snap = await liveSnapshot(ctx, namespace, name);
  const uid = snap.pool?.metadata.uid;
  return uid === undefined ? snap : { pool: snap.pool, members: snap.members.filter((m) => isControlledBy(m, uid)) };
}

// The bug: AlreadyExists means "an earlier attempt of mine made it", so the member is taken as
// its own without looking at who controls it or whether it is being deleted.
async function trustingCreate(ctx: ReconcileContext, manifest: ConfigMap): Promise<CreateOutcome> {
  try {
    return (await ctx.client.create(manifest));
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    return manifest as Member;
  }
}

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [statusClaimsOwnMembers(), noWantedMemberDeleted()],
  // The leftover exists when the controller first reconciles the new pool if it was down (crash)
  // or did not see the old pool's deletion on its own (held or coalesced events) — or simply when
  // a `recreate` races the draining of the old members.
  faults: ['crash', 'watchLag', 'coalesce', 'unavailable'],
  names: ['a'],
  operations: ['create', 'scale', 'delete', 'recreate'],
});

/**
 * Trusts AlreadyExists: a fixed-name member left behind by the previous pool of the same name
 * (terminating, or still controlled by the old uid) is taken as the new pool's own; the pool then
 * claims a member it does not have, and the leftover is never drained. The twin reads members by
 * label, drains whatever is terminating, replaces a leftover of the old uid, and accepts
 * AlreadyExists only for a member it controls that is not being deleted.
 * @public
 */
export const trustedAlreadyExistsCase: CorpusCase = {
  name: 'trustedAlreadyExists',
  bugClass: 'trusts AlreadyExists: a previous incarnation\'s fixed-name member is assumed to be its own',
  source: 'Acto (SOSP 23) delete/recreate operation sequences; Sieve (OSDI 22) bugs where operators reuse a terminating StatefulSet/PVC of the same name (docs/bugs.md)',
  buggy: {
    controller: poolController('trusted-already-exists-buggy', (req, ctx) =>
      reconcilePool(req, ctx, { drainFinalizer: DRAIN_FINALIZER, snapshot: ownedSnapshot, createMember: trustingCreate }),
    ),
    options,
  },
  correct: { controller: poolController('trusted-already-exists-correct', (req, ctx) => reconcilePool(req, ctx, { drainFinalizer: DRAIN_FINALIZER })), options },
};
