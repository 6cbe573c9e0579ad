import type { InvariantFactory } from '../../src/harness/harnessTypes.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { isPool, noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Pool, StoredPool } from './poolResource.ts';
import { isTerminating, POOL_GROUP, POOL_TYPE } from './poolResource.ts';
import { reconcilePool } from './poolReconciler.ts';

/** Annotation mirroring how many members are available (ready), for selectors and dashboards that read metadata. */
export const AVAILABLE_ANNOTATION = `${POOL_GROUP}/available`;
/** Members become available 10 s after creation; the reconcile a readiness timer brings updates the annotation. */
export const MIN_READY_MS = 10_000;

type Record = (ctx: ReconcileContext, cached: StoredPool, value: string) => Promise<void>;

// Reconciles the pool, then mirrors the number of available members into an annotation. The
// pool object is the one the reconcile started from (the informer cache's), as controller-runtime
// code keeps the object it fetched at the top of Reconcile.
function reconcileMirroring(record: Record) {
  return async (req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> => {
    const cached = ctx.lister<StoredPool>(POOL_TYPE).get(req.namespace, req.name);
    let available: number | undefined;
    const result = await reconcilePool(req, ctx, {
      minReadyMs: MIN_READY_MS,
      adjustStatus: (_c, _pool, status) => {
        available = status.readyReplicas ?? 0;
        return status;
      },
    });
    if (cached !== undefined && !isTerminating(cached) && available !== undefined && cached.metadata.annotations?.[AVAILABLE_ANNOTATION] !== String(available)) {
      await record(ctx, cached, String(available));
    }
    return result;
  };
}

// The bug: the annotation is written by sending back the whole cached object with its
// resourceVersion removed ("so that it never conflicts"). When the cache is behind — its watch
// is held, or it relisted from a lagging API server — while a readiness timer brings the
// reconcile, the write also puts back the spec the cache had, silently undoing the user's change.
const recordBlindly: Record = async (ctx, cached, value) => {
  const { resourceVersion: _rv, ...metadata } = cached.metadata;
  await ctx.client.update<Pool>({ ...cached, metadata: { ...metadata, annotations: { ...metadata.annotations, [AVAILABLE_ANNOTATION]: value } } });
};

// The twin changes only the annotation, on a fresh read, conditionally on its resourceVersion
// (client.mutate retries a 409 from a fresh read).
const recordSafely: Record = async (ctx, cached, value) => {
  await ctx.client.mutate<typeof POOL_TYPE, Pool>(
    POOL_TYPE,
    cached.metadata.name,
    (d) => {
      if (d.metadata?.deletionTimestamp !== undefined || d.metadata?.uid !== cached.metadata.uid) return;
      d.metadata.annotations = { ...d.metadata.annotations, [AVAILABLE_ANNOTATION]: value };
    },
    { namespace: cached.metadata.namespace ?? 'default' },
  );
};

/**
 * The controller never rewrites the spec: a Pool update that changes {@link AVAILABLE_ANNOTATION}
 * (which users never write) must leave `spec` as it was.
 */
export function noSpecRevert(): InvariantFactory {
  return () => ({
    name: 'controller never rewrites the spec',
    onChange(change) {
      const obj = change.object;
      if (change.type !== 'MODIFIED' || !isPool(obj) || change.prev === undefined) return undefined;
      const prev = change.prev as StoredPool;
      const now = obj.metadata.annotations?.[AVAILABLE_ANNOTATION];
      if (now === undefined || now === prev.metadata.annotations?.[AVAILABLE_ANNOTATION]) return undefined;
      if (JSON.stringify(prev.spec) === JSON.stringify(obj.spec)) return undefined;
      return `the write setting ${AVAILABLE_ANNOTATION}=${now} on pool ${obj.metadata.name} also changed its spec from ${JSON.stringify(prev.spec)} to ${JSON.stringify(obj.spec)} (a lost update)`;
    },
  });
}

const options = poolCheckOptions({
  matches: poolMatches({
    extra: (pool) => {
      const mirrored = pool.metadata.annotations?.[AVAILABLE_ANNOTATION];
      return mirrored === String(pool.spec.replicas) ? true : `${AVAILABLE_ANNOTATION} is ${String(mirrored)}, not ${pool.spec.replicas}`;
    },
  }),
  invariants: [noSpecRevert(), noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A readiness timer firing while the watch is held or the view is stale (a relist from a lagging server).
  faults: ['watchLag', 'staleView', 'coalesce', 'crash'],
  // Spec changes of one pool, so that one lands while its readiness timer is pending.
  names: ['a'],
  operations: ['create', 'scale', 'update', 'delete'],
});

/**
 * A write that loses a concurrent one: the whole cached object written back without its
 * resourceVersion reverts the user's spec change. The twin writes only what it owns, on a fresh
 * read, with the resourceVersion as precondition, retrying on conflict.
 * @public
 */
export const lostUpdateCase: CorpusCase = {
  name: 'lostUpdate',
  bugClass: 'update from a cached copy with resourceVersion stripped reverts a concurrent spec change',
  source: 'Sieve (OSDI 22) stale-state bugs where operators overwrite objects from stale reads; Kubernetes API conventions on optimistic concurrency (resourceVersion preconditions, "lost update")',
  buggy: { controller: poolController('lost-update-buggy', reconcileMirroring(recordBlindly)), options },
  correct: { controller: poolController('lost-update-correct', reconcileMirroring(recordSafely)), options },
};
