import type { ContainerRecord } from '../src/kubelet/containerRecord.ts';
import { formatGoDuration } from '../src/kubelet/goDuration.ts';
import { hookRun, resumedProbes } from './containerLogic.ts';
import { probeRegion } from './containerProbeStates.ts';
import { containerSetup } from './containerSetup.ts';
import type { ContainerInput } from './containerSetup.ts';

export type { ContainerEvent, ContainerEventRecord, ContainerInput, RestoredContainer } from './containerSetup.ts';

/** A one-line description for the machine catalogue. */
export const description = 'One container of a pod as the kubelet runs it: image pull with back-off, create, postStart, probes, exit, restart policy with CrashLoopBackOff, preStop/TERM/KILL.';

const ev = (type: 'Normal' | 'Warning', reason: string, message: (c: ContainerRecord) => string) =>
  ({ type: 'recordEvent', params: ({ context }: { context: ContainerRecord }) => ({ type, reason, message: message(context) }) }) as const;

/**
 * The container machine's initial context for `input` (what its `context` factory computes); with
 * `input.restored`, the record the container runtime kept across a kubelet restart: same instance
 * (`restartCount`, `startedAt`), same last termination, probes started afresh.
 */
export function initialContainerRecord(input: ContainerInput): ContainerRecord {
  const fresh: ContainerRecord = {
    clock: input.clock, config: input.config, image: input.image, behavior: input.behavior, imagePresent: input.imagePresent ?? false,
    restartCount: 0, startedAt: undefined, terminated: undefined, lastTerminated: undefined, started: false, ready: false, probes: {},
    crashBackOff: undefined, pullBackOff: undefined, kill: undefined, discardedReason: undefined,
  };
  const r = input.restored;
  if (r === undefined) return fresh;
  const ran = r.startedAt !== undefined || r.terminated !== undefined || r.lastTerminated !== undefined;
  return {
    ...fresh,
    image: r.image ?? input.image,
    imagePresent: fresh.imagePresent || ran,
    restartCount: r.restartCount,
    startedAt: r.startedAt,
    terminated: r.startedAt === undefined ? r.terminated : undefined,
    lastTerminated: r.lastTerminated,
    crashBackOff: r.crashBackOff,
    probes: r.startedAt === undefined ? fresh.probes : resumedProbes(input, r.startedAt, input.clock.now()),
  };
}

const started = [ev('Normal', 'Created', (c) => `Created container ${c.config.name}`), ev('Normal', 'Started', (c) => `Started container ${c.config.name}`)] as const;
const exited = '#container.exited';

/**
 * The lifecycle of one container (kubelet `kuberuntime` semantics), states as in `containerStatuses`:
 * `waiting` (ContainerCreating, ErrImagePull, ImagePullBackOff, ErrImageNeverPull, CreateContainerConfigError,
 * CrashLoopBackOff), `running` (process ∥ startup ∥ readiness ∥ liveness probes), `stopping`
 * (preStop, then SIGTERM, SIGKILL at the end of the grace period; the status still says running),
 * `terminated` (Completed, Error, OOMKilled) and `discarded` (stopped before it ever ran).
 *
 * Restart after an exit follows the container's effective restart policy (seeds 4.20–4.24) and the
 * kubelet's back-off (first restart at once, then 10 s doubling to 300 s, reset when the container
 * ran 10 minutes). Timers are `after` delays; the pod machine runs this machine through XState's
 * pure transition function and turns the delays into its own delayed events.
 * @public
 */
export const containerMachine = containerSetup.createMachine({
  id: 'container',
  context: ({ input }) => initialContainerRecord(input),
  initial: 'idle',
  states: {
    idle: {
      on: {
        // A container found after a kubelet restart carries on: still running (no Created/Started
        // events, as upstream), or exited and then as its restart policy and back-off say.
        'container.start': [{ guard: 'restoredRunning', target: 'running' }, { guard: 'restoredExit', target: 'exited' }, { target: 'waiting' }],
        'container.kill': { target: 'discarded', actions: { type: 'markDiscarded', params: { reason: '' } } },
        'container.imageChanged': { actions: 'changeImage' },
      },
    },
    waiting: {
      initial: 'preparing',
      on: {
        'container.kill': [
          { guard: 'hasLastTermination', target: 'terminated', actions: 'restoreLastTermination' },
          { target: 'discarded', actions: { type: 'markDiscarded', params: { reason: 'ContainerCreating' } } },
        ],
        'container.imageChanged': { target: '.preparing', reenter: true, actions: 'changeImage' },
      },
      states: {
        preparing: {
          always: [
            { guard: 'hasConfigError', target: 'configError' },
            { guard: 'cannotPull', target: 'imageNeverPull' },
            { guard: 'needsPull', target: 'pulling' },
            { target: 'creating', actions: ev('Normal', 'Pulled', (c) => `Container image "${c.image}" already present on machine`) },
          ],
        },
        configError: { entry: ev('Warning', 'Failed', (c) => `Error: ${c.behavior.configError ?? ''}`) },
        imageNeverPull: { entry: ev('Warning', 'ErrImageNeverPull', (c) => `Container image "${c.image}" is not present with pull policy of Never`) },
        pulling: {
          entry: ev('Normal', 'Pulling', (c) => `Pulling image "${c.image}"`),
          after: {
            pullDelay: [
              { guard: 'pullFails', target: 'errImagePull', actions: ['markPullFailed', ev('Warning', 'Failed', (c) => `Failed to pull image "${c.image}": ${c.behavior.pull.error ?? ''}`)] },
              { target: 'creating', actions: ['markPulled', ev('Normal', 'Pulled', (c) => `Successfully pulled image "${c.image}" in ${formatGoDuration(c.behavior.pull.ms)} (${formatGoDuration(c.behavior.pull.ms)} including waiting)`)] },
            ],
          },
        },
        errImagePull: { after: { errImagePullShown: 'imagePullBackOff' } },
        imagePullBackOff: { entry: ev('Normal', 'BackOff', (c) => `Back-off pulling image "${c.image}"`), after: { imagePullBackOff: 'pulling' } },
        creating: {
          after: {
            createDelay: [
              { guard: 'postStartEndless', target: 'postStartBlocked', actions: ['markStarted', ...started] },
              { guard: 'hasPostStart', target: 'postStart', actions: ['markStarted', ...started] },
              { target: '#container.running', actions: ['markStarted', ...started] },
            ],
          },
        },
        postStart: {
          after: {
            postStartDelay: [
              { guard: 'postStartFails', target: '#container.stopping', actions: ['markPostStartKill', ev('Warning', 'FailedPostStartHook', () => 'PostStartHook failed')] },
              { target: '#container.running' },
            ],
          },
          on: { 'container.kill': { target: '#container.stopping', actions: 'markKill' }, 'container.exited': { target: exited, actions: 'markExited' }, 'container.imageChanged': { target: '#container.stopping', actions: ['changeImage', 'markSpecChangeKill'] } },
        },
        postStartBlocked: {
          on: { 'container.kill': { target: '#container.stopping', actions: 'markKill' }, 'container.exited': { target: exited, actions: 'markExited' }, 'container.imageChanged': { target: '#container.stopping', actions: ['changeImage', 'markSpecChangeKill'] } },
        },
        crashLoopBackOff: {
          entry: ev('Warning', 'BackOff', (c) => `Back-off restarting failed container ${c.config.name}`),
          after: { crashBackOff: { target: 'preparing', actions: 'markBackOffNext' } },
        },
      },
    },
    running: {
      type: 'parallel',
      on: {
        'container.kill': { target: 'stopping', actions: 'markKill' },
        'container.exited': { target: 'exited', actions: 'markExited' },
        'container.imageChanged': { target: 'stopping', actions: ['changeImage', 'markSpecChangeKill'] },
      },
      states: {
        process: {
          initial: 'deciding',
          states: {
            deciding: { always: [{ guard: 'processEnds', target: 'mortal' }, { target: 'immortal' }] },
            mortal: { after: { processEnd: { target: exited, actions: 'markProcessEnded' } } },
            immortal: {},
          },
        },
        startup: probeRegion('startup'),
        readiness: probeRegion('readiness'),
        liveness: probeRegion('liveness'),
      },
    },
    stopping: {
      id: 'stopping',
      entry: ev('Normal', 'Killing', (c) => c.kill?.message ?? `Stopping container ${c.config.name}`),
      initial: 'deciding',
      on: { 'container.exited': { target: 'exited', actions: 'markExited' } },
      states: {
        deciding: { always: [{ guard: 'preStopRuns', target: 'preStop' }, { target: 'signalling' }] },
        preStop: {
          on: { 'container.kill': { target: 'preStop', reenter: true, actions: 'markKill' } },
          after: {
            preStopDelay: [
              { guard: 'preStopFails', target: 'signalling', actions: ev('Warning', 'FailedPreStopHook', (c) => `PreStopHook failed${hookRun(c, 'preStop')?.exitCode === 0 ? ': timed out' : ''}`) },
              { target: 'signalling' },
            ],
          },
        },
        signalling: { entry: 'markSignalled', always: [{ guard: 'honoursTerm', target: 'terminating' }, { target: 'ignoringTerm' }] },
        terminating: {
          on: { 'container.kill': { target: 'terminating', reenter: true, actions: 'markKill' } },
          after: { termExit: { target: exited, actions: 'markTermExit' }, killDelay: { target: exited, actions: 'markKilled' } },
        },
        ignoringTerm: {
          on: { 'container.kill': { target: 'ignoringTerm', reenter: true, actions: 'markKill' } },
          after: { killDelay: { target: exited, actions: 'markKilled' } },
        },
      },
    },
    exited: {
      id: 'exited',
      always: [
        { guard: 'staysStopped', target: 'terminated' },
        { guard: 'inCrashBackOff', target: 'waiting.crashLoopBackOff', actions: 'markRestartPending' },
        { target: 'waiting', actions: ['markRestartPending', 'markBackOffNext'] },
      ],
    },
    terminated: { type: 'final' },
    discarded: { type: 'final' },
  },
});
