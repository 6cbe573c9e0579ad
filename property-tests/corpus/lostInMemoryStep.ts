import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../../src/api/status.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { ClusterView } from '../../src/harness/harnessTypes.ts';
import type { CorpusCase } from './corpusCase.ts';
import { poolCheckOptions } from './corpusCase.ts';
import { poolController } from './poolController.ts';
import { noWantedMemberDeleted, statusClaimsOwnMembers } from './poolInvariants.ts';
import { poolMatches } from './poolMatches.ts';
import type { Member, StoredPool } from './poolResource.ts';
import { incarnationMemory, isControlledBy, isTerminating, POOL_GROUP, POOL_TYPE, poolOwnerRef } from './poolResource.ts';
import { deleteMemberExactly, fencePool, reconcilePool } from './poolReconciler.ts';

/** Label of a pool's bootstrap ConfigMap: `corpus.kubeactors.dev/bootstrap-for=<pool>`. */
export const BOOTSTRAP_LABEL = `${POOL_GROUP}/bootstrap-for`;

function bootstrapManifest(pool: StoredPool, naming: { name: string } | { generateName: string }): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...naming, namespace: pool.metadata.namespace ?? 'default', labels: { [BOOTSTRAP_LABEL]: pool.metadata.name }, ownerReferences: [poolOwnerRef(pool)] },
    data: { pool: pool.metadata.name },
  };
}

// pool uids this incarnation has bootstrapped.
const bootstrapped = incarnationMemory(() => new Set<string>());

// The bug: "bootstrap once" is remembered only in memory, and the bootstrap object gets a
// generated name. A restart forgets, and the step runs again: a second bootstrap object.
async function bootstrapOnceInMemory(req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> {
  const pool = ctx.lister<StoredPool>(POOL_TYPE).get(req.namespace, req.name);
  if (pool !== undefined && !isTerminating(pool) && !bootstrapped(ctx).has(pool.metadata.uid)) {
    await ctx.client.create(bootstrapManifest(pool, { generateName: `${req.name}-bootstrap-` }));
    bootstrapped(ctx).add(pool.metadata.uid);
  }
  return reconcilePool(req, ctx);
}

// The twin: the bootstrap object's name is fixed, so the cluster itself records that the step
// was done; AlreadyExists is checked for ownership, and a leftover of an earlier pool is replaced.
async function bootstrapIdempotently(req: ReconcileRequest, ctx: ReconcileContext): Promise<ReconcileResult> {
  const pool = ctx.lister<StoredPool>(POOL_TYPE).get(req.namespace, req.name);
  if (pool !== undefined && !isTerminating(pool)) {
    const name = `${req.name}-bootstrap`;
    const namespace = req.namespace ?? 'default';
    const cached = ctx.lister<Member>('ConfigMap').get(namespace, name);
    if (cached === undefined || !isControlledBy(cached, pool.metadata.uid)) {
      try {
        await ctx.client.create(bootstrapManifest(pool, { name }));
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
        const live = (await ctx.client.get('ConfigMap', name, { namespace })) as Member;
        if (!isControlledBy(live, pool.metadata.uid) || isTerminating(live)) {
          // A leftover of an earlier pool of this name: only once this pool is known current.
          await fencePool(ctx, pool);
          if (!isTerminating(live)) await deleteMemberExactly(ctx, live);
          throw new Error(`bootstrap ${name} belonged to an earlier pool; replacing it`, { cause: e });
        }
      }
    }
  }
  return reconcilePool(req, ctx);
}

function exactlyOneBootstrap(pool: StoredPool, view: ClusterView): true | string {
  const { namespace, name, uid } = pool.metadata;
  const all = view.list('ConfigMap', namespace);
  const mine = all.filter((c) => c.metadata?.labels?.[BOOTSTRAP_LABEL] === name);
  if (mine.length !== 1) return `pool ${name} has ${mine.length} bootstrap objects [${mine.map((c) => c.metadata?.name ?? '').join(', ')}], not 1`;
  const [b] = mine as [Member];
  if (!isControlledBy(b, uid) || isTerminating(b)) return `bootstrap ${b.metadata.name} is not this pool's (or is being deleted)`;
  const stray = all.find((c) => {
    const of = c.metadata?.labels?.[BOOTSTRAP_LABEL];
    return of !== undefined && view.get(POOL_TYPE, namespace, of) === undefined;
  });
  return stray === undefined ? true : `bootstrap ${stray.metadata?.name ?? ''} of a deleted pool is left behind`;
}

const options = poolCheckOptions({
  matches: poolMatches({ extra: exactlyOneBootstrap }),
  invariants: [noWantedMemberDeleted(), statusClaimsOwnMembers()],
  // Any restart after a pool was bootstrapped repeats the step; so does a create whose answer was lost.
  faults: ['crash', 'timeout', 'unavailable', 'watchLag', 'conflict'],
});

/**
 * In-memory state lost on crash: a one-shot step ("bootstrap the pool") remembered only in memory
 * is redone after a restart, leaving a duplicate. The twin makes the step idempotent through a
 * deterministic name (the cluster is the record).
 * @public
 */
export const lostInMemoryStepCase: CorpusCase = {
  name: 'lostInMemoryStep',
  bugClass: 'in-memory state lost on crash: a one-shot step is redone after restart',
  source: 'Sieve (OSDI 22) intermediate-state pattern (controller restarts lose in-memory state); Anvil (OSDI 24) crash model: a restarted controller keeps nothing but the cluster state',
  buggy: { controller: poolController('lost-in-memory-step-buggy', bootstrapOnceInMemory), options },
  correct: { controller: poolController('lost-in-memory-step-correct', bootstrapIdempotently), options },
};
