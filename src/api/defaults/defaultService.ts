import { produce } from 'immer';
import type { Service, ServiceSpec } from 'kubernetes-types/core/v1.js';

/** Seconds of ClientIP session affinity when unset (three hours). */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** True for a Service reachable from outside the cluster (upstream `ExternallyAccessible`). */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs ?? []).length > 0);
}

/**
 * `SetDefaults_Service`, plus what the Service registry fills in before allocation on a single-stack
 * IPv4 cluster: `clusterIPs` mirrors `clusterIP`, `ipFamilyPolicy` SingleStack (RequireDualStack for a
 * headless Service without selector, as upstream) and `ipFamilies` [IPv4]. ClusterIP and NodePort
 * allocation belong to the allocators, not here.
 */
export function defaultService(svc: Service): Service {
  return produce(svc, (d) => {
    const spec = (d.spec ??= {});
    if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
    if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
    if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
    if (!spec.type) spec.type = 'ClusterIP';
    for (const p of spec.ports ?? []) {
      if (!p.protocol) p.protocol = 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
    if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
    if (spec.internalTrafficPolicy == null && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')) {
      spec.internalTrafficPolicy = 'Cluster';
    }
    if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
    if (spec.type === 'ExternalName') return;
    if (spec.clusterIP && (spec.clusterIPs ?? []).length === 0) spec.clusterIPs = [spec.clusterIP];
    const headless = spec.clusterIP === 'None';
    if (spec.ipFamilyPolicy == null) spec.ipFamilyPolicy = headless && Object.keys(spec.selector ?? {}).length === 0 ? 'RequireDualStack' : 'SingleStack';
    if ((spec.ipFamilies ?? []).length === 0) spec.ipFamilies = ['IPv4'];
  });
}
