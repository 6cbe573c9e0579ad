import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiServer } from '../apiserver/apiServer.ts';
import type { Clock } from '../runtime/sim/clock.ts';
import type { Authorizer, UserInfo } from './auth.ts';

/** `kubectl logs` options as the pods/log subresource takes them. */
export interface PodLogRequest {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string | undefined;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly sinceTime?: number;
  readonly previous?: boolean;
  readonly timestamps?: boolean;
  readonly limitBytes?: number;
}

/**
 * Where container logs come from (the kubelets). Returns the log text, or throws a StatusError
 * (404 for an unknown container, 400 for a container that has not started …).
 * @public
 */
export type PodLogSource = (request: PodLogRequest) => string;

/** Options of a cluster's `logs` (`kubectl logs` flags). */
export interface ClusterLogOptions {
  readonly tail?: number;
  readonly sinceSeconds?: number;
  readonly sinceTime?: number;
  readonly previous?: boolean;
  readonly timestamps?: boolean;
  readonly limitBytes?: number;
}

/** The part of a cluster the HTTP server needs. */
export interface ServedCluster {
  readonly api: ApiServer;
  readonly clock: Clock;
  /** The simulated kubelets' container logs, served as `pods/log` when present. */
  logs?(pod: { readonly name: string; readonly namespace?: string }, container?: string, opts?: ClusterLogOptions): string;
}

/** A {@link PodLogSource} reading a cluster's `logs`. */
export function clusterLogSource(cluster: ServedCluster): PodLogSource | undefined {
  if (typeof cluster.logs !== 'function') return undefined;
  return (r) =>
    (cluster.logs as NonNullable<ServedCluster['logs']>).call(cluster, { name: r.pod, namespace: r.namespace }, r.container, {
      ...(r.tailLines !== undefined ? { tail: r.tailLines } : {}),
      ...(r.sinceSeconds !== undefined ? { sinceSeconds: r.sinceSeconds } : {}),
      ...(r.sinceTime !== undefined ? { sinceTime: r.sinceTime } : {}),
      ...(r.previous !== undefined ? { previous: r.previous } : {}),
      ...(r.timestamps !== undefined ? { timestamps: r.timestamps } : {}),
      ...(r.limitBytes !== undefined ? { limitBytes: r.limitBytes } : {}),
    });
}

/** Everything request handlers share. */
export interface ServerContext {
  readonly cluster: ServedCluster;
  readonly api: ApiServer;
  readonly tokens: ReadonlyMap<string, UserInfo>;
  readonly allowAnonymous: boolean;
  readonly authorize: Authorizer;
  readonly logs: PodLogSource | undefined;
  /** Closes every open watch stream (server shutdown). */
  readonly openStreams: Set<() => void>;
  /** `gitVersion` of `/version`. */
  readonly gitVersion: string;
}

/** One authenticated request. */
export interface RequestScope {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly user: UserInfo;
}
