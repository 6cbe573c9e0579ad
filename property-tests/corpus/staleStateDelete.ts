import { isNotFound } from '../../src/api/status.ts';
import type { ReconcileContext } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController, poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member } from './poolResource.ts';
import { cachedSnapshot, reconcilePool } from './poolReconciler.ts';

// Deletes by name, trusting that the name still means the object the cache showed.
async function deleteByName(ctx: ReconcileContext, member: Member): Promise<void> {
  try {
    await ctx.client.delete('ConfigMap', member.metadata.name, { namespace: member.metadata.namespace ?? 'default' });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

const buggy = poolController('stale-state-delete-buggy', (req, ctx) =>
  reconcilePool(req, ctx, {
    // The bug: decisions rest on the informer cache alone, nothing checks that it is current,
    // and deletes go by name. After a relist from a lagging API server the cache can show the pool
    // gone (an earlier incarnation's deletion) while a new pool of that name owns live members.
    snapshot: cachedSnapshot,
    fence: () => Promise.resolve(),
    deleteMember: deleteByName,
    // "Make sure nothing is left": members of a pool that is not (in the cache) there any more go.
    onAbsent: async (c, _ns, _name, snap) => {
      for (const m of snap.members) await deleteByName(c, m);
    },
  }),
);

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A relist during staleView (after a crash or a 410) is what makes the cache travel back in time.
  faults: ['staleView', 'crash', 'gone'],
});

/**
 * Sieve stale-state: acting on a stale view deletes live objects. The twin decides from a live read
 * of the pool and then its members, fences on the pool's resourceVersion before writing, deletes
 * with uid + resourceVersion preconditions and leaves members of a deleted pool to the garbage collector.
 * @public
 */
export const staleStateDeleteCase: CorpusCase = {
  name: 'staleStateDelete',
  bugClass: 'stale read deletes a live object',
  source: 'Sieve (OSDI 22) stale-state pattern: MongoDB operator deletes all pods after a restart against a lagging API server (Fig. 5); elastic/cloud-on-k8s#4956',
  buggy: { controller: buggy, options },
  correct: { controller: correctPoolController('stale-state-delete-correct'), options },
};
