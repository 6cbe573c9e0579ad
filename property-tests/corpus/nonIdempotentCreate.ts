import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../../src/api/status.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController, poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member, StoredPool } from './poolResource.ts';
import { imageOf, isTerminating, memberManifest, POOL_TYPE, poolOwnerRef, sameStatus, statusFor } from './poolResource.ts';
import { writePoolStatus } from './poolReconciler.ts';

// The pool's status.members is the controller's record of what it made (RabbitMQ's VolCur in
// Sieve Fig. 4): a member is created under a generated name, and only a second write records it.
// Lose the second write (crash, 5xx, 409, an applied write answered 504) and the member exists
// but is on no record: the next reconcile makes another one, and the first is never deleted.
async function reconcileFromRecord(req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> {
  const namespace = req.namespace ?? 'default';
  const pool = ctx.lister<StoredPool>(POOL_TYPE).get(namespace, req.name);
  if (pool === undefined || isTerminating(pool)) return {};
  const recorded = pool.status?.members ?? [];
  const cache = ctx.lister<Member>('ConfigMap');
  const known = (names: readonly string[]): ConfigMap[] => names.map((n) => cache.get(namespace, n) ?? { metadata: { name: n } });
  if (recorded.length < pool.spec.replicas) {
    const created = (await ctx.client.create(memberManifest(pool, { generateName: `${req.name}-` }, poolOwnerRef(pool)))) as Member;
    await writePoolStatus(ctx, pool, statusFor(pool, [...known(recorded), created]));
    return {};
  }
  if (recorded.length > pool.spec.replicas) {
    const victim = recorded[recorded.length - 1] ?? '';
    try {
      await ctx.client.delete('ConfigMap', victim, { namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    await writePoolStatus(ctx, pool, statusFor(pool, known(recorded.slice(0, -1))));
    return {};
  }
  const image = imageOf(pool);
  const members: ConfigMap[] = [];
  for (const m of known(recorded)) {
    const cached = m as Member;
    if (cached.metadata.uid !== undefined && m.data?.['image'] !== image) members.push(await ctx.client.update({ ...cached, data: { ...cached.data, image } }));
    else members.push(m);
  }
  const status = statusFor(pool, members);
  if (!sameStatus(pool.status, status)) await writePoolStatus(ctx, pool, status);
  return {};
}

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  faults: ['crash', 'timeout', 'unavailable', 'conflict', 'throttle', 'watchLag'],
});

/**
 * A create that is not idempotent, followed by a second write that records it: a crash (or lost
 * answer) between the two leaks a member. The twin's member names are deterministic, AlreadyExists
 * is checked for ownership, and the status is derived from what exists, never the record of truth.
 * @public
 */
export const nonIdempotentCreateCase: CorpusCase = {
  name: 'nonIdempotentCreate',
  bugClass: 'non-idempotent create broken by a crash between two writes',
  source: 'Sieve (OSDI 22) intermediate-state pattern: RabbitMQ operator crashing between updating VolCur and VolReq (Fig. 4); Anvil (OSDI 24) requires each reconcile step to survive a crash after any request',
  buggy: { controller: poolController('non-idempotent-create-buggy', reconcileFromRecord), options },
  correct: { controller: correctPoolController('non-idempotent-create-correct'), options },
};
