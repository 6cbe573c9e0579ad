import type { ContainerSlot, NowSource } from './containerRecord.ts';
import type { RestartPolicy } from './restartRules.ts';

/** The pod conditions the kubelet owns, with the time each last changed. */
export interface PodConditionState {
  readonly initialized: boolean;
  readonly initializedAt: number;
  readonly containersReady: boolean;
  readonly containersReadyAt: number;
}

/** A deletion the kubelet is carrying out (`metadata.deletionGracePeriodSeconds`). */
export interface PodDeletion {
  readonly graceMs: number;
  readonly requestedAt: number;
  /** Grace 0: the API object is already gone; the kubelet must not write status or confirm. */
  readonly forced: boolean;
}

/**
 * The context of the pod machine: what the kubelet knows about one pod. The pod object itself stays
 * in the informer cache; only what the lifecycle needs is here.
 */
export interface PodRecord {
  readonly clock: NowSource;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly restartPolicy: RestartPolicy;
  /** `spec.terminationGracePeriodSeconds` (default 30) in ms. */
  readonly graceMs: number;
  readonly activeDeadlineMs: number | undefined;
  /** `status.startTime`: when the kubelet admitted the pod. */
  readonly startTime: number;
  /** Init containers (in order) first, then app containers (in order). */
  readonly containers: readonly ContainerSlot[];
  readonly conditions: PodConditionState;
  /** `status.reason` of a pod the kubelet failed: `DeadlineExceeded` or `Evicted`. */
  readonly reason: 'DeadlineExceeded' | 'Evicted' | undefined;
  readonly message: string | undefined;
  readonly deletion: PodDeletion | undefined;
}

/** Whether the pod is being stopped for good (deleted, evicted or past its deadline). */
export function podIsTerminal(pod: PodRecord): boolean {
  return pod.deletion !== undefined || pod.reason !== undefined;
}
