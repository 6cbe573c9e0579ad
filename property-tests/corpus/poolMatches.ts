import type { KubeObject } from '../../src/api/meta.ts';
import { controllerOf } from '../../src/api/meta.ts';
import type { ClusterView } from '../../src/harness/harnessTypes.ts';
import type { Member, StoredPool } from './poolResource.ts';
import { compareNames, imageOf, isControlledBy, isTerminating, POOL_LABEL, POOL_TYPE } from './poolResource.ts';

/** Options of {@link poolMatches}. */
export interface PoolMatchOptions {
  /** Members must be controlled by the pool (default true); false counts every member labelled for it. */
  readonly owned?: boolean;
  /** A case's own further conditions. */
  readonly extra?: (pool: StoredPool, view: ClusterView) => true | string;
}

/** The desired-state predicate of a case. */
export type PoolMatcher = (object: KubeObject, view: ClusterView) => true | string;

/**
 * The eventually-stable-reconciliation predicate of a Pool (Anvil's ReplicaSet ESR plus status):
 * exactly `spec.replicas` members labelled `pool=<name>`, none being deleted, each controlled by the
 * pool (unless `owned: false`) and running `spec.image`; status says so (replicas, readyReplicas,
 * phase Ready, observedGeneration, sorted member names); and no member in the namespace is left
 * behind by a pool that no longer exists.
 */
export function poolMatches(opts: PoolMatchOptions = {}): PoolMatcher {
  const owned = opts.owned !== false;
  return (object, view) => {
    const pool = object as StoredPool;
    const { name, namespace, uid } = pool.metadata;
    const configMaps = view.list('ConfigMap', namespace) as Member[];
    const members = configMaps.filter((m) => m.metadata.labels?.[POOL_LABEL] === name);
    for (const m of members) {
      if (isTerminating(m)) return `member ${m.metadata.name} is still being deleted`;
      if (owned && !isControlledBy(m, uid)) return `member ${m.metadata.name} is controlled by ${controllerOf(m)?.uid ?? 'nobody'}, not pool ${name} (${uid})`;
    }
    const names = members.map((m) => m.metadata.name).sort(compareNames);
    if (members.length !== pool.spec.replicas) return `pool ${name} wants ${pool.spec.replicas} members, has ${members.length} [${names.join(', ')}]`;
    const image = imageOf(pool);
    const stale = members.find((m) => m.data?.['image'] !== image);
    if (stale !== undefined) return `member ${stale.metadata.name} runs ${String(stale.data?.['image'])}, not ${image}`;
    const s = pool.status ?? {};
    if (s.replicas !== pool.spec.replicas) return `status.replicas is ${String(s.replicas)}, not ${pool.spec.replicas}`;
    if (s.readyReplicas !== pool.spec.replicas) return `status.readyReplicas is ${String(s.readyReplicas)}, not ${pool.spec.replicas}`;
    if (s.phase !== 'Ready') return `status.phase is ${String(s.phase)}, not Ready`;
    if (s.observedGeneration !== pool.metadata.generation) return `status.observedGeneration is ${String(s.observedGeneration)}, not ${String(pool.metadata.generation)}`;
    if (JSON.stringify([...(s.members ?? [])].sort(compareNames)) !== JSON.stringify(names)) return `status.members is [${(s.members ?? []).join(', ')}], not [${names.join(', ')}]`;
    for (const m of configMaps) {
      const of = m.metadata.labels?.[POOL_LABEL];
      if (of !== undefined && of !== name && view.get(POOL_TYPE, namespace, of) === undefined) return `member ${m.metadata.name} of deleted pool ${of} is left behind`;
    }
    return opts.extra?.(pool, view) ?? true;
  };
}
