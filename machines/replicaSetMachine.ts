import { assign, setup } from 'xstate';
import type { ReplicaSetOutcome } from '../src/workloads/lifecycleEvents.ts';

export type { ReplicaSetOutcome } from '../src/workloads/lifecycleEvents.ts';

/** What the {@link replicaSetMachine} is the lifecycle of, in one line. */
export const description =
  'The visible lifecycle of a ReplicaSet or ReplicationController: scalingUp, scalingDown, steady, failedToCreate (the ReplicaFailure condition), following each reconcile outcome.';

/** Context of a ReplicaSet lifecycle actor. */
export interface ReplicaSetMachineContext {
  readonly key: string;
  readonly desired: number;
  readonly active: number;
  readonly ready: number;
  readonly available: number;
  readonly lastError: string | undefined;
}

/**
 * The visible lifecycle of a ReplicaSet or ReplicationController: `scalingUp` while it has fewer
 * active pods than `spec.replicas`, `scalingDown` while it has more, `steady` when they match, and
 * `failedToCreate` when the API server refused a pod (quota, validation: the ReplicaFailure
 * condition). The reconciler decides with pure functions (src/workloads) and reports each outcome
 * as a `replicas.reconciled` event; this chart only records where the object stands.
 * @public
 */
export const replicaSetMachine = setup({
  types: {
    context: {} as ReplicaSetMachineContext,
    input: {} as { key: string },
    events: {} as ReplicaSetOutcome,
  },
  actions: {
    record: assign(({ event }) => ({
      desired: event.desired,
      active: event.active,
      ready: event.ready,
      available: event.available,
      lastError: event.message,
    })),
  },
  guards: {
    failedToCreate: ({ event }) => event.failure === 'FailedCreate',
    tooFew: ({ event }) => event.active < event.desired,
    tooMany: ({ event }) => event.active > event.desired,
  },
}).createMachine({
  id: 'replicaSet',
  context: ({ input }) => ({ key: input.key, desired: 0, active: 0, ready: 0, available: 0, lastError: undefined }),
  initial: 'steady',
  on: {
    'replicas.reconciled': [
      { guard: 'failedToCreate', target: '.failedToCreate', actions: 'record' },
      { guard: 'tooFew', target: '.scalingUp', actions: 'record' },
      { guard: 'tooMany', target: '.scalingDown', actions: 'record' },
      { target: '.steady', actions: 'record' },
    ],
  },
  states: {
    steady: {},
    scalingUp: {},
    scalingDown: {},
    failedToCreate: {},
  },
});
