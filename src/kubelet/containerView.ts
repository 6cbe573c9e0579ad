import type { ContainerSlot, Termination } from './containerRecord.ts';

/** The container's state as `containerStatuses[].state` has it. */
export interface ContainerView {
  readonly state: 'waiting' | 'running' | 'terminated';
  /** The waiting reason; `''` while the container has not been started by the pod (PodInitializing or ContainerCreating). */
  readonly waitingReason: string;
  readonly terminated: Termination | undefined;
  readonly lastTerminated: Termination | undefined;
  readonly running: boolean;
}

const WAITING_REASON: Readonly<Record<string, string>> = {
  preparing: 'ContainerCreating',
  pulling: 'ContainerCreating',
  creating: 'ContainerCreating',
  postStart: 'ContainerCreating',
  postStartBlocked: 'ContainerCreating',
  configError: 'CreateContainerConfigError',
  imageNeverPull: 'ErrImageNeverPull',
  errImagePull: 'ErrImagePull',
  imagePullBackOff: 'ImagePullBackOff',
  crashLoopBackOff: 'CrashLoopBackOff',
};

/** The top-level state of a container machine value, and its child (for `waiting`). */
export function containerStateName(value: ContainerSlot['value']): { top: string; sub: string | undefined } {
  if (typeof value === 'string') return { top: value, sub: undefined };
  const top = Object.keys(value)[0] ?? '';
  const sub = value[top];
  return { top, sub: typeof sub === 'string' ? sub : undefined };
}

function view(state: ContainerView['state'], waitingReason: string, slot: ContainerSlot, running: boolean): ContainerView {
  return { state, waitingReason, terminated: slot.context.terminated, lastTerminated: slot.context.lastTerminated, running };
}

/** Reads a container slot as kubelet's container status state. */
export function containerView(slot: ContainerSlot): ContainerView {
  let v: ContainerView;
  const { top, sub } = containerStateName(slot.value);
  switch (top) {
    case 'running':
    case 'stopping':
      v = view('running', '', slot, true);
      break;
    case 'terminated':
    case 'exited':
      v = view('terminated', '', slot, false);
      break;
    case 'waiting':
      v = view('waiting', WAITING_REASON[sub ?? ''] ?? 'ContainerCreating', slot, sub === 'postStart' || sub === 'postStartBlocked');
      break;
    case 'discarded':
      v = view('waiting', slot.context.discardedReason ?? '', slot, false);
      break;
    default:
      v = view('waiting', '', slot, false);
  }
  return v;
}

/** Whether a container has no process (it is neither running, starting its hook, nor stopping). */
export function isStopped(slot: ContainerSlot): boolean {
  return !containerView(slot).running;
}
