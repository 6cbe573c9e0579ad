import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { correctPoolController, poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import { reconcilePool } from './poolReconciler.ts';

const buggy = poolController('swallowed-error-buggy', async (req, ctx) => {
  try {
    return await reconcilePool(req, ctx);
  } catch (e) {
    // The bug: the failure is logged and the reconcile reports success, so the key is never
    // retried; only an unrelated later event would bring the pool back.
    ctx.log(`reconcile ${req.key} failed: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
});

const options = poolCheckOptions({
  matches: poolMatches(),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  faults: ['unavailable', 'throttle', 'conflict', 'timeout', 'crash', 'watchLag'],
});

/**
 * Forgets to requeue on error: an API error (5xx, 429, 409, 504) on the last reconcile after a
 * change leaves the pool unreconciled for good. The twin returns the error, so the key is
 * retried with rate-limited backoff.
 * @public
 */
export const swallowedErrorCase: CorpusCase = {
  name: 'swallowedError',
  bugClass: 'forgets to requeue on error (swallows API errors, returns success)',
  source: 'Acto (SOSP 23) property "always recover from error states": operators that log and drop failed API calls; controller-runtime contract that a returned error is the only retry signal',
  buggy: { controller: buggy, options },
  correct: { controller: correctPoolController('swallowed-error-correct'), options },
};
