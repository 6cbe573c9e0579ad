import type fc from 'fast-check';
import type { KubeObject } from '../api/meta.ts';
import type { TypeRef } from '../client/client.ts';
import type { ControllerDefinition } from '../runtime/controller/defineController.ts';
import type { ResourceDefinition } from '../runtime/resources/defineResource.ts';
import type { Cluster, ClusterOptions } from '../runtime/cluster/clusterTypes.ts';
import type { StoreEvent } from '../store/storeTypes.ts';

/**
 * A synchronous, read-only view of the cluster's store (the truth, not any informer's cache),
 * given to oracles and invariants.
 * @public
 */
export interface ClusterView {
  /** Objects of a type, optionally in one namespace, sorted by namespace/name. */
  list(type: TypeRef, namespace?: string): KubeObject[];
  get(type: TypeRef, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of `type` whose controller owner reference points at `owner` (by uid). */
  ownedBy(owner: KubeObject, type: TypeRef): KubeObject[];
  /** Whether an object is of a type (kind and API group compared through the resource registry). */
  isA(obj: KubeObject, type: TypeRef): boolean;
  /** Current cluster time (ms since the epoch). */
  now(): number;
}

/** One committed change, as invariants see it. */
export type ObservedChange = StoreEvent;

/**
 * A safety invariant: checked on every committed change (`onChange`) and whenever the harness
 * pauses between steps (`check`). Return a message describing the violation, or undefined.
 * Invariants may keep state (e.g. the last phase seen per pod); the harness makes a fresh one per run
 * through {@link InvariantFactory}.
 * @public
 */
export interface Invariant {
  readonly name: string;
  onChange?(change: ObservedChange, view: ClusterView): string | undefined;
  check?(view: ClusterView): string | undefined;
}

/** Makes a fresh {@link Invariant} for each run. @public */
export type InvariantFactory = () => Invariant;

/**
 * Faults the harness can inject. Controller-view faults (`crash` … `timeout`) perturb only what
 * the controller under test sees and does; world faults (`podKill`, `nodeStop`, `nodePartition`,
 * `nodeFlap`) change the cluster itself.
 * - `crash`: kill the controller after its next N writes (0: now) and restart it later with no memory
 *   (queue, expectations, informer cache all lost; it relists).
 * - `staleView`: its lists and gets are served from a revision N writes in the past, and its watch
 *   is held, for a while ("time travel" to a lagging API server); then it catches up.
 * - `watchLag`: its watch events are held for a while, then delivered in order.
 * - `coalesce`: its watch events are held for a while, then only the last event per object is delivered.
 * - `watchDrop`: its watch events are dropped for a while, then the watch ends with 410 Gone (relist, tombstones).
 * - `gone`: its watches end with 410 Gone now.
 * - `conflict`: its next N writes fail with 409 Conflict.
 * - `unavailable`: its next N requests fail with 500 / 503.
 * - `throttle`: its next N requests fail with 429 Too Many Requests.
 * - `timeout`: its next N writes are applied but answered with 504 Timeout (the write happened).
 * - `quota`: its next N creates are refused with 403 Forbidden `exceeded quota` (as a ResourceQuota would).
 * - `podKill`: a pod is deleted by someone else.
 * - `childKill`: an object of a type the controller owns is deleted by someone else (Anvil's pod monkey).
 * - `nodeStop` / `nodePartition` / `nodeFlap`: a node's kubelet stops, is cut off, or flaps.
 * @public
 */
export type FaultKind =
  | 'crash'
  | 'staleView'
  | 'watchLag'
  | 'coalesce'
  | 'watchDrop'
  | 'gone'
  | 'conflict'
  | 'unavailable'
  | 'throttle'
  | 'timeout'
  | 'quota'
  | 'podKill'
  | 'childKill'
  | 'nodeStop'
  | 'nodePartition'
  | 'nodeFlap';

/** User operations on primary objects. `recreate` deletes an object and creates one with the same name. @public */
export type OperationKind = 'create' | 'update' | 'scale' | 'delete' | 'recreate';

/**
 * An extra user operation (e.g. a Deployment image change, rollback, pause/resume): an argument
 * arbitrary and what to do with it on an existing object.
 * @public
 */
export interface CustomOperation<A = unknown> {
  readonly name: string;
  readonly arg: fc.Arbitrary<A>;
  run(cluster: Cluster, object: { readonly namespace: string; readonly name: string }, arg: A): Promise<void>;
  /** Readable step text (default `name(arg)`). */
  describe?(arg: A): string;
}

/** Options of the differential oracle. @public */
export interface DifferentialOptions {
  /** Types whose objects are compared (default: the primary resource and the controller's `owns`). */
  readonly compare?: readonly TypeRef[];
  /**
   * Field paths ignored besides the built-in nondeterministic ones (uid, resourceVersion, timestamps,
   * generated name suffixes, managedFields …). Dotted paths, `*` matches any key or index.
   */
  readonly ignore?: readonly string[];
  /** Also compare the controller's successful creates and deletes per type (Sieve's update summaries). Default false. */
  readonly operations?: boolean;
}

/**
 * What {@link checkController} needs to know about the controller under test.
 * @public
 */
export interface CheckOptions<Spec extends Record<string, unknown> = Record<string, unknown>> {
  /** The primary resource: a custom resource definition (registered for you) or a built-in type. */
  readonly resource: ResourceDefinition | TypeRef;
  /** Other custom resources to register. */
  readonly resources?: readonly ResourceDefinition[];
  /** Specs for created and updated objects (default: generated from the resource's schema). */
  readonly spec?: fc.Arbitrary<Spec>;
  /** Labels and annotations every created primary object gets (e.g. for a Deployment's selector). */
  readonly metadata?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  /**
   * The desired-state predicate of eventually-stable reconciliation: for an existing primary object
   * (same uid, not being deleted), whether the cluster matches it — `true`, or a message saying what does not.
   */
  readonly matches: (object: KubeObject, view: ClusterView) => true | string;
  /**
   * A condition over the whole cluster that must hold too once it is stable — e.g. nothing is left
   * behind by deleted primaries (no orphaned children): `true`, or what is wrong.
   */
  readonly steadyState?: (view: ClusterView) => true | string;
  /** Safety invariants checked on every change (see `invariants` for the library). */
  readonly invariants?: readonly InvariantFactory[];
  /** Property runs (default 500). */
  readonly runs?: number;
  /** Longest command sequence (default 10). */
  readonly maxCommands?: number;
  /** Names operations use (default `['a', 'b']`); few names make delete/recreate collisions likely. */
  readonly names?: readonly string[];
  /** Namespace of primary objects (default `default`). */
  readonly namespace?: string;
  /** Which faults to inject (default: every controller-view fault, plus `podKill`, plus node faults when the cluster has nodes). */
  readonly faults?: readonly FaultKind[];
  /** Which user operations to generate (default: all that apply; `scale` needs `scalePath`). */
  readonly operations?: readonly OperationKind[];
  /** Dotted path of the replica count in the spec, for `scale` (e.g. `replicas`, relative to `spec`). */
  readonly scalePath?: string;
  /** Bounds of `scale` (default 0–4). */
  readonly scaleRange?: { readonly min: number; readonly max: number };
  readonly customOperations?: readonly CustomOperation<never>[];
  /** Cluster options (nodes, images, built-in controllers — default only `garbage-collector` and `namespace`). */
  readonly cluster?: Omit<ClusterOptions, 'seed' | 'clock' | 'controllers' | 'resources'>;
  /** Runs once per cluster before the commands (create fixtures, wait for nodes). */
  readonly setup?: (cluster: Cluster) => Promise<void>;
  /** ESR bound: after the last operation and fault, the desired state must hold within this much cluster time (default 10 min). */
  readonly settleMs?: number;
  /** …and keep holding for this long (default 2 min). */
  readonly stableMs?: number;
  /** The differential oracle against an unperturbed run of the same operations (default on; `false` to skip). */
  readonly differential?: false | DifferentialOptions;
  /** Writes to the store one run may make before it fails as a write loop (default 20,000). */
  readonly maxWrites?: number;
  /** The oscillation detector: more than `maxWrites` controller writes while the desired state holds fails (default 30). */
  readonly oscillation?: false | { readonly maxWrites?: number };
  /** fast-check seed and path to replay one failure (default: `KUBEACTORS_SEED` / `KUBEACTORS_PATH` from the environment). */
  readonly seed?: number;
  readonly path?: string;
  /** fast-check's command replay path printed with a failure (`KUBEACTORS_REPLAY_PATH`). */
  readonly replayPath?: string;
  /** Where the failing run's trace is written (default: `<os tmpdir>/kubeactors-harness`); `false` writes none. */
  readonly traceDir?: string | false;
  /** Receives one progress line per run (e.g. `console.log`). */
  readonly onProgress?: (line: string) => void;
}

/**
 * The result of {@link runControllerCheck}.
 * @public
 */
export interface CheckResult {
  readonly ok: boolean;
  /** Runs executed (the failing one included). */
  readonly runs: number;
  readonly seed: number;
  /** fast-check path of the shrunk counterexample (replay with `seed` + `path`). */
  readonly path?: string;
  /** Shrink steps taken. */
  readonly shrinks: number;
  /** The shrunk failing sequence, one readable step per line. */
  readonly steps: readonly string[];
  /** Which oracle failed and why. */
  readonly violation?: string;
  /** The full human-readable failure report (seed, path, steps, replay command, trace file). */
  readonly report: string;
  /** The trace of the failing run (JSON lines for the inspector), when written. */
  readonly traceFile?: string;
}

/** A controller under test with everything `checkController` needs (handy for corpora of cases). @public */
export interface ControllerCase {
  readonly controller: ControllerDefinition;
  readonly options: CheckOptions;
}
