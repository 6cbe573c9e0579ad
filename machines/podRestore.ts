import type { ContainerStateTerminated, ContainerStatus, PodStatus } from 'kubernetes-types/core/v1.js';
import { parseTimestamp } from '../src/apiserver/timestamps.ts';
import type { Termination } from '../src/kubelet/containerRecord.ts';
import { parseImageRef } from '../src/kubelet/imageRef.ts';
import type { PodConditionState } from '../src/kubelet/podRecord.ts';
import { containerIdOf } from '../src/kubelet/runtimeIds.ts';
import type { RestoredContainer } from './containerSetup.ts';

const time = (s: string | undefined): number | undefined => {
  const t = parseTimestamp(s);
  return Number.isFinite(t) ? t : undefined;
};

// Go's `time.Duration` text as kubelet writes it in back-off messages (`10s`, `1m20s`, `5m0s`).
function parseGoDuration(text: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (m === null || text === '') return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

// Which instance a container ID names (IDs derive from the instance's restart count); `guess` first.
function instanceOf(containerID: string | undefined, runtimeId: string, name: string, guess: number, max: number): number {
  if (containerID === undefined) return Math.max(0, guess);
  for (const k of [guess, ...Array.from({ length: max + 1 }, (_, i) => i)]) {
    if (k >= 0 && containerIdOf(runtimeId, name, k) === containerID) return k;
  }
  return Math.max(0, guess);
}

function termination(t: ContainerStateTerminated | undefined, runtimeId: string, name: string, guess: number, max: number): Termination | undefined {
  const finishedAt = time(t?.finishedAt);
  if (t === undefined || finishedAt === undefined) return undefined;
  return {
    exitCode: t.exitCode,
    reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
    message: t.message,
    startedAt: time(t.startedAt) ?? finishedAt,
    finishedAt,
    restartCount: instanceOf(t.containerID, runtimeId, name, guess, max),
  };
}

/**
 * What the container runtime kept of one container across a kubelet restart, read back from the
 * container's last written status (`runtimeId`: the pod sandbox id its container IDs derive from,
 * the pod's uid). Running: the same instance, same `startedAt`. Terminated: that end. Waiting in
 * CrashLoopBackOff: the last instance's end and the back-off it waits out (from the status message;
 * upstream keeps its back-off in the kubelet's memory and so starts it again at 10 s — here it
 * resumes, as issue #4 asks). Other waiting states: only the counts and `lastState`.
 */
export function restoredContainer(status: ContainerStatus, runtimeId: string, specImage: string): RestoredContainer {
  const name = status.name;
  const restartCount = status.restartCount ?? 0;
  const state = status.state ?? {};
  const running = time(state.running?.startedAt);
  if (running !== undefined) {
    const image = status.image;
    // An instance of an image the spec no longer names: the kubelet sees the change and restarts it.
    const stale = image !== undefined && image !== '' && image !== specImage && image !== parseImageRef(specImage).full;
    return { restartCount, startedAt: running, lastTerminated: termination(status.lastState?.terminated, runtimeId, name, restartCount - 1, restartCount), ...(stale ? { image } : {}) };
  }
  const ended = termination(state.terminated, runtimeId, name, restartCount, restartCount);
  if (ended !== undefined) return { restartCount, terminated: ended, lastTerminated: termination(status.lastState?.terminated, runtimeId, name, restartCount - 1, restartCount) };
  const last = termination(status.lastState?.terminated, runtimeId, name, restartCount, restartCount);
  if (last !== undefined && state.waiting?.reason === 'CrashLoopBackOff') {
    const ms = parseGoDuration(/^back-off (\S+) restarting/.exec(state.waiting.message ?? '')?.[1] ?? '');
    // The back-off moved on (client-go `Backoff.Next`) when that instance was started.
    return { restartCount, terminated: last, ...(ms !== undefined && ms > 0 ? { crashBackOff: { ms, updatedAt: last.startedAt } } : {}) };
  }
  return { restartCount, lastTerminated: last };
}

/** The pod's `status.startTime` from a written status, if it has a valid one. */
export function restoredStartTime(status: PodStatus | undefined): number | undefined {
  return time(status?.startTime);
}

/** The Initialized and ContainersReady conditions a written status shows (with their transition times), else `fallback`'s. */
export function restoredConditions(status: PodStatus | undefined, fallback: PodConditionState): PodConditionState {
  const read = (type: string): { ok: boolean; at: number } | undefined => {
    const c = status?.conditions?.find((x) => x.type === type);
    const at = time(c?.lastTransitionTime);
    return c === undefined || at === undefined ? undefined : { ok: c.status === 'True', at };
  };
  const init = read('Initialized');
  const ready = read('ContainersReady');
  return {
    initialized: init?.ok ?? fallback.initialized,
    initializedAt: init?.at ?? fallback.initializedAt,
    containersReady: ready?.ok ?? fallback.containersReady,
    containersReadyAt: ready?.at ?? fallback.containersReadyAt,
  };
}
