// Upstream ValidateEndpoints (core/v1) and ValidateEndpointSlice (discovery/v1).
import { isIPv4, isIPv6 } from 'node:net';
import type { Endpoints, EndpointPort } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { arr, ipErrors, nonSpecialIpErrors, PORT_PROTOCOLS, portNumErrors } from './validationUtils.ts';

function labelField(v: string | undefined, path: string): FieldError[] {
  return v ? dns1123LabelErrors(v).map((m) => fieldError.invalid(path, v, m)) : [];
}

function protocolErrors(protocol: string | undefined, path: string): FieldError[] {
  if (!protocol) return [fieldError.required(path)];
  return PORT_PROTOCOLS.includes(protocol) ? [] : [fieldError.notSupported(path, protocol, PORT_PROTOCOLS)];
}

function appProtocolErrors(v: string | undefined, path: string): FieldError[] {
  return v != null ? qualifiedNameErrors(v).map((m) => fieldError.invalid(path, v, m)) : [];
}

function endpointPortErrors(port: EndpointPort, requireName: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !port.name) errs.push(fieldError.required(`${path}.name`));
  else errs.push(...labelField(port.name, `${path}.name`));
  errs.push(...portNumErrors(port.port ?? 0).map((m) => fieldError.invalid(`${path}.port`, port.port ?? 0, m)));
  return [...errs, ...protocolErrors(port.protocol, `${path}.protocol`), ...appProtocolErrors(port.appProtocol, `${path}.appProtocol`)];
}

function subsetErrors(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  arr(ep.subsets).forEach((ss, i) => {
    const p = `subsets[${i}]`;
    if (arr(ss.addresses).length === 0 && arr(ss.notReadyAddresses).length === 0) errs.push(fieldError.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const f of ['addresses', 'notReadyAddresses'] as const) {
      arr(ss[f]).forEach((a, j) => {
        const ap = `${p}.${f}[${j}]`;
        errs.push(...ipErrors(a.ip ?? '', `${ap}.ip`), ...labelField(a.hostname, `${ap}.hostname`));
        if (a.nodeName != null) errs.push(...dns1123SubdomainErrors(a.nodeName).map((m) => fieldError.invalid(`${ap}.nodeName`, a.nodeName, m)));
        errs.push(...nonSpecialIpErrors(a.ip ?? '', `${ap}.ip`));
      });
    }
    const ports = arr(ss.ports);
    ports.forEach((port, j) => errs.push(...endpointPortErrors(port, ports.length > 1, `${p}.ports[${j}]`)));
  });
  return errs;
}

/** Upstream `ValidateEndpointsCreate`. */
export function validateEndpoints(ep: Endpoints): FieldError[] {
  return [...validateObjectMeta(ep.metadata, true), ...subsetErrors(ep)];
}

/** Upstream `ValidateEndpointsUpdate`. */
export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...subsetErrors(ep)];
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const FQDN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

function sliceErrors(slice: EndpointSlice): FieldError[] {
  const errs: FieldError[] = [];
  const type = slice.addressType ?? '';
  if (!type) errs.push(fieldError.required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(fieldError.notSupported('addressType', type, ADDRESS_TYPES));
  const endpoints = arr(slice.endpoints);
  if (endpoints.length > 1000) errs.push(fieldError.tooMany('endpoints', endpoints.length, 1000));
  endpoints.forEach((ep, i) => {
    const ap = `endpoints[${i}].addresses`;
    const addrs = arr(ep.addresses);
    if (addrs.length === 0) errs.push(fieldError.required(ap, 'must contain at least 1 address'));
    else if (addrs.length > 100) errs.push(fieldError.tooMany(ap, addrs.length, 100));
    addrs.forEach((a, j) => {
      const p = `${ap}[${j}]`;
      if (type === 'IPv4') errs.push(...(isIPv4(a) ? nonSpecialIpErrors(a, p) : [fieldError.invalid(p, a, 'must be a valid IPv4 address')]));
      if (type === 'IPv6') errs.push(...(isIPv6(a) ? nonSpecialIpErrors(a, p) : [fieldError.invalid(p, a, 'must be a valid IPv6 address')]));
      if (type === 'FQDN' && !FQDN.test(a)) errs.push(fieldError.invalid(p, a, 'should be a domain with at least two segments separated by dots'));
    });
    if (ep.nodeName != null) errs.push(...dns1123SubdomainErrors(ep.nodeName).map((m) => fieldError.invalid(`endpoints[${i}].nodeName`, ep.nodeName, m)));
    errs.push(...labelField(ep.hostname, `endpoints[${i}].hostname`));
  });
  const names = new Set<string>();
  arr(slice.ports).forEach((port, i) => {
    const p = `ports[${i}]`;
    const name = port.name ?? '';
    errs.push(...labelField(name, `${p}.name`));
    if (names.has(name)) errs.push(fieldError.duplicate(`${p}.name`, name));
    names.add(name);
    errs.push(...protocolErrors(port.protocol, `${p}.protocol`), ...appProtocolErrors(port.appProtocol, `${p}.appProtocol`));
  });
  return errs;
}

/** Upstream `ValidateEndpointSliceCreate`. Expects a defaulted slice. */
export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  return [...validateObjectMeta(slice.metadata, true), ...sliceErrors(slice)];
}

/** Upstream `ValidateEndpointSliceUpdate`: addressType is immutable. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const errs = [...validateObjectMetaUpdate(slice.metadata, old.metadata), ...sliceErrors(slice)];
  if (slice.addressType !== old.addressType) errs.push(fieldError.invalid('addressType', slice.addressType, 'field is immutable'));
  return errs;
}
