import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { SERVICE_NAME_LABEL } from './slicePlan.ts';

/** Services with this label belong to another proxy; kube-proxy ignores them. */
export const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

/** One backend of a Service port, as kube-proxy sees it in an EndpointSlice. */
export interface ProxyEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly nodeName: string | undefined;
  /** The pod behind the address, from the endpoint's targetRef (absent for hand-made endpoints). */
  readonly pod: { readonly namespace: string; readonly name: string; readonly uid: string } | undefined;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/** The rule of one Service port: where it is reachable and what it forwards to. */
export interface ServicePortRule {
  readonly namespace: string;
  readonly name: string;
  readonly portName: string;
  readonly protocol: string;
  readonly port: number;
  readonly clusterIP: string;
  readonly nodePort: number | undefined;
  readonly loadBalancerIPs: readonly string[];
  readonly externalIPs: readonly string[];
  readonly endpoints: readonly ProxyEndpoint[];
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  /** ClientIP session affinity timeout in seconds, or undefined without affinity. */
  readonly affinitySeconds: number | undefined;
}

/**
 * What kube-proxy in iptables mode programs, as lookup tables: `ip:port/PROTO` of every ClusterIP
 * (KUBE-SERVICES), `port/PROTO` of every NodePort (KUBE-NODEPORTS, on every node address) and
 * `ip:port/PROTO` of every load-balancer ingress IP and external IP (KUBE-EXT). Node-independent;
 * the node's view (traffic policies) is {@link usableEndpoints}.
 * @public
 */
export interface ProxyRules {
  readonly rules: readonly ServicePortRule[];
  readonly byClusterIP: ReadonlyMap<string, ServicePortRule>;
  readonly byNodePort: ReadonlyMap<string, ServicePortRule>;
  readonly byExternalIP: ReadonlyMap<string, ServicePortRule>;
}

/** The lookup key of an address, port and protocol. */
export const ruleKey = (ip: string, port: number, protocol = 'TCP'): string => `${ip}:${port}/${protocol}`;

function slicesByService(slices: readonly EndpointSlice[]): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
    if (svc === undefined || (s.addressType ?? 'IPv4') !== 'IPv4') continue;
    const key = `${s.metadata?.namespace ?? 'default'}/${svc}`;
    out.set(key, [...(out.get(key) ?? []), s]);
  }
  return out;
}

function endpointsFor(slices: readonly EndpointSlice[], portName: string, protocol: string): ProxyEndpoint[] {
  const seen = new Set<string>();
  const out: ProxyEndpoint[] = [];
  for (const s of slices) {
    const sp = (s.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (sp?.port == null) continue;
    for (const ep of s.endpoints ?? []) {
      const ip = ep.addresses[0];
      if (ip === undefined || seen.has(`${ip}:${sp.port}`)) continue;
      seen.add(`${ip}:${sp.port}`);
      // Unset conditions mean ready (discovery/v1 API docs); serving defaults to ready.
      const ready = ep.conditions?.ready ?? true;
      const ref = ep.targetRef;
      out.push({
        ip,
        port: sp.port,
        nodeName: ep.nodeName ?? undefined,
        pod: ref?.kind === 'Pod' && ref.name ? { namespace: ref.namespace ?? s.metadata?.namespace ?? 'default', name: ref.name, uid: ref.uid ?? '' } : undefined,
        ready,
        serving: ep.conditions?.serving ?? ready,
        terminating: ep.conditions?.terminating ?? false,
      });
    }
  }
  return out;
}

/**
 * Builds the rules from Services and EndpointSlices (kube-proxy's ServiceChangeTracker and
 * EndpointsChangeTracker, flattened): headless and ExternalName Services and Services claimed by
 * another proxy (`service.kubernetes.io/service-proxy-name`) get no rules.
 * @public
 */
export function buildProxyRules(services: readonly Service[], slices: readonly EndpointSlice[]): ProxyRules {
  const bySvc = slicesByService(slices);
  const rules: ServicePortRule[] = [];
  const byClusterIP = new Map<string, ServicePortRule>();
  const byNodePort = new Map<string, ServicePortRule>();
  const byExternalIP = new Map<string, ServicePortRule>();
  for (const svc of services) {
    const spec = svc.spec;
    const clusterIP = spec?.clusterIP;
    if (!clusterIP || clusterIP === 'None' || spec?.type === 'ExternalName') continue;
    if (svc.metadata?.labels?.[SERVICE_PROXY_NAME_LABEL] !== undefined) continue;
    const ns = svc.metadata?.namespace ?? 'default';
    const name = svc.metadata?.name ?? '';
    const svcSlices = bySvc.get(`${ns}/${name}`) ?? [];
    const lbIPs = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => Boolean(ip));
    for (const sp of spec?.ports ?? []) {
      const protocol = sp.protocol ?? 'TCP';
      const rule: ServicePortRule = {
        namespace: ns,
        name,
        portName: sp.name ?? '',
        protocol,
        port: sp.port,
        clusterIP,
        nodePort: sp.nodePort || undefined,
        loadBalancerIPs: spec?.type === 'LoadBalancer' ? lbIPs : [],
        externalIPs: spec?.externalIPs ?? [],
        endpoints: endpointsFor(svcSlices, sp.name ?? '', protocol),
        externalTrafficPolicy: spec?.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
        internalTrafficPolicy: spec?.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster',
        affinitySeconds: spec?.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined,
      };
      rules.push(rule);
      byClusterIP.set(ruleKey(clusterIP, sp.port, protocol), rule);
      if (rule.nodePort !== undefined) byNodePort.set(`${rule.nodePort}/${protocol}`, rule);
      for (const ip of [...rule.loadBalancerIPs, ...rule.externalIPs]) byExternalIP.set(ruleKey(ip, sp.port, protocol), rule);
    }
  }
  return { rules, byClusterIP, byNodePort, byExternalIP };
}

/**
 * The endpoints a node's kube-proxy forwards a rule's traffic to (upstream `CategorizeEndpoints`):
 * ready endpoints, or — when there are none — serving endpoints that are terminating; with the
 * relevant traffic policy set to Local (`externalTrafficPolicy` for NodePort, load-balancer and
 * external-IP traffic, `internalTrafficPolicy` for ClusterIP traffic) only those on `node`.
 * @public
 */
export function usableEndpoints(rule: ServicePortRule, node: string | undefined, external: boolean): ProxyEndpoint[] {
  const local = (external ? rule.externalTrafficPolicy : rule.internalTrafficPolicy) === 'Local';
  const candidates = local ? rule.endpoints.filter((e) => e.nodeName !== undefined && e.nodeName === node) : rule.endpoints;
  const ready = candidates.filter((e) => e.ready);
  return ready.length > 0 ? ready : candidates.filter((e) => e.serving && e.terminating);
}

/**
 * The rules as iptables-save-like lines for one node (for inspection and `describe`): one line per
 * destination with its endpoints, e.g. `KUBE-SERVICES 10.96.0.1:443/TCP -> default/kubernetes:https [192.168.49.2:6443]`.
 * @public
 */
export function describeProxyRules(rules: ProxyRules, node: string | undefined, nodeIPs: readonly string[] = []): string[] {
  const eps = (r: ServicePortRule, external: boolean): string => `[${usableEndpoints(r, node, external).map((e) => `${e.ip}:${e.port}`).join(' ')}]`;
  const svc = (r: ServicePortRule): string => `${r.namespace}/${r.name}${r.portName ? `:${r.portName}` : ''}`;
  const out: string[] = [];
  for (const r of rules.rules) {
    out.push(`KUBE-SERVICES ${ruleKey(r.clusterIP, r.port, r.protocol)} -> ${svc(r)} ${eps(r, false)}`);
    for (const ip of [...r.loadBalancerIPs, ...r.externalIPs]) out.push(`KUBE-EXT ${ruleKey(ip, r.port, r.protocol)} -> ${svc(r)} ${eps(r, true)}`);
    if (r.nodePort !== undefined) {
      for (const ip of nodeIPs.length > 0 ? nodeIPs : ['0.0.0.0']) out.push(`KUBE-NODEPORTS ${ruleKey(ip, r.nodePort, r.protocol)} -> ${svc(r)} ${eps(r, true)}`);
    }
  }
  return out;
}
