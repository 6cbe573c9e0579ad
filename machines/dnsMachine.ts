import { assign, fromCallback, setup } from 'xstate';

/** Events of the cluster DNS. */
export type DnsEvent = { type: 'dns.ready' } | { type: 'dns.query'; name: string; rcode: 'NOERROR' | 'NXDOMAIN' };

/** Context of the cluster DNS: counters of what it answered. */
export interface DnsContext {
  readonly queries: number;
  readonly nxdomain: number;
}

/**
 * The cluster DNS server (kube-dns / CoreDNS): `starting` until its Service and EndpointSlice caches
 * have synced, then `serving`, counting queries and NXDOMAIN answers. Lookups themselves are pure
 * functions over the caches (`src/networking/clusterDns.ts`); a DNS that is not serving does not
 * answer (clients time out).
 *
 * Named parts provided by `actors/dnsActor.ts`: the `cacheSync` actor, which sends `dns.ready`.
 * @public
 */
export const dnsMachine = setup({
  types: {
    context: {} as DnsContext,
    events: {} as DnsEvent,
  },
  actors: {
    cacheSync: fromCallback<DnsEvent>(() => () => {}),
  },
}).createMachine({
  id: 'kube-dns',
  context: { queries: 0, nxdomain: 0 },
  initial: 'starting',
  states: {
    starting: {
      invoke: { src: 'cacheSync' },
      on: { 'dns.ready': 'serving' },
    },
    serving: {
      on: {
        'dns.query': {
          actions: assign(({ context, event }) => ({ queries: context.queries + 1, nxdomain: context.nxdomain + (event.rcode === 'NXDOMAIN' ? 1 : 0) })),
        },
      },
    },
  },
});
