import { isDeepStrictEqual } from 'node:util';
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { externallyAccessible } from '../api/defaults/defaultService.ts';

/** True when the Service has (or should get) a ClusterIP: not ExternalName and not headless. */
export function needsClusterIP(spec: ServiceSpec | undefined): boolean {
  return spec?.type !== 'ExternalName' && spec?.clusterIP !== 'None';
}

/** The allocated ClusterIP, if any (`None` and empty are not IPs; upstream `IsServiceIPSet`). */
export function serviceIP(svc: Service): string | undefined {
  const ip = svc.spec?.clusterIP;
  return ip && ip !== 'None' && svc.spec?.type !== 'ExternalName' ? ip : undefined;
}

/** True when a NodePort is allocated for every port (upstream `shouldAllocateNodePorts`). */
export function allocatesNodePorts(spec: ServiceSpec | undefined): boolean {
  if (spec?.type === 'NodePort') return true;
  return spec?.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false;
}

/** True for a type that may hold node ports at all. */
export function mayHoldNodePorts(spec: ServiceSpec | undefined): boolean {
  return spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';
}

/** True when the Service gets a health-check node port (LoadBalancer with externalTrafficPolicy Local). */
export function needsHealthCheckNodePort(spec: ServiceSpec | undefined): boolean {
  return spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

/** What a stored Service holds of the allocators: its ClusterIPs and node ports. */
export function heldValues(svc: Service): { ips: string[]; ports: number[] } {
  const spec = svc.spec;
  const ips = needsClusterIP(spec) ? (spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])).filter((ip) => ip && ip !== 'None') : [];
  const ports = new Set<number>();
  if (mayHoldNodePorts(spec)) for (const p of spec?.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  if (needsHealthCheckNodePort(spec) && spec?.healthCheckNodePort) ports.add(spec.healthCheckNodePort);
  return { ips, ports: [...ports] };
}

/**
 * Upstream `patchAllocatedValues`: an update that leaves out the ClusterIP or a node port keeps the
 * allocated one (as `kubectl replace` of a manifest without them does). Mutates `spec` (an immer draft).
 */
export function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (needsClusterIP(spec) && needsClusterIP(old) && !spec.clusterIP && old.clusterIP) {
    spec.clusterIP = old.clusterIP;
    if ((spec.clusterIPs ?? []).length === 0 && old.clusterIPs) spec.clusterIPs = [...old.clusterIPs];
  }
  if (mayHoldNodePorts(spec) && mayHoldNodePorts(old)) {
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = (old.ports ?? []).find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP') && o.nodePort);
      if (prev?.nodePort) p.nodePort = prev.nodePort;
    }
  }
  if (needsHealthCheckNodePort(spec) && needsHealthCheckNodePort(old) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/**
 * Upstream `dropTypeDependentFields`: when the type changes, fields the old type needed and the
 * new one forbids are cleared, provided the update did not change them. Mutates `spec` (a draft).
 */
export function dropTypeDependentFields(spec: ServiceSpec, old: ServiceSpec): void {
  if (spec.type === 'ExternalName' && old.type !== 'ExternalName' && isDeepStrictEqual(spec.clusterIPs ?? [], old.clusterIPs ?? [])) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
  const oldPorts = (old.ports ?? []).map((p) => p.nodePort ?? 0);
  if (mayHoldNodePorts(old) && !allocatesNodePorts(spec) && isDeepStrictEqual((spec.ports ?? []).map((p) => p.nodePort ?? 0), oldPorts)) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(spec) && spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (!externallyAccessible(spec) && externallyAccessible(old) && spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (spec.type !== 'LoadBalancer' && old.type === 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === old.loadBalancerClass) delete spec.loadBalancerClass;
  }
}
