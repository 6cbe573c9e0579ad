import { fromCallback } from 'xstate';
import { dnsMachine } from '../machines/dnsMachine.ts';
import type { DnsEvent } from '../machines/dnsMachine.ts';

/** The systemId of the cluster DNS actor. */
export const DNS_SYSTEM_ID = 'kube-dns';

/**
 * The actor logic of the cluster DNS: {@link dnsMachine}, ready once `whenSynced` resolves (its
 * Service and EndpointSlice informers have listed).
 * @public
 */
export function createDnsLogic(whenSynced: () => Promise<void>) {
  return dnsMachine.provide({
    actors: {
      cacheSync: fromCallback<DnsEvent>(({ sendBack }) => {
        let live = true;
        whenSynced().then(
          () => live && sendBack({ type: 'dns.ready' }),
          () => undefined,
        );
        return () => {
          live = false;
        };
      }),
    },
  });
}
