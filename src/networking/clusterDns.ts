import type { Service } from 'kubernetes-types/core/v1.js';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { ipv4ToInt } from './ipAllocator.ts';

/** What the cluster DNS reads: Services and their EndpointSlices (CoreDNS's `kubernetes` plugin). */
export interface DnsView {
  service(namespace: string, name: string): Service | undefined;
  /** Every EndpointSlice labelled for the Service. */
  slices(namespace: string, name: string): readonly EndpointSlice[];
  /** Names outside the cluster domain the simulated upstream resolver knows (`/etc/hosts`-like). */
  external?(name: string): readonly string[] | undefined;
}

/** DNS record types the simulator answers. */
export type DnsRecordType = 'A' | 'SRV' | 'CNAME';

/** One answer record. */
export type DnsRecord =
  | { readonly type: 'A'; readonly name: string; readonly ip: string }
  | { readonly type: 'CNAME'; readonly name: string; readonly target: string }
  | { readonly type: 'SRV'; readonly name: string; readonly target: string; readonly port: number; readonly priority: number; readonly weight: number };

/** An answer: the response code and the records (CNAME chains first). */
export interface DnsAnswer {
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly records: readonly DnsRecord[];
}

const NX: DnsAnswer = Object.freeze({ rcode: 'NXDOMAIN', records: Object.freeze([]) });
const dashed = (ip: string): string => ip.replace(/\./g, '-');

interface HeadlessTarget {
  readonly label: string;
  readonly ip: string;
  readonly port: number | undefined;
}

// Ready endpoints of a headless Service with the port named `portName` (any port when undefined).
function headlessTargets(view: DnsView, ns: string, name: string, portName?: string, protocol?: string): HeadlessTarget[] {
  const out: HeadlessTarget[] = [];
  const seen = new Set<string>();
  for (const s of view.slices(ns, name)) {
    const port = portName === undefined ? undefined : (s.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP').toLowerCase() === protocol)?.port;
    if (portName !== undefined && port == null) continue;
    for (const ep of s.endpoints ?? []) {
      const ip = ep.addresses[0];
      if (ip === undefined || ep.conditions?.ready === false || seen.has(ip)) continue;
      seen.add(ip);
      out.push({ label: ep.hostname ?? dashed(ip), ip, port: port ?? undefined });
    }
  }
  return out;
}

function serviceA(view: DnsView, fqdn: string, svc: Service, ns: string, name: string, depth: number, domain: string): DnsAnswer {
  if (svc.spec?.type === 'ExternalName') {
    const target = (svc.spec.externalName ?? '').replace(/\.$/, '').toLowerCase();
    const cname: DnsRecord = { type: 'CNAME', name: fqdn, target };
    if (depth > 8) return { rcode: 'NOERROR', records: [cname] };
    const next = dnsLookup(view, target, 'A', domain, depth + 1);
    return { rcode: next.rcode === 'NXDOMAIN' && next.records.length === 0 ? 'NOERROR' : next.rcode, records: [cname, ...next.records] };
  }
  const ip = svc.spec?.clusterIP;
  if (ip && ip !== 'None') return { rcode: 'NOERROR', records: [{ type: 'A', name: fqdn, ip }] };
  const targets = headlessTargets(view, ns, name);
  if (targets.length === 0) return NX;
  return { rcode: 'NOERROR', records: targets.map((t) => ({ type: 'A', name: fqdn, ip: t.ip })) };
}

/**
 * Answers one query for an absolute name the way CoreDNS's `kubernetes` plugin does:
 * `<svc>.<ns>.svc.<domain>` → the ClusterIP, or the ready endpoint IPs of a headless Service, or a
 * CNAME for ExternalName; `<hostname>.<svc>.<ns>.svc.<domain>` → the endpoint with that hostname
 * (or dashed IP) of a headless Service; `_<port>._<proto>.<svc>.<ns>.svc.<domain>` SRV → the
 * Service name (ClusterIP) or one target per ready endpoint (headless); `a-b-c-d.<ns>.pod.<domain>`
 * → that IP (`pods insecure`). Other names are NXDOMAIN unless `view.external` knows them.
 * @public
 */
export function dnsLookup(view: DnsView, name: string, type: DnsRecordType, domain = 'cluster.local', depth = 0): DnsAnswer {
  const fqdn = name.replace(/\.$/, '').toLowerCase();
  const suffix = `.${domain}`;
  if (!fqdn.endsWith(suffix)) {
    const ips = type === 'A' ? view.external?.(fqdn) : undefined;
    return ips === undefined ? NX : { rcode: 'NOERROR', records: ips.map((ip) => ({ type: 'A', name: fqdn, ip })) };
  }
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const zone = labels.pop();
  if (zone === 'pod' && labels.length === 2 && type === 'A') {
    const ip = (labels[0] ?? '').replace(/-/g, '.');
    return ipv4ToInt(ip) === undefined ? NX : { rcode: 'NOERROR', records: [{ type: 'A', name: fqdn, ip }] };
  }
  if (zone !== 'svc' || labels.length < 2 || labels.length > 4) return NX;
  const ns = labels[labels.length - 1] ?? '';
  const svcName = labels[labels.length - 2] ?? '';
  const svc = view.service(ns, svcName);
  if (svc === undefined) return NX;
  if (labels.length === 2) {
    if (type === 'SRV') return srvAnswer(view, fqdn, svc, ns, svcName, domain);
    return serviceA(view, fqdn, svc, ns, svcName, depth, domain);
  }
  if (labels.length === 3) {
    const host = labels[0] ?? '';
    const ips = svc.spec?.clusterIP === 'None' ? headlessTargets(view, ns, svcName).filter((t) => t.label === host || dashed(t.ip) === host) : [];
    return ips.length === 0 ? NX : { rcode: 'NOERROR', records: ips.map((t) => ({ type: 'A', name: fqdn, ip: t.ip })) };
  }
  const [portLabel, protoLabel] = labels;
  if (!portLabel?.startsWith('_') || !protoLabel?.startsWith('_')) return NX;
  return srvAnswer(view, fqdn, svc, ns, svcName, domain, portLabel.slice(1), protoLabel.slice(1));
}

function srvAnswer(view: DnsView, fqdn: string, svc: Service, ns: string, name: string, domain: string, portName?: string, proto?: string): DnsAnswer {
  const svcFqdn = `${name}.${ns}.svc.${domain}`;
  const ports = (svc.spec?.ports ?? []).filter((p) => (portName === undefined ? Boolean(p.name) : p.name === portName && (p.protocol ?? 'TCP').toLowerCase() === proto));
  if (ports.length === 0 || svc.spec?.type === 'ExternalName') return NX;
  const records: DnsRecord[] = [];
  for (const p of ports) {
    if (svc.spec?.clusterIP === 'None') {
      const targets = headlessTargets(view, ns, name, p.name ?? '', (p.protocol ?? 'TCP').toLowerCase());
      const weight = targets.length > 0 ? Math.floor(100 / targets.length) : 0;
      for (const t of targets) records.push({ type: 'SRV', name: fqdn, target: `${t.label}.${svcFqdn}`, port: t.port ?? p.port, priority: 0, weight });
    } else {
      records.push({ type: 'SRV', name: fqdn, target: svcFqdn, port: p.port, priority: 0, weight: 100 });
    }
  }
  return records.length === 0 ? NX : { rcode: 'NOERROR', records };
}

/**
 * Resolves a name the way a pod's resolver does with its search list and `ndots` (glibc): a name
 * ending in `.` is absolute; one with at least `ndots` dots is tried as is first, then with each
 * search domain; a shorter one with each search domain first. The first answer with records wins.
 * @public
 */
export function resolveWithSearch(view: DnsView, name: string, type: DnsRecordType, search: { readonly searches: readonly string[]; readonly ndots: number; readonly domain: string }): DnsAnswer & { readonly name: string } {
  const candidates = searchCandidates(name, search.searches, search.ndots);
  for (const c of candidates) {
    const answer = dnsLookup(view, c, type, search.domain);
    if (answer.records.length > 0) return { ...answer, name: c };
  }
  return { ...NX, name: candidates[candidates.length - 1] ?? name };
}

/** The names a resolver tries, in order. */
export function searchCandidates(name: string, searches: readonly string[], ndots: number): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const expanded = searches.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...expanded] : [...expanded, name];
}
