import { enqueueActions, setup, stopChild } from 'xstate';
import type { AnyActorLogic } from 'xstate';

/** Events the cluster root understands. */
export type ClusterEvent =
  | { type: 'component.start'; id: string; systemId: string; logic: AnyActorLogic; input?: unknown }
  | { type: 'component.stop'; id: string }
  | { type: 'cluster.stop' };

/**
 * The root of a cluster's actor system: it starts and stops components (kube-apiserver,
 * kube-controller-manager, kube-scheduler, kubelets, kube-proxies) as children with their real
 * component names as `systemId`, so `system.get('kube-apiserver')` finds them.
 * @public
 */
export const clusterMachine = setup({
  types: {
    context: {} as { components: readonly string[] },
    events: {} as ClusterEvent,
  },
}).createMachine({
  id: 'cluster',
  context: { components: [] },
  initial: 'running',
  states: {
    running: {
      on: {
        'component.start': {
          actions: enqueueActions(({ event, enqueue, context }) => {
            (enqueue.spawnChild as (l: AnyActorLogic, o: { id: string; systemId: string; input: unknown }) => void)(event.logic, { id: event.id, systemId: event.systemId, input: event.input });
            enqueue.assign({ components: [...context.components.filter((c) => c !== event.id), event.id] });
          }),
        },
        'component.stop': {
          actions: enqueueActions(({ event, enqueue, context }) => {
            enqueue(stopChild(event.id));
            enqueue.assign({ components: context.components.filter((c) => c !== event.id) });
          }),
        },
        'cluster.stop': 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
