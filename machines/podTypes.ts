import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { AnyEventObject } from 'xstate';
import type { ProbeKind } from '../src/kubelet/containerConfig.ts';
import type { NowSource } from '../src/kubelet/containerRecord.ts';
import type { WorkloadBehavior } from '../src/kubelet/workloadTypes.ts';

/** Input of a pod machine: the bound pod as the kubelet first sees it. */
export interface PodMachineInput {
  /** Read once when the actor starts; not kept in the context. */
  readonly pod: Pod;
  readonly clock: NowSource;
  /** Behaviours by container name (from `resolveBehavior`); containers not listed use `resolveBehavior(pod, container)`. */
  readonly behaviors?: Readonly<Record<string, WorkloadBehavior>>;
  /** Images already on the node (not pulled again with `IfNotPresent`). */
  readonly imagePresent?: (image: string) => boolean;
  /** `status.startTime` when an actor is rebuilt for a pod the kubelet already started; default: now (or `restored.startTime`). */
  readonly startTime?: number;
  /**
   * The status a previous run of the kubelet wrote, when the actor is rebuilt after a kubelet
   * restart: containers it shows running, exited or in CrashLoopBackOff carry on from there (same
   * `restartCount`, `startedAt`, `lastState`; completed init containers are not run again), and the
   * Initialized/ContainersReady conditions keep their transition times. `phase` is derived again
   * from the containers; `podIP` stays the wiring's business.
   */
  readonly restored?: PodStatus;
}

/** Events a pod machine understands. */
export type PodEvent =
  /** The pod was deleted: `deletionGracePeriodSeconds` (default: the pod's grace); 0 is a force deletion. */
  | { type: 'pod.delete'; gracePeriodSeconds?: number }
  /** The kubelet evicts the pod (node pressure); the pod fails with reason Evicted. */
  | { type: 'pod.evict'; message: string; gracePeriodSeconds?: number }
  | { type: 'node.lost' }
  | { type: 'node.recovered' }
  /** The spec's image of a container changed: the container restarts with it. */
  | { type: 'container.imageChanged'; container: string; image: string; behavior?: WorkloadBehavior }
  /** The process of a container ended outside its behaviour (a crash injected by a test, `kill 1`). */
  | { type: 'container.exited'; container: string; exitCode: number; reason?: string; message?: string }
  /** A probe result from outside (overrides the behaviour's answer for this probe run). */
  | { type: 'probe.result'; container: string; probe: ProbeKind; ok: boolean; message?: string }
  /** A container timer firing (internal: scheduled by the pod machine itself). */
  | { type: 'container.timer'; index: number; event: AnyEventObject };

/** Parameters of the pod machine's `recordEvent` action: a `core/v1` Event about the pod. */
export interface PodEventRecord {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** `spec.containers{app}` / `spec.initContainers{init}` for container events. */
  readonly fieldPath?: string;
}
