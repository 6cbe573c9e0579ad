import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { parseTimestamp } from '../apiserver/timestamps.ts';
import {
  DeploymentReason,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  removeDeploymentCondition,
  setDeploymentCondition,
} from './deploymentConditions.ts';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, specReplicaCount } from './deploymentReplicaSets.ts';
import { deploymentMaxUnavailable, desiredReplicas } from './fenceposts.ts';

/**
 * Upstream `calculateStatus` (sync.go): replica counts from the ReplicaSets' statuses, the
 * Deployment's conditions with `Available` set from `available ≥ replicas − maxUnavailable`.
 */
export function calculateDeploymentStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicaCount(allRSs) - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions !== undefined) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= desiredReplicas(d) - deploymentMaxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', DeploymentReason.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', DeploymentReason.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

/** Upstream `getReplicaFailures`: the new ReplicaSet's ReplicaFailure conditions, else any old one's. */
export function replicaFailureConditions(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const convert = (rs: ReplicaSet | undefined): DeploymentCondition[] =>
    (rs?.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({
        type: c.type,
        status: c.status,
        ...(c.lastTransitionTime !== undefined ? { lastTransitionTime: c.lastTransitionTime, lastUpdateTime: c.lastTransitionTime } : {}),
        ...(c.reason !== undefined ? { reason: c.reason } : {}),
        ...(c.message !== undefined ? { message: c.message } : {}),
      }));
  const fromNew = convert(newRS);
  return fromNew.length > 0 ? fromNew : allRSs.flatMap(convert);
}

/** The next status of a rollout and, when it may be stuck, when to look again. */
export interface RolloutStatusResult {
  readonly status: DeploymentStatus;
  /** Requeue after this much time to check the progress deadline (upstream `requeueStuckDeployment`). */
  readonly requeueAfterMs?: number;
}

/**
 * Upstream `syncRolloutStatus` (progress.go): the Progressing condition becomes NewReplicaSetAvailable
 * (`ReplicaSet "x" has successfully progressed.`) when complete, ReplicaSetUpdated (`… is progressing.`,
 * lastUpdateTime refreshed) on progress, ProgressDeadlineExceeded (`… has timed out progressing.`) past
 * the deadline; ReplicaFailure conditions are carried over from the ReplicaSets.
 */
export function nextRolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): RolloutStatusResult {
  const status = calculateDeploymentStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(status, 'Progressing');
  const current = getDeploymentCondition(d.status, 'Progressing');
  const isComplete = status.replicas === status.updatedReplicas && current?.reason === DeploymentReason.NewRSAvailable;
  const subject = newRS !== undefined ? `ReplicaSet ${JSON.stringify(newRS.metadata?.name ?? '')}` : `Deployment ${JSON.stringify(d.metadata?.name ?? '')}`;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', DeploymentReason.NewRSAvailable, `${subject} has successfully progressed.`, nowMs));
    } else if (deploymentProgressing(d, status)) {
      const cond = newDeploymentCondition('Progressing', 'True', DeploymentReason.ReplicaSetUpdated, `${subject} is progressing.`, nowMs);
      // Progress refreshes lastUpdateTime even when the reason is unchanged.
      if (current !== undefined) {
        if (current.status === 'True' && current.lastTransitionTime !== undefined) cond.lastTransitionTime = current.lastTransitionTime;
        removeDeploymentCondition(status, 'Progressing');
      }
      setDeploymentCondition(status, cond);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      setDeploymentCondition(status, newDeploymentCondition('Progressing', 'False', DeploymentReason.TimedOut, `${subject} has timed out progressing.`, nowMs));
    }
  }
  const failures = replicaFailureConditions(allRSs, newRS);
  const firstFailure = failures[0];
  if (firstFailure !== undefined) setDeploymentCondition(status, firstFailure);
  else removeDeploymentCondition(status, 'ReplicaFailure');
  const after = stuckRequeueMs(d, status, nowMs);
  return after === undefined ? { status } : { status, requeueAfterMs: after };
}

/**
 * Upstream `requeueStuckDeployment`: while a rollout with a deadline is neither complete nor timed out,
 * look again when the deadline passes (plus a second against skew).
 */
export function stuckRequeueMs(d: Deployment, next: DeploymentStatus, nowMs: number): number | undefined {
  const current = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || current === undefined) return undefined;
  if (deploymentComplete(d, next) || current.reason === DeploymentReason.TimedOut) return undefined;
  const updated = parseTimestamp(current.lastUpdateTime);
  if (Number.isNaN(updated)) return undefined;
  const after = updated + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - nowMs;
  return after < 1000 ? 1000 : after + 1000;
}

/**
 * Upstream `checkPausedConditions`: Progressing Unknown with DeploymentPaused (`Deployment is paused`)
 * when paused, DeploymentResumed (`Deployment is resumed`) when resumed; a timed-out condition stays.
 * @returns the new status, or undefined when nothing changes
 */
export function pausedConditionsStatus(d: Deployment, nowMs: number): DeploymentStatus | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  if (cond?.reason === DeploymentReason.TimedOut) return undefined;
  const pausedCond = cond?.reason === DeploymentReason.Paused;
  const paused = d.spec?.paused === true;
  if (paused === pausedCond) return undefined;
  const status: DeploymentStatus = { ...(d.status ?? {}), ...(d.status?.conditions ? { conditions: [...d.status.conditions] } : {}) };
  const next = paused
    ? newDeploymentCondition('Progressing', 'Unknown', DeploymentReason.Paused, 'Deployment is paused', nowMs)
    : newDeploymentCondition('Progressing', 'Unknown', DeploymentReason.Resumed, 'Deployment is resumed', nowMs);
  setDeploymentCondition(status, next);
  return status;
}
