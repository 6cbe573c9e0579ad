import { assign, setup } from 'xstate';

/** Context of one node's kube-proxy (the programmed rules themselves live with the actor, not in the snapshot). */
export interface KubeProxyContext {
  readonly node: string;
  /** The version of the Service/EndpointSlice state programmed at the last sync (0 before the first). */
  readonly version: number;
  readonly syncs: number;
}

/** Events of a kube-proxy. */
export type KubeProxyEvent = { type: 'proxy.changed' };

/**
 * One node's kube-proxy: `syncing` after a Service or EndpointSlice change until the rules are
 * programmed, which happens once `minSyncPeriod` has passed (changes meanwhile are batched into the
 * same sync, as `--iptables-min-sync-period` does); then `synced` until the next change. It starts
 * in `syncing` (the initial full sync).
 *
 * Named parts provided by `actors/kubeProxyActor.ts`: the `programRules` action (reads the
 * current rules) and the `minSyncPeriod` delay.
 * @public
 */
export const kubeProxyMachine = setup({
  types: {
    context: {} as KubeProxyContext,
    input: {} as { node: string },
    events: {} as KubeProxyEvent,
  },
  actions: {
    programRules: assign(({ context }) => ({ syncs: context.syncs + 1 })),
  },
  delays: {
    minSyncPeriod: 1000,
  },
}).createMachine({
  id: 'kube-proxy',
  context: ({ input }) => ({ node: input.node, version: 0, syncs: 0 }),
  initial: 'syncing',
  states: {
    syncing: {
      after: { minSyncPeriod: { target: 'synced', actions: 'programRules' } },
    },
    synced: {
      on: { 'proxy.changed': 'syncing' },
    },
  },
});
