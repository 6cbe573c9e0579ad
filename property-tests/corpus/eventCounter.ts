import type { ObjectKey } from '../../src/api/meta.ts';
import type { ControllerSourceContext } from '../../src/runtime/controller/defineController.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member } from './poolResource.ts';
import { incarnationMemory, poolOfMember } from './poolResource.ts';
import { reconcilePool } from './poolReconciler.ts';

/** Members become ready 10 s after creation: the readiness timer reconciles while watch events may be missing. */
export const MIN_READY_MS = 10_000;

// pool key → members counted from informer events.
const counts = incarnationMemory(() => new Map<ObjectKey, number>());

// The bug: the member count is kept from add/delete notifications instead of being listed. A
// deletion the informer only learns of by relisting arrives as a tombstone (client-go's
// DeletedFinalStateUnknown), which this handler does not recognise as a member and skips; a
// create and delete coalesced into one delete of an object never added drives the count the
// other way. Either error stays for good.
function countMembers(source: ControllerSourceContext): () => void {
  const { informers, ctx } = source;
  const bump = (m: Member, by: number): void => {
    const pool = poolOfMember(m);
    if (pool === undefined) return;
    const key = `${m.metadata.namespace ?? 'default'}/${pool}`;
    counts(ctx).set(key, (counts(ctx).get(key) ?? 0) + by);
    source.enqueue(key);
  };
  return informers.informerFor<Member>('ConfigMap').addEventHandler({
    onAdd: (m) => bump(m, 1),
    onDelete: (m, finalStateUnknown) => {
      if (!finalStateUnknown) bump(m, -1);
    },
  });
}

const buggy = poolController(
  'event-counter-buggy',
  (req, ctx) =>
    reconcilePool(req, ctx, {
      minReadyMs: MIN_READY_MS,
      adjustStatus: (c, _pool, status) => {
        const n = counts(c).get(req.key) ?? 0;
        return { ...status, replicas: n, ...(status.phase === 'Ready' && n !== status.replicas ? { phase: 'Scaling' as const } : {}) };
      },
    }),
  { sources: countMembers },
);

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // Deletions during a dropped watch come back as relist tombstones; coalescing turns add+delete into a lone delete (rarer).
  faults: ['watchDrop', 'coalesce', 'gone'],
  names: ['a'],
  operations: ['create', 'scale', 'recreate'],
});

/**
 * A child count kept from informer events instead of listing: right while every event arrives
 * once, wrong for good after a relist's tombstones or coalesced events (status.replicas stops
 * matching). The twin counts what a live list returns on every reconcile. Both report members
 * ready {@link MIN_READY_MS} after creation, so timers bring reconciles while events are missing.
 * @public
 */
export const eventCounterCase: CorpusCase = {
  name: 'eventCounter',
  bugClass: 'child count kept from informer events instead of listing',
  source: 'Sieve (OSDI 22) unobserved-state pattern (controllers that must not depend on seeing every event); client-go DeletedFinalStateUnknown tombstones that handlers must unwrap',
  buggy: { controller: buggy, options },
  correct: { controller: poolController('event-counter-correct', (req, ctx) => reconcilePool(req, ctx, { minReadyMs: MIN_READY_MS })), options },
};
