import { isConflict } from '../../src/api/status.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import { reconcilePool, writePoolStatus } from './poolReconciler.ts';

/** Members count as ready 10 s after they are created (minReadySeconds), so the status that reports them ready is written alone. */
export const MIN_READY_MS = 10_000;

const buggy = poolController('conflict-ignored-buggy', (req, ctx) =>
  reconcilePool(req, ctx, {
    minReadyMs: MIN_READY_MS,
    writeStatus: async (c, pool, status) => {
      try {
        await writePoolStatus(c, pool, status);
      } catch (e) {
        // The bug: "someone else just wrote the pool, so it is up to date" — a 409 is taken as
        // success and the status write is never retried.
        if (!isConflict(e)) throw e;
      }
    },
  }),
);

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A 409 on a status write that is the last write after a change: the one that reports members
  // ready once MIN_READY_MS has passed, the only write for a pool of 0 replicas, or the first after a crash.
  faults: ['conflict', 'unavailable'],
  names: ['a'],
});

/**
 * Treats 409 Conflict as success on its status write: the status stays stale (observedGeneration,
 * replicas, phase). The twin writes status conditionally on the resourceVersion it read and returns
 * the 409, so the key is retried from a fresh read. Both report members ready {@link MIN_READY_MS}
 * after creation.
 * @public
 */
export const conflictIgnoredCase: CorpusCase = {
  name: 'conflictIgnored',
  bugClass: 'treats 409 Conflict as success on its status write',
  source: 'Acto (SOSP 23) operation-correctness bugs where status never converges; client-go retry.RetryOnConflict exists because optimistic-concurrency conflicts are routine',
  buggy: { controller: buggy, options },
  correct: { controller: poolController('conflict-ignored-correct', (req, ctx) => reconcilePool(req, ctx, { minReadyMs: MIN_READY_MS })), options },
};
