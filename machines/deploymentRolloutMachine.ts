import { assign, setup } from 'xstate';
import type { RolloutObserved } from '../src/workloads/lifecycleEvents.ts';

export type { RolloutObserved } from '../src/workloads/lifecycleEvents.ts';

/** What the {@link deploymentRolloutMachine} is the lifecycle of, in one line. */
export const description =
  'The rollout state of a Deployment following its Progressing condition: progressing, complete (NewReplicaSetAvailable), failed (ProgressDeadlineExceeded), paused (DeploymentPaused).';

/** Context of a Deployment rollout actor. */
export interface DeploymentRolloutContext {
  readonly key: string;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  readonly available: boolean;
  readonly revision: string | undefined;
  readonly newReplicaSet: string | undefined;
}

/**
 * The visible rollout state of a Deployment, following the `Progressing` condition the controller
 * writes: `progressing` (NewReplicaSetCreated, FoundNewReplicaSet, ReplicaSetUpdated, DeploymentResumed),
 * `complete` (NewReplicaSetAvailable), `failed` (ProgressDeadlineExceeded or ReplicaSetCreateError,
 * Progressing=False) and `paused` (DeploymentPaused); any other reason counts as progressing. Without a
 * progress deadline the state follows upstream's `DeploymentComplete` instead. The controller reports every sync as `rollout.observed`.
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
      { target: '.progressing', actions: 'record' },
    ],
  },
  states: {
    progressing: {},
    complete: {},
    failed: {},
    paused: {},
  },
});
