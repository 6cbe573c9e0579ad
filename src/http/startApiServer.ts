import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { allowAll, allowAuthenticated } from './auth.ts';
import type { Authorizer, UserInfo } from './auth.ts';
import { handleRequest } from './handleRequest.ts';
import { OpenApiV3 } from './openapi/openApiV3.ts';
import { selfSignedCertificate } from './selfSignedCertificate.ts';
import type { SelfSignedCertificate } from './selfSignedCertificate.ts';
import { clusterLogSource } from './serverContext.ts';
import type { PodLogSource, ServedCluster, ServerContext } from './serverContext.ts';

/** The version this server reports at `/version`. */
export const GIT_VERSION = 'v1.30.0-kubeactors';

/** The user the generated admin token authenticates as (in `system:masters`, as kubeadm's admin). */
export const ADMIN_USER: UserInfo = Object.freeze({ name: 'kubeactors-admin', groups: Object.freeze(['system:masters', 'system:authenticated']) });

/** Options of {@link startApiServer}. */
export interface StartApiServerOptions {
  /** TCP port (default 6443; 0 picks a free one). */
  readonly port?: number;
  /** Address to listen on (default 127.0.0.1: only this machine). */
  readonly address?: string;
  /** The admin's bearer token (default: 32 random bytes, hex). */
  readonly token?: string;
  /** More bearer tokens and the users they authenticate as. */
  readonly users?: Readonly<Record<string, UserInfo>>;
  /** Serve requests without credentials as `system:anonymous` (default false: 401). */
  readonly allowAnonymous?: boolean;
  /** Decides every request (default: any authenticated user may do anything; with `allowAnonymous`, anyone may). */
  readonly authorize?: Authorizer;
  /** Container logs for `pods/log` (default: the cluster's `logs`; without either the subresource answers 404). */
  readonly logs?: PodLogSource;
  /**
   * Serve HTTPS (default true, with a self-signed certificate for the address, 127.0.0.1 and
   * localhost), or with the given key and certificate. kubectl sends credentials only over TLS:
   * with `tls: false` it can only connect as the anonymous user.
   */
  readonly tls?: boolean | SelfSignedCertificate;
}

/**
 * A running HTTP API server.
 * @public
 */
export interface RunningApiServer {
  /** `https://127.0.0.1:6443`. */
  readonly url: string;
  readonly port: number;
  /** The admin's bearer token. */
  readonly token: string;
  /** The server's certificate (PEM; also its CA) when serving HTTPS. */
  readonly certificateAuthority: string | undefined;
  /** Stops listening, ends open watches and connections. The cluster keeps running. */
  close(): Promise<void>;
}

/**
 * Serves a cluster's API over HTTP as kube-apiserver does, so `kubectl` and client libraries work
 * unchanged: discovery (legacy and aggregated), OpenAPI v3, every resource verb, watch streams,
 * Tables, server-side apply, bearer-token authentication and an authorization hook.
 * @example
 * const cluster = createCluster({ clock: 'real' });
 * const server = await startApiServer(cluster, { port: 0 });
 * // kubectl --server server.url --token server.token get pods
 * await server.close();
 * @public
 */
export async function startApiServer(cluster: ServedCluster, options: StartApiServerOptions = {}): Promise<RunningApiServer> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const tokens = new Map<string, UserInfo>(Object.entries(options.users ?? {}));
  tokens.set(token, ADMIN_USER);
  const ctx: ServerContext = {
    cluster,
    api: cluster.api,
    tokens,
    allowAnonymous: options.allowAnonymous === true,
    authorize: options.authorize ?? (options.allowAnonymous === true ? allowAll : allowAuthenticated),
    logs: options.logs ?? clusterLogSource(cluster),
    openStreams: new Set(),
    gitVersion: GIT_VERSION,
  };
  const openapi = new OpenApiV3(cluster.api);
  const address = options.address ?? '127.0.0.1';
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void handleRequest(ctx, openapi, req, res);
  };
  const tls = options.tls === false ? undefined : options.tls === true || options.tls === undefined ? selfSignedCertificate([...new Set([address, '127.0.0.1', 'localhost'])]) : options.tls;
  const server = tls === undefined ? createServer({ keepAliveTimeout: 30_000 }, handler) : createTlsServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 30_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 6443, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    port,
    token,
    certificateAuthority: tls?.cert,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const end of [...ctx.openStreams]) end();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
