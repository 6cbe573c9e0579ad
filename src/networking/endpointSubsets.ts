import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1.js';
import { isPodReady } from '../workloads/podConditions.ts';
import { compareIPs, podAddress, podEndpointPorts, shouldPodBeInEndpoints } from './podEndpoints.ts';

/** Most addresses an Endpoints object holds (upstream `maxCapacity`). */
export const MAX_ENDPOINTS_ADDRESSES = 1000;
/** Annotation set when addresses were dropped to stay under {@link MAX_ENDPOINTS_ADDRESSES}. */
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

const portKey = (p: EndpointPort): string => JSON.stringify([p.name ?? '', p.port, p.protocol ?? 'TCP', p.appProtocol ?? '']);
const addrKey = (a: EndpointAddress): string => `${a.ip}/${a.targetRef?.uid ?? ''}`;
const byAddress = (a: EndpointAddress, b: EndpointAddress): number => compareIPs(a.ip, b.ip) || ((a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : 1);
const byPort = (a: EndpointPort, b: EndpointPort): number => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port);

interface Entry {
  readonly address: EndpointAddress;
  readonly ready: boolean;
  readonly ports: readonly EndpointPort[];
}

/**
 * Upstream `RepackSubsets`: each port is mapped to the addresses that offer it, then ports offered by
 * exactly the same addresses share a subset, which lists its ready `addresses` and its
 * `notReadyAddresses`. Sorted canonically (addresses by IP, ports by name, subsets by their first
 * address) so equal inputs give equal objects.
 */
export function repackSubsets(entries: readonly Entry[]): EndpointSubset[] {
  const NO_PORT = '-';
  const portByKey = new Map<string, EndpointPort>();
  const addrsByPort = new Map<string, Map<string, { address: EndpointAddress; ready: boolean }>>();
  for (const e of entries) {
    const keys = e.ports.length === 0 ? [NO_PORT] : e.ports.map((p) => {
      const k = portKey(p);
      portByKey.set(k, p);
      return k;
    });
    for (const k of keys) {
      let addrs = addrsByPort.get(k);
      if (addrs === undefined) addrsByPort.set(k, (addrs = new Map<string, { address: EndpointAddress; ready: boolean }>()));
      addrs.set(addrKey(e.address), { address: e.address, ready: e.ready });
    }
  }
  const groups = new Map<string, { ports: EndpointPort[]; addrs: { address: EndpointAddress; ready: boolean }[] }>();
  for (const [pk, addrs] of addrsByPort) {
    const list = [...addrs.values()];
    const setKey = list.map((a) => `${addrKey(a.address)}=${a.ready}`).sort().join(',');
    let g = groups.get(setKey);
    if (g === undefined) groups.set(setKey, (g = { ports: [], addrs: list }));
    const port = portByKey.get(pk);
    if (port !== undefined) g.ports.push(port);
  }
  const subsets = [...groups.values()].map((g) => {
    const ready = g.addrs.filter((a) => a.ready).map((a) => a.address).sort(byAddress);
    const notReady = g.addrs.filter((a) => !a.ready).map((a) => a.address).sort(byAddress);
    return {
      ...(ready.length > 0 ? { addresses: ready } : {}),
      ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}),
      ...(g.ports.length > 0 ? { ports: g.ports.sort(byPort) } : {}),
    } satisfies EndpointSubset;
  });
  const first = (s: EndpointSubset): EndpointAddress | undefined => s.addresses?.[0] ?? s.notReadyAddresses?.[0];
  return subsets.sort((a, b) => {
    const fa = first(a);
    const fb = first(b);
    return (fa && fb ? byAddress(fa, fb) : 0) || JSON.stringify(a.ports ?? []).localeCompare(JSON.stringify(b.ports ?? []));
  });
}

/**
 * The subsets the Endpoints controller writes for a Service with a selector and the pods it selects
 * (upstream `syncService`): pods with an IP that are not terminal; terminating pods only with
 * `publishNotReadyAddresses`; Ready pods (or all, with `publishNotReadyAddresses`) in `addresses`,
 * the others in `notReadyAddresses`; ports resolved per pod; a headless Service without ports lists
 * addresses without ports. Over {@link MAX_ENDPOINTS_ADDRESSES} addresses, ready ones are kept first
 * and `truncated` is true.
 * @public
 */
export function computeEndpointSubsets(svc: Service, pods: readonly Pod[]): { subsets: EndpointSubset[]; truncated: boolean } {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const headlessNoPorts = (svc.spec?.ports ?? []).length === 0 && svc.spec?.clusterIP === 'None';
  const entries: Entry[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publish)) continue;
    const ready = publish || isPodReady(pod);
    const address = podAddress(svc, pod);
    if (headlessNoPorts) {
      entries.push({ address, ready, ports: [] });
      continue;
    }
    // Upstream adds one subset per resolved port; pods that resolve none are left out.
    const ports = podEndpointPorts(svc, pod);
    if (ports.length > 0) entries.push({ address, ready, ports });
  }
  const total = entries.length;
  if (total <= MAX_ENDPOINTS_ADDRESSES) return { subsets: repackSubsets(entries), truncated: false };
  const kept = [...entries].sort((a, b) => Number(b.ready) - Number(a.ready) || byAddress(a.address, b.address)).slice(0, MAX_ENDPOINTS_ADDRESSES);
  return { subsets: repackSubsets(kept), truncated: true };
}
