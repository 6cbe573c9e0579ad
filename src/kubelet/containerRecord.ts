import type { ContainerConfig, ProbeKind } from './containerConfig.ts';
import type { BackOffEntry } from './restartRules.ts';
import type { WorkloadBehavior } from './workloadTypes.ts';

/** Where a machine reads the time: the cluster clock (`VirtualClock`, `RealClock`). */
export interface NowSource {
  now(): number;
}

/** How one container instance ended (`state.terminated` / `lastState.terminated`). */
export interface Termination {
  readonly exitCode: number;
  /** `Completed`, `Error`, `OOMKilled`, or a reason given with `container.exited`. */
  readonly reason: string;
  readonly message: string | undefined;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** The `restartCount` of the instance (which instance it was: names its container ID). */
  readonly restartCount: number;
}

/** The kubelet's probe worker state: consecutive successes and failures, and the next probe time. */
export interface ProbeState {
  readonly ok: number;
  readonly fail: number;
  readonly next: number;
}

/**
 * What happens after a killed container exits: `always` (spec changed), `unlessNever` (probe
 * failure: restart unless the policy is Never), `policy` (as after any exit), `never` (pod stopping).
 */
export type RestartIntent = 'always' | 'unlessNever' | 'policy' | 'never';

/** A kill in progress: preStop, then SIGTERM, then SIGKILL at the end of the grace period. */
export interface KillOrder {
  readonly startedAt: number;
  readonly graceMs: number;
  readonly restart: RestartIntent;
  /** The `Killing` event message (`Stopping container app`, `Container app failed liveness probe, will be restarted`). */
  readonly message: string;
  /** When SIGTERM was sent (after the preStop hook). */
  readonly signalledAt: number | undefined;
}

/**
 * The context of the container machine: everything the kubelet knows about one container of a pod.
 * The pod machine keeps one per container, with the machine's state value, in its own context.
 */
export interface ContainerRecord {
  readonly clock: NowSource;
  readonly config: ContainerConfig;
  readonly image: string;
  readonly behavior: WorkloadBehavior;
  /** Whether the image is on the node (pulled by an earlier start, or present when the pod came). */
  readonly imagePresent: boolean;
  readonly restartCount: number;
  /** Start of the current instance (set while it runs or stops). */
  readonly startedAt: number | undefined;
  /** The current instance's end, while the container rests terminated. */
  readonly terminated: Termination | undefined;
  /** The previous instance's end (`lastState.terminated`). */
  readonly lastTerminated: Termination | undefined;
  /** Startup probe passed (or none): `containerStatuses[].started`. */
  readonly started: boolean;
  readonly ready: boolean;
  readonly probes: { readonly [K in ProbeKind]?: ProbeState };
  readonly crashBackOff: BackOffEntry | undefined;
  /** Image pull back-off; `updatedAt` is the time of the last failed pull. */
  readonly pullBackOff: BackOffEntry | undefined;
  readonly kill: KillOrder | undefined;
  /** The waiting reason a container had when it was discarded before it ever ran. */
  readonly discardedReason: string | undefined;
}

/** A container machine's state value (`'idle'`, `{ waiting: 'pulling' }`, `{ running: { … } }`). */
export type ContainerStateValue = string | { readonly [state: string]: unknown };

/** One container as the pod machine keeps it: the container machine's state value and context. */
export interface ContainerSlot {
  readonly value: ContainerStateValue;
  readonly context: ContainerRecord;
}
