import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { semanticEqual } from '../api/validation/validationUtils.ts';
import { parseTimestamp } from '../apiserver/timestamps.ts';
import { DESIRED_REPLICAS_ANNOTATION, revisionOf } from './deploymentAnnotations.ts';
import { deploymentMaxSurge, desiredReplicas } from './fenceposts.ts';

/** Upstream `DefaultDeploymentUniqueLabelKey`: the label naming a ReplicaSet's template. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

/** `spec.replicas` of a ReplicaSet (1 when absent, the API default). */
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

/** Upstream `EqualIgnoreHash`: templates semantically equal once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined): PodTemplateSpec => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    return { ...(t ?? {}), metadata: { ...(t?.metadata ?? {}), labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

function created(rs: ReplicaSet): number {
  const t = parseTimestamp(rs.metadata?.creationTimestamp);
  return Number.isNaN(t) ? 0 : t;
}

/** Upstream `ReplicaSetsByCreationTimestamp`: oldest first, ties by name. */
export function compareByCreation(a: ReplicaSet, b: ReplicaSet): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Upstream `ReplicaSetsBySizeNewer`: larger first, newer first among equals. */
export function compareBySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(a) === rsReplicas(b) ? compareByCreation(b, a) : rsReplicas(b) - rsReplicas(a);
}

/** Upstream `ReplicaSetsBySizeOlder`: larger first, older first among equals. */
export function compareBySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return rsReplicas(a) === rsReplicas(b) ? compareByCreation(a, b) : rsReplicas(b) - rsReplicas(a);
}

/** Upstream `ReplicaSetsByRevision`: lower revision first, creation order among equal or malformed ones. */
export function compareByRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (Number.isNaN(ra) || Number.isNaN(rb) || ra === rb) return compareByCreation(a, b);
  return ra - rb;
}

/** Upstream `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet<R extends ReplicaSet>(d: Deployment, rsList: readonly R[]): R | undefined {
  return [...rsList].sort(compareByCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Upstream `FindOldReplicaSets`: the others, all of them and those with replicas. */
export function findOldReplicaSets<R extends ReplicaSet>(d: Deployment, rsList: readonly R[]): { withReplicas: R[]; all: R[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const all = rsList.filter((rs) => newRS === undefined || rs.metadata?.uid !== newRS.metadata?.uid);
  return { withReplicas: all.filter((rs) => rsReplicas(rs) !== 0), all };
}

/** Upstream `FilterActiveReplicaSets`: those with `spec.replicas > 0`. */
export function filterActiveReplicaSets<R extends ReplicaSet>(list: readonly (R | undefined)[]): R[] {
  return list.filter((rs): rs is R => rs !== undefined && rsReplicas(rs) > 0);
}

/** Upstream `FindActiveOrLatest`: the only active ReplicaSet, the newest when none is active, else undefined. */
export function findActiveOrLatest<R extends ReplicaSet>(newRS: R | undefined, oldRSs: readonly R[]): R | undefined {
  if (newRS === undefined && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => compareByCreation(b, a));
  const active = filterActiveReplicaSets([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  return active.length === 1 ? active[0] : undefined;
}

const sum = (list: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number => list.reduce((n, rs) => n + (rs === undefined ? 0 : f(rs)), 0);

/** Sum of `spec.replicas` (upstream `GetReplicaCountForReplicaSets`). */
export const specReplicaCount = (list: readonly (ReplicaSet | undefined)[]): number => sum(list, rsReplicas);
/** Sum of `status.replicas` (upstream `GetActualReplicaCountForReplicaSets`). */
export const actualReplicaCount = (list: readonly (ReplicaSet | undefined)[]): number => sum(list, (rs) => rs.status?.replicas ?? 0);
/** Sum of `status.readyReplicas`. */
export const readyReplicaCount = (list: readonly (ReplicaSet | undefined)[]): number => sum(list, (rs) => rs.status?.readyReplicas ?? 0);
/** Sum of `status.availableReplicas`. */
export const availableReplicaCount = (list: readonly (ReplicaSet | undefined)[]): number => sum(list, (rs) => rs.status?.availableReplicas ?? 0);

/** Upstream `IsSaturated`: the new ReplicaSet holds all desired replicas, believes so, and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = rs.metadata?.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  if (desired === undefined || !/^[+-]?\d+$/.test(desired)) return false;
  const replicas = desiredReplicas(d);
  return rsReplicas(rs) === replicas && Number(desired) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/**
 * Upstream `NewRSNewReplicas`: for RollingUpdate, grow the new ReplicaSet up to `replicas + maxSurge`
 * pods in all, never beyond `replicas`; for Recreate, `replicas`.
 */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d);
  if (d.spec?.strategy?.type === 'Recreate') return replicas;
  const maxTotal = replicas + deploymentMaxSurge(d);
  const current = specReplicaCount(allRSs);
  if (current >= maxTotal) return rsReplicas(newRS);
  return rsReplicas(newRS) + Math.min(maxTotal - current, replicas - rsReplicas(newRS));
}
