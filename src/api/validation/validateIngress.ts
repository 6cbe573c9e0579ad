// Upstream ValidateIngressCreate / ValidateIngressUpdate and ValidateIngressClass (networking/v1).
import { isIP } from 'node:net';
import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass } from 'kubernetes-types/networking/v1.js';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { dns1123SubdomainErrors } from '../names.ts';
import { nameIsDns1035Label, nameIsDnsSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { arr, immutable, portNameErrors, portNumErrors } from './validationUtils.ts';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function wildcardErrors(host: string): string[] {
  const errs: string[] = [];
  if (host.length > 253) errs.push('must be no more than 253 characters');
  if (!/^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host)) errs.push(WILDCARD_MSG);
  return errs;
}

/** Upstream `validateIngressBackend`: exactly one of a service (name and port) or a resource. */
export function validateIngressBackend(b: IngressBackend | undefined, path: string): FieldError[] {
  if (b?.resource != null && b.service != null) return [fieldError.invalid(path, '', 'cannot set both resource and service backends')];
  if (b?.resource != null) {
    const errs: FieldError[] = [];
    if (!b.resource.kind) errs.push(fieldError.required(`${path}.resource.kind`));
    if (!b.resource.name) errs.push(fieldError.required(`${path}.resource.name`));
    return errs;
  }
  if (b?.service == null) return [fieldError.invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = b.service.name;
  if (!name) errs.push(fieldError.required(`${path}.service.name`));
  else errs.push(...nameIsDns1035Label(name, false).map((m) => fieldError.invalid(`${path}.service.name`, name, m)));
  const portName = b.service.port?.name ?? '';
  const portNumber = b.service.port?.number ?? 0;
  if (portName && portNumber) errs.push(fieldError.invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) errs.push(...portNameErrors(portName).map((m) => fieldError.invalid(`${path}.service.port.name`, portName, m)));
  else if (portNumber) errs.push(...portNumErrors(portNumber).map((m) => fieldError.invalid(`${path}.service.port.number`, portNumber, m)));
  else errs.push(fieldError.required(path, 'port name or number is required'));
  return errs;
}

function validatePath(p: HTTPIngressPath, path: string): FieldError[] {
  if (p.pathType == null) return [fieldError.required(`${path}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const value = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!value.startsWith('/')) errs.push(fieldError.invalid(`${path}.path`, value, 'must be an absolute path'));
    for (const seq of INVALID_SEQUENCES) if (value.includes(seq)) errs.push(fieldError.invalid(`${path}.path`, value, `must not contain '${seq}'`));
    for (const suf of INVALID_SUFFIXES) if (value.endsWith(suf)) errs.push(fieldError.invalid(`${path}.path`, value, `cannot end with '${suf}'`));
  } else if (p.pathType === 'ImplementationSpecific') {
    if (value && !value.startsWith('/')) errs.push(fieldError.invalid(`${path}.path`, value, 'must be an absolute path'));
  } else {
    errs.push(fieldError.notSupported(`${path}.pathType`, p.pathType, PATH_TYPES));
  }
  return [...errs, ...validateIngressBackend(p.backend, `${path}.backend`)];
}

function ingressSpecErrors(ing: Ingress): FieldError[] {
  const spec = ing.spec;
  const rules = arr(spec?.rules);
  const errs: FieldError[] = [];
  if (rules.length === 0 && spec?.defaultBackend == null) errs.push(fieldError.invalid('spec', rules, 'either `defaultBackend` or `rules` must be specified'));
  if (spec?.defaultBackend != null) errs.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const p = `spec.rules[${i}]`;
    const host = rule.host ?? '';
    if (host) {
      if (isIP(host) !== 0) errs.push(fieldError.invalid(`${p}.host`, host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? wildcardErrors(host) : dns1123SubdomainErrors(host);
      errs.push(...msgs.map((m) => fieldError.invalid(`${p}.host`, host, m)));
    }
    if (rule.http != null) {
      const paths = arr(rule.http.paths);
      if (paths.length === 0) errs.push(fieldError.required(`${p}.http.paths`));
      paths.forEach((hp, j) => errs.push(...validatePath(hp, `${p}.http.paths[${j}]`)));
    }
  });
  arr(spec?.tls).forEach((tls, i) => {
    for (const [j, h] of arr(tls.hosts).entries()) {
      const msgs = h.includes('*') ? wildcardErrors(h) : dns1123SubdomainErrors(h);
      errs.push(...msgs.map((m) => fieldError.invalid(`spec.tls[${i}].hosts[${j}]`, h, m)));
    }
  });
  const cls = spec?.ingressClassName;
  if (cls != null) errs.push(...nameIsDnsSubdomain(cls, false).map((m) => fieldError.invalid('spec.ingressClassName', cls, m)));
  return errs;
}

/** Upstream `ValidateIngressCreate`. */
export function validateIngress(ing: Ingress): FieldError[] {
  return [...validateObjectMeta(ing.metadata, true), ...ingressSpecErrors(ing)];
}

/** Upstream `ValidateIngressUpdate`. */
export function validateIngressUpdate(ing: Ingress, old: Ingress): FieldError[] {
  return [...validateObjectMetaUpdate(ing.metadata, old.metadata), ...ingressSpecErrors(ing)];
}

function controllerErrors(ic: IngressClass): FieldError[] {
  const controller = ic.spec?.controller ?? '';
  if (!controller) return [fieldError.required('spec.controller')];
  return controller.length > 250 ? [fieldError.tooLong('spec.controller', '', 250)] : [];
}

/** Upstream `ValidateIngressClass`: a controller name of at most 250 characters. */
export function validateIngressClass(ic: IngressClass): FieldError[] {
  return [...validateObjectMeta(ic.metadata, false), ...controllerErrors(ic)];
}

/** Upstream `ValidateIngressClassUpdate`: the controller is immutable. */
export function validateIngressClassUpdate(ic: IngressClass, old: IngressClass): FieldError[] {
  return [...validateObjectMetaUpdate(ic.metadata, old.metadata), ...controllerErrors(ic), ...immutable(ic.spec?.controller, old.spec?.controller, 'spec.controller')];
}
