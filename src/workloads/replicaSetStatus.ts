import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { labelSelectorFromSet, matchesLabels } from '../api/labelSelector.ts';
import { rfc3339 } from '../apiserver/timestamps.ts';
import { isPodAvailable, isPodReady } from './podConditions.ts';

/** A ReplicaSet or ReplicationController condition (both kinds share the shape). */
export interface ReplicaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** The status of a ReplicaSet or ReplicationController. */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

/** Upstream `ReplicaSetReplicaFailure`. */
export const REPLICA_FAILURE = 'ReplicaFailure';

/**
 * Upstream `SetCondition` for ReplicaSets: adds or replaces the condition of its type, unless one with
 * the same status and reason is already there. The new condition goes last.
 */
export function setReplicaCondition(conditions: readonly ReplicaCondition[] | undefined, cond: ReplicaCondition): ReplicaCondition[] {
  const list = conditions ?? [];
  const current = list.find((c) => c.type === cond.type);
  if (current !== undefined && current.status === cond.status && current.reason === cond.reason) return [...list];
  return [...list.filter((c) => c.type !== cond.type), cond];
}

/** What one manageReplicas round did: `diff` is active pods minus wanted (negative: too few). */
export interface ManageOutcome {
  readonly diff: number;
  readonly error?: string;
}

/**
 * Upstream `calculateStatus` (replica_set_utils.go): counts of active pods, fully labelled (matching
 * the template labels), ready and available ones; a ReplicaFailure condition (FailedCreate or
 * FailedDelete) is added when managing replicas failed and removed once it succeeds. `observedGeneration`
 * is left as it was (the status writer sets it).
 */
export function calculateReplicaStatus(
  current: ReplicaStatus | undefined,
  template: PodTemplateSpec | undefined,
  minReadySeconds: number,
  pods: readonly Pod[],
  outcome: ManageOutcome,
  nowMs: number,
): ReplicaStatus {
  const templateSelector = labelSelectorFromSet(template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (matchesLabels(templateSelector, pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
    }
  }
  let conditions = current?.conditions ?? [];
  const failure = conditions.find((c) => c.type === REPLICA_FAILURE);
  if (outcome.error !== undefined && failure === undefined) {
    const reason = outcome.diff < 0 ? 'FailedCreate' : outcome.diff > 0 ? 'FailedDelete' : '';
    conditions = setReplicaCondition(conditions, { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: rfc3339(nowMs), reason, message: outcome.error });
  } else if (outcome.error === undefined && failure !== undefined) {
    conditions = conditions.filter((c) => c.type !== REPLICA_FAILURE);
  }
  const status: ReplicaStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(current?.observedGeneration !== undefined ? { observedGeneration: current.observedGeneration } : {}),
  };
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** Upstream `updateReplicaSetStatus`'s steady-state test: nothing to write. */
export function replicaStatusUnchanged(current: ReplicaStatus | undefined, next: ReplicaStatus, generation: number): boolean {
  const c = current ?? { replicas: 0 };
  return (
    (c.replicas ?? 0) === next.replicas &&
    (c.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (c.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (c.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    generation === (c.observedGeneration ?? 0) &&
    JSON.stringify(c.conditions ?? []) === JSON.stringify(next.conditions ?? [])
  );
}
