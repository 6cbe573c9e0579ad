import { describe, it, expect } from 'vitest';
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { Ingress } from 'kubernetes-types/networking/v1.js';
import { defaultEndpoints } from '../defaults/defaultCore.ts';
import { defaultEndpointSlice } from '../defaults/defaultNetworking.ts';
import { messages } from './testObjects.ts';
import { validateEndpoints, validateEndpointSlice, validateEndpointSliceUpdate } from './validateEndpoints.ts';
import { validateIngress, validateIngressClass } from './validateIngress.ts';

const meta = { name: 'web', namespace: 'default' };
const ingress = (paths: NonNullable<NonNullable<NonNullable<Ingress['spec']>['rules']>[number]['http']>): Ingress => ({ metadata: meta, spec: { rules: [{ host: 'example.com', http: paths }] } });
const backend = { service: { name: 'web', port: { number: 80 } } };

describe('validateIngress', () => {
  it('should accept prefix, exact and implementation-specific paths and a wildcard host', () => {
    expect(validateIngress(ingress({ paths: [{ path: '/', pathType: 'Prefix', backend }, { path: '/x', pathType: 'Exact', backend }, { pathType: 'ImplementationSpecific', backend }] }))).toEqual([]);
    expect(validateIngress({ metadata: meta, spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } })).toEqual([]);
    expect(validateIngress({ metadata: meta, spec: { defaultBackend: backend } })).toEqual([]);
  });

  it.each<[string, Ingress, string[]]>([
    ['neither rules nor default backend', { metadata: meta, spec: {} }, ['spec: Invalid value: []: either `defaultBackend` or `rules` must be specified']],
    ['a missing pathType', ingress({ paths: [{ path: '/', backend } as never] }), ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']],
    ['an unknown pathType', ingress({ paths: [{ path: '/', pathType: 'Regex', backend }] }), ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"']],
    ['a relative prefix path', ingress({ paths: [{ path: 'api', pathType: 'Prefix', backend }] }), ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']],
    ['a path with //', ingress({ paths: [{ path: '/a//b', pathType: 'Exact', backend }] }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"]],
    ['a backend without a port', ingress({ paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web' } } }] }), ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required']],
    ['a backend with no service name', ingress({ paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: '', port: { number: 80 } } } }] }), ['spec.rules[0].http.paths[0].backend.service.name: Required value']],
    ['a backend port out of range', ingress({ paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 70000 } } } }] }), ['spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['an IP as host', { metadata: meta, spec: { rules: [{ host: '10.0.0.1' }] } }, ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']],
  ])('should report %s', (_what, ing, want) => {
    expect(messages(validateIngress(ing))).toEqual(want);
  });

  it('should require an ingress class controller', () => {
    expect(messages(validateIngressClass({ metadata: { name: 'nginx' }, spec: {} }))).toEqual(['spec.controller: Required value']);
  });
});

describe('validateEndpoints', () => {
  const ep = (subsets: NonNullable<Endpoints['subsets']>): Endpoints => defaultEndpoints({ metadata: meta, subsets });

  it('should accept ready and not-ready addresses with ports', () => {
    expect(validateEndpoints(ep([{ addresses: [{ ip: '10.244.0.5', nodeName: 'node-1' }], notReadyAddresses: [{ ip: '10.244.0.6' }], ports: [{ port: 80 }] }]))).toEqual([]);
  });

  it('should report empty subsets, bad and special IPs and unnamed ports among several', () => {
    expect(
      messages(validateEndpoints(ep([{ ports: [{ port: 80 }] }, { addresses: [{ ip: 'x' }, { ip: '127.0.0.1' }], ports: [{ port: 80, name: 'a' }, { port: 81 }] }]))),
    ).toEqual([
      'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
      'subsets[1].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[1].addresses[1].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[1].ports[1].name: Required value',
    ]);
  });
});

describe('validateEndpointSlice', () => {
  const slice = (): EndpointSlice => defaultEndpointSlice({ metadata: { ...meta, resourceVersion: '1' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true } }], ports: [{ name: 'http', port: 80 }] });

  it('should accept a defaulted slice', () => {
    expect(validateEndpointSlice(slice())).toEqual([]);
  });

  it('should report the address type, empty endpoints and addresses of the wrong family', () => {
    expect(messages(validateEndpointSlice({ ...slice(), addressType: 'IPX' }))).toEqual(['addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"']);
    expect(messages(validateEndpointSlice({ ...slice(), endpoints: [{ addresses: [] }, { addresses: ['fd00::1'] }] }))).toEqual([
      'endpoints[0].addresses: Required value: must contain at least 1 address',
      'endpoints[1].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
    ]);
    expect(messages(validateEndpointSlice({ ...slice(), ports: [{ name: 'a', protocol: 'TCP' }, { name: 'a', protocol: 'TCP' }] }))).toEqual(['ports[1].name: Duplicate value: "a"']);
  });

  it('should keep the address type immutable', () => {
    const old = slice();
    expect(messages(validateEndpointSliceUpdate({ ...old, addressType: 'IPv6', endpoints: [] }, old))).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
  });
});
