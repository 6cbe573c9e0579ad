import fc from 'fast-check';
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { dnsLabel } from './dnsLabel.ts';
import { dnsSubdomain } from './dnsSubdomain.ts';
import { labels } from './labels.ts';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { regexString } from './regexString.ts';
import { maybe } from './shape.ts';

/** A Service type. */
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** What {@link service} generates. */
export interface ServiceOptions extends NamespaceOption {
  /** One type, a choice of them, or (default) any type or none (defaulted to ClusterIP). */
  readonly type?: ServiceType | readonly ServiceType[];
  /** The selector (default: sometimes generated labels, sometimes none). */
  readonly selector?: Readonly<Record<string, string>>;
}

// The kubelet's port, which a LoadBalancer may not expose.
const KUBELET_PORT = 10250;
const portName = regexString(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6})?$/);

/** Ports of a Service: unique by port and protocol; named (uniquely) when there are several. */
function servicePorts(minLength: number, loadBalancer: boolean): fc.Arbitrary<ServicePort[]> {
  const port = fc.record(
    {
      port: fc.integer({ min: 1, max: 65535 }).filter((p) => !loadBalancer || p !== KUBELET_PORT),
      protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP')),
      targetPort: maybe(fc.oneof(fc.integer({ min: 1, max: 65535 }), portName)),
      appProtocol: maybe(fc.constantFrom('http', 'https', 'h2c', 'kubernetes.io/h2c', 'kubernetes.io/ws'), 0.2),
    },
    { noNullPrototype: true },
  );
  return fc
    .uniqueArray(port, { minLength, maxLength: 4, selector: (p) => `${p.port}/${p.protocol ?? 'TCP'}` })
    .chain((ports) => fc.tuple(fc.constant(ports), fc.uniqueArray(dnsLabel({ maxLength: 15 }), { minLength: ports.length, maxLength: ports.length }), fc.boolean()))
    .map(([ports, names, nameSingle]) =>
      ports.map((p, i) => ({
        ...(ports.length > 1 || nameSingle ? { name: names[i] ?? '' } : {}),
        port: p.port,
        ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
        ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
        ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
      })),
    );
}

function serviceSpec(type: ServiceType | undefined, selector: fc.Arbitrary<Record<string, string> | undefined>): fc.Arbitrary<ServiceSpec> {
  const external = type === 'NodePort' || type === 'LoadBalancer';
  const clusterIPKind = type === undefined || type === 'ClusterIP';
  return fc
    .record(
      {
        headless: clusterIPKind ? fc.boolean() : fc.constant(false),
        selector,
        affinity: maybe(fc.constantFrom('None', 'ClientIP')),
        timeout: maybe(fc.integer({ min: 1, max: 86_400 })),
        etp: external ? maybe(fc.constantFrom('Cluster', 'Local')) : fc.constant(undefined),
        itp: type === 'ExternalName' ? fc.constant(undefined) : maybe(fc.constantFrom('Cluster', 'Local'), 0.3),
        externalName: type === 'ExternalName' ? dnsSubdomain() : fc.constant(undefined),
        publishNotReadyAddresses: maybe(fc.boolean(), 0.2),
      },
      { noNullPrototype: true },
    )
    .chain((r) => servicePorts(r.headless || type === 'ExternalName' ? 0 : 1, type === 'LoadBalancer').map((ports) => ({ ...r, ports })))
    .map((r): ServiceSpec => ({
      ...(type !== undefined ? { type } : {}),
      ...(r.ports.length > 0 ? { ports: r.ports } : {}),
      ...(r.selector !== undefined ? { selector: r.selector } : {}),
      ...(r.headless ? { clusterIP: 'None' } : {}),
      ...(r.affinity !== undefined ? { sessionAffinity: r.affinity } : {}),
      ...(r.affinity === 'ClientIP' && r.timeout !== undefined ? { sessionAffinityConfig: { clientIP: { timeoutSeconds: r.timeout } } } : {}),
      ...(r.etp !== undefined ? { externalTrafficPolicy: r.etp } : {}),
      ...(r.itp !== undefined ? { internalTrafficPolicy: r.itp } : {}),
      ...(r.externalName !== undefined ? { externalName: r.externalName } : {}),
      ...(r.publishNotReadyAddresses !== undefined ? { publishNotReadyAddresses: r.publishNotReadyAddresses } : {}),
    }));
}

/**
 * Services kube-apiserver accepts: an RFC 1035 name; ClusterIP (sometimes headless), NodePort,
 * LoadBalancer or ExternalName; ports unique by port and protocol and uniquely named when several,
 * with int or named target ports; session affinity and traffic policies. ClusterIPs and node ports are
 * left to the allocators.
 * @example
 * fc.assert(fc.asyncProperty(service({ type: 'NodePort' }), async (svc) => {
 *   const stored = await cluster.client.create(svc);
 *   expect(stored.spec?.ports?.every((p) => p.nodePort !== undefined)).toBe(true);
 * }));
 * @public
 */
export function service(options: ServiceOptions = {}): fc.Arbitrary<Service> {
  const types: readonly (ServiceType | undefined)[] =
    options.type === undefined ? ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', undefined] : typeof options.type === 'string' ? [options.type] : options.type;
  const selector = options.selector !== undefined ? fc.constant({ ...options.selector }) : maybe(labels({ minKeys: 1, maxKeys: 3 }), 0.7);
  return fc
    .tuple(objectMeta('Service', options.namespace ?? 'default'), fc.constantFrom(...types))
    .chain(([metadata, type]) => serviceSpec(type, selector).map((spec): Service => ({ apiVersion: 'v1', kind: 'Service', metadata, spec })));
}
