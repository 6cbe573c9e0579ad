/**
 * What one reconcile of a ReplicaSet (or ReplicationController) found and did: the event its
 * lifecycle statechart receives.
 */
export interface ReplicaSetOutcome {
  readonly type: 'replicas.reconciled';
  /** `spec.replicas`. */
  readonly desired: number;
  /** Active pods it controlled when the reconcile looked. */
  readonly active: number;
  readonly ready: number;
  readonly available: number;
  /** Set when creating or deleting pods failed (the ReplicaFailure condition's reason). */
  readonly failure?: 'FailedCreate' | 'FailedDelete' | undefined;
  readonly message?: string | undefined;
}

/** What one sync of a Deployment left in its status: the event its rollout statechart receives. */
export interface RolloutObserved {
  readonly type: 'rollout.observed';
  readonly paused: boolean;
  /** The Progressing condition (absent without a progress deadline). */
  readonly progressing?: { readonly status: string; readonly reason: string; readonly message: string } | undefined;
  /** Whether the rollout is complete by upstream's `DeploymentComplete`. */
  readonly complete: boolean;
  readonly available: boolean;
  readonly revision: string | undefined;
  readonly newReplicaSet: string | undefined;
}
