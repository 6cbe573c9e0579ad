import type { ImageProfiles } from '../kubelet/workloadBehavior.ts';
import type { ProxyMode } from './endpointPicker.ts';

/**
 * Options of the cluster network (the `network` option of `createCluster`; `serviceCIDR` and
 * `nodePortRange` are top-level cluster options).
 * @public
 */
export interface NetworkOptions {
  /** kubelet `clusterDomain` (default `cluster.local`). */
  readonly clusterDomain?: string;
  /** The kube-dns Service IP and kubelet `clusterDNS` (default: the 10th address of the service CIDR, `10.96.0.10`). */
  readonly clusterDNS?: string;
  /** Create the `kube-dns` Service in kube-system at start (default true). */
  readonly dnsService?: boolean;
  /** kube-proxy mode: `iptables` (default, random backend), `ipvs` (round-robin), `userspace` (round-robin with retry). */
  readonly proxyMode?: ProxyMode;
  /** kube-proxy `--iptables-min-sync-period` in ms (default 1000). */
  readonly minSyncPeriodMs?: number;
  /** The fake cloud's pool of load-balancer addresses (default `203.0.113.0/24`); its first address is the ingress controller's. */
  readonly loadBalancerPool?: string;
  /** The ingress controller's address (default: the first address of `loadBalancerPool`). */
  readonly ingressAddress?: string;
  /** The ingress controller also serves Ingresses without a class (default true). */
  readonly ingressWithoutClass?: boolean;
  /** Run the ingress controller and the cloud service controller (default true). */
  readonly addons?: boolean;
  /** kube-apiserver's advertise address and secure port, the `kubernetes` Service's endpoint (default `192.168.49.2:6443`). */
  readonly apiServerAddress?: string;
  readonly apiServerPort?: number;
  /** The nodes' own resolv.conf (what `dnsPolicy: Default` gives; its search domains follow the cluster ones). */
  readonly hostResolvConf?: { readonly nameservers?: readonly string[]; readonly searches?: readonly string[]; readonly options?: readonly string[] };
  /** Names outside the cluster domain the simulated upstream DNS knows, with their addresses. */
  readonly externalHosts?: Readonly<Record<string, string | readonly string[]>>;
  /** Image profiles for pods' HTTP answers (the kubelet's, when it has them). */
  readonly profiles?: ImageProfiles;
  /** `--max-endpoints-per-slice` (default 100). */
  readonly maxEndpointsPerSlice?: number;
}

/** Defaults of {@link NetworkOptions}. */
export const NETWORK_DEFAULTS = {
  clusterDomain: 'cluster.local',
  loadBalancerPool: '203.0.113.0/24',
  apiServerAddress: '192.168.49.2',
  apiServerPort: 6443,
  hostNameservers: ['192.168.49.1'],
} as const;
