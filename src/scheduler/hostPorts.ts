// Host ports in use on a node (upstream framework.HostPortInfo), kept as reference counts so that a
// pod can be removed in O(its ports).
import type { Pod } from 'kubernetes-types/core/v1.js';

/** The address every host IP binds to; a port on it conflicts with the same port on any IP. */
export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/**
 * One requested host port: `hostIP` `''` means all addresses, `protocol` `''` means TCP.
 * @public
 */
export interface HostPort {
  readonly hostIP: string;
  readonly protocol: string;
  readonly hostPort: number;
}

/** The host ports a pod asks for: ports of its containers with `hostPort > 0` (upstream `getContainerPorts`). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      const hostPort = p.hostPort ?? 0;
      if (hostPort <= 0) continue;
      out.push({ hostIP: p.hostIP ?? '', protocol: p.protocol ?? '', hostPort });
    }
  }
  return out;
}

function sanitize(p: HostPort): { ip: string; protoPort: string } {
  const ip = p.hostIP === '' ? DEFAULT_BIND_ALL_HOST_IP : p.hostIP;
  const protocol = p.protocol === '' ? 'TCP' : p.protocol;
  return { ip, protoPort: `${protocol}/${p.hostPort}` };
}

function bump(m: Map<string, number>, key: string, by: 1 | -1): void {
  const next = (m.get(key) ?? 0) + by;
  if (next <= 0) m.delete(key);
  else m.set(key, next);
}

/**
 * The host ports in use on one node.
 * @public
 */
export interface HostPortInfo {
  add(p: HostPort): void;
  remove(p: HostPort): void;
  /** Whether `p` collides with a port in use (upstream `CheckConflict`). */
  conflicts(p: HostPort): boolean;
  /** The number of distinct (ip, protocol, port) triples in use. */
  size(): number;
}

/** An empty {@link HostPortInfo}. */
export function createHostPortInfo(): HostPortInfo {
  // ip|protocol/port → count, and protocol/port → count over all IPs (for the 0.0.0.0 check).
  const byIp = new Map<string, number>();
  const byProtoPort = new Map<string, number>();
  return {
    add(p) {
      if (p.hostPort <= 0) return;
      const { ip, protoPort } = sanitize(p);
      bump(byIp, `${ip}|${protoPort}`, 1);
      bump(byProtoPort, protoPort, 1);
    },
    remove(p) {
      if (p.hostPort <= 0) return;
      const { ip, protoPort } = sanitize(p);
      if (!byIp.has(`${ip}|${protoPort}`)) return;
      bump(byIp, `${ip}|${protoPort}`, -1);
      bump(byProtoPort, protoPort, -1);
    },
    conflicts(p) {
      if (p.hostPort <= 0) return false;
      const { ip, protoPort } = sanitize(p);
      // 0.0.0.0 collides with the pair on every IP; a specific IP with itself and with 0.0.0.0.
      if (ip === DEFAULT_BIND_ALL_HOST_IP) return byProtoPort.has(protoPort);
      return byIp.has(`${DEFAULT_BIND_ALL_HOST_IP}|${protoPort}`) || byIp.has(`${ip}|${protoPort}`);
    },
    size: () => byIp.size,
  };
}
