import type { KubeObject } from '../../api/meta.ts';
import { isAlreadyExists } from '../../api/status.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import { defaultIngressClassPlugin } from '../../apiserver/defaultIngressClass.ts';
import { createServiceAllocation } from '../../apiserver/serviceAllocation.ts';
import type { ServiceAllocation } from '../../apiserver/serviceAllocation.ts';
import { kubeDnsService, masterEndpointSlice, masterEndpoints, masterService } from '../../networking/bootstrapServices.ts';
import { NETWORK_DEFAULTS } from '../../networking/networkOptions.ts';
import type { NetworkOptions } from '../../networking/networkOptions.ts';
import { createServiceLinks } from '../../networking/serviceLinks.ts';
import type { ServiceLinks } from '../../networking/serviceLinks.ts';
import type { Rng } from '../sim/rng.ts';

/** The API server's Service machinery: allocators, service links, and the cluster DNS address. */
export interface ServiceRegistry {
  readonly allocation: ServiceAllocation;
  readonly links: ServiceLinks;
  /** The kube-dns ClusterIP (kubelet `clusterDNS`). */
  readonly dnsIP: string;
  stop(): void;
}

/** What {@link installServiceRegistry} reads of the cluster options. */
export interface ServiceRegistryOptions {
  readonly serviceCIDR?: string;
  readonly nodePortRange?: string;
  readonly network?: NetworkOptions;
}

function createIfMissing(api: ApiServer, obj: KubeObject): void {
  try {
    api.create(obj);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
  }
}

/**
 * Installs the Service registry into an API server: ClusterIP and NodePort allocation and the
 * DefaultIngressClass admission plugin (after any other admission, as the registry runs after
 * admission upstream), the service-links snapshots, and what kube-apiserver and kubeadm create at
 * bootstrap: the `kubernetes` Service (first service IP, 443 → the secure port) with its Endpoints
 * and EndpointSlice, and the `kube-dns` Service (`10.96.0.10` by default).
 * @internal
 */
export function installServiceRegistry(api: ApiServer, rng: Rng, options: ServiceRegistryOptions): ServiceRegistry {
  const net = options.network ?? {};
  const allocation = createServiceAllocation({
    store: api.store,
    rng,
    ...(options.serviceCIDR !== undefined ? { serviceCIDR: options.serviceCIDR } : {}),
    ...(options.nodePortRange !== undefined ? { nodePortRange: options.nodePortRange } : {}),
  });
  api.addAdmission(defaultIngressClassPlugin(api.store));
  api.addAdmission(allocation.plugin);
  const links = createServiceLinks(api.store);
  const address = net.apiServerAddress ?? NETWORK_DEFAULTS.apiServerAddress;
  const port = net.apiServerPort ?? NETWORK_DEFAULTS.apiServerPort;
  const dnsIP = net.clusterDNS ?? allocation.ips.nth(10);
  createIfMissing(api, masterService(allocation.ips.first(), port));
  createIfMissing(api, masterEndpoints(address, port));
  createIfMissing(api, masterEndpointSlice(address, port));
  if (net.dnsService !== false) createIfMissing(api, kubeDnsService(dnsIP));
  return {
    allocation,
    links,
    dnsIP,
    stop() {
      allocation.stop();
      links.stop();
    },
  };
}
