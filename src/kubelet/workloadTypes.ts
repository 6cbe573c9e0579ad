import type { TimeSchedule } from './timeSchedule.ts';

/** A point of a user-written schedule: from `afterSeconds` since the container started. */
export interface ProfileStep {
  readonly afterSeconds: number;
}

/**
 * What a probe against the container answers over time: `ok`, or an HTTP `status` (success is 200–399).
 * Either a list of steps or `{ steps, repeatEverySeconds }` (the steps repeat from the first step on).
 */
export type ProbeScript =
  | readonly (ProfileStep & { readonly ok?: boolean; readonly status?: number })[]
  | { readonly steps: readonly (ProfileStep & { readonly ok?: boolean; readonly status?: number })[]; readonly repeatEverySeconds?: number };

/** CPU (`"250m"`, 0.5) or memory (`"128Mi"`, bytes) use over time, as steps. */
export type UsageScript = readonly (ProfileStep & { readonly value: string | number })[];

/** Log lines by time since start; `repeatEverySeconds` repeats them (a `while true; do echo …; sleep N; done`). */
export type LogScript =
  | readonly (ProfileStep & { readonly line: string })[]
  | { readonly lines: readonly (ProfileStep & { readonly line: string })[]; readonly repeatEverySeconds?: number };

/** A lifecycle hook's run: how long it takes and its exit code (non-zero fails it). */
export interface HookScript {
  readonly seconds?: number;
  readonly exitCode?: number;
}

/**
 * How a simulated container behaves: the user-facing form, written in seconds, found in the pod
 * annotation `behavior.kubeactors.dev/<container>` (JSON or YAML) or in the cluster's image profiles.
 * Every field is optional; missing fields come from the next source (image profile, shell idioms,
 * default).
 * @public
 */
export interface WorkloadProfile {
  /** Image pull: duration, and failure (`fail: true` or a message) for an image that cannot be pulled. */
  readonly pull?: { readonly seconds?: number; readonly fail?: boolean | string };
  /** Time from "create container" to the process running (shown as ContainerCreating). */
  readonly startSeconds?: number;
  /** When the app answers its readiness endpoint: after `delaySeconds`, optionally flapping. */
  readonly readiness?: { readonly delaySeconds?: number; readonly flapping?: { readonly upSeconds: number; readonly downSeconds: number } };
  /** The main process exits after `seconds` with `exitCode`; `"forever"` (the default) never exits. */
  readonly run?: { readonly seconds: number; readonly exitCode?: number } | 'forever';
  /** SIGTERM handling: exit after `seconds` with `exitCode` (default 143), or `"ignore"` (PID 1 without a handler). */
  readonly onTerm?: { readonly seconds?: number; readonly exitCode?: number } | 'ignore';
  /** Explicit answers per probe kind; without one a probe answers like the app (readiness, HTTP status). */
  readonly probes?: { readonly liveness?: ProbeScript; readonly readiness?: ProbeScript; readonly startup?: ProbeScript };
  readonly hooks?: { readonly postStart?: HookScript; readonly preStop?: HookScript };
  /** CPU and memory use; memory above the container's limit kills it (OOMKilled, exit 137). */
  readonly resources?: { readonly cpu?: UsageScript; readonly memory?: UsageScript };
  /** The app's HTTP answer; `{{hostname}}`, `{{podIP}}`, `{{namespace}}` are filled in. */
  readonly http?: { readonly status?: number; readonly body?: string };
  readonly logs?: LogScript;
}

/** Profiles by image: keys are image references; a key without tag matches every tag of the repository. @public */
export type ImageProfiles = Readonly<Record<string, WorkloadProfile>>;

/** Which images can be pulled: with `knownImagesOnly`, images not in `known` fail (ErrImagePull). @public */
export interface ImagePolicy {
  readonly knownImagesOnly?: boolean;
  readonly known?: readonly string[];
}

/** A probe's answer at one time: `ok`, or an HTTP status. */
export interface ProbeAnswer {
  readonly ok?: boolean;
  readonly status?: number;
}

/** A lifecycle hook's simulated run. */
export interface HookRun {
  readonly ms: number;
  readonly exitCode: number;
}

/**
 * Log lines of one container instance, by time since start. With `repeat`, the lines from index
 * `fromIndex` on (the body of an endless loop) come again every `everyMs`.
 */
export interface LogPlan {
  readonly lines: readonly { readonly atMs: number; readonly line: string }[];
  readonly repeat?: { readonly fromIndex: number; readonly everyMs: number };
}

/**
 * A resolved, normalised behaviour (milliseconds, bytes, millicores): what the container machine runs.
 * Behaviours are shared between containers and must not be mutated.
 * @public
 */
export interface WorkloadBehavior {
  /** Where the behaviour came from, most specific source first (`annotation`, `image`, `command`, `default`). */
  readonly sources: readonly string[];
  readonly pull: { readonly ms: number; readonly error: string | undefined };
  readonly startMs: number;
  readonly readiness: TimeSchedule<boolean>;
  /** `undefined`: runs for ever. */
  readonly run: { readonly ms: number; readonly exitCode: number } | undefined;
  /** `undefined`: ignores SIGTERM (killed at the end of the grace period, exit 137). */
  readonly term: { readonly ms: number; readonly exitCode: number } | undefined;
  readonly probes: { readonly liveness?: TimeSchedule<ProbeAnswer>; readonly readiness?: TimeSchedule<ProbeAnswer>; readonly startup?: TimeSchedule<ProbeAnswer> };
  readonly hooks: { readonly postStart?: HookRun; readonly preStop?: HookRun };
  readonly cpuMillis: TimeSchedule<number>;
  readonly memoryBytes: TimeSchedule<number>;
  readonly http: { readonly status: number; readonly body: string };
  readonly logs: LogPlan;
  /** Set when the behaviour could not be read: the container waits in CreateContainerConfigError. */
  readonly configError?: string;
}

/** One source's contribution to a behaviour: any subset of its fields. */
export type BehaviorLayer = { -readonly [K in Exclude<keyof WorkloadBehavior, 'sources' | 'configError'>]?: WorkloadBehavior[K] };
