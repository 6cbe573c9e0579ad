import fc from 'fast-check';
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { at, badLabelValue, breaker, type Breaker } from './breaker.ts';
import { labelKey } from './labels.ts';

function specOf(o: Service): ServiceSpec {
  return (o.spec ??= {});
}

// A port of the Service to break (one is added when it has none).
function portAt(o: Service, n: number): { port: ServicePort; i: number } {
  const spec = specOf(o);
  const ports = (spec.ports ??= []);
  if (ports.length === 0) ports.push({ port: 80 });
  const i = at(n, ports.length);
  const port = ports[i];
  if (port === undefined) throw new Error('unreachable: ports is not empty');
  return { port, i };
}

// Makes the Service a plain (non-headless) ClusterIP one, the type most rules apply to.
function asClusterIP(spec: ServiceSpec): void {
  spec.type = 'ClusterIP';
  delete spec.clusterIP;
  delete spec.externalName;
  delete spec.externalTrafficPolicy;
}

const twoPorts = fc.uniqueArray(fc.integer({ min: 1, max: 10000 }), { minLength: 2, maxLength: 2 });

/** Broken Service specs: ports, type, session affinity, selector, traffic policies. */
export function serviceBreakers(): Breaker<Service>[] {
  return [
    breaker<Service, null>('ClusterIP Service without ports', fc.constant(null), (o) => {
      const spec = specOf(o);
      asClusterIP(spec);
      delete spec.ports;
      return 'spec.ports';
    }),
    breaker<Service, [number, number]>('port out of range', fc.tuple(fc.nat(), fc.oneof(fc.constant(0), fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 65536, max: 1_000_000 }))), (o, [n, bad]) => {
      const { port, i } = portAt(o, n);
      port.port = bad;
      return `spec.ports[${i}].port`;
    }),
    breaker<Service, number[]>('unnamed port among several', twoPorts, (o, [a, b]) => {
      specOf(o).ports = [{ name: 'first', port: a ?? 1 }, { port: b ?? 2 }];
      return 'spec.ports[1].name';
    }),
    breaker<Service, number[]>('duplicate port name', twoPorts, (o, [a, b]) => {
      specOf(o).ports = [
        { name: 'web', port: a ?? 1 },
        { name: 'web', port: b ?? 2 },
      ];
      return 'spec.ports[1].name';
    }),
    breaker<Service, [number, string]>('duplicate port and protocol', fc.tuple(fc.integer({ min: 1, max: 10000 }), fc.constantFrom('TCP', 'UDP')), (o, [port, protocol]) => {
      specOf(o).ports = [
        { name: 'a', port, protocol },
        { name: 'b', port, protocol },
      ];
      return 'spec.ports[1]';
    }),
    breaker<Service, string>('unknown type', fc.constantFrom('Weird', 'clusterip', 'Internal'), (o, type) => {
      specOf(o).type = type;
      return 'spec.type';
    }),
    breaker<Service, string>('unknown session affinity', fc.constantFrom('Sticky', 'clientip'), (o, affinity) => {
      const spec = specOf(o);
      spec.sessionAffinity = affinity;
      delete spec.sessionAffinityConfig;
      return 'spec.sessionAffinity';
    }),
    breaker<Service, number>('ClientIP timeout out of range', fc.oneof(fc.integer({ min: -100, max: 0 }), fc.integer({ min: 86_401, max: 1_000_000 })), (o, timeoutSeconds) => {
      const spec = specOf(o);
      spec.sessionAffinity = 'ClientIP';
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds } };
      return 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    }),
    breaker<Service, [string, string]>('selector with a bad value', fc.tuple(labelKey(), badLabelValue), (o, [k, v]) => {
      const spec = specOf(o);
      spec.selector = { ...spec.selector, [k]: v };
      return 'spec.selector';
    }),
    breaker<Service, [number, number | string]>('target port neither a port number nor an IANA name', fc.tuple(fc.nat(), fc.oneof(fc.constantFrom<number | string>('http--x', 'HTTP', 'averyverylongportname', '-x', '123'), fc.integer({ min: 65536, max: 1_000_000 }), fc.integer({ min: -1000, max: -1 }))), (o, [n, target]) => {
      const { port, i } = portAt(o, n);
      port.targetPort = target;
      return `spec.ports[${i}].targetPort`;
    }),
    breaker<Service, number>('nodePort on a ClusterIP Service', fc.integer({ min: 30000, max: 32767 }), (o, nodePort) => {
      const spec = specOf(o);
      asClusterIP(spec);
      const { port, i } = portAt(o, 0);
      port.nodePort = nodePort;
      return `spec.ports[${i}].nodePort`;
    }),
    breaker<Service, null>('ExternalName Service without externalName', fc.constant(null), (o) => {
      const spec = specOf(o);
      spec.type = 'ExternalName';
      delete spec.externalName;
      delete spec.clusterIP;
      delete spec.externalTrafficPolicy;
      delete spec.internalTrafficPolicy;
      return 'spec.externalName';
    }),
    breaker<Service, null>('LoadBalancer exposing the kubelet port', fc.constant(null), (o) => {
      const spec = specOf(o);
      spec.type = 'LoadBalancer';
      delete spec.clusterIP;
      delete spec.externalName;
      spec.ports = [{ port: 10250 }];
      return 'spec.ports[0]';
    }),
    breaker<Service, [string, string]>('unknown traffic policy', fc.tuple(fc.constantFrom('externalTrafficPolicy', 'internalTrafficPolicy'), fc.constantFrom('Sometimes', 'cluster')), (o, [field, policy]) => {
      const spec = specOf(o);
      spec.type = 'NodePort';
      delete spec.clusterIP;
      delete spec.externalName;
      if (field === 'externalTrafficPolicy') spec.externalTrafficPolicy = policy;
      else spec.internalTrafficPolicy = policy;
      return `spec.${field}`;
    }),
  ];
}
