import type { KubeObject, StoredObject } from '../../src/api/meta.ts';
import { controllerOf } from '../../src/api/meta.ts';
import type { ClusterView, InvariantFactory } from '../../src/harness/harnessTypes.ts';
import type { StoredPool } from './poolResource.ts';
import { INDEX_LABEL, isControlledBy, isTerminating, POOL_API_VERSION, POOL_LABEL, POOL_TYPE } from './poolResource.ts';

/** True for a Pool object. */
export function isPool(obj: KubeObject): obj is StoredPool {
  return obj.kind === 'Pool' && obj.apiVersion === POOL_API_VERSION;
}

function isConfigMap(obj: KubeObject): obj is StoredObject {
  return obj.kind === 'ConfigMap' && (obj.apiVersion === 'v1' || obj.apiVersion === undefined);
}

/** How many members a pool wants: `spec.replicas`, or -1 once it is being deleted or gone. */
function wantedBy(pool: StoredPool | undefined): number {
  return pool === undefined || isTerminating(pool) ? -1 : pool.spec.replicas;
}

function livePool(view: ClusterView, namespace: string | undefined, name: string, uid: string): StoredPool | undefined {
  const p = view.get(POOL_TYPE, namespace, name) as StoredPool | undefined;
  return p?.metadata.uid === uid ? p : undefined;
}

/**
 * Nobody deletes a member its pool wanted for the member's whole life. Tracks, per ordinal member
 * (`<pool>-<i>` with the index label and a Pool controller), the fewest replicas its controlling
 * pool (by uid) wanted since the member was created; when the member starts being deleted, its
 * ordinal must be at or above that low-water mark (or the pool must have been deleted meanwhile).
 * A controller that deletes member `i` only from a consistent read where the pool wanted at most
 * `i` members (or was gone) can never break it, whatever lag its reads had; one acting on a cached
 * or time-travelled view of another incarnation of the pool can.
 */
export function noWantedMemberDeleted(): InvariantFactory {
  return () => {
    const wanted = new Map<string, number>();
    const tracked = new Map<string, { pool: string; poolName: string; index: number; least: number }>();
    const track = (obj: StoredObject, view: ClusterView): void => {
      const ref = controllerOf(obj);
      const index = Number(obj.metadata.labels?.[INDEX_LABEL] ?? 'NaN');
      if (ref === undefined || ref.kind !== 'Pool' || ref.apiVersion !== POOL_API_VERSION || !Number.isInteger(index)) return;
      const least = wanted.get(ref.uid) ?? wantedBy(livePool(view, obj.metadata.namespace, ref.name, ref.uid));
      tracked.set(obj.metadata.uid, { pool: ref.uid, poolName: ref.name, index, least });
    };
    return {
      name: 'no wanted member deleted',
      onChange(change, view) {
        const obj = change.object;
        if (isPool(obj)) {
          const w = change.type === 'DELETED' ? -1 : wantedBy(obj);
          wanted.set(obj.metadata.uid, w);
          for (const t of tracked.values()) if (t.pool === obj.metadata.uid && w < t.least) t.least = w;
          return undefined;
        }
        if (!isConfigMap(obj)) return undefined;
        const uid = obj.metadata.uid;
        if (change.type === 'ADDED') {
          track(obj, view);
          return undefined;
        }
        const t = tracked.get(uid);
        if (t === undefined) return undefined;
        if (change.type === 'MODIFIED' && !isTerminating(obj)) {
          // A change of controller starts the count again against the new one.
          if (controllerOf(obj)?.uid !== t.pool) {
            tracked.delete(uid);
            track(obj, view);
          }
          return undefined;
        }
        tracked.delete(uid);
        if (t.index < t.least) {
          return `member ${obj.metadata.namespace ?? ''}/${obj.metadata.name} (ordinal ${t.index}) was deleted although pool ${t.poolName} (uid ${t.pool}) wanted at least ${t.least} members for its whole life`;
        }
        return undefined;
      },
    };
  };
}

/**
 * A pool's `status.members` never names a member that belongs to someone else: whenever a pool's
 * status changes, each name it lists that exists must be labelled for this pool and, with
 * `owned` (default), be controlled by this pool's uid. (A name that does not exist is not
 * flagged: reads lag, and eventual reconciliation catches a status that stays wrong.)
 */
export function statusClaimsOwnMembers(opts: { readonly owned?: boolean } = {}): InvariantFactory {
  const owned = opts.owned !== false;
  return () => ({
    name: 'status claims only own members',
    onChange(change, view) {
      const obj = change.object;
      if (!isPool(obj) || change.type === 'DELETED') return undefined;
      const prev = change.prev as StoredPool | undefined;
      if (JSON.stringify(prev?.status) === JSON.stringify(obj.status)) return undefined;
      for (const name of obj.status?.members ?? []) {
        const m = view.get('ConfigMap', obj.metadata.namespace, name);
        if (m === undefined) continue;
        if (m.metadata?.labels?.[POOL_LABEL] !== obj.metadata.name) return `pool ${obj.metadata.name} claims ${name}, which is not labelled ${POOL_LABEL}=${obj.metadata.name}`;
        if (owned && !isControlledBy(m, obj.metadata.uid)) {
          return `pool ${obj.metadata.name} (uid ${obj.metadata.uid}) claims member ${name}, which is controlled by ${controllerOf(m)?.uid ?? 'nobody'}`;
        }
      }
      return undefined;
    },
  });
}

/**
 * A pool never has more live members than it recently asked for: when a member is created, the
 * members controlled by its pool (not being deleted) number at most the largest `spec.replicas`
 * that pool had within the last `windowMs` of cluster time (the window only forgives a spec
 * change racing a create that was decided just before it).
 */
export function memberCountBounded(opts: { readonly windowMs?: number } = {}): InvariantFactory {
  const windowMs = opts.windowMs ?? 30_000;
  return () => {
    const history = new Map<string, { at: number; replicas: number }[]>();
    return {
      name: 'member count bounded by replicas',
      onChange(change, view) {
        const obj = change.object;
        const now = view.now();
        if (isPool(obj)) {
          const h = history.get(obj.metadata.uid) ?? [];
          h.push({ at: now, replicas: change.type === 'DELETED' ? 0 : obj.spec.replicas });
          // Keep the entries inside the window and the last one before it.
          while (h.length > 1 && (h[1]?.at ?? now) <= now - windowMs) h.shift();
          history.set(obj.metadata.uid, h);
          return undefined;
        }
        if (!isConfigMap(obj) || change.type !== 'ADDED') return undefined;
        const ref = controllerOf(obj);
        if (ref === undefined || ref.kind !== 'Pool' || ref.apiVersion !== POOL_API_VERSION) return undefined;
        const pool = livePool(view, obj.metadata.namespace, ref.name, ref.uid);
        if (pool === undefined) return undefined;
        const h = history.get(ref.uid) ?? [];
        // Each spec held from its change until the next one; those holding at some point in the window count.
        const recent = h.filter((_, i) => (h[i + 1]?.at ?? Infinity) > now - windowMs).map((e) => e.replicas);
        const allowed = Math.max(pool.spec.replicas, ...recent);
        const count = view.list('ConfigMap', obj.metadata.namespace).filter((m) => isControlledBy(m, ref.uid) && !isTerminating(m)).length;
        if (count > allowed) return `pool ${ref.name} has ${count} members after ${obj.metadata.name} was created, but asked for at most ${allowed} in the last ${windowMs} ms`;
        return undefined;
      },
    };
  };
}
