import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { ImageProfiles } from '../kubelet/workloadBehavior.ts';
import type { Rng } from '../runtime/sim/rng.ts';
import type { DnsAnswer } from './clusterDns.ts';
import { pickEndpoint } from './endpointPicker.ts';
import type { ProxyMode, ProxyState } from './endpointPicker.ts';
import type { IngressMatch } from './ingressRouting.ts';
import { ipv4ToInt } from './ipAllocator.ts';
import { podHttpAnswer } from './podAnswer.ts';
import type { ProxyEndpoint, ProxyRules, ServicePortRule } from './proxyRules.ts';
import { ruleKey, usableEndpoints } from './proxyRules.ts';
import { DEFAULT_EXTERNAL_CLIENT_IP, fail, nodeAddresses, parseTarget } from './trafficTypes.ts';
import type { NetworkRequest, NetworkResponse, RequestSource } from './trafficTypes.ts';

/** What the traffic simulation reads: pods, nodes, each node's kube-proxy, DNS and the ingress controller. */
export interface NetworkWorld {
  readonly rng: Rng;
  readonly mode: ProxyMode;
  nowMs(): number;
  readonly profiles?: ImageProfiles | undefined;
  pod(namespace: string, name: string): Pod | undefined;
  /** The pod with this IP (hostNetwork pods, which share their node's IP, excluded). */
  podByIP(ip: string): Pod | undefined;
  podsOnNode(node: string): readonly Pod[];
  node(name: string): Node | undefined;
  nodes(): readonly Node[];
  nodeByIP(ip: string): Node | undefined;
  /** The rules `node`'s kube-proxy has programmed and its conntrack memory; undefined without a kube-proxy. */
  proxy(node: string): { readonly rules: ProxyRules | undefined; readonly state: ProxyState } | undefined;
  /** A DNS lookup as `pod` (or a node / outside client when undefined) makes it; `timeout` when DNS is down. */
  resolve(name: string, pod: Pod | undefined): DnsAnswer | 'timeout';
  /** The ingress controller: its address, routing, the endpoints of a backend and its own balancing memory. */
  readonly ingress: {
    readonly address: string;
    route(host: string, path: string): IngressMatch | undefined;
    endpoints(namespace: string, service: string, port: { number?: number; name?: string }): readonly ProxyEndpoint[] | undefined;
    readonly state: ProxyState;
  };
}

interface Caller {
  readonly pod: Pod | undefined;
  readonly node: string | undefined;
  readonly ip: string;
}

function caller(world: NetworkWorld, from: RequestSource, clientIP: string | undefined): Caller {
  if (from === 'external') return { pod: undefined, node: undefined, ip: clientIP ?? DEFAULT_EXTERNAL_CLIENT_IP };
  if ('node' in from && typeof from.node === 'string') {
    const node = world.node(from.node);
    if (node === undefined) throw new Error(`no node ${from.node}`);
    return { pod: undefined, node: from.node, ip: nodeAddresses(node)[0] ?? '' };
  }
  const ref = from as Pod | { pod: string; namespace?: string };
  const pod = 'pod' in ref && typeof ref.pod === 'string' ? world.pod(ref.namespace ?? 'default', ref.pod) : world.pod((ref as Pod).metadata?.namespace ?? 'default', (ref as Pod).metadata?.name ?? '');
  const name = 'pod' in ref && typeof ref.pod === 'string' ? ref.pod : (ref as Pod).metadata?.name;
  if (pod?.status?.phase !== 'Running' || !pod.status.podIP) throw new Error(`pod ${name ?? ''} is not running: it cannot send requests`);
  return { pod, node: pod.spec?.nodeName, ip: pod.status.podIP };
}

function answerFrom(world: NetworkWorld, pod: Pod, port: number, via: string): NetworkResponse {
  const a = podHttpAnswer(pod, port, world.profiles);
  if (a === 'refused') return fail('connection refused', `${pod.metadata?.name ?? ''} does not accept connections on port ${port}`);
  return { ok: true, status: a.status, body: a.body, pod: pod.metadata?.name, namespace: pod.metadata?.namespace, podIP: pod.status?.podIP, node: pod.spec?.nodeName, via };
}

// Forwards one connection of a rule to a backend, as the kube-proxy of `node` does.
function forward(world: NetworkWorld, node: string | undefined, rule: ServicePortRule, external: boolean, client: Caller, via: string): NetworkResponse {
  const proxy = node === undefined ? undefined : world.proxy(node);
  const candidates = usableEndpoints(rule, node, external);
  if (candidates.length === 0) return fail('no endpoints', `service ${rule.namespace}/${rule.name} has no ${external && rule.externalTrafficPolicy === 'Local' ? 'local ' : ''}endpoints`);
  const tried = new Set<string>();
  const state = proxy?.state ?? world.ingress.state;
  for (;;) {
    const ep = pickEndpoint(rule, candidates, { mode: world.mode, rng: world.rng, state, clientIP: client.ip, nowMs: world.nowMs(), exclude: tried });
    if (ep === undefined) return fail('connection refused', `no backend of ${rule.namespace}/${rule.name} answered`);
    const res = toEndpoint(world, ep, via);
    // Only the userspace proxy retries another backend; iptables and ipvs hand the failure to the client.
    if (res.ok || world.mode !== 'userspace') return res;
    tried.add(`${ep.ip}:${ep.port}`);
  }
}

function toEndpoint(world: NetworkWorld, ep: ProxyEndpoint, via: string): NetworkResponse {
  const pod = ep.pod !== undefined ? world.pod(ep.pod.namespace, ep.pod.name) : world.podByIP(ep.ip);
  if (pod === undefined || (ep.pod !== undefined && ep.pod.uid !== '' && pod.metadata?.uid !== ep.pod.uid)) {
    return ep.pod === undefined ? fail('timeout', `${ep.ip}:${ep.port} is outside the simulated cluster`) : fail('connection refused', `pod ${ep.pod.name} is gone`);
  }
  return answerFrom(world, pod, ep.port, via);
}

function toIngress(world: NetworkWorld, host: string, path: string, client: Caller): NetworkResponse {
  const via = `${world.ingress.address}:80`;
  const controller = (status: number, body: string): NetworkResponse => ({ ok: true, status, body, pod: undefined, namespace: undefined, podIP: undefined, node: undefined, via });
  const match = world.ingress.route(host, path);
  const svc = match?.backend.service;
  if (match === undefined || svc === undefined) return controller(404, 'default backend - 404\n');
  const ns = match.ingress.metadata?.namespace ?? 'default';
  const port = { ...(svc.port?.number != null ? { number: svc.port.number } : {}), ...(svc.port?.name != null ? { name: svc.port.name } : {}) };
  const eps = world.ingress.endpoints(ns, svc.name, port);
  if (eps === undefined || eps.length === 0) return controller(503, '503 Service Temporarily Unavailable\n');
  const rule = { namespace: ns, name: svc.name, portName: svc.port?.name ?? '', protocol: 'TCP', port: svc.port?.number ?? 0, clusterIP: 'ingress', affinitySeconds: undefined } as unknown as ServicePortRule;
  // ingress-nginx balances round-robin over the endpoints itself, bypassing kube-proxy.
  const ep = pickEndpoint(rule, eps, { mode: 'ipvs', rng: world.rng, state: world.ingress.state, clientIP: client.ip, nowMs: world.nowMs() });
  return ep === undefined ? controller(503, '503 Service Temporarily Unavailable\n') : toEndpoint(world, ep, via);
}

/**
 * Sends one simulated request through the cluster network: DNS through the caller's search path,
 * then the kube-proxy rules of the node the packet enters — ClusterIP (from inside the cluster),
 * NodePort on any node address, load-balancer and external IPs (an outside client's traffic enters
 * at a node the load balancer picks, only nodes with local endpoints under
 * `externalTrafficPolicy: Local`) — or straight to a pod IP, or to the ingress controller. The
 * backend is chosen as the proxy mode does (random for iptables, round-robin for ipvs/userspace,
 * ClientIP affinity honoured) and answers with its simulated HTTP behaviour.
 * @public
 */
export function sendRequest(world: NetworkWorld, req: NetworkRequest): NetworkResponse {
  const client = caller(world, req.from, req.clientIP);
  if (typeof req.to !== 'string') return toIngress(world, req.to.ingressHost, req.to.path ?? '/', client);
  const { host, port, path } = parseTarget(req.to);
  let ip = host;
  if (ipv4ToInt(host) === undefined) {
    const answer = world.resolve(host, client.pod);
    if (answer === 'timeout') return fail('timeout', `no answer from the cluster DNS for ${host}`);
    const ips = answer.records.flatMap((r) => (r.type === 'A' ? [r.ip] : []));
    if (ips.length === 0) return fail('NXDOMAIN', `${host} does not resolve`);
    // CoreDNS's loadbalance plugin shuffles A records; the client takes the first.
    ip = ips.length === 1 ? (ips[0] ?? '') : world.rng.pick(ips);
  }
  const via = `${ip}:${port}`;
  if (ip === world.ingress.address && (port === 80 || port === 443)) return toIngress(world, host, path, client);
  const inside = client.node !== undefined;
  const local = inside ? world.proxy(client.node ?? '')?.rules : undefined;
  const clusterRule = local?.byClusterIP.get(ruleKey(ip, port));
  if (clusterRule !== undefined) return forward(world, client.node, clusterRule, false, client, via);
  // Pod IPs are routable inside the cluster only.
  const target = inside ? world.podByIP(ip) : undefined;
  if (target !== undefined) return answerFrom(world, target, port, via);
  const node = world.nodeByIP(ip);
  if (node !== undefined) {
    const name = node.metadata?.name ?? '';
    const rule = world.proxy(name)?.rules?.byNodePort.get(`${port}/TCP`);
    if (rule !== undefined) return forward(world, name, rule, true, client, via);
    const hostPod = hostPortPod(world, name, port);
    return hostPod !== undefined ? answerFrom(world, hostPod.pod, hostPod.containerPort, via) : fail('connection refused', `nothing listens on ${via}`);
  }
  if (inside) {
    const ext = local?.byExternalIP.get(ruleKey(ip, port));
    if (ext !== undefined) return forward(world, client.node, ext, false, client, via);
  } else {
    const entry = loadBalancerEntry(world, ip, port);
    if (entry !== undefined) return forward(world, entry.node, entry.rule, true, client, via);
  }
  return fail('timeout', `no route to ${via}`);
}

// A pod serving the port on the node's address: a hostPort mapping, or a hostNetwork pod's port.
function hostPortPod(world: NetworkWorld, node: string, port: number): { pod: Pod; containerPort: number } | undefined {
  for (const pod of world.podsOnNode(node)) {
    for (const c of pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        const hostPort = p.hostPort ?? (pod.spec?.hostNetwork === true ? p.containerPort : undefined);
        if (hostPort === port && (p.protocol ?? 'TCP') === 'TCP') return { pod, containerPort: p.containerPort };
      }
    }
  }
  return undefined;
}

// The node an outside client's packet to a load-balancer or external IP enters through.
function loadBalancerEntry(world: NetworkWorld, ip: string, port: number): { node: string; rule: ServicePortRule } | undefined {
  const entries: { node: string; rule: ServicePortRule }[] = [];
  for (const n of world.nodes()) {
    const name = n.metadata?.name ?? '';
    const rule = world.proxy(name)?.rules?.byExternalIP.get(ruleKey(ip, port));
    if (rule === undefined) continue;
    // Health checks (healthCheckNodePort) take nodes without local endpoints out of a Local LB.
    if (rule.externalTrafficPolicy === 'Local' && usableEndpoints(rule, name, true).length === 0) continue;
    entries.push({ node: name, rule });
  }
  return entries.length === 0 ? undefined : world.rng.pick(entries);
}
