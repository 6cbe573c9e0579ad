import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { MAX_REPLICAS_ANNOTATION } from './deploymentAnnotations.ts';
import { compareBySizeNewer, compareBySizeOlder, filterActiveReplicaSets, findActiveOrLatest, isSaturated, rsReplicas, specReplicaCount } from './deploymentReplicaSets.ts';
import { deploymentMaxSurge, desiredReplicas, isRollingUpdate } from './fenceposts.ts';

// Go's math.Round: half away from zero.
const goRound = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** The max-replicas annotation when it is a non-negative integer. */
export function annotatedMaxReplicas(rs: ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.[MAX_REPLICAS_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) && Number(v) <= 2147483647 ? Number(v) : undefined;
}

/**
 * Upstream `getReplicaSetFraction`: how much this ReplicaSet grows or shrinks when its Deployment's
 * `replicas + maxSurge` changes from the annotated max-replicas (or `status.replicas` without one):
 * `round(rs.replicas × newMax / oldMax) − rs.replicas`; scaling to zero gives `−rs.replicas`.
 */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (replicas === 0) return -rsReplicas(rs);
  const maxNow = replicas + deploymentMaxSurge(d);
  const before = annotatedMaxReplicas(rs) ?? d.status?.replicas ?? 0;
  // Upstream divides by zero here (a scaled-from-nothing Deployment); no change is the sane reading.
  if (before === 0) return 0;
  return goRound((rsReplicas(rs) * maxNow) / before) - rsReplicas(rs);
}

/**
 * Upstream `GetProportion`: the fraction clamped to what is left to add (scaling up) or remove
 * (scaling down); 0 for an empty ReplicaSet or when nothing is left.
 */
export function replicaSetProportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** One ReplicaSet write a scaling event calls for. `operation` is `up`, `down` or `''` (annotations only). */
export interface ScaleStep<R extends ReplicaSet = ReplicaSet> {
  readonly rs: R;
  readonly replicas: number;
  readonly operation: 'up' | 'down' | '';
}

/**
 * Upstream `DeploymentController.scale` (sync.go) as a plan: one active (or only the newest)
 * ReplicaSet takes all replicas; a saturated new ReplicaSet zeroes the old ones; otherwise, for
 * RollingUpdate, `replicas + maxSurge − Σ replicas` is spread proportionally over the active
 * ReplicaSets, largest first (newer first when growing, older first when shrinking), leftovers to the
 * first. Every active ReplicaSet is listed so its replicas annotations get refreshed.
 */
export function planDeploymentScale<R extends ReplicaSet>(d: Deployment, newRS: R | undefined, oldRSs: readonly R[]): ScaleStep<R>[] {
  const replicas = desiredReplicas(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest !== undefined) {
    const current = rsReplicas(activeOrLatest);
    return current === replicas ? [] : [{ rs: activeOrLatest, replicas, operation: current < replicas ? 'up' : 'down' }];
  }
  if (isSaturated(d, newRS)) {
    return filterActiveReplicaSets(oldRSs).map((rs) => ({ rs, replicas: 0, operation: 'down' as const }));
  }
  if (!isRollingUpdate(d)) return [];
  const all = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowed = replicas > 0 ? replicas + deploymentMaxSurge(d) : 0;
  const toAdd = allowed - specReplicaCount(all);
  let operation: ScaleStep['operation'] = '';
  if (toAdd > 0) {
    all.sort(compareBySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(compareBySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = all.map((rs) => {
    if (toAdd === 0) return rsReplicas(rs);
    const p = replicaSetProportion(rs, d, toAdd, added);
    added += p;
    return rsReplicas(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, (sizes[0] ?? 0) + toAdd - added);
  return all.map((rs, i) => ({ rs, replicas: sizes[i] ?? 0, operation }));
}
