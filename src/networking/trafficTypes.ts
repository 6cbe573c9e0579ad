import type { Node, Pod } from 'kubernetes-types/core/v1.js';

/** Who sends a request: a pod (object or name), a node (its host network), or a client outside the cluster. */
export type RequestSource = Pod | { readonly pod: string; readonly namespace?: string } | { readonly node: string } | 'external';

/**
 * Where a request goes: `ip:port`, `name:port` (resolved through the caller's DNS search path),
 * an FQDN, `nodeIP:nodePort`, optionally as a URL (`http://kubia-svc/path`); or an HTTP request to
 * the ingress controller with a Host header and path.
 */
export type RequestTarget = string | { readonly ingressHost: string; readonly path?: string };

/** A simulated request (one connection, one HTTP exchange). */
export interface NetworkRequest {
  readonly from: RequestSource;
  readonly to: RequestTarget;
  /** The client address of an `external` caller (default `198.51.100.7`). */
  readonly clientIP?: string;
}

/** Why a request got no answer. */
export type FailureReason = 'no endpoints' | 'connection refused' | 'timeout' | 'NXDOMAIN';

/** What came back. `pod` is absent when the ingress controller answered itself (404, 503). */
export type NetworkResponse =
  | {
      readonly ok: true;
      readonly status: number;
      readonly body: string;
      readonly pod: string | undefined;
      readonly namespace: string | undefined;
      readonly podIP: string | undefined;
      readonly node: string | undefined;
      /** The address and port the connection was made to, after DNS. */
      readonly via: string;
    }
  | { readonly ok: false; readonly reason: FailureReason; readonly detail: string };

/** The default address of a client outside the cluster (TEST-NET-2). */
export const DEFAULT_EXTERNAL_CLIENT_IP = '198.51.100.7';

/** A parsed string target: host, port (default 80) and path (default `/`). */
export function parseTarget(to: string): { host: string; port: number; path: string } {
  const noScheme = to.replace(/^[a-z]+:\/\//i, '');
  const slash = noScheme.indexOf('/');
  const hostPort = slash < 0 ? noScheme : noScheme.slice(0, slash);
  const path = slash < 0 ? '/' : noScheme.slice(slash);
  const m = /^(.*?)(?::(\d+))?$/.exec(hostPort);
  const host = m?.[1] ?? hostPort;
  const port = m?.[2] !== undefined ? Number(m[2]) : /^https:/i.test(to) ? 443 : 80;
  return { host, port, path };
}

/** The node's InternalIP (then ExternalIP) addresses. */
export function nodeAddresses(node: Node): string[] {
  const addrs = node.status?.addresses ?? [];
  return [...addrs.filter((a) => a.type === 'InternalIP'), ...addrs.filter((a) => a.type === 'ExternalIP')].map((a) => a.address);
}

/** A failure response. */
export const fail = (reason: FailureReason, detail: string): NetworkResponse => ({ ok: false, reason, detail });
