import type { KubeObject } from '../../src/api/meta.ts';
import { controllerOf, objectKey } from '../../src/api/meta.ts';
import type { ControllerSourceContext } from '../../src/runtime/controller/defineController.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { StoredPool } from './poolResource.ts';
import { incarnationMemory, POOL_API_VERSION, POOL_TYPE } from './poolResource.ts';
import { reconcilePool } from './poolReconciler.ts';

// pool key → the uid this controller first saw under that name.
const uids = incarnationMemory(() => new Map<string, string>());

/** How long member events are batched before they wake their pool. */
export const MEMBER_DEBOUNCE_MS = 5_000;

// Member events wake their pool after a short delay (batching bursts of child events). Both
// variants have it: with a stale owner uid the garbage collector deletes every member the buggy
// controller makes, and the churn must cost cluster time rather than spin in zero time.
function debouncedMembers(source: ControllerSourceContext): () => void {
  const wake = (m: KubeObject): void => {
    const ref = controllerOf(m);
    if (ref?.kind === 'Pool' && ref.apiVersion === POOL_API_VERSION) source.enqueueAfter(`${m.metadata?.namespace ?? 'default'}/${ref.name}`, MEMBER_DEBOUNCE_MS);
  };
  return source.informers.informerFor('ConfigMap').addEventHandler({ onAdd: wake, onUpdate: (_old, m) => wake(m), onDelete: wake });
}

// Forgets a remembered uid when it sees the pool deleted, which it only does when the informer
// delivers that deletion as such: a delete and re-create coalesced, or replaced by a relist, reaches
// it as an update and the remembered uid outlives its pool.
function forgetOnDelete(source: ControllerSourceContext): () => void {
  const stopMembers = debouncedMembers(source);
  const ctx = source.ctx;
  const stopPools = source.informers.informerFor<StoredPool>(POOL_TYPE).addEventHandler({ onDelete: (p) => void uids(ctx).delete(objectKey(p)) });
  return () => {
    stopMembers();
    stopPools();
  };
}

const buggy = poolController(
  'stale-owner-uid-buggy',
  (req, ctx) =>
    reconcilePool(req, ctx, {
      // The bug: members are owned by (and judged against) the uid remembered for the name, not
      // the uid of the pool being reconciled.
      ownerUid: (c, pool) => {
        const known = uids(c).get(objectKey(pool));
        if (known !== undefined) return known;
        uids(c).set(objectKey(pool), pool.metadata.uid);
        return pool.metadata.uid;
      },
    }),
  { owns: [], sources: forgetOnDelete },
);

const correct = poolController('stale-owner-uid-correct', (req, ctx) => reconcilePool(req, ctx), { owns: [], sources: debouncedMembers });

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A delete and re-create inside a coalesced or dropped watch window.
  faults: ['coalesce', 'watchDrop', 'gone'],
  names: ['a'],
  operations: ['create', 'scale', 'recreate'],
});

/**
 * Owner reference with a stale uid after delete-and-recreate under the same name: the new pool's
 * members point at the old uid, so the garbage collector deletes them as orphans again and again
 * (and the pool first claims the old pool's members as its own). The twin always uses the uid of
 * the pool object it just read. Both watch members through a 5 s debounce (see {@link MEMBER_DEBOUNCE_MS}).
 * @public
 */
export const staleOwnerUidCase: CorpusCase = {
  name: 'staleOwnerUid',
  bugClass: 'owner reference with a stale uid after delete-and-recreate with the same name',
  source: 'Anvil (OSDI 24) ESR defines the desired state per object uid; Sieve (OSDI 22) stale-state bugs where operators act for a deleted incarnation of a same-name object (e.g. instaclustr/cassandra-operator#404)',
  buggy: { controller: buggy, options },
  correct: { controller: correct, options },
};
