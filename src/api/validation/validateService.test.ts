import { describe, it, expect } from 'vitest';
import { produce, type Draft } from 'immer';
import type { Service } from 'kubernetes-types/core/v1.js';
import { defaultService } from '../defaults/defaultService.ts';
import { messages, service } from './testObjects.ts';
import { validateService, validateServiceUpdate } from './validateService.ts';

const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const build = (edit: (s: Draft<Service>) => void): Service => defaultService(produce(service(), edit));
const errorsOf = (edit: (s: Draft<Service>) => void): string[] => messages(validateService(build(edit)));

describe('validateService', () => {
  it('should accept defaulted ClusterIP, NodePort, LoadBalancer, headless and ExternalName services', () => {
    expect(errorsOf(() => {})).toEqual([]);
    expect(errorsOf((s) => void Object.assign(s.spec!, { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }, { name: 'https', port: 443 }] }))).toEqual([]);
    expect(errorsOf((s) => void Object.assign(s.spec!, { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 }))).toEqual([]);
    expect(errorsOf((s) => void Object.assign(s.spec!, { clusterIP: 'None', ports: [] }))).toEqual([]);
    expect(errorsOf((s) => void (s.spec = { type: 'ExternalName', externalName: 'db.example.com.' }))).toEqual([]);
    expect(errorsOf((s) => void Object.assign(s.spec!, { clusterIP: '10.96.0.10', sessionAffinity: 'ClientIP' }))).toEqual([]);
  });

  it.each<[string, (s: Draft<Service>) => void, string[]]>([
    ['a name that is not a DNS-1035 label', (s) => void (s.metadata!.name = '1web'), [`metadata.name: Invalid value: "1web": ${DNS1035}`]],
    ['no ports', (s) => void (s.spec!.ports = []), ['spec.ports: Required value']],
    ['port 0', (s) => void (s.spec!.ports = [{ port: 0, targetPort: 80 }]), ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['an unnamed port among several', (s) => void s.spec!.ports!.push({ name: 'b', port: 81 }), ['spec.ports[0].name: Required value']],
    [
      'duplicate port names',
      (s) => void (s.spec!.ports = [{ name: 'http', port: 80 }, { name: 'http', port: 81 }]),
      ['spec.ports[1].name: Duplicate value: "http"'],
    ],
    ['an unknown protocol', (s) => void (s.spec!.ports = [{ port: 80, protocol: 'HTTP' }]), ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['a bad target port name', (s) => void (s.spec!.ports = [{ port: 80, targetPort: 'HTTP_PORT' }]), ['spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'spec.ports[0].targetPort: Invalid value: "HTTP_PORT": must contain at least one letter (a-z)']],
    ['a duplicate port', (s) => void (s.spec!.ports = [{ name: 'a', port: 80 }, { name: 'b', port: 80 }]), ['spec.ports[1]: Duplicate value: {"protocol":"TCP","port":80}']],
    ['a node port on a ClusterIP service', (s) => void (s.spec!.ports = [{ port: 80, nodePort: 30001 }]), ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['a node port out of range', (s) => void Object.assign(s.spec!, { type: 'NodePort', ports: [{ port: 80, nodePort: 70000 }] }), ['spec.ports[0].nodePort: Invalid value: 70000: must be between 0 and 65535, inclusive']],
    ['an unknown type', (s) => void (s.spec!.type = 'Magic'), ['spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['ExternalName without a name', (s) => void (s.spec = { type: 'ExternalName' }), ['spec.externalName: Required value']],
    ['a headless NodePort service', (s) => void Object.assign(s.spec!, { type: 'NodePort', clusterIP: 'None' }), ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ['the kubelet port on a load balancer', (s) => void Object.assign(s.spec!, { type: 'LoadBalancer', ports: [{ port: 10250 }] }), ['spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet']],
    ['an invalid cluster IP', (s) => void (s.spec!.clusterIP = '10.0.0.300'), ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ['externalTrafficPolicy on a ClusterIP service', (s) => void (s.spec!.externalTrafficPolicy = 'Local'), ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']],
    ['an unsupported session affinity', (s) => void (s.spec!.sessionAffinity = 'Cookie'), ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']],
    [
      'a ClientIP timeout over a day',
      (s) => void Object.assign(s.spec!, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
      ['spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400'],
    ],
  ])('should report %s', (_what, edit, want) => {
    expect(errorsOf(edit)).toEqual(want);
  });

  it('should require the traffic policies a defaulted service has', () => {
    const raw: Service = { ...service(), spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None' } };
    expect(messages(validateService(raw))).toEqual(['spec.externalTrafficPolicy: Required value', 'spec.internalTrafficPolicy: Required value']);
  });
});

describe('validateServiceUpdate', () => {
  const old = build((s) => {
    s.metadata!.resourceVersion = '1';
    s.spec!.clusterIP = '10.96.0.5';
    s.spec!.clusterIPs = ['10.96.0.5'];
  });

  it('should allow changing ports and selector', () => {
    expect(validateServiceUpdate(produce(old, (s) => void Object.assign(s.spec!, { selector: { app: 'v2' }, ports: [{ port: 8080, targetPort: 8080, protocol: 'TCP' }] })), old)).toEqual([]);
  });

  it('should refuse a new cluster IP with the v1.20+ wording', () => {
    const next = produce(old, (s) => void Object.assign(s.spec!, { clusterIP: '10.96.0.6', clusterIPs: ['10.96.0.6'] }));
    expect(messages(validateServiceUpdate(next, old))).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.6"]: may not change once set']);
  });

  it('should refuse unsetting the cluster IP but allow switching to ExternalName', () => {
    const unset = produce(old, (s) => {
      delete s.spec!.clusterIP;
      delete s.spec!.clusterIPs;
    });
    expect(messages(validateServiceUpdate(unset, old))).toEqual(['spec.clusterIPs[0]: Invalid value: []: primary clusterIP can not be unset']);
    const ext: Service = { ...old, spec: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' } };
    expect(validateServiceUpdate(ext, old)).toEqual([]);
  });
});
