import type { Endpoints, LoadBalancerIngress, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { AGE_COLUMN, NAME_COLUMN, ageOf, col, formatLabels, joinWithMore, nameOf } from './columnHelpers.ts';
import { FIELD_DOCS } from './fieldDocs.ts';
import type { KindPrinter, TableCell } from './tableTypes.ts';

const MAX_LISTED = 3;

/**
 * Load-balancer ingress points: IPs (or hostnames) de-duplicated, sorted, comma-joined. The server
 * builds tables with `Wide: true`, so the 16-character clipping of non-wide output never applies.
 */
export function loadBalancerText(ingress: readonly Pick<LoadBalancerIngress, 'ip' | 'hostname'>[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
}

/** The EXTERNAL-IP cell: `<none>`, `<pending>` for a LoadBalancer with no ingress yet, or the addresses. */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerText(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...externalIPs].join(',');
      return lb === '' ? '<pending>' : lb;
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** The PORT(S) cell: `80/TCP`, `80:30123/TCP` with a node port, comma-joined (upstream `makePortString`). */
export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? []).map((p) => {
    const protocol = p.protocol ?? 'TCP';
    return p.nodePort !== undefined && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
  });
  return text.length === 0 ? '<none>' : text.join(',');
}

/** `kubectl get svc`: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. @public */
export const servicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('Type', 'string', FIELD_DOCS.svcType),
    col('Cluster-IP', 'string', FIELD_DOCS.svcClusterIP),
    col('External-IP', 'string', FIELD_DOCS.svcExternalIPs),
    col('Port(s)', 'string', FIELD_DOCS.svcPorts),
    AGE_COLUMN,
    col('Selector', 'string', FIELD_DOCS.svcSelector, 1),
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const svc = obj as Service;
    // The server fills `clusterIPs` from `clusterIP`; read either.
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP;
    const cluster = clusterIP ? clusterIP : '<none>';
    return [nameOf(obj), svc.spec?.type ?? 'ClusterIP', cluster, serviceExternalIP(svc), servicePorts(svc.spec?.ports), ageOf(obj, now), formatLabels(svc.spec?.selector)];
  },
};

/**
 * The ENDPOINTS cell: `ip:port` per ready address and port, at most three, then ` + N more...`;
 * bare IPs for a subset without ports; `<none>` without subsets (upstream `formatEndpoints`).
 */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    const ports = ss.ports ?? [];
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) if (list.length < MAX_LISTED) list.push(a.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        // net.JoinHostPort brackets IPv6 addresses.
        if (list.length < MAX_LISTED) list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  return joinWithMore(list, count, MAX_LISTED);
}

/** `kubectl get endpoints`: NAME ENDPOINTS AGE. @public */
export const endpointsPrinter: KindPrinter = {
  columns: [NAME_COLUMN, col('Endpoints', 'string', FIELD_DOCS.endpointsSubsets), AGE_COLUMN],
  row: (obj: KubeObject, now: number): TableCell[] => [nameOf(obj), formatEndpoints(obj as Endpoints), ageOf(obj, now)],
};

function listOrUnset(all: readonly string[]): string {
  if (all.length === 0) return '<unset>';
  return joinWithMore(all.slice(0, MAX_LISTED), all.length, MAX_LISTED);
}

/** `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. @public */
export const endpointSlicePrinter: KindPrinter = {
  columns: [
    NAME_COLUMN,
    col('AddressType', 'string', FIELD_DOCS.sliceAddressType),
    col('Ports', 'string', FIELD_DOCS.slicePorts),
    col('Endpoints', 'string', FIELD_DOCS.sliceEndpoints),
    AGE_COLUMN,
  ],
  row(obj: KubeObject, now: number): TableCell[] {
    const slice = obj as EndpointSlice;
    const ports = (slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')));
    const addresses = (slice.endpoints ?? []).flatMap((e) => e.addresses);
    return [nameOf(obj), slice.addressType, listOrUnset(ports), listOrUnset(addresses), ageOf(obj, now)];
  },
};
