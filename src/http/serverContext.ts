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

/** The part of a cluster the HTTP server needs. */
export interface ServedCluster {
  readonly api: ApiServer;
  readonly clock: Clock;
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
