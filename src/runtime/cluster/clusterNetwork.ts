import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Container, Node, Pod, Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1.js';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import type { IpAllocator } from '../../networking/ipAllocator.ts';
import type { PortAllocator } from '../../networking/portAllocator.ts';
import type { Client } from '../../client/client.ts';
import { createInformerFactory } from '../../client/informerFactory.ts';
import { NODE_NAME_INDEX } from '../../client/indexFuncs.ts';
import { dnsLookup, resolveWithSearch } from '../../networking/clusterDns.ts';
import type { DnsAnswer, DnsRecord, DnsRecordType, DnsView } from '../../networking/clusterDns.ts';
import { createProxyState } from '../../networking/endpointPicker.ts';
import { routeIngress, servesIngress } from '../../networking/ingressRouting.ts';
import { intToIpv4, parseCidr } from '../../networking/ipAllocator.ts';
import { NETWORK_DEFAULTS } from '../../networking/networkOptions.ts';
import type { NetworkOptions } from '../../networking/networkOptions.ts';
import { describeProxyRules, usableEndpoints } from '../../networking/proxyRules.ts';
import { createProxyRulesSource } from '../../networking/proxyRulesSource.ts';
import { formatResolvConf, ndotsOf, podResolvConf } from '../../networking/resolvConf.ts';
import type { DnsSettings } from '../../networking/resolvConf.ts';
import { SERVICE_NAME_LABEL } from '../../networking/slicePlan.ts';
import { sendRequest } from '../../networking/traffic.ts';
import type { NetworkWorld } from '../../networking/traffic.ts';
import { nodeAddresses } from '../../networking/trafficTypes.ts';
import type { NetworkRequest, NetworkResponse } from '../../networking/trafficTypes.ts';
import type { ActivityTracker } from '../activity.ts';
import { ingressController } from '../controllers/ingressController.ts';
import { serviceLoadBalancerController } from '../controllers/serviceLoadBalancerController.ts';
import type { Clock } from '../sim/clock.ts';
import type { Rng } from '../sim/rng.ts';
import { createControllerManagerLogic } from '../../../actors/controllerManagerActor.ts';
import { createDnsLogic, DNS_SYSTEM_ID } from '../../../actors/dnsActor.ts';
import { startKubeProxies } from '../../../actors/kubeProxyActor.ts';
import type { ServiceRegistry } from './serviceRegistry.ts';

/** A pod given by object or by name. */
export type PodRef = Pod | { readonly pod: string; readonly namespace?: string };

/** A DNS answer as the library reports it. */
export type DnsResult =
  | { readonly ok: true; readonly name: string; readonly records: readonly DnsRecord[]; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly reason: 'NXDOMAIN' | 'timeout'; readonly name: string };

/**
 * The cluster network as a library: simulated requests, DNS, resolv.conf, service environment
 * variables and each node's kube-proxy rules.
 * @public
 */
export interface ClusterNetwork {
  /** Sends one request (see `sendRequest`): `{ ok: true, pod, podIP, node, status, body }` or `{ ok: false, reason }`. */
  request(req: NetworkRequest): NetworkResponse;
  /** A DNS lookup: through `fromPod`'s resolver and search path (ndots:5), or, without it, of the absolute name at the cluster DNS. */
  resolve(name: string, opts?: { readonly fromPod?: PodRef; readonly type?: DnsRecordType }): DnsResult;
  /** The pod's `/etc/resolv.conf`. */
  resolvConf(pod: PodRef): string;
  /** A container's environment: its env plus the service variables of the Services that existed when the pod was created. */
  environment(pod: PodRef, container: string | Container): Record<string, string>;
  /** The rules `node`'s kube-proxy has programmed, one line per destination. */
  proxyRules(node: string): string[];
  /** Nodes running a kube-proxy. */
  kubeProxies(): string[];
  readonly serviceIPs: IpAllocator;
  readonly nodePorts: PortAllocator;
  readonly clusterDNS: string;
  readonly clusterDomain: string;
  readonly ingressAddress: string;
  /** How often the ingress controller re-rendered its configuration. */
  ingressReloads(): number;
  stop(): void;
}

/** What {@link startClusterNetwork} runs on. */
export interface ClusterNetworkDeps {
  readonly api: ApiServer;
  readonly client: Client;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly root: AnyActorRef;
  readonly activity: ActivityTracker;
  readonly registry: ServiceRegistry;
  readonly options?: NetworkOptions;
  readonly inspect?: (event: InspectionEvent) => void;
}

/**
 * Starts the data plane: one kube-proxy per Node, the cluster DNS (`kube-dns`), and, unless
 * `addons: false`, the ingress controller and the fake cloud's service controller (each its own
 * controller-manager component), all reading shared informers of their own.
 * @internal
 */
export function startClusterNetwork(deps: ClusterNetworkDeps): ClusterNetwork {
  const { api, client, clock, root, registry } = deps;
  const opts = deps.options ?? {};
  const informers = createInformerFactory({ client, clock });
  const pods = informers.informerFor<Pod>('Pod');
  pods.indexer.addIndexers({ podIP: (p) => (p.spec?.hostNetwork === true || !p.status?.podIP ? [] : [p.status.podIP]) });
  const nodes = informers.informerFor<Node>('Node');
  nodes.indexer.addIndexers({ nodeIP: (n) => nodeAddresses(n) });
  const services = informers.informerFor<Service>('Service');
  const slices = informers.informerFor<EndpointSlice>('EndpointSlice');
  const ingresses = informers.informerFor<Ingress>('Ingress');
  const classes = informers.informerFor<IngressClass>('IngressClass');
  const source = createProxyRulesSource(informers);
  const proxies = startKubeProxies({ root, informers, source, ...(opts.minSyncPeriodMs !== undefined ? { minSyncPeriodMs: opts.minSyncPeriodMs } : {}) });
  const untrack = deps.activity.register('kube-proxy', () => proxies.syncing());
  root.send({ type: 'component.start', id: DNS_SYSTEM_ID, systemId: DNS_SYSTEM_ID, logic: createDnsLogic(() => Promise.all([services.whenSynced(), slices.whenSynced()]).then(() => undefined)) });

  const domain = opts.clusterDomain ?? NETWORK_DEFAULTS.clusterDomain;
  const pool = parseCidr(opts.loadBalancerPool ?? NETWORK_DEFAULTS.loadBalancerPool);
  const ingressAddress = opts.ingressAddress ?? intToIpv4(pool.base + 1);
  let reloads = 0;
  const managers: string[] = [];
  if (opts.addons !== false) {
    const start = (id: string, controllers: ReturnType<typeof ingressController>[]): void => {
      const logic = createControllerManagerLogic({ client, clock, controllers: () => controllers, identity: id, activity: deps.activity, ...(deps.inspect ? { inspect: deps.inspect } : {}) });
      root.send({ type: 'component.start', id, systemId: id, logic, input: { identity: id } });
      managers.push(id);
    };
    start('cloud-controller-manager', [serviceLoadBalancerController({ pool: pool.text, reserved: [ingressAddress] })]);
    start('ingress-nginx-controller', [ingressController({ address: ingressAddress, ...(opts.ingressWithoutClass !== undefined ? { watchWithoutClass: opts.ingressWithoutClass } : {}), onReload: (n) => (reloads = n) })]);
  }

  const host = opts.hostResolvConf ?? {};
  const settings: DnsSettings = {
    clusterDNS: [registry.dnsIP],
    clusterDomain: domain,
    host: { nameservers: host.nameservers ?? NETWORK_DEFAULTS.hostNameservers, searches: host.searches ?? [], options: host.options ?? [] },
  };
  const external = (name: string): readonly string[] | undefined => {
    const v = opts.externalHosts?.[name];
    return v === undefined ? undefined : typeof v === 'string' ? [v] : v;
  };
  const clusterView: DnsView = {
    service: (ns, name) => services.lister.get(ns, name),
    slices: (ns, name) => slices.lister.list({ namespace: ns }).filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === name),
    external,
  };
  const hostView: DnsView = { service: () => undefined, slices: () => [], external };
  const dnsActor = (): AnyActorRef | undefined => root.system.get(DNS_SYSTEM_ID) as AnyActorRef | undefined;

  const podOf = (ref: PodRef): Pod => {
    if (!('pod' in ref && typeof ref.pod === 'string')) return ref as Pod;
    return api.get<Pod>({ apiVersion: 'v1', kind: 'Pod' }, ref.pod, ref.namespace ?? 'default');
  };
  // The pod's resolver: cluster names only when its nameservers include the cluster DNS. Without a
  // pod, `direct` asks the cluster DNS itself (`dig @10.96.0.10`), otherwise the node's resolver.
  const lookup = (name: string, pod: Pod | undefined, type: DnsRecordType, direct = false): (DnsAnswer & { name: string }) | 'timeout' => {
    const rc = pod === undefined ? undefined : podResolvConf(pod, settings);
    const viaCluster = direct || (rc !== undefined && rc.nameservers.includes(registry.dnsIP));
    if (viaCluster && (dnsActor()?.getSnapshot() as { value?: unknown } | undefined)?.value !== 'serving') return 'timeout';
    const answer = rc === undefined ? { ...dnsLookup(viaCluster ? clusterView : hostView, name, type, domain), name: name.replace(/\.$/, '') } : resolveWithSearch(viaCluster ? clusterView : hostView, name, type, { searches: rc.searches, ndots: ndotsOf(rc), domain });
    if (viaCluster) dnsActor()?.send({ type: 'dns.query', name: answer.name, rcode: answer.rcode });
    return answer;
  };

  const world: NetworkWorld = {
    rng: deps.rng.fork('kube-proxy'),
    mode: opts.proxyMode ?? 'iptables',
    nowMs: () => clock.now(),
    profiles: opts.profiles,
    pod: (ns, name) => pods.lister.get(ns, name),
    podByIP: (ip) => pods.indexer.byIndex('podIP', ip).find((p) => p.metadata?.deletionTimestamp == null) ?? pods.indexer.byIndex('podIP', ip)[0],
    podsOnNode: (node) => pods.indexer.byIndex(NODE_NAME_INDEX, node),
    node: (name) => nodes.lister.get(undefined, name),
    nodes: () => nodes.lister.list(),
    nodeByIP: (ip) => nodes.indexer.byIndex('nodeIP', ip)[0],
    proxy: (node) => {
      const state = proxies.stateFor(node);
      return state === undefined ? undefined : { rules: proxies.rulesFor(node), state };
    },
    resolve: (name, pod) => lookup(name, pod, 'A'),
    ingress: {
      // Without the add-ons nothing listens on the ingress address.
      address: opts.addons === false ? '' : ingressAddress,
      route: (hostName, path) => (opts.addons === false ? undefined : routeIngress(ingresses.lister.list().filter((i) => servesIngress(i, classes.lister.list(), opts.ingressWithoutClass ?? true)), hostName, path)),
      endpoints: (ns, name, port) => {
        const rule = source.current().rules.find((r) => r.namespace === ns && r.name === name && (port.number !== undefined ? r.port === port.number : r.portName === port.name));
        return rule === undefined ? undefined : usableEndpoints({ ...rule, internalTrafficPolicy: 'Cluster' }, undefined, false);
      },
      state: createProxyState(),
    },
  };

  return {
    request: (req) => sendRequest(world, req),
    resolve(name, o = {}) {
      const answer = lookup(name, o.fromPod === undefined ? undefined : podOf(o.fromPod), o.type ?? 'A', o.fromPod === undefined);
      if (answer === 'timeout') return { ok: false, reason: 'timeout', name };
      if (answer.records.length === 0) return { ok: false, reason: 'NXDOMAIN', name: answer.name };
      return { ok: true, name: answer.name, records: answer.records, addresses: answer.records.flatMap((r) => (r.type === 'A' ? [r.ip] : [])) };
    },
    resolvConf: (pod) => formatResolvConf(podResolvConf(podOf(pod), settings)),
    environment: (pod, container) => registry.links.environment(podOf(pod), container),
    proxyRules(node) {
      const rules = proxies.rulesFor(node);
      const n = nodes.lister.get(undefined, node);
      return rules === undefined ? [] : describeProxyRules(rules, node, n === undefined ? [] : nodeAddresses(n));
    },
    kubeProxies: () => proxies.nodes(),
    serviceIPs: registry.allocation.ips,
    nodePorts: registry.allocation.nodePorts,
    clusterDNS: registry.dnsIP,
    clusterDomain: domain,
    ingressAddress,
    ingressReloads: () => reloads,
    stop() {
      for (const id of managers) {
        (root.system.get(id) as AnyActorRef | undefined)?.send({ type: 'manager.stop' });
        root.send({ type: 'component.stop', id });
      }
      untrack();
      proxies.stop();
      source.stop();
      informers.stop();
    },
  };
}
