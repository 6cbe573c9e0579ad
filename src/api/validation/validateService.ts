// Upstream ValidateService and ValidateServiceUpdate (pkg/apis/core/validation).
import { isIPv6 } from 'node:net';
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import { externallyAccessible } from '../defaults/defaultService.ts';
import { fieldError, type FieldError } from '../fieldErrors.ts';
import { validateLabels } from '../labelValidation.ts';
import { dns1123LabelErrors, dns1123SubdomainErrors, qualifiedNameErrors } from '../names.ts';
import { nameIsDns1035Label, validateObjectMeta, validateObjectMetaUpdate } from './validateObjectMeta.ts';
import { arr, inclusiveRangeError, ipErrors, PORT_PROTOCOLS, portNumErrors, validatePortNumOrName } from './validationUtils.ts';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const KUBELET_PORT = 10250;

/** The Service's clusterIPs as the registry normalises them (`clusterIP` alone stands for `[clusterIP]`). */
export function clusterIPsOf(spec: ServiceSpec | undefined): string[] {
  const ips = arr(spec?.clusterIPs);
  if (ips.length > 0) return [...ips];
  return spec?.clusterIP ? [spec.clusterIP] : [];
}

const isHeadless = (spec: ServiceSpec): boolean => {
  const ips = clusterIPsOf(spec);
  return ips.length === 1 && ips[0] === 'None';
};

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !sp.name) errs.push(fieldError.required(`${path}.name`));
  else if (sp.name) {
    errs.push(...dns1123LabelErrors(sp.name).map((m) => fieldError.invalid(`${path}.name`, sp.name, m)));
    if (names.has(sp.name)) errs.push(fieldError.duplicate(`${path}.name`, sp.name));
    else names.add(sp.name);
  }
  errs.push(...portNumErrors(sp.port ?? 0).map((m) => fieldError.invalid(`${path}.port`, sp.port ?? 0, m)));
  if (!sp.protocol) errs.push(fieldError.required(`${path}.protocol`));
  else if (!PORT_PROTOCOLS.includes(sp.protocol)) errs.push(fieldError.notSupported(`${path}.protocol`, sp.protocol, PORT_PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, `${path}.targetPort`));
  if (sp.appProtocol != null) errs.push(...qualifiedNameErrors(sp.appProtocol).map((m) => fieldError.invalid(`${path}.appProtocol`, sp.appProtocol, m)));
  // The allocator checks the node-port range; here only that it is a port number at all.
  const np = sp.nodePort ?? 0;
  if (np < 0 || np > 65535) errs.push(fieldError.invalid(`${path}.nodePort`, np, inclusiveRangeError(0, 65535)));
  return errs;
}

function validateClusterIPs(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = arr(spec.clusterIPs);
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(fieldError.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(fieldError.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(fieldError.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  arr(spec.ipFamilies).forEach((f, i) => {
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldError.notSupported(`spec.ipFamilies[${i}]`, f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(fieldError.duplicate(`spec.ipFamilies[${i}]`, f));
    seen.add(f);
  });
  const policies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
  if (spec.ipFamilyPolicy != null && !policies.includes(spec.ipFamilyPolicy)) errs.push(fieldError.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, policies));
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        errs.push(fieldError.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    const e = ipErrors(ip, `spec.clusterIPs[${i}]`);
    if (e.length > 0) bad = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fieldError.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (bad) return errs;
  if (ips.length > 1 && isIPv6(ips[0] ?? '') === isIPv6(ips[1] ?? '')) errs.push(fieldError.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const fam = arr(spec.ipFamilies)[i];
      if (fam === 'IPv4' && isIPv6(ip)) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && !isIPv6(ip)) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  const etp = spec.externalTrafficPolicy ?? '';
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(fieldError.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(fieldError.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fieldError.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  if (spec.healthCheckNodePort && !(spec.type === 'LoadBalancer' && etp === 'Local')) {
    errs.push(fieldError.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  const itp = spec.internalTrafficPolicy;
  if (itp == null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') errs.push(fieldError.required('spec.internalTrafficPolicy'));
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(fieldError.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  return errs;
}

/** Upstream `ValidateService`. Expects a defaulted Service. */
export function validateService(svc: Service): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, 'metadata', nameIsDns1035Label);
  const spec = svc.spec ?? {};
  const ports = arr(spec.ports);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(fieldError.required('spec.ports'));
  const first = clusterIPsOf(spec)[0];
  if (spec.type === 'LoadBalancer') {
    ports.forEach((p, i) => {
      if (p.port === KUBELET_PORT) errs.push(fieldError.invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
    });
    if (headless) errs.push(fieldError.invalid('spec.clusterIPs[0]', first, "may not be set to 'None' for LoadBalancer services"));
  } else if (spec.type === 'NodePort' && headless) {
    errs.push(fieldError.invalid('spec.clusterIPs[0]', first, "may not be set to 'None' for NodePort services"));
  } else if (spec.type === 'ExternalName') {
    if (clusterIPsOf(spec).length > 0) errs.push(fieldError.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) errs.push(fieldError.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(fieldError.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...dns1123SubdomainErrors(cname).map((m) => fieldError.invalid('spec.externalName', cname, m)));
    else errs.push(fieldError.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector != null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = spec.sessionAffinity ?? '';
  if (!affinity) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(fieldError.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const why = 'when session affinity type is ClientIP';
    if (cfg == null) errs.push(fieldError.required('spec.sessionAffinityConfig', why));
    else if (cfg.clientIP == null) errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP', why));
    else if (cfg.clientIP.timeoutSeconds == null) errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', why));
    else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > 86400) {
      errs.push(fieldError.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', cfg.clientIP.timeoutSeconds, 'must be greater than 0 and less than 86400'));
    }
  } else if (affinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(fieldError.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPs(spec));
  arr(spec.externalIPs).forEach((ip, i) => errs.push(...ipErrors(ip, `spec.externalIPs[${i}]`)));
  if (!spec.type) errs.push(fieldError.required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(fieldError.notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(fieldError.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(fieldError.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
      nodePorts.add(k);
    }
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k)) errs.push(fieldError.duplicate(`spec.ports[${i}]`, { protocol: p.protocol, port: p.port }));
    portKeys.add(k);
  });
  errs.push(...validateTrafficPolicies(spec));
  return errs;
}

/**
 * Upstream `ValidateServiceUpdate`: the primary clusterIP cannot change (`spec.clusterIPs[0]: … may not
 * change once set`, the v1.20+ wording) unless the Service is or becomes ExternalName.
 */
export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata);
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName' && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const next = clusterIPsOf(spec);
    const prev = clusterIPsOf(oldSpec);
    if (next.length === prev.length) {
      prev.forEach((ip, i) => {
        if (ip !== next[i]) errs.push(fieldError.invalid(`spec.clusterIPs[${i}]`, next, 'may not change once set'));
      });
    } else if (prev.length > next.length) {
      if (next.length === 0) errs.push(fieldError.invalid('spec.clusterIPs[0]', next, 'primary clusterIP can not be unset'));
      else if (next[0] !== prev[0]) errs.push(fieldError.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    } else if (prev.length > 0 && next[0] !== prev[0]) {
      errs.push(fieldError.invalid('spec.clusterIPs[0]', next, 'may not change once set'));
    }
  }
  return [...errs, ...validateService(svc)];
}
