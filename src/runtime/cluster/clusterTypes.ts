import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { AdmissionPlugin } from '../../apiserver/admission.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import type { Client } from '../../client/client.ts';
import type { Store } from '../../store/storeTypes.ts';
import type { ActivityTracker } from '../activity.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ResourceDefinition } from '../resources/defineResource.ts';
import type { Clock } from '../sim/clock.ts';
import type { IdSource } from '../sim/ids.ts';
import type { Rng } from '../sim/rng.ts';
import type { ApplyResult } from './applyManifests.ts';

/**
 * Options of `createCluster`.
 * @public
 */
export interface ClusterOptions {
  /** Seed of the cluster RNG (ids, random choices). Default 1. */
  readonly seed?: number;
  /** `'virtual'` (default): time moves only through advance/settle/runFor. `'real'`: wall time × `speed`. */
  readonly clock?: 'virtual' | 'real';
  /** Speed factor of a real clock (default 1). */
  readonly speed?: number;
  /** Cluster time at start, ms since the epoch or an ISO string (default 2025-01-01T00:00:00Z). */
  readonly startTime?: number | string;
  /** Controllers to run besides the built-in ones. */
  readonly controllers?: readonly ControllerDefinition[];
  /** Built-in controllers to run: all (default), none (`false`), or by name. */
  readonly builtinControllers?: boolean | readonly string[];
  /** Custom resources to register at start. */
  readonly resources?: readonly ResourceDefinition[];
  /** Admission plugins run after the built-in ones. */
  readonly admission?: readonly AdmissionPlugin[];
  /** Storage backend (default: in memory). */
  readonly store?: Store;
  /** Watch history kept for resuming watches: events (default 100,000) and ms of cluster time (default 5 minutes). */
  readonly history?: { readonly events?: number; readonly ms?: number };
  /** Run the controller manager with Lease-based leader election (always on with more than one manager). */
  readonly leaderElection?: boolean;
  /** How many kube-controller-manager actors to run against the one API server (default 1); only the Lease holder runs controllers. */
  readonly controllerManagers?: number;
  /** Receives every XState inspection event of every actor. */
  readonly inspect?: (event: InspectionEvent) => void;
  /** Log lines of components (default: dropped). */
  readonly log?: (line: string) => void;
}

/** Options of `settle()`. */
export interface SettleOptions {
  /** Give up after this much cluster time (default 10 minutes). */
  readonly timeoutMs?: number;
  /** Settled once no object changed (Leases and Events excepted) for this long and no work is queued (default 30 s). */
  readonly quietMs?: number;
}

/** What `settle()` found. */
export interface SettleResult {
  readonly settled: boolean;
  /** Cluster time spent settling. */
  readonly elapsedMs: number;
  /** What was still going on when it gave up (empty when settled). */
  readonly pending: readonly string[];
}

/**
 * A running cluster.
 * @public
 */
export interface Cluster {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly ids: IdSource;
  readonly api: ApiServer;
  /** A client acting as the cluster admin. */
  readonly client: Client;
  /** The root actor of the cluster's XState system (`system.get('kube-apiserver')` …). */
  readonly root: AnyActorRef;
  readonly activity: ActivityTracker;
  /** Creates or updates objects like `kubectl apply` (YAML text with one or more documents, objects, or arrays). */
  apply(input: string | KubeObject | readonly KubeObject[], opts?: { readonly namespace?: string }): Promise<ApplyResult[]>;
  /** Moves virtual time forward by `ms`, letting every component react as timers fire. */
  advance(ms: number): Promise<void>;
  /** Runs until nothing changes (bounded). */
  settle(opts?: SettleOptions): Promise<SettleResult>;
  /** Same as advance. */
  runFor(ms: number): Promise<void>;
  /** Runs until `predicate` holds (checked after every step), or throws after `timeoutMs` of cluster time (default 10 minutes). */
  waitFor(predicate: () => boolean | Promise<boolean>, opts?: { readonly timeoutMs?: number; readonly description?: string }): Promise<void>;
  /** Controllers: add one, restart one (fresh memory), or list names. */
  readonly controllers: {
    list(): string[];
    add(def: ControllerDefinition): void;
    restart(name: string): void;
  };
  /** Registers a custom resource. */
  defineResource(def: ResourceDefinition): void;
  /** Every Event in the store, in time order. */
  events(): Event[];
  /** Stops every actor, timer and watch. */
  stop(): Promise<void>;
}
