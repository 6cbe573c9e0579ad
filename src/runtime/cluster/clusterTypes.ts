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
import type { SchedulerOptions } from '../../scheduler/schedulerConfig.ts';
import type { ApplyResult } from './applyManifests.ts';
import type { ClusterNodes } from './clusterNodes.ts';
import type { NodeSpec } from '../nodes/nodeSpec.ts';
import type { ImagePolicy, ImageProfiles } from '../../kubelet/workloadTypes.ts';
import type { LogOptions } from '../../kubelet/simulatedLogs.ts';
import type { ClusterNetwork } from './clusterNetwork.ts';
import type { NetworkOptions } from '../../networking/networkOptions.ts';
import type { Tracer } from '../../inspect/traceTypes.ts';
import type { WaitCondition } from './waitCondition.ts';

/**
 * Options of `createCluster`.
 * @public
 */
export interface ClusterOptions {
  /** Nodes to run kubelets for: a count (`node-1` … with 4 cpu, 16Gi, 110 pods) or node shapes. Default none. */
  readonly nodes?: number | readonly NodeSpec[];
  /** Simulated workload behaviour per image (pull time, start time, readiness, exit, probes, HTTP answer, logs…). */
  readonly imageProfiles?: ImageProfiles;
  /** Which images can be pulled (`{ knownImagesOnly: true, known: [...] }` makes others fail with ErrImagePull). */
  readonly imagePolicy?: ImagePolicy;
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
  /**
   * The node lifecycle controller's `nodeMonitorGracePeriod`: a node with no heartbeat (Ready
   * `lastHeartbeatTime` or Lease renewal) for this long becomes Unknown and tainted unreachable.
   * Default 50 000 (upstream since v1.32; 40 000 before, as the seeds say).
   */
  readonly nodeMonitorGracePeriodMs?: number;
  /** Receives every XState inspection event of every actor. */
  readonly inspect?: (event: InspectionEvent) => void;
  /** A tracer from `createTracer()` (src/inspect): gets the cluster clock and every inspection event; exposed as `cluster.tracer`. */
  readonly tracer?: Tracer;
  /** Log lines of components (default: dropped). */
  readonly log?: (line: string) => void;
  /** The service CIDR ClusterIPs come from (kube-apiserver `--service-cluster-ip-range`, default `10.96.0.0/12`). */
  readonly serviceCIDR?: string;
  /** The NodePort range (kube-apiserver `--service-node-port-range`, default `30000-32767`). */
  readonly nodePortRange?: string;
  /** Cluster DNS, kube-proxy, ingress controller and fake cloud load balancer settings. */
  readonly network?: NetworkOptions;
  /** kube-scheduler: profiles, user plugins by name, decision annotations, or `disabled: true` to run none. */
  readonly scheduler?: SchedulerOptions;
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
  /** The cluster network: simulated requests, DNS, resolv.conf, service environment, kube-proxy rules. */
  readonly network: ClusterNetwork;
  /** The tracer passed as `options.tracer` (its `trace$` streams transitions and events). */
  readonly tracer?: Tracer;
  /** Creates or updates objects like `kubectl apply` (YAML text with one or more documents, objects, or arrays). */
  apply(input: string | KubeObject | readonly KubeObject[], opts?: { readonly namespace?: string }): Promise<ApplyResult[]>;
  /** Moves virtual time forward by `ms`, letting every component react as timers fire. */
  advance(ms: number): Promise<void>;
  /** Runs until nothing changes (bounded). */
  settle(opts?: SettleOptions): Promise<SettleResult>;
  /** Same as advance. */
  runFor(ms: number): Promise<void>;
  /**
   * Runs until `predicate` holds (checked after every step) — a function, or a condition like
   * `kubectl wait` (`{ type: 'Deployment', name: 'web', condition: 'Available' }`, `deleted: true`,
   * or `field: 'status.phase', value: 'Running'`) — or throws after `timeoutMs` of cluster time (default 10 minutes).
   */
  waitFor(predicate: (() => boolean | Promise<boolean>) | WaitCondition, opts?: { readonly timeoutMs?: number; readonly description?: string }): Promise<void>;
  /** Controllers: add one, restart one (fresh memory), or list names. */
  readonly controllers: {
    list(): string[];
    add(def: ControllerDefinition): void;
    restart(name: string): void;
  };
  /** Registers a custom resource. */
  defineResource(def: ResourceDefinition): void;
  /** The simulated nodes and their faults (stop, start, partition, heal). */
  readonly nodes: ClusterNodes;
  /** A container's simulated log, like `kubectl logs` (`previous`, `tail`, `sinceSeconds` …). */
  logs(pod: string | { readonly name: string; readonly namespace?: string }, container?: string, opts?: LogOptions & { readonly namespace?: string }): string;
  /** Sends a fault to a pod's statechart on its node (`{ type: 'container.exited', container, exitCode }`, `probe.result` …); false when no kubelet runs it. */
  injectPodEvent(namespace: string, name: string, event: { readonly type: string; readonly [k: string]: unknown }): boolean;
  /** Every Event in the store, in time order. */
  events(): Event[];
  /** Stops every actor, timer and watch. */
  stop(): Promise<void>;
}
