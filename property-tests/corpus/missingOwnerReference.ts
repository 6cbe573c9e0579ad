import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController, poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import { deleteMemberExactly, reconcilePool } from './poolReconciler.ts';

const buggy = poolController('missing-owner-reference-buggy', (req, ctx) =>
  reconcilePool(req, ctx, {
    // The bug: members are made without a controller reference (SetControllerReference forgotten),
    // so the garbage collector never removes them and their events never map back to the pool.
    ownerReferences: false,
    // Cleanup therefore rests on seeing the pool's deletion; a controller that is down (or whose
    // queue is lost) at that moment never gets the key again, and the members stay orphaned.
    onAbsent: async (c, _ns, _name, snap) => {
      for (const m of snap.members) await deleteMemberExactly(c, m);
    },
  }),
);

const options = poolCheckOptions({
  // Members are judged by label here, so the buggy controller is right while its pools exist.
  matches: poolMatches({ owned: false }),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers({ owned: false })],
  // A crash while a pool is deleted (the restarted controller never hears of it).
  faults: ['crash', 'unavailable'],
  names: ['a'],
  operations: ['create', 'scale', 'delete', 'recreate'],
});

/**
 * Missing controller owner reference: members outlive their deleted pool whenever the controller
 * misses the deletion (seen by the differential end state, and by `matches` of any other pool in
 * the namespace: "member … of deleted pool … is left behind"). The twin sets the pool as
 * controller with blockOwnerDeletion, so the garbage collector removes members whatever the
 * controller saw.
 * @public
 */
export const missingOwnerReferenceCase: CorpusCase = {
  name: 'missingOwnerReference',
  bugClass: 'missing controller ownerReference: members orphaned when the pool is deleted',
  source: 'Anvil (OSDI 24) models the garbage collector as part of the cluster and relies on owner references for cleanup; Sieve (OSDI 22) found resource leaks of this kind in several operators (docs/bugs.md)',
  buggy: { controller: buggy, options },
  correct: { controller: correctPoolController('missing-owner-reference-correct'), options },
};
