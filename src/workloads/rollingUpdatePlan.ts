import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { availableReplicaCount, compareByCreation, rsReplicas, specReplicaCount } from './deploymentReplicaSets.ts';
import { deploymentMaxUnavailable, desiredReplicas } from './fenceposts.ts';
import type { ScaleStep } from './proportionalScaling.ts';

/**
 * Upstream `reconcileOldReplicaSets` (rolling.go) as a plan of scale-downs, in order:
 * 1. `maxScaledDown = Σ replicas − (replicas − maxUnavailable) − (new RS unavailable)`; nothing when ≤ 0;
 * 2. `cleanupUnhealthyReplicas`: old ReplicaSets (oldest first) lose their unavailable replicas,
 *    at most `maxScaledDown` in all (kubernetes#16737);
 * 3. `scaleDownOldReplicaSetsForRollingUpdate`: then old ReplicaSets (oldest first) shrink by
 *    `available − minAvailable` in all.
 * `oldRSs` are the active old ReplicaSets; a ReplicaSet may appear twice (cleanup, then scale-down).
 */
export function planOldReplicaSetsScaleDown<R extends ReplicaSet>(d: Deployment, allRSs: readonly R[], oldRSs: readonly R[], newRS: R): ScaleStep<R>[] {
  if (specReplicaCount(oldRSs) === 0) return [];
  const minAvailable = desiredReplicas(d) - deploymentMaxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const steps: ScaleStep<R>[] = [];
  const sorted = [...oldRSs].sort(compareByCreation);
  const size = new Map(sorted.map((rs) => [rs, rsReplicas(rs)]));
  let cleaned = 0;
  for (const rs of sorted) {
    if (cleaned >= maxScaledDown) break;
    const r = size.get(rs) ?? 0;
    const available = rs.status?.availableReplicas ?? 0;
    if (r === 0 || r === available) continue;
    const n = Math.min(maxScaledDown - cleaned, r - available);
    size.set(rs, r - n);
    steps.push({ rs, replicas: r - n, operation: 'down' });
    cleaned += n;
  }
  const available = availableReplicaCount([...oldRSs, newRS]);
  if (available <= minAvailable) return steps;
  const total = available - minAvailable;
  let scaled = 0;
  for (const rs of sorted) {
    if (scaled >= total) break;
    const r = size.get(rs) ?? 0;
    if (r === 0) continue;
    const n = Math.min(r, total - scaled);
    size.set(rs, r - n);
    steps.push({ rs, replicas: r - n, operation: 'down' });
    scaled += n;
  }
  return steps;
}

/**
 * Upstream `oldPodsRunning` (recreate.go): old ReplicaSets still report pods, or some pod not of the
 * new ReplicaSet is not terminal (terminating pods count: Recreate waits for them to be gone).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podsByRsUid: ReadonlyMap<string, readonly Pod[]>): boolean {
  if (oldRSs.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0) > 0) return true;
  for (const [uid, pods] of podsByRsUid) {
    if (newRS !== undefined && newRS.metadata?.uid === uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}
