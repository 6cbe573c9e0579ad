import { derivePodPhase } from '../src/kubelet/podPhase.ts';
import { initialPodContext } from './podContext.ts';
import { driveContainers } from './podDrive.ts';
import { DEADLINE_MESSAGE, podSetup } from './podSetup.ts';

export type { PodMachineOutput } from './podSetup.ts';
export type { PodEvent, PodEventRecord, PodMachineInput } from './podTypes.ts';

/** A one-line description for the machine catalogue. */
export const description = 'A pod on its node: phases Pending → Running → Succeeded | Failed (Unknown when the node is lost), init containers in order, graceful and force deletion, activeDeadlineSeconds, eviction.';

const onEvent = driveContainers('event');

/**
 * The lifecycle of one bound pod on its node, as the kubelet runs it.
 *
 * **States.** `active` has two regions: `phase` (`pending` → `running` → `succeeded` | `failed`;
 * `unknown` while the node is lost) — the pod's `status.phase`, moved by kubelet's `getPhase` rule
 * over the containers — and `lifecycle` (`alive`, with the `activeDeadlineSeconds` timer;
 * `halting`/`halted` when the kubelet fails the pod; `terminating` during a deletion). The machine
 * ends in the final state `terminated` once a deleted pod's containers have all stopped.
 *
 * **Containers** are not child actors (an idle pod must cost ≤ 8 KiB): each is a slot
 * `{ value, context }` of {@link containerMachine} in `context.containers`, init containers first,
 * stepped with XState's pure transition function. Their `after` timers become this actor's own
 * delayed `container.timer` events, so every timer runs on the cluster clock.
 *
 * **Contract with the kubelet wiring** (`actors/kubeletActor.ts`):
 * - Create one actor per pod bound to the node:
 *   `createActor(podMachine.provide({ actions: { writeStatus, recordEvent } }), { clock, input: { pod, clock, behaviors, imagePresent } })`,
 *   with `behaviors[name] = resolveBehavior(pod, container, profiles, imagePolicy)` and the cluster clock
 *   both as the actor's `clock` option and as `input.clock`.
 * - Send `pod.delete` (`gracePeriodSeconds` = `metadata.deletionGracePeriodSeconds`) when the pod gets a
 *   `deletionTimestamp`, and again if the grace period is shortened; `gracePeriodSeconds: 0` when the
 *   object was force-deleted. Send `container.imageChanged` when a container's `image` changes,
 *   `pod.evict` for node-pressure eviction, `node.lost` / `node.recovered` for the node.
 * - `writeStatus` is a signal (no parameters): after the current macrostep, read `actor.getSnapshot()`
 *   and write `derivePodStatus(snapshot, pod, { hostIP, podIPs })` through the `status` subresource
 *   when it differs from the last write (a batched writer coalesces bursts).
 * - `recordEvent` receives `{ type, reason, message, fieldPath? }` for an Event about the pod.
 * - `cluster.logs(pod, container, opts)` is `containerLogs(actor.getSnapshot().context, container, clock.now(), opts)`.
 * - When the snapshot's `status` is `'done'` (state `terminated`): unless `output.forced`, write the
 *   final status and confirm the deletion (DELETE with grace 0 and the pod's uid as precondition);
 *   then drop the actor. A force-deleted pod's object is already gone.
 * - Stopping an actor cancels its timers. A fresh actor built from the store after a kubelet restart
 *   gets the status the previous run wrote as `input.restored`: containers carry on from it (running
 *   ones keep their `startedAt` and `restartCount`, exited ones follow their restart policy and
 *   back-off, completed init containers stay completed); only probes start afresh.
 * @public
 */
export const podMachine = podSetup.createMachine({
  id: 'pod',
  context: ({ input }) => initialPodContext(input),
  initial: 'active',
  output: ({ context }) => ({ phase: derivePodPhase(context.containers, context.restartPolicy, true), forced: context.deletion?.forced ?? false }),
  states: {
    active: {
      type: 'parallel',
      entry: driveContainers('advance'),
      on: { 'container.timer': { actions: onEvent }, 'container.exited': { actions: onEvent }, 'probe.result': { actions: onEvent }, 'container.imageChanged': { actions: onEvent } },
      states: {
        phase: {
          initial: 'pending',
          states: {
            pending: {
              initial: 'initializing',
              states: { initializing: { always: { guard: 'initialized', target: 'startingContainers' } }, startingContainers: {} },
              always: [{ guard: 'phaseFailed', target: 'failed' }, { guard: 'phaseSucceeded', target: 'succeeded' }, { guard: 'phaseRunning', target: 'running' }],
              on: { 'node.lost': 'unknown' },
            },
            running: {
              always: [{ guard: 'phaseFailed', target: 'failed' }, { guard: 'phaseSucceeded', target: 'succeeded' }],
              on: { 'node.lost': 'unknown' },
            },
            succeeded: { entry: 'writeStatus' },
            failed: { entry: 'writeStatus' },
            unknown: { entry: 'writeStatus', on: { 'node.recovered': { target: 'pending', actions: 'writeStatus' } } },
          },
        },
        lifecycle: {
          initial: 'alive',
          on: { 'pod.delete': { target: '.terminating', actions: 'markDeletion' } },
          states: {
            alive: {
              initial: 'deadlineCheck',
              on: { 'pod.evict': { target: 'halting', actions: ['markEvicted', 'writeStatus'] } },
              states: {
                deadlineCheck: { always: [{ guard: 'hasDeadline', target: 'counting' }, { target: 'unlimited' }] },
                counting: {
                  after: {
                    activeDeadline: {
                      guard: 'phaseNotTerminal',
                      target: '#pod.active.lifecycle.halting',
                      actions: ['markDeadlineExceeded', { type: 'recordEvent', params: { type: 'Warning', reason: 'DeadlineExceeded', message: DEADLINE_MESSAGE } }, 'writeStatus'],
                    },
                  },
                },
                unlimited: {},
              },
            },
            halting: { entry: driveContainers('halt'), always: { guard: 'allStopped', target: 'halted' } },
            halted: {},
            terminating: {
              entry: driveContainers('deletion'),
              on: { 'pod.delete': { actions: ['markDeletion', driveContainers('deletion')] } },
              always: { guard: 'allStopped', target: '#pod.terminated' },
            },
          },
        },
      },
    },
    terminated: { type: 'final', entry: 'writeStatus' },
  },
});
