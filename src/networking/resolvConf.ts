import type { Pod } from 'kubernetes-types/core/v1.js';

/** What the kubelet knows about DNS: `clusterDNS`, `clusterDomain` and the node's own resolv.conf. */
export interface DnsSettings {
  /** The cluster DNS Service IPs (kubelet `clusterDNS`; kube-dns at `10.96.0.10`). */
  readonly clusterDNS: readonly string[];
  /** kubelet `clusterDomain` (default `cluster.local`). */
  readonly clusterDomain: string;
  /** The node's resolv.conf (what `dnsPolicy: Default` gives, and where `localdomain` comes from). */
  readonly host: { readonly nameservers: readonly string[]; readonly searches: readonly string[]; readonly options: readonly string[] };
}

/** A resolv.conf, parsed. */
export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  /** `ndots:5`, `edns0` … */
  readonly options: readonly string[];
}

const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

const uniq = (xs: readonly string[]): string[] => [...new Set(xs)];

// Upstream mergeDNSOptions: a pod option replaces the same-named one.
function mergeOptions(base: readonly string[], extra: readonly { name?: string; value?: string }[]): string[] {
  const out = new Map<string, string>();
  for (const o of base) out.set(o.split(':')[0] ?? o, o);
  for (const o of extra) if (o.name) out.set(o.name, o.value !== undefined ? `${o.name}:${o.value}` : o.name);
  return [...out.values()];
}

/**
 * How the kubelet decides which DNS a pod gets (upstream `getPodDNSType`): `ClusterFirst` is the
 * cluster DNS unless the pod uses the host network (then the node's), `ClusterFirstWithHostNet`
 * the cluster DNS, `Default` the node's, `None` only `dnsConfig`.
 */
export function podDnsType(pod: Pod): 'cluster' | 'host' | 'none' {
  switch (pod.spec?.dnsPolicy ?? 'ClusterFirst') {
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'Default':
      return 'host';
    case 'None':
      return 'none';
    default:
      return pod.spec?.hostNetwork === true ? 'host' : 'cluster';
  }
}

/**
 * The pod's `/etc/resolv.conf` (upstream kubelet `GetPodDNS` + `formDNSConfigFitsLimits`): cluster
 * pods get the cluster DNS, the search list `<ns>.svc.<domain> svc.<domain> <domain>` followed by
 * the node's search domains, and `options ndots:5`; `dnsConfig` is appended (nameservers, searches
 * without duplicates, options replacing same-named ones); at most 3 nameservers and 32 search domains.
 * @public
 */
export function podResolvConf(pod: Pod, settings: DnsSettings): ResolvConf {
  const type = podDnsType(pod);
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (type === 'cluster' && settings.clusterDNS.length > 0) {
    const ns = pod.metadata?.namespace ?? 'default';
    const d = settings.clusterDomain;
    nameservers = [...settings.clusterDNS];
    searches = d ? uniq([`${ns}.svc.${d}`, `svc.${d}`, d, ...settings.host.searches]) : [...settings.host.searches];
    options = ['ndots:5'];
  } else if (type !== 'none') {
    // ClusterFirst without a cluster DNS falls back to the node's settings, as upstream.
    nameservers = [...settings.host.nameservers];
    searches = [...settings.host.searches];
    options = [...settings.host.options];
  }
  const cfg = pod.spec?.dnsConfig;
  if (cfg != null) {
    nameservers = uniq([...nameservers, ...(cfg.nameservers ?? [])]);
    searches = uniq([...searches, ...(cfg.searches ?? [])]);
    options = mergeOptions(options, cfg.options ?? []);
  }
  nameservers = nameservers.slice(0, MAX_NAMESERVERS);
  searches = searches.slice(0, MAX_SEARCHES);
  while (searches.join(' ').length > MAX_SEARCH_CHARS) searches = searches.slice(0, -1);
  return { nameservers, searches, options };
}

/** The file text, in the order containerd writes it: `search`, `nameserver` lines, `options`. */
export function formatResolvConf(rc: ResolvConf): string {
  let out = '';
  if (rc.searches.length > 0) out += `search ${rc.searches.join(' ')}\n`;
  for (const ns of rc.nameservers) out += `nameserver ${ns}\n`;
  if (rc.options.length > 0) out += `options ${rc.options.join(' ')}\n`;
  return out;
}

/** The `ndots` option of a resolv.conf (glibc default 1). */
export function ndotsOf(rc: ResolvConf): number {
  const o = rc.options.find((x) => x.startsWith('ndots:'));
  const n = o === undefined ? 1 : Number(o.slice(6));
  return Number.isFinite(n) ? Math.min(15, Math.max(0, n)) : 1;
}
