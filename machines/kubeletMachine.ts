import { fromCallback, sendTo, setup } from 'xstate';
import type { NowSource } from '../src/kubelet/containerRecord.ts';
import { nodeMachine } from './nodeMachine.ts';

/** A one-line description for the machine catalogue. */
export const description = 'A node\'s kubelet process: running (connected or cut off from the API server) or stopped; while running it runs its node and its pods.';

/** Events of a kubelet. */
export type KubeletEvent = { type: 'kubelet.stop' } | { type: 'kubelet.start' } | { type: 'kubelet.partition' } | { type: 'kubelet.heal' };

/**
 * The kubelet of one node (systemId `kubelet/<node>`). While `running` it invokes its node's
 * statechart (`nodeMachine`: registration, status, Lease) and its pod manager (one `podMachine` per
 * pod bound to the node); `stopped` stops both (no heartbeats, no status); `partitioned` keeps them
 * running but cut off from the API server (named actions `disconnect` / `reconnect`).
 * @public
 */
export const kubeletMachine = setup({
  types: { context: {} as { readonly node: string; readonly clock: NowSource }, input: {} as { node: string; clock: NowSource }, events: {} as KubeletEvent },
  actors: {
    // Both provided with their wiring by actors/kubeletActor.ts.
    node: nodeMachine,
    podManager: fromCallback<KubeletEvent>(() => () => {}),
  },
  actions: {
    disconnect: () => {},
    reconnect: () => {},
  },
}).createMachine({
  id: 'kubelet',
  context: ({ input }) => ({ node: input.node, clock: input.clock }),
  initial: 'running',
  states: {
    running: {
      invoke: [
        { id: 'node', src: 'node', input: ({ context }) => ({ name: context.node, clock: context.clock, heartbeats: 'external' as const }) },
        { id: 'pods', src: 'podManager' },
      ],
      entry: sendTo('node', { type: 'node.start' }),
      initial: 'connected',
      states: {
        connected: { on: { 'kubelet.partition': 'partitioned' } },
        partitioned: { entry: 'disconnect', exit: 'reconnect', on: { 'kubelet.heal': 'connected' } },
      },
      on: { 'kubelet.stop': 'stopped' },
    },
    stopped: { on: { 'kubelet.start': 'running' } },
  },
});
