import { assign, setup } from 'xstate';
import type { ContainerConfig, ProbeKind } from '../src/kubelet/containerConfig.ts';
import type { ContainerRecord, NowSource, RestartIntent, Termination } from '../src/kubelet/containerRecord.ts';
import { probeIsSteady, reachedFailure, reachedSuccess } from '../src/kubelet/probeEval.ts';
import type { BackOffEntry } from '../src/kubelet/restartRules.ts';
import type { WorkloadBehavior } from '../src/kubelet/workloadTypes.ts';
import {
  ERR_IMAGE_PULL_SHOWN_MS, backOffNextPatch, exitPatch, hookRun, inCrashBackOff, killAt, killPatch, preStopEndsAt, probeResultPatch,
  probeScheduledPatch, processEnd, processEndPatch, pullFailedPatch, restartPendingPatch, signalledPatch, startedPatch, staysStopped,
} from './containerLogic.ts';

/** Events a container machine understands (the pod machine sends them; `after` timers aside). */
export type ContainerEvent =
  | { type: 'container.start' }
  | { type: 'container.kill'; graceMs: number; restart: RestartIntent; message: string }
  | { type: 'container.exited'; exitCode: number; reason?: string; message?: string }
  | { type: 'probe.result'; probe: ProbeKind; ok: boolean; message?: string }
  | { type: 'container.imageChanged'; image: string; behavior: WorkloadBehavior };

/**
 * What the container runtime still knows about a container when a restarted kubelet rebuilds its
 * pod (read back from the pod's last written status): the container kept running, or rests
 * exited, while the kubelet was down.
 */
export interface RestoredContainer {
  readonly restartCount: number;
  /** Start of the instance that is still running. */
  readonly startedAt?: number | undefined;
  /** The current instance's end: a container that rests terminated, or one waiting out its crash back-off. */
  readonly terminated?: Termination | undefined;
  /** The previous instance's end (`lastState.terminated`). */
  readonly lastTerminated?: Termination | undefined;
  /** The crash back-off the container was waiting out. */
  readonly crashBackOff?: BackOffEntry | undefined;
  /** The image the instance runs, when it is no longer the spec's (the spec changed meanwhile). */
  readonly image?: string | undefined;
}

/** Input of a container machine. */
export interface ContainerInput {
  readonly clock: NowSource;
  readonly config: ContainerConfig;
  readonly image: string;
  readonly behavior: WorkloadBehavior;
  /** The image is already on the node (no pull with `IfNotPresent`). */
  readonly imagePresent?: boolean;
  /** The container's state from before a kubelet restart: `container.start` resumes it instead of creating it. */
  readonly restored?: RestoredContainer;
}

/** Parameters of the `recordEvent` action: a `core/v1` Event about this container. */
export interface ContainerEventRecord {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

const now = (c: ContainerRecord): number => c.clock.now();
const later = (at: number, c: ContainerRecord): number => Math.max(0, at - now(c));
type Kind = { kind: ProbeKind };

/** The container machine's implementations: `recordEvent` is the one side effect; the rest are pure. */
export const containerSetup = setup({
  types: { context: {} as ContainerRecord, input: {} as ContainerInput, events: {} as ContainerEvent },
  actions: {
    recordEvent: (_, _params: ContainerEventRecord) => {},
    markStarted: assign(({ context }) => startedPatch(context, now(context))),
    markPulled: assign({ imagePresent: true }),
    markPullFailed: assign(({ context }) => pullFailedPatch(context, now(context))),
    markProcessEnded: assign(({ context }) => processEndPatch(context, now(context))),
    markExited: assign(({ context, event }) => (event.type === 'container.exited' ? exitPatch(context, now(context), event.exitCode, event.reason, event.message) : {})),
    markTermExit: assign(({ context }) => exitPatch(context, now(context), context.behavior.term?.exitCode ?? 143)),
    markKilled: assign(({ context }) => exitPatch(context, now(context), 137, 'Error')),
    markKill: assign(({ context, event }) => (event.type === 'container.kill' ? killPatch(context, now(context), event) : {})),
    markSpecChangeKill: assign(({ context }) =>
      killPatch(context, now(context), { graceMs: context.config.graceMs, restart: 'always', message: `Container ${context.config.name} definition changed, will be restarted` })),
    markPostStartKill: assign(({ context }) => killPatch(context, now(context), { graceMs: context.config.graceMs, restart: 'policy', message: 'FailedPostStartHook' })),
    markProbeKill: assign(({ context }, { kind }: Kind) => {
      const restarts = context.config.restartPolicy !== 'Never';
      const grace = context.config.probes[kind]?.terminationGraceMs ?? context.config.graceMs;
      return killPatch(context, now(context), { graceMs: grace, restart: 'unlessNever', message: `Container ${context.config.name} failed ${kind} probe${restarts ? ', will be restarted' : ''}` });
    }),
    markSignalled: assign(({ context }) => signalledPatch(context, now(context))),
    markRestartPending: assign(({ context }) => restartPendingPatch(context)),
    markBackOffNext: assign(({ context }) => backOffNextPatch(context, now(context))),
    markDiscarded: assign({ discardedReason: (_, { reason }: { reason: string }) => reason, kill: undefined }),
    restoreLastTermination: assign(({ context }) => ({ terminated: context.lastTerminated, lastTerminated: undefined, kill: undefined })),
    changeImage: assign(({ context, event }) =>
      event.type === 'container.imageChanged'
        ? { image: event.image, behavior: event.behavior, imagePresent: false, crashBackOff: undefined, pullBackOff: undefined }
        : { image: context.image }),
    markUnprobed: assign(({ context }, { kind }: Kind) => (kind === 'startup' ? { started: true } : kind === 'readiness' ? { ready: context.started } : {})),
    scheduleProbe: assign(({ context }, { kind }: Kind) => probeScheduledPatch(context, kind, now(context))),
    countProbe: assign(({ context }, { kind, ok, tick }: Kind & { ok: boolean; tick: boolean }) => probeResultPatch(context, kind, ok, now(context), tick)),
  },
  guards: {
    hasConfigError: ({ context }) => context.behavior.configError !== undefined,
    cannotPull: ({ context }) => context.config.pullPolicy === 'Never' && !context.imagePresent,
    needsPull: ({ context }) => context.config.pullPolicy === 'Always' || !context.imagePresent,
    pullFails: ({ context }) => context.behavior.pull.error !== undefined,
    hasPostStart: ({ context }) => hookRun(context, 'postStart') !== undefined,
    postStartEndless: ({ context }) => hookRun(context, 'postStart')?.ms === Number.POSITIVE_INFINITY,
    postStartFails: ({ context }) => (hookRun(context, 'postStart')?.exitCode ?? 0) !== 0,
    preStopRuns: ({ context }) => hookRun(context, 'preStop') !== undefined && (context.kill?.graceMs ?? 0) > 0,
    preStopFails: ({ context }) => (hookRun(context, 'preStop')?.exitCode ?? 0) !== 0 || preStopEndsAt(context) < (context.kill?.startedAt ?? 0) + (hookRun(context, 'preStop')?.ms ?? 0),
    honoursTerm: ({ context }) => context.behavior.term !== undefined,
    processEnds: ({ context }) => processEnd(context) !== undefined,
    staysStopped: ({ context }) => staysStopped(context),
    inCrashBackOff: ({ context }) => inCrashBackOff(context, now(context)),
    hasLastTermination: ({ context }) => context.lastTerminated !== undefined,
    // Only a restored record has a start or an end before its first `container.start`.
    restoredRunning: ({ context }) => context.startedAt !== undefined,
    restoredExit: ({ context }) => context.terminated !== undefined,
    hasProbe: ({ context }, { kind }: Kind) => context.config.probes[kind] !== undefined,
    gateOpen: ({ context }, { kind }: Kind) => kind === 'startup' || context.started,
    isProbeFor: ({ event }, { kind }: Kind) => event.type === 'probe.result' && event.probe === kind,
    probeKills: ({ context }, { kind }: Kind) => kind !== 'readiness' && reachedFailure(context.probes[kind], context.config.probes[kind]),
    probePassed: ({ context }, { kind }: Kind) => kind === 'startup' && reachedSuccess(context.probes[kind], context.config.probes[kind]),
    probeSteady: ({ context }, { kind }: Kind) => probeIsSteady(context, kind, now(context)),
  },
  delays: {
    pullDelay: ({ context }) => context.behavior.pull.ms,
    errImagePullShown: ({ context }) => Math.min(ERR_IMAGE_PULL_SHOWN_MS, context.pullBackOff?.ms ?? 0),
    imagePullBackOff: ({ context }) => later((context.pullBackOff?.updatedAt ?? 0) + (context.pullBackOff?.ms ?? 0), context),
    createDelay: ({ context }) => context.behavior.startMs,
    postStartDelay: ({ context }) => hookRun(context, 'postStart')?.ms ?? 0,
    crashBackOff: ({ context }) => later((context.lastTerminated?.finishedAt ?? 0) + (context.crashBackOff?.ms ?? 0), context),
    processEnd: ({ context }) => later(processEnd(context)?.at ?? 0, context),
    startupTick: ({ context }) => later(context.probes.startup?.next ?? 0, context),
    readinessTick: ({ context }) => later(context.probes.readiness?.next ?? 0, context),
    livenessTick: ({ context }) => later(context.probes.liveness?.next ?? 0, context),
    preStopDelay: ({ context }) => later(preStopEndsAt(context), context),
    termExit: ({ context }) => later((context.kill?.signalledAt ?? 0) + (context.behavior.term?.ms ?? 0), context),
    killDelay: ({ context }) => later(killAt(context), context),
  },
});
