import { assign, setup } from 'xstate';
import type { RolloutObserved } from '../src/workloads/lifecycleEvents.ts';

export type { RolloutObserved } from '../src/workloads/lifecycleEvents.ts';

/** Context of a Deployment rollout actor. */
export interface DeploymentRolloutContext {
  readonly key: string;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly available: boolean;
  readonly revision: string | undefined;
  readonly newReplicaSet: string | undefined;
}

const PROGRESSING_REASONS = new Set(['NewReplicaSetCreated', 'FoundNewReplicaSet', 'ReplicaSetUpdated', 'DeploymentResumed']);

/**
 * The visible rollout state of a Deployment, following the `Progressing` condition the controller
 * writes: `progressing` (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated, DeploymentResumed),
 * `complete` (NewReplicaSetAvailable), `failed` (ProgressDeadlineExceeded or ReplicaSetCreateError,
 * Progressing=False) and `paused` (DeploymentPaused). Without a progress deadline the state follows
 * upstream's `DeploymentComplete` instead. The controller reports every sync as `rollout.observed`.
 * @public
 */
export const deploymentRolloutMachine = setup({
  types: {
    context: {} as DeploymentRolloutContext,
    input: {} as { key: string },
    events: {} as RolloutObserved,
  },
  actions: {
    record: assign(({ event }) => ({
      reason: event.progressing?.reason,
      message: event.progressing?.message,
      available: event.available,
      revision: event.revision,
      newReplicaSet: event.newReplicaSet,
    })),
  },
  guards: {
    paused: ({ event }) => event.paused || event.progressing?.reason === 'DeploymentPaused',
    failed: ({ event }) => event.progressing?.status === 'False',
    complete: ({ event }) => (event.progressing === undefined ? event.complete : event.progressing.reason === 'NewReplicaSetAvailable'),
    progressing: ({ event }) => event.progressing === undefined || PROGRESSING_REASONS.has(event.progressing.reason),
  },
}).createMachine({
  id: 'deploymentRollout',
  context: ({ input }) => ({ key: input.key, reason: undefined, message: undefined, available: false, revision: undefined, newReplicaSet: undefined }),
  initial: 'progressing',
  on: {
    'rollout.observed': [
      { guard: 'paused', target: '.paused', actions: 'record' },
      { guard: 'failed', target: '.failed', actions: 'record' },
      { guard: 'complete', target: '.complete', actions: 'record' },
      { guard: 'progressing', target: '.progressing', actions: 'record' },
      { actions: 'record' },
    ],
  },
  states: {
    progressing: {},
    complete: {},
    failed: {},
    paused: {},
  },
});
