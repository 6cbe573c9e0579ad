import type { ContainerState, ContainerStateTerminated, ContainerStatus } from 'kubernetes-types/core/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';
import type { ContainerSlot, Termination } from './containerRecord.ts';
import { containerView } from './containerView.ts';
import { formatGoDuration } from './goDuration.ts';
import { parseImageRef } from './imageRef.ts';
import { containerIdOf, imageIdOf } from './runtimeIds.ts';

/** What a container status needs besides the slot: the pod (for messages and IDs) and the idle reason. */
export interface ContainerStatusContext {
  /** `name_namespace(uid)`, as kubelet's `format.Pod`. */
  readonly podRef: string;
  /** The pod sandbox id container IDs derive from. */
  readonly runtimeId: string;
  /** Reason shown by a container the pod has not started yet: `PodInitializing` or `ContainerCreating`. */
  readonly idleReason: string;
}

function terminated(t: Termination, name: string, ctx: ContainerStatusContext): ContainerStateTerminated {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    ...(t.message !== undefined ? { message: t.message } : {}),
    startedAt: rfc3339(t.startedAt),
    finishedAt: rfc3339(t.finishedAt),
    containerID: containerIdOf(ctx.runtimeId, name, t.restartCount),
  };
}

function waitingMessage(slot: ContainerSlot, reason: string, ctx: ContainerStatusContext): string | undefined {
  const c = slot.context;
  switch (reason) {
    case 'CrashLoopBackOff':
      return `back-off ${formatGoDuration(c.crashBackOff?.ms ?? 0)} restarting failed container=${c.config.name} pod=${ctx.podRef}`;
    case 'ImagePullBackOff':
      return `Back-off pulling image "${c.image}"`;
    case 'ErrImagePull':
      return c.behavior.pull.error;
    case 'ErrImageNeverPull':
      return `Container image "${c.image}" is not present with pull policy of Never`;
    case 'CreateContainerConfigError':
      return c.behavior.configError;
    default:
      return undefined;
  }
}

/**
 * One entry of `containerStatuses` / `initContainerStatuses`, from a container slot of the pod
 * machine: `state` and `lastState`, `ready`, `started`, `restartCount`, `image`, `imageID` and
 * `containerID` (deterministic, from `ctx.runtimeId`).
 */
export function deriveContainerStatus(slot: ContainerSlot, ctx: ContainerStatusContext): ContainerStatus {
  const c = slot.context;
  const name = c.config.name;
  const v = containerView(slot);
  let state: ContainerState;
  let containerID: string | undefined;
  if (v.state === 'running') {
    containerID = containerIdOf(ctx.runtimeId, name, c.restartCount);
    state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
  } else if (v.state === 'terminated' && v.terminated !== undefined) {
    state = { terminated: terminated(v.terminated, name, ctx) };
    containerID = state.terminated?.containerID;
  } else {
    const reason = v.waitingReason === '' ? ctx.idleReason : v.waitingReason;
    const message = waitingMessage(slot, reason, ctx);
    state = { waiting: { reason, ...(message !== undefined ? { message } : {}) } };
    // A container running its postStart hook already has a process.
    if (c.startedAt !== undefined) containerID = containerIdOf(ctx.runtimeId, name, c.restartCount);
  }
  const ran = containerID !== undefined || v.lastTerminated !== undefined;
  const status: ContainerStatus = {
    name,
    state,
    lastState: v.lastTerminated !== undefined ? { terminated: terminated(v.lastTerminated, name, ctx) } : {},
    ready: v.state === 'running' && c.ready,
    restartCount: c.restartCount,
    image: ran ? parseImageRef(c.image).full : c.image,
    imageID: ran || c.imagePresent ? imageIdOf(c.image) : '',
    started: v.state === 'running' && c.started,
  };
  if (containerID !== undefined) status.containerID = containerID;
  return status;
}
