import type { Deployment, DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { parseTimestamp, rfc3339 } from '../apiserver/timestamps.ts';
import { desiredReplicas } from './fenceposts.ts';

/** Progressing reasons and Available reasons, as upstream `deploymentutil` names them. */
export const DeploymentReason = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewRSCreated: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

/** Upstream `NewDeploymentCondition`: lastUpdateTime and lastTransitionTime both now. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, nowMs: number): DeploymentCondition {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** The condition of a type, if any. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * Upstream `SetDeploymentCondition`: no change when a condition with the same status and reason exists;
 * otherwise the new one replaces it (keeping lastTransitionTime when the status is unchanged) and goes last.
 */
export function setDeploymentCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const list = status.conditions ?? [];
  const current = list.find((c) => c.type === cond.type);
  if (current !== undefined && current.status === cond.status && current.reason === cond.reason) return;
  const next = { ...cond };
  if (current !== undefined && current.status === cond.status && current.lastTransitionTime !== undefined) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...list.filter((c) => c.type !== cond.type), next];
}

/** Upstream `RemoveDeploymentCondition`. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  const list = (status.conditions ?? []).filter((c) => c.type !== type);
  if (list.length > 0) status.conditions = list;
  else delete status.conditions;
}

/** Upstream `HasProgressDeadline`: set and not MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== 2147483647;
}

/** Upstream `DeploymentComplete`: every desired replica updated and available, no old ones, generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** Upstream `DeploymentProgressing`: more updated, fewer old, more ready or more available replicas than before. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/**
 * Upstream `DeploymentTimedOut`: the Progressing condition was last updated more than
 * progressDeadlineSeconds ago (a NewReplicaSetAvailable one never times out; a timed-out one stays so).
 */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getDeploymentCondition(s, 'Progressing');
  if (c === undefined || c.reason === DeploymentReason.NewRSAvailable) return false;
  if (c.reason === DeploymentReason.TimedOut) return true;
  const from = parseTimestamp(c.lastUpdateTime);
  return !Number.isNaN(from) && from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}
