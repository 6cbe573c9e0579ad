import { fromCallback, setup } from 'xstate';

/** Events of the controller manager. */
export type ControllerManagerEvent =
  | { type: 'leader.elected' }
  | { type: 'leader.lost' }
  | { type: 'controller.restart'; name: string }
  | { type: 'manager.stop' };

/**
 * kube-controller-manager: it waits to lead (a Lease in kube-system when leader election is on,
 * at once otherwise), then runs every controller as a child actor (`controller/<name>`); losing the
 * lease stops them all and drops their caches.
 *
 * Named actions provided by `actors/controllerManagerActor.ts`: `startControllers`,
 * `stopControllers`, `restartController`.
 * @public
 */
export const controllerManagerMachine = setup({
  types: {
    context: {} as { readonly identity: string },
    input: {} as { identity: string },
    events: {} as ControllerManagerEvent,
  },
  actors: {
    // Replaced by the Lease-based elector in actors/leaderElector.ts.
    leaderElector: fromCallback<ControllerManagerEvent>(() => () => {}),
  },
  actions: {
    startControllers: () => {},
    stopControllers: () => {},
    restartController: (_, _params: { name: string }) => {},
  },
}).createMachine({
  id: 'kube-controller-manager',
  context: ({ input }) => ({ identity: input.identity }),
  invoke: { id: 'leaderElector', src: 'leaderElector' },
  initial: 'standby',
  states: {
    standby: {
      on: { 'leader.elected': 'leading', 'manager.stop': 'stopped' },
    },
    leading: {
      entry: 'startControllers',
      exit: 'stopControllers',
      on: {
        'leader.lost': 'standby',
        'controller.restart': { actions: { type: 'restartController', params: ({ event }) => ({ name: event.name }) } },
        'manager.stop': 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
