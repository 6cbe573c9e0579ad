import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists, isNotFound } from '../../src/api/status.ts';
import type { ClusterView } from '../../src/harness/harnessTypes.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member, Pool, StoredPool } from './poolResource.ts';
import { isTerminating, POOL_GROUP, POOL_TYPE } from './poolResource.ts';
import { fencePool, liveSnapshot, reconcilePool } from './poolReconciler.ts';

/** The finalizer that holds a pool until its registration is gone. */
export const REGISTRATION_FINALIZER = `${POOL_GROUP}/registration`;
/** Label of a registration: `corpus.kubeactors.dev/registered=<pool>`. */
export const REGISTERED_LABEL = `${POOL_GROUP}/registered`;

/** The name of a pool's registration: an entry in a registry outside the owner graph (no owner reference, so only the controller removes it). */
export function registrationName(poolName: string): string {
  return `registry-${poolName}`;
}

function registrationManifest(pool: StoredPool): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: registrationName(pool.metadata.name), namespace: pool.metadata.namespace ?? 'default', labels: { [REGISTERED_LABEL]: pool.metadata.name } },
    data: { uid: pool.metadata.uid },
  };
}

async function getRegistration(ctx: ReconcileContext, pool: StoredPool): Promise<Member | undefined> {
  try {
    return (await ctx.client.get('ConfigMap', registrationName(pool.metadata.name), { namespace: pool.metadata.namespace ?? 'default' }));
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function register(ctx: ReconcileContext, pool: StoredPool): Promise<void> {
  const current = await getRegistration(ctx, pool);
  if (current?.data?.['uid'] === pool.metadata.uid) return;
  await fencePool(ctx, pool);
  if (current === undefined) {
    try {
      await ctx.client.create(registrationManifest(pool));
    } catch (e) {
      if (!isAlreadyExists(e)) throw e;
      throw new Error(`registration of ${pool.metadata.name} appeared meanwhile; retrying`, { cause: e });
    }
    return;
  }
  // A registration some earlier pool of this name left: it is this pool's now.
  await ctx.client.update<ConfigMap>({ ...current, data: { ...current.data, uid: pool.metadata.uid } });
}

/** Deletes this pool's registration, only if it is still the one read (preconditions); another pool's is left alone. */
async function deregister(ctx: ReconcileContext, pool: StoredPool): Promise<void> {
  const current = await getRegistration(ctx, pool);
  if (current === undefined || current.data?.['uid'] !== pool.metadata.uid) return;
  try {
    await ctx.client.delete('ConfigMap', current.metadata.name, { namespace: current.metadata.namespace ?? 'default', preconditions: { uid: current.metadata.uid, resourceVersion: current.metadata.resourceVersion } });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

async function setFinalizers(ctx: ReconcileContext, pool: StoredPool, finalizers: string[]): Promise<void> {
  await ctx.client.update<Pool>({ ...pool, metadata: { ...pool.metadata, finalizers } });
}

function withoutFinalizer(pool: StoredPool): string[] {
  return (pool.metadata.finalizers ?? []).filter((f) => f !== REGISTRATION_FINALIZER);
}

/** Which order the deletion steps run in. */
type Teardown = 'cleanup-first' | 'finalizer-first';

function reconcileRegistered(teardown: Teardown) {
  return async (req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> => {
    const { pool } = await liveSnapshot(ctx, req.namespace ?? 'default', req.name);
    if (pool !== undefined && isTerminating(pool)) {
      if (!(pool.metadata.finalizers ?? []).includes(REGISTRATION_FINALIZER)) return {};
      if (teardown === 'finalizer-first') {
        // The bug: the pool is released first. Removing the last finalizer deletes it at once, so
        // if the cleanup that follows fails or the controller dies, nothing will ever bring this
        // key back: the registration has no owner and the pool is gone.
        await setFinalizers(ctx, pool, withoutFinalizer(pool));
        await deregister(ctx, pool);
      } else {
        await deregister(ctx, pool);
        await setFinalizers(ctx, pool, withoutFinalizer(pool));
      }
      return {};
    }
    if (pool !== undefined) {
      // The finalizer goes on before the registration exists, so no registration is ever unguarded.
      if (!(pool.metadata.finalizers ?? []).includes(REGISTRATION_FINALIZER)) {
        await setFinalizers(ctx, pool, [...(pool.metadata.finalizers ?? []), REGISTRATION_FINALIZER]);
        return {};
      }
      await register(ctx, pool);
    }
    return reconcilePool(req, ctx);
  };
}

function registered(pool: StoredPool, view: ClusterView): true | string {
  const { namespace, name, uid } = pool.metadata;
  const reg = view.get('ConfigMap', namespace, registrationName(name)) as Member | undefined;
  if (reg?.data?.['uid'] !== uid) return `pool ${name} is not registered (registration: ${reg === undefined ? 'none' : `for uid ${String(reg.data?.['uid'])}`})`;
  if (!(pool.metadata.finalizers ?? []).includes(REGISTRATION_FINALIZER)) return `pool ${name} lacks the ${REGISTRATION_FINALIZER} finalizer`;
  const stray = view.list('ConfigMap', namespace).find((c) => {
    const of = c.metadata?.labels?.[REGISTERED_LABEL];
    return of !== undefined && view.get(POOL_TYPE, namespace, of) === undefined;
  });
  return stray === undefined ? true : `registration ${stray.metadata?.name ?? ''} of a deleted pool is left behind`;
}

const options = poolCheckOptions({
  matches: poolMatches({ extra: registered }),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // A crash between the two deletion steps, or a failed (or applied-but-timed-out) step, during a pool's deletion.
  faults: ['crash', 'timeout', 'unavailable'],
  names: ['a'],
  operations: ['create', 'scale', 'delete', 'recreate'],
  // A registration names its pool's uid, which differs from the fault-free reference run.
  differential: { ignore: ['data.uid'] },
});

/**
 * Finalizer removed before the cleanup of what it guards: a crash or error between the two leaks
 * the registration for good. The twin cleans up first (idempotently, with preconditions) and
 * removes its finalizer last, so a retry always finds the pool still there.
 * @public
 */
export const finalizerBeforeCleanupCase: CorpusCase = {
  name: 'finalizerBeforeCleanup',
  bugClass: 'finalizer removed before cleanup of unowned children',
  source: 'Sieve (OSDI 22) intermediate-state bugs in deletion paths (resource leaks after a crash between two writes); Kubernetes finalizer guidance: remove the finalizer only after external cleanup succeeds',
  buggy: { controller: poolController('finalizer-before-cleanup-buggy', reconcileRegistered('finalizer-first')), options },
  correct: { controller: poolController('finalizer-before-cleanup-correct', reconcileRegistered('cleanup-first')), options },
};
