import type { EndpointAddress, EndpointPort, Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { Endpoint, EndpointPort as SlicePort } from 'kubernetes-types/discovery/v1.js';
import { labelSelectorFromSet, matchesLabels } from '../api/labelSelector.ts';
import { isPodReady } from '../workloads/podConditions.ts';

/** Label on Endpoints and EndpointSlices of a headless Service (upstream `v1.IsHeadlessService`). */
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';

/**
 * True when the Service has a selector (only those get controller-managed endpoints). An empty
 * selector counts as none: it does not survive storage upstream (omitempty).
 */
export function hasSelector(svc: Service): boolean {
  return Object.keys(svc.spec?.selector ?? {}).length > 0 && svc.spec?.type !== 'ExternalName';
}

/** True when `svc`'s selector picks `pod` (same namespace, labels match, selector not empty). */
export function selectsPod(svc: Service, pod: Pod): boolean {
  const sel = svc.spec?.selector;
  if (sel == null || Object.keys(sel).length === 0) return false;
  if ((svc.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default')) return false;
  return matchesLabels(labelSelectorFromSet(sel), pod.metadata?.labels);
}

/**
 * Upstream `ShouldPodBeInEndpoints`: not terminal (Succeeded/Failed), has an IP, and not terminating
 * unless `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  return includeTerminating || pod.metadata?.deletionTimestamp == null;
}

/** The pod's IP (the first of `podIPs` when `podIP` is unset). */
export function podIPOf(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/**
 * Upstream `podutil.FindPort`: a numeric targetPort as is; a named one is looked up among the pod's
 * container ports with the same protocol (restartable init containers — sidecars — included).
 * Undefined when the pod has no such port.
 */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** Upstream `ShouldSetHostname`: the pod names a hostname and its subdomain is this Service. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return Boolean(pod.spec?.hostname) && pod.spec?.subdomain === svc.metadata?.name && (pod.metadata?.namespace ?? 'default') === (svc.metadata?.namespace ?? 'default');
}

/** The ports a pod serves for the Service, each resolved from its targetPort (unresolvable ones left out). */
export function podEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol != null ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** The EndpointSlice ports of a pod (the name is always present, `""` for an unnamed port, as upstream). */
export function slicePorts(ports: readonly EndpointPort[]): SlicePort[] {
  return ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol != null ? { appProtocol: p.appProtocol } : {}) }));
}

/** The Endpoints address of a pod (upstream `podToEndpointAddressForService` plus the hostname rule). */
export function podAddress(svc: Service, pod: Pod): EndpointAddress {
  return {
    ip: podIPOf(pod) ?? '',
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
}

/**
 * The EndpointSlice endpoint of a pod (upstream `podToEndpoint`): `serving` is the Ready condition,
 * `terminating` the deletion mark, `ready` = serving and not terminating — or always true with
 * `publishNotReadyAddresses`. `zone` comes from the node's `topology.kubernetes.io/zone` label.
 */
export function podEndpoint(svc: Service, pod: Pod, zone?: string): Endpoint {
  const publish = svc.spec?.publishNotReadyAddresses === true;
  const terminating = pod.metadata?.deletionTimestamp != null;
  const serving = isPodReady(pod);
  const ready = publish || (serving && !terminating);
  return {
    addresses: [podIPOf(pod) ?? ''],
    conditions: { ready, serving, terminating },
    ...(shouldSetHostname(pod, svc) ? { hostname: pod.spec?.hostname ?? '' } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace ?? 'default', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
  };
}

/** Compares IP texts numerically (IPv4) so 10.0.0.9 sorts before 10.0.0.10. */
export function compareIPs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
