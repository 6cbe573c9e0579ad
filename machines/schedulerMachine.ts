import { assign, fromCallback, setup } from 'xstate';

/** Events of the kube-scheduler actor. */
export type SchedulerEvent =
  | { type: 'informers.synced' }
  | { type: 'queue.ready' }
  | { type: 'pod.popped'; pod: string }
  | { type: 'cycle.scheduled'; nodeName: string }
  | { type: 'cycle.unschedulable'; message: string }
  | { type: 'cycle.preempting'; nominatedNodeName: string; message: string }
  | { type: 'cycle.skipped' }
  | { type: 'bind.succeeded' }
  | { type: 'bind.failed'; message: string }
  | { type: 'wakeup.at'; delayMs: number }
  | { type: 'wakeup.cancel' }
  | { type: 'scheduler.stop' };

/** Context of the kube-scheduler actor: counters only (queue and cache live in the wiring). */
export interface SchedulerContext {
  /** `namespace/name` of the pod in its scheduling or binding cycle. */
  readonly current: string | undefined;
  readonly attempts: number;
  readonly scheduled: number;
  readonly unschedulable: number;
  readonly preemptions: number;
  readonly bindFailures: number;
  /** Delay of the armed queue wake-up (backoff expiry or the unschedulable-pool timeout). */
  readonly wakeupDelayMs: number;
}

/**
 * kube-scheduler's loop (upstream `scheduleOne`) as a statechart: it waits for its caches, then
 * takes one pod at a time from the scheduling queue through a scheduling cycle and, when a node
 * was found, an asynchronous binding cycle. A second region holds one timer, armed at the queue's
 * next wake-up (a backoff expiring, or a pod reaching 5 minutes in the unschedulable pool), whose
 * expiry flushes both into the active queue.
 *
 * Named actions provided by `actors/schedulerActor.ts`: `popNext` (pops a pod → `pod.popped`,
 * or arms the wake-up when the queue is empty), `runCycle` (→ `cycle.*`), `assume`, `bind`
 * (→ `bind.*`), `finishBinding`, `forget`, `preempt`, `handleFailure`, `skip`, `flushQueues`.
 * @public
 */
export const schedulerMachine = setup({
  types: {
    context: {} as SchedulerContext,
    events: {} as SchedulerEvent,
  },
  actors: {
    // Replaced by the informer and queue wiring in actors/schedulerActor.ts.
    wiring: fromCallback<SchedulerEvent>(() => () => {}),
  },
  actions: {
    popNext: () => {},
    runCycle: () => {},
    assume: (_, _params: { nodeName: string }) => {},
    bind: () => {},
    finishBinding: () => {},
    forget: () => {},
    preempt: (_, _params: { nominatedNodeName: string }) => {},
    handleFailure: (_, _params: { message: string }) => {},
    skip: () => {},
    flushQueues: () => {},
    startAttempt: assign({ current: (_, params: { pod: string }) => params.pod, attempts: ({ context }) => context.attempts + 1 }),
    countScheduled: assign({ current: undefined, scheduled: ({ context }) => context.scheduled + 1 }),
    countUnschedulable: assign({ current: undefined, unschedulable: ({ context }) => context.unschedulable + 1 }),
    countPreemption: assign({ current: undefined, preemptions: ({ context }) => context.preemptions + 1 }),
    countBindFailure: assign({ current: undefined, bindFailures: ({ context }) => context.bindFailures + 1 }),
    clearCurrent: assign({ current: undefined }),
    setWakeup: assign({ wakeupDelayMs: (_, params: { delayMs: number }) => params.delayMs }),
  },
  delays: {
    wakeup: ({ context }) => context.wakeupDelayMs,
  },
}).createMachine({
  id: 'kube-scheduler',
  context: { current: undefined, attempts: 0, scheduled: 0, unschedulable: 0, preemptions: 0, bindFailures: 0, wakeupDelayMs: 0 },
  invoke: { id: 'wiring', src: 'wiring' },
  initial: 'waitingForCacheSync',
  states: {
    waitingForCacheSync: {
      on: { 'informers.synced': 'running', 'scheduler.stop': 'stopped' },
    },
    running: {
      type: 'parallel',
      on: { 'scheduler.stop': 'stopped' },
      states: {
        loop: {
          initial: 'idle',
          states: {
            idle: {
              entry: 'popNext',
              on: {
                'queue.ready': { actions: 'popNext' },
                'pod.popped': { target: 'scheduling', actions: { type: 'startAttempt', params: ({ event }) => ({ pod: event.pod }) } },
              },
            },
            scheduling: {
              entry: 'runCycle',
              on: {
                'cycle.scheduled': { target: 'binding', actions: { type: 'assume', params: ({ event }) => ({ nodeName: event.nodeName }) } },
                'cycle.unschedulable': { target: 'idle', actions: [{ type: 'handleFailure', params: ({ event }) => ({ message: event.message }) }, 'countUnschedulable'] },
                'cycle.preempting': {
                  target: 'idle',
                  actions: [
                    { type: 'preempt', params: ({ event }) => ({ nominatedNodeName: event.nominatedNodeName }) },
                    { type: 'handleFailure', params: ({ event }) => ({ message: event.message }) },
                    'countPreemption',
                  ],
                },
                'cycle.skipped': { target: 'idle', actions: ['skip', 'clearCurrent'] },
              },
            },
            binding: {
              entry: 'bind',
              on: {
                'bind.succeeded': { target: 'idle', actions: ['finishBinding', 'countScheduled'] },
                'bind.failed': { target: 'idle', actions: ['forget', { type: 'handleFailure', params: ({ event }) => ({ message: event.message }) }, 'countBindFailure'] },
              },
            },
          },
        },
        wakeup: {
          initial: 'unarmed',
          on: {
            'wakeup.at': { target: '.armed', reenter: true, actions: { type: 'setWakeup', params: ({ event }) => ({ delayMs: event.delayMs }) } },
            'wakeup.cancel': '.unarmed',
          },
          states: {
            unarmed: {},
            armed: {
              after: { wakeup: { target: 'unarmed', actions: 'flushQueues' } },
            },
          },
        },
      },
    },
    stopped: { type: 'final' },
  },
});
