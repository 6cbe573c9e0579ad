import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { IntOrString } from './intOrPercent.ts';
import { scaledValueFromIntOrPercent } from './intOrPercent.ts';

/** Resolved rolling-update bounds: how many pods above and below the desired count are allowed. */
export interface Fenceposts {
  readonly surge: number;
  readonly unavailable: number;
}

/**
 * Upstream `deploymentutil.ResolveFenceposts`: maxSurge rounds up, maxUnavailable rounds down, and
 * when both come out 0 maxUnavailable becomes 1 (surge might be blocked by a quota). Absent values are 0.
 * @example resolveFenceposts('25%', '25%', 10) // { surge: 3, unavailable: 2 }
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts {
  const surge = scaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = scaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** Whether the Deployment uses the RollingUpdate strategy. */
export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

/** `spec.replicas` (defaulted to 1 by the API server; 1 when absent). */
export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

/** Upstream `MaxSurge`: 0 unless RollingUpdate. */
export function deploymentMaxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d)).surge;
}

/** Upstream `MaxUnavailable`: 0 unless RollingUpdate with replicas > 0; clamped to `spec.replicas`. */
export function deploymentMaxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas).unavailable, replicas);
}
