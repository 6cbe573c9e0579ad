import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../src/api/meta.ts';
import { controllerOf } from '../../src/api/meta.ts';
import { isAlreadyExists, isNotFound } from '../../src/api/status.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../../src/runtime/controller/reconcileTypes.ts';
import type { Member, Pool, PoolStatus, StoredPool } from './poolResource.ts';
import {
  cachedMembers,
  compareNames,
  imageOf,
  isControlledBy,
  isTerminating,
  memberIndex,
  memberManifest,
  memberName,
  POOL_API_VERSION,
  POOL_LABEL,
  POOL_TYPE,
  poolOwnerRef,
  sameStatus,
  statusFor,
} from './poolResource.ts';

/** A pool and its members (ConfigMaps labelled `pool=<name>`), read together. */
export interface PoolSnapshot {
  readonly pool: StoredPool | undefined;
  readonly members: readonly Member[];
}

/** Reads where a reconcile gets its snapshot from. */
export type SnapshotReader = (ctx: ReconcileContext, namespace: string, name: string) => Promise<PoolSnapshot>;

function revisionOf(rv: string | undefined): number {
  const n = Number(rv);
  return Number.isFinite(n) ? n : 0;
}

/**
 * The pool, then its members, read from the API server (not the informer cache): the members
 * listed existed when the pool was read, so every decision rests on one consistent moment. The
 * reads must be at least as new as what the controller's informers have already shown it (the
 * members are listed `NotOlderThan` that revision, and a pool read older than the cached pool, or
 * missing while the cache holds it, is refused): a lagging API server would otherwise make a
 * reconcile conclude "nothing to do" about a change it was told of, and that notification is spent.
 * (Resource versions are etcd revisions here, so they compare.)
 */
export const liveSnapshot: SnapshotReader = async (ctx, namespace, name) => {
  const cached = ctx.lister<StoredPool>(POOL_TYPE).get(namespace, name);
  const seen = Math.max(revisionOf(ctx.informer(POOL_TYPE).lastSyncResourceVersion()), revisionOf(ctx.informer('ConfigMap').lastSyncResourceVersion()));
  const stale = (what: string): Error => new Error(`stale read of pool ${namespace}/${name}: ${what}; retrying`);
  let pool: StoredPool | undefined;
  try {
    pool = await ctx.client.get<typeof POOL_TYPE, Pool>(POOL_TYPE, name, { namespace });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    if (cached !== undefined) throw stale(`the server says it does not exist, the cache has it at ${cached.metadata.resourceVersion}`);
  }
  if (pool !== undefined && cached !== undefined && revisionOf(pool.metadata.resourceVersion) < revisionOf(cached.metadata.resourceVersion)) {
    throw stale(`the server has it at ${pool.metadata.resourceVersion}, the cache at ${cached.metadata.resourceVersion}`);
  }
  const list = await ctx.client.list('ConfigMap', {
    namespace,
    labelSelector: `${POOL_LABEL}=${name}`,
    ...(seen > 0 ? { resourceVersion: String(seen), resourceVersionMatch: 'NotOlderThan' as const } : {}),
  });
  if (revisionOf(list.metadata.resourceVersion) < seen) throw stale(`members listed at ${list.metadata.resourceVersion}, already seen ${seen}`);
  return { pool, members: (list.items as Member[]).slice().sort((a, b) => compareNames(a.metadata.name, b.metadata.name)) };
};

/** The pool and its members as the controller's informer caches show them (possibly stale). */
export const cachedSnapshot: SnapshotReader = (ctx, namespace, name) =>
  Promise.resolve({ pool: ctx.lister<StoredPool>(POOL_TYPE).get(namespace, name), members: cachedMembers(ctx, namespace, name) });

/**
 * Proves the pool a decision was made from is still the current one before anything is written:
 * a status write of the unchanged object, conditional on its resourceVersion. It changes nothing
 * (no new revision) but fails with 409 when the pool changed since it was read, e.g. when the
 * read came from a lagging API server.
 */
export async function fencePool(ctx: ReconcileContext, pool: StoredPool): Promise<void> {
  await ctx.client.updateStatus(pool);
}

/** Deletes a member only if it is still the object that was read (uid and resourceVersion preconditions); already gone is fine. */
export async function deleteMemberExactly(ctx: ReconcileContext, member: Member): Promise<void> {
  try {
    await ctx.client.delete('ConfigMap', member.metadata.name, {
      namespace: member.metadata.namespace ?? 'default',
      preconditions: { uid: member.metadata.uid, resourceVersion: member.metadata.resourceVersion },
    });
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
}

/** What {@link createMemberChecked} found: the member (created now, or created earlier by this pool), or a name held by something else. */
export type CreateOutcome = Member | 'blocked';

/**
 * Creates a member with a fixed name. On AlreadyExists it reads the object and accepts it only if
 * it is controlled by `ownerUid` and not being deleted (an earlier attempt of ours whose answer was
 * lost, or that the snapshot missed); anything else holds the name and the caller must wait.
 */
export async function createMemberChecked(ctx: ReconcileContext, manifest: ConfigMap, isMine: (obj: KubeObject) => boolean): Promise<CreateOutcome> {
  try {
    return (await ctx.client.create(manifest));
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    const name = manifest.metadata?.name ?? '';
    const live = (await ctx.client.get('ConfigMap', name, { namespace: manifest.metadata?.namespace ?? 'default' })) as Member;
    return isMine(live) && !isTerminating(live) ? live : 'blocked';
  }
}

/** Writes a pool's status conditionally on the resourceVersion it was read at; a 409 propagates (the key is retried, reading again). */
export async function writePoolStatus(ctx: ReconcileContext, pool: StoredPool, status: PoolStatus): Promise<void> {
  await ctx.client.updateStatus<Pool>({ ...pool, status });
}

/** Removes `finalizer` from members being deleted (conditional on their resourceVersion); returns the ones released. */
export async function drainMembers(ctx: ReconcileContext, members: readonly Member[], finalizer: string): Promise<Set<string>> {
  const released = new Set<string>();
  for (const m of members) {
    if (!isTerminating(m) || !(m.metadata.finalizers ?? []).includes(finalizer)) continue;
    try {
      await ctx.client.update<ConfigMap>({ ...m, metadata: { ...m.metadata, finalizers: (m.metadata.finalizers ?? []).filter((f) => f !== finalizer) } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    released.add(m.metadata.uid);
  }
  return released;
}

/** What a pool's members need. */
export interface MemberPlan {
  /** Members with no controller: claimed by setting the pool as controller. */
  readonly adopt: readonly Member[];
  /** Members of this pool beyond `spec.replicas` or with a non-ordinal name, and leftovers of an earlier pool with the same name. */
  readonly remove: readonly Member[];
  /** Ordinals below `spec.replicas` with no member. */
  readonly create: readonly number[];
  /** Members of this pool that stay. */
  readonly keep: readonly Member[];
  /** Kept members running another image than `spec.image`. */
  readonly roll: readonly Member[];
  /** Wanted names held by an object that is being deleted or belongs to someone else. */
  readonly blocked: readonly string[];
}

/** Options of {@link planMembers}. */
export interface PlanOptions {
  /** The uid members are judged by (the pool's own, unless a case remembers another). */
  readonly ownerUid: string;
  /** Judge members by controller reference (default); false treats every labelled member as the pool's. */
  readonly ownerReferences?: boolean;
}

/**
 * Plans a pool's members from a snapshot, level-based: members are `<pool>-<i>` for `i < spec.replicas`,
 * controlled by the pool. Pure.
 */
export function planMembers(pool: StoredPool, members: readonly Member[], opts: PlanOptions): MemberPlan {
  const name = pool.metadata.name;
  const replicas = pool.spec.replicas;
  const image = imageOf(pool);
  const refs = opts.ownerReferences !== false;
  const adopt: Member[] = [];
  const remove: Member[] = [];
  const keep: Member[] = [];
  const roll: Member[] = [];
  const occupied = new Set<string>();
  for (const m of members) {
    const mName = m.metadata.name;
    if (isTerminating(m)) {
      occupied.add(mName);
      continue;
    }
    if (refs) {
      const ref = controllerOf(m);
      if (ref === undefined) {
        adopt.push(m);
        occupied.add(mName);
        continue;
      }
      if (!isControlledBy(m, opts.ownerUid)) {
        // A leftover of an earlier pool with this name (its owner is gone: pool names are unique);
        // anything controlled by another kind is left alone.
        if (ref.kind === 'Pool' && ref.apiVersion === POOL_API_VERSION && ref.name === name) remove.push(m);
        occupied.add(mName);
        continue;
      }
    }
    const i = memberIndex(name, mName);
    if (i === undefined || i >= replicas) {
      remove.push(m);
      continue;
    }
    keep.push(m);
    if (m.data?.['image'] !== image) roll.push(m);
  }
  const kept = new Set(keep.map((m) => m.metadata.name));
  const create: number[] = [];
  const blocked: string[] = [];
  for (let i = 0; i < replicas; i++) {
    const n = memberName(name, i);
    if (kept.has(n)) continue;
    if (occupied.has(n)) blocked.push(n);
    else create.push(i);
  }
  // Highest ordinals go first, as a StatefulSet scales down.
  remove.sort((a, b) => compareNames(b.metadata.name, a.metadata.name));
  return { adopt, remove, create, keep, roll, blocked };
}

/**
 * Variation points of {@link reconcilePool}. The defaults are the correct controller; each buggy
 * corpus case replaces one of them.
 */
export interface PoolReconcileOptions {
  /** Where the pool and its members are read from (default {@link liveSnapshot}). */
  readonly snapshot?: SnapshotReader;
  /** Runs when the pool does not exist (default: nothing; the garbage collector removes members through their owner references). */
  readonly onAbsent?: (ctx: ReconcileContext, namespace: string, name: string, snapshot: PoolSnapshot) => Promise<void>;
  /** The uid new members are owned by and members are judged by (default: the pool's). */
  readonly ownerUid?: (ctx: ReconcileContext, pool: StoredPool) => string;
  /** Members carry a controller owner reference (default true). */
  readonly ownerReferences?: boolean;
  /** Runs before the first write that rests on the snapshot (default {@link fencePool}). */
  readonly fence?: (ctx: ReconcileContext, pool: StoredPool) => Promise<void>;
  /** Deletes a surplus member (default {@link deleteMemberExactly}). */
  readonly deleteMember?: (ctx: ReconcileContext, member: Member) => Promise<void>;
  /** Creates a member (default {@link createMemberChecked}). */
  readonly createMember?: (ctx: ReconcileContext, manifest: ConfigMap, isMine: (obj: KubeObject) => boolean) => Promise<CreateOutcome>;
  /** Changes the status before it is written. */
  readonly adjustStatus?: (ctx: ReconcileContext, pool: StoredPool, status: PoolStatus) => PoolStatus;
  /** Writes the status (default {@link writePoolStatus}). */
  readonly writeStatus?: (ctx: ReconcileContext, pool: StoredPool, status: PoolStatus) => Promise<void>;
  /** A finalizer members are created with; the controller removes it once a member is being deleted. */
  readonly drainFinalizer?: string;
  /**
   * A member counts as ready only this long after its creation (a Deployment's minReadySeconds);
   * the reconcile comes back when the next one becomes ready, with only the status left to write.
   */
  readonly minReadyMs?: number;
}

/** How long a reconcile waits before looking again at a wanted name held by something being deleted. */
export const BLOCKED_RETRY_MS = 2_000;

/**
 * The correct Pool reconcile: level-based on a live snapshot, fenced on the pool's
 * resourceVersion before it writes, members with deterministic ordinal names and a controller
 * owner reference, deletes with uid + resourceVersion preconditions, AlreadyExists checked for
 * ownership, status written last from what is known to exist, every error returned (retried).
 */
export async function reconcilePool(req: ReconcileRequest, ctx: ReconcileContext, opts: PoolReconcileOptions = {}): Promise<ReconcileResult> {
  const namespace = req.namespace ?? 'default';
  const snap = await (opts.snapshot ?? liveSnapshot)(ctx, namespace, req.name);
  let members = snap.members;
  if (opts.drainFinalizer !== undefined) {
    const released = await drainMembers(ctx, members, opts.drainFinalizer);
    members = members.filter((m) => !released.has(m.metadata.uid));
  }
  const pool = snap.pool;
  if (pool === undefined) {
    await opts.onAbsent?.(ctx, namespace, req.name, snap);
    return {};
  }
  // Members of a pool being deleted are the garbage collector's.
  if (isTerminating(pool)) return {};
  const refs = opts.ownerReferences !== false;
  const ownerUid = opts.ownerUid?.(ctx, pool) ?? pool.metadata.uid;
  const isMine = refs ? (obj: KubeObject) => isControlledBy(obj, ownerUid) : (obj: KubeObject) => obj.metadata?.labels?.[POOL_LABEL] === pool.metadata.name;
  const plan = planMembers(pool, members, { ownerUid, ownerReferences: refs });
  if (plan.adopt.length + plan.remove.length + plan.create.length + plan.roll.length > 0) await (opts.fence ?? fencePool)(ctx, pool);
  if (plan.adopt.length > 0) {
    const owner = poolOwnerRef(pool, ownerUid);
    for (const m of plan.adopt) await ctx.client.update<ConfigMap>({ ...m, metadata: { ...m.metadata, ownerReferences: [...(m.metadata.ownerReferences ?? []), owner] } });
    // The adopted members' events bring the pool back with them in the snapshot.
    return {};
  }
  // Surplus goes before anything is created, so a create never adds to a surplus.
  for (const m of plan.remove) await (opts.deleteMember ?? deleteMemberExactly)(ctx, m);
  const image = imageOf(pool);
  const present = new Map<string, Member>(plan.keep.map((m) => [m.metadata.name, m]));
  let blocked = plan.blocked.length > 0;
  const finalizers = opts.drainFinalizer !== undefined ? [opts.drainFinalizer] : [];
  for (const i of plan.create) {
    const manifest = memberManifest(pool, { name: memberName(pool.metadata.name, i) }, refs ? poolOwnerRef(pool, ownerUid) : undefined, { index: i, finalizers });
    const got = await (opts.createMember ?? createMemberChecked)(ctx, manifest, isMine);
    if (got === 'blocked') blocked = true;
    else present.set(got.metadata.name, got);
  }
  for (const m of present.values()) {
    if (m.data?.['image'] === image) continue;
    present.set(m.metadata.name, (await ctx.client.update<ConfigMap>({ ...m, data: { ...m.data, image } })));
  }
  const now = ctx.clock.now();
  const minReady = opts.minReadyMs ?? 0;
  // creationTimestamp has whole seconds: a member may count as ready up to a second early.
  const readyAt = (m: ConfigMap): number => (Date.parse(m.metadata?.creationTimestamp ?? '') || now) + minReady;
  const computed = statusFor(pool, [...present.values()], blocked, (m) => readyAt(m) <= now);
  const status = opts.adjustStatus?.(ctx, pool, computed) ?? computed;
  if (!sameStatus(pool.status, status)) await (opts.writeStatus ?? writePoolStatus)(ctx, pool, status);
  const waits = [...present.values()].map(readyAt).filter((t) => t > now).map((t) => t - now);
  if (blocked) waits.push(BLOCKED_RETRY_MS);
  return waits.length > 0 ? { requeueAfterMs: Math.min(...waits) } : {};
}
