import type { ProbeKind } from '../src/kubelet/containerConfig.ts';
import type { ContainerRecord, KillOrder, RestartIntent, Termination } from '../src/kubelet/containerRecord.ts';
import { countResult, firstProbeAt, probeAnswerAt, reachedFailure, reachedSuccess } from '../src/kubelet/probeEval.ts';
import { IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS, isInBackOffSince, nextBackOff, restartsAfterExit } from '../src/kubelet/restartRules.ts';
import { firstTimeWhere } from '../src/kubelet/timeSchedule.ts';
import type { HookRun } from '../src/kubelet/workloadTypes.ts';

/** Kubelet's `minimumGracePeriodInSeconds`: a killed container always gets 2 s between SIGTERM and SIGKILL. */
export const MINIMUM_GRACE_MS = 2000;
/** How long ErrImagePull shows before the next pod sync finds the image in back-off (a model choice). */
export const ERR_IMAGE_PULL_SHOWN_MS = 1000;

type Patch = Partial<ContainerRecord>;
const NO_PROBES = Object.freeze({});

/** The hook that runs for `kind`: the spec must declare it; the behaviour may say how it runs. */
export function hookRun(c: ContainerRecord, kind: 'postStart' | 'preStop'): HookRun | undefined {
  const declared = c.config.hooks[kind];
  return declared === undefined ? undefined : (c.behavior.hooks[kind] ?? declared.run);
}

/** When the running process ends by itself, and how: its run time, or memory over the limit. */
export function processEnd(c: ContainerRecord): { at: number; oom: boolean } | undefined {
  if (c.startedAt === undefined) return undefined;
  const run = c.behavior.run !== undefined ? c.startedAt + c.behavior.run.ms : undefined;
  const limit = c.config.memoryLimitBytes;
  const over = limit === undefined ? undefined : firstTimeWhere(c.behavior.memoryBytes, (bytes) => bytes > limit);
  const oom = over === undefined ? undefined : c.startedAt + over;
  if (oom !== undefined && (run === undefined || oom <= run)) return { at: oom, oom: true };
  return run === undefined ? undefined : { at: run, oom: false };
}

function termination(c: ContainerRecord, now: number, exitCode: number, reason: string | undefined, message?: string): Termination {
  return {
    exitCode,
    reason: reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
    message,
    startedAt: c.startedAt ?? now,
    finishedAt: now,
    restartCount: c.restartCount,
  };
}

/** The instance ended: record how, and forget its probes. */
export function exitPatch(c: ContainerRecord, now: number, exitCode: number, reason?: string, message?: string): Patch {
  return { terminated: termination(c, now, exitCode, reason, message), startedAt: undefined, started: false, ready: false, probes: NO_PROBES };
}

/**
 * The process ended by itself at its scheduled time (run time over, or OOM kill). A container
 * resumed after a kubelet restart may have ended while the kubelet was down: it finished then.
 */
export function processEndPatch(c: ContainerRecord, now: number): Patch {
  const end = processEnd(c);
  const at = end === undefined ? now : Math.min(now, end.at);
  if (end?.oom === true) return exitPatch(c, at, 137, 'OOMKilled');
  return exitPatch(c, at, c.behavior.run?.exitCode ?? 0);
}

/** A new instance started. `restartCount` counts instances after the first. */
export function startedPatch(c: ContainerRecord, now: number): Patch {
  const restartCount = c.lastTerminated !== undefined ? c.restartCount + 1 : c.restartCount;
  return { startedAt: now, restartCount, started: false, ready: false, probes: NO_PROBES, imagePresent: true, discardedReason: undefined };
}

/** A pull failed: `Backoff.Next` on the image back-off (10 s doubling to 300 s), from now. */
export function pullFailedPatch(c: ContainerRecord, now: number): Patch {
  return { pullBackOff: nextBackOff(c.pullBackOff, now, now, IMAGE_BACKOFF_INITIAL_MS, IMAGE_BACKOFF_MAX_MS) };
}

function combineIntent(a: RestartIntent, b: RestartIntent): RestartIntent {
  if (a === 'never' || b === 'never') return 'never';
  if (a === 'always' || b === 'always') return 'always';
  return a;
}

/** A kill order: the first one starts preStop/TERM/KILL; a later one can only shorten the grace or forbid the restart. */
export function killPatch(c: ContainerRecord, now: number, order: Pick<KillOrder, 'graceMs' | 'restart' | 'message'>): Patch {
  if (c.kill !== undefined) {
    // A second kill can shorten the grace period and forbid the restart, never lengthen it.
    const graceMs = Math.min(c.kill.graceMs, now - c.kill.startedAt + order.graceMs);
    return { kill: { ...c.kill, graceMs, restart: combineIntent(c.kill.restart, order.restart) } };
  }
  return { kill: { startedAt: now, graceMs: order.graceMs, restart: order.restart, message: order.message, signalledAt: undefined } };
}

/** SIGTERM is sent now (kept if already sent). */
export function signalledPatch(c: ContainerRecord, now: number): Patch {
  return c.kill === undefined || c.kill.signalledAt !== undefined ? {} : { kill: { ...c.kill, signalledAt: now } };
}

/** When SIGKILL comes: the end of the grace period, but at least 2 s after SIGTERM. */
export function killAt(c: ContainerRecord): number {
  const k = c.kill;
  if (k === undefined) return 0;
  return Math.max(k.startedAt + k.graceMs, (k.signalledAt ?? k.startedAt) + MINIMUM_GRACE_MS);
}

/** When the preStop hook ends: when it finishes, or when the grace period runs out. */
export function preStopEndsAt(c: ContainerRecord): number {
  const k = c.kill;
  if (k === undefined) return 0;
  return Math.min(k.startedAt + (hookRun(c, 'preStop')?.ms ?? 0), k.startedAt + k.graceMs);
}

/** Whether the exited instance stays terminated (no restart). */
export function staysStopped(c: ContainerRecord): boolean {
  const intent = c.kill?.restart ?? 'policy';
  if (intent === 'never') return true;
  if (intent === 'always') return false;
  if (intent === 'unlessNever') return c.config.restartPolicy === 'Never';
  return !restartsAfterExit(c.config.restartPolicy, c.terminated?.exitCode ?? 0);
}

/** Whether a restart must wait: the kubelet's `doBackOff` check from the last `finishedAt`. */
export function inCrashBackOff(c: ContainerRecord, now: number): boolean {
  const finished = c.terminated?.finishedAt ?? c.lastTerminated?.finishedAt;
  return finished !== undefined && isInBackOffSince(c.crashBackOff, finished, now);
}

/** The instance's end becomes `lastState`; the kill is over. */
export function restartPendingPatch(c: ContainerRecord): Patch {
  return { lastTerminated: c.terminated ?? c.lastTerminated, terminated: undefined, kill: undefined };
}

/** `Backoff.Next`: the restart is going ahead, so the next back-off doubles. */
export function backOffNextPatch(c: ContainerRecord, now: number): Patch {
  const finished = c.lastTerminated?.finishedAt ?? now;
  return { crashBackOff: nextBackOff(c.crashBackOff, finished, now) };
}

/** One probe result counted; readiness and `started` follow the thresholds. */
export function probeResultPatch(c: ContainerRecord, kind: ProbeKind, ok: boolean, now: number, tick: boolean): Patch {
  const probe = c.config.probes[kind];
  const prev = c.probes[kind];
  if (probe === undefined || prev === undefined) return {};
  const counted = countResult(prev, ok, probe.periodMs);
  const state = tick ? { ...counted, next: now + probe.periodMs } : { ...counted, next: prev.next };
  const patch: { -readonly [K in keyof ContainerRecord]?: ContainerRecord[K] } = { probes: { ...c.probes, [kind]: state } };
  if (kind === 'readiness' && reachedSuccess(state, probe)) patch.ready = true;
  if (kind === 'readiness' && reachedFailure(state, probe)) patch.ready = false;
  if (kind === 'startup' && reachedSuccess(state, probe)) patch.started = true;
  return patch;
}

/** The probe's result now, from the behaviour. */
export function probeTickResult(c: ContainerRecord, kind: ProbeKind, now: number): { ok: boolean; message: string } {
  const probe = c.config.probes[kind];
  if (probe === undefined) return { ok: true, message: '' };
  return probeAnswerAt(c.behavior, kind, probe, now - (c.startedAt ?? now));
}

/**
 * Probe state of a container a restarted kubelet finds running. As upstream (v1.30 `prober.manager`):
 * the probe workers start afresh, so `started` and `ready` are false until a probe says otherwise
 * (a container without such a probe gets them at once, as after any start), and `UpdatePodStatus`
 * triggers the readiness probe at once instead of waiting a period — though not before the
 * container has started (a startup probe gates it) or its initial delay has passed.
 */
export function resumedProbes(c: Pick<ContainerRecord, 'config'>, startedAt: number, now: number): ContainerRecord['probes'] {
  const readiness = c.config.probes.readiness;
  if (readiness === undefined || c.config.probes.startup !== undefined) return NO_PROBES;
  return { readiness: { ok: 0, fail: 0, next: Math.max(now, startedAt + readiness.initialDelayMs) } };
}

/** Entering `probing`: keep a pending probe time, else start on the probe grid. */
export function probeScheduledPatch(c: ContainerRecord, kind: ProbeKind, now: number): Patch {
  const probe = c.config.probes[kind];
  if (probe === undefined) return {};
  const prev = c.probes[kind];
  if (prev !== undefined && prev.next >= now) return {};
  const next = firstProbeAt(probe, c.startedAt ?? now, now);
  return { probes: { ...c.probes, [kind]: { ok: prev?.ok ?? 0, fail: prev?.fail ?? 0, next } } };
}
