import type { Scheduler } from 'fast-check';
import type { InspectionEvent } from 'xstate';
import type { KubeObject } from '../api/meta.ts';
import type { TypeRef } from '../client/client.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { drain } from '../runtime/cluster/settleCluster.ts';
import type { ControllerDefinition } from '../runtime/controller/defineController.ts';
import type { ResourceDefinition } from '../runtime/resources/defineResource.ts';
import type { VirtualClock } from '../runtime/sim/virtualClock.ts';
import type { TimerId } from '../runtime/sim/clock.ts';
import type { Tracer } from '../inspect/traceTypes.ts';
import { createClusterView } from './clusterView.ts';
import { createControllerUnderTest } from './controllerUnderTest.ts';
import type { ControllerUnderTest } from './controllerUnderTest.ts';
import { createFaultState } from './faultyClient.ts';
import type { WatchMode } from './faultyClient.ts';
import type { CheckOptions, ClusterView, Invariant } from './harnessTypes.ts';

/** The primary resource's type reference. */
export function primaryType(resource: ResourceDefinition | TypeRef): TypeRef {
  return isResourceDefinition(resource) ? { apiVersion: `${resource.group}/${resource.version}`, kind: resource.kind } : resource;
}

function isResourceDefinition(r: ResourceDefinition | TypeRef): r is ResourceDefinition {
  return typeof r === 'object' && 'group' in r && 'kind' in r && !('apiVersion' in r);
}

/**
 * One cluster with the controller under test, its fault layer, the safety invariants watching
 * every commit, and a log of the steps taken. `perturbed: false` makes every fault a no-op (the
 * reference run of the differential oracle).
 * @internal
 */
export interface HarnessWorld {
  readonly cluster: Cluster;
  readonly view: ClusterView;
  readonly controller: ControllerUnderTest;
  readonly perturbed: boolean;
  readonly type: TypeRef;
  /** The types the controller owns (its `owns`). */
  readonly owned: readonly TypeRef[];
  readonly namespace: string;
  /** The namespace primary objects live in: `namespace`, or undefined for a cluster-scoped type. */
  readonly objectNamespace: string | undefined;
  /** The first safety violation seen (with cluster time), if any. */
  violation(): string | undefined;
  /** Steps taken, as readable lines. */
  readonly log: string[];
  /** Whether a fault changed the world itself (pod kills, node faults): the differential oracle is then skipped. */
  worldFaults: number;
  /** Timers of node faults still to fire (cleared when faults end). */
  readonly faultTimers: TimerId[];
  /** Runs the cluster for `ms` of cluster time; the scheduler (if any) orders every answer and delivery. */
  pump(ms: number): Promise<void>;
  /** Sets a watch mode until `ms` from now (the latest fault of this kind wins). */
  watchFault(mode: WatchMode, ms: number): void;
  /** Ends a stale view after `ms`. */
  staleFor(lagRevisions: number, ms: number): void;
  /** Ends every fault: restarts the controller, clears request faults, brings nodes back. */
  heal(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link createHarnessWorld}. */
export interface HarnessWorldOptions {
  readonly check: CheckOptions;
  readonly controller: ControllerDefinition;
  readonly perturbed: boolean;
  readonly seed: number;
  readonly scheduler?: Scheduler<unknown>;
  readonly tracer?: Tracer;
}

const MAX_SCHEDULED_STEPS = 200_000;

/** @internal */
export async function createHarnessWorld(options: HarnessWorldOptions): Promise<HarnessWorld> {
  const { check } = options;
  const resources = [...(isResourceDefinition(check.resource) ? [check.resource] : []), ...(check.resources ?? [])];
  const cluster = createCluster({
    builtinControllers: ['garbage-collector', 'namespace'],
    ...check.cluster,
    seed: options.seed,
    resources,
    ...(options.tracer !== undefined ? { tracer: options.tracer } : {}),
  });
  const clock = cluster.clock as VirtualClock;
  const view = createClusterView(cluster);
  const state = createFaultState();
  const controller = createControllerUnderTest({
    cluster,
    controller: options.controller,
    state,
    ...(options.scheduler !== undefined && options.perturbed ? { scheduler: options.scheduler } : {}),
    ...(options.tracer !== undefined ? { inspect: (e: InspectionEvent) => options.tracer?.inspect(e) } : {}),
  });
  const log: string[] = [];
  let violation: string | undefined;
  const invariants: Invariant[] = (check.invariants ?? []).map((f) => f());
  const stamp = (): string => `+${((clock.now() - start) / 1000).toFixed(1)} s`;
  const start = clock.now();
  const record = (name: string, message: string | undefined): void => {
    if (message !== undefined && violation === undefined) violation = `invariant "${name}" violated at ${stamp()}: ${message}`;
  };
  let commits = 0;
  const maxCommits = check.maxWrites ?? 20_000;
  const unsubscribe = cluster.api.store.subscribe((change) => {
    if (++commits === maxCommits) record('bounded work', `more than ${maxCommits} writes in one run (a write loop?); the last was ${change.type} ${change.resource} ${change.key}`);
    if (!options.perturbed) return;
    for (const inv of invariants) {
      record(inv.name, inv.onChange?.(change, view));
      record(inv.name, inv.check?.(view));
    }
  });
  await check.setup?.(cluster);
  await drain(cluster.activity, clock);
  controller.start();
  let watchToken = 0;
  let staleToken = 0;
  const scheduler = options.perturbed ? options.scheduler : undefined;

  const pump = async (ms: number): Promise<void> => {
    const until = clock.now() + ms;
    for (let i = 0; i < MAX_SCHEDULED_STEPS && violation === undefined; i++) {
      await drain(cluster.activity, clock);
      if (scheduler !== undefined && scheduler.count() > 0) {
        await scheduler.waitNext(1);
        continue;
      }
      const next = clock.nextTimerAt();
      if (next === undefined || next > until) break;
      clock.advanceTo(Math.max(next, clock.now()));
    }
    if (violation !== undefined) return;
    clock.advanceTo(Math.max(until, clock.now()));
    await drain(cluster.activity, clock);
    if (scheduler !== undefined) {
      while (scheduler.count() > 0 && violation === undefined) {
        await scheduler.waitNext(1);
        await drain(cluster.activity, clock);
      }
    }
  };

  const world: HarnessWorld = {
    cluster,
    view,
    controller,
    perturbed: options.perturbed,
    type: primaryType(check.resource),
    owned: options.controller.owns ?? [],
    namespace: check.namespace ?? 'default',
    objectNamespace: cluster.client.resource(primaryType(check.resource)).namespaced ? (check.namespace ?? 'default') : undefined,
    violation: () => violation,
    log,
    worldFaults: 0,
    faultTimers: [],
    pump,
    watchFault(mode, ms) {
      const token = ++watchToken;
      controller.setWatchMode(mode);
      clock.setTimeout(() => {
        if (token === watchToken && state.staleRevision === undefined) controller.setWatchMode('live');
      }, ms);
    },
    staleFor(lag, ms) {
      const token = ++staleToken;
      const store = cluster.api.store;
      state.staleRevision = Math.max(store.compactedRevision() + 1, store.revision() - lag);
      controller.setWatchMode('hold');
      controller.relist();
      clock.setTimeout(() => {
        if (token !== staleToken) return;
        state.staleRevision = undefined;
        controller.setWatchMode('live');
      }, ms);
    },
    async heal() {
      state.requestFaults = [];
      state.crashAfterWrites = undefined;
      state.staleRevision = undefined;
      watchToken++;
      staleToken++;
      controller.setWatchMode('live');
      if (!controller.running()) controller.start();
      for (const t of world.faultTimers.splice(0)) clock.clearTimeout(t);
      for (const n of cluster.nodes.list()) {
        cluster.nodes.heal(n);
        cluster.nodes.start(n);
      }
      await pump(0);
    },
    async stop() {
      unsubscribe();
      controller.stop();
      await cluster.stop();
    },
  };
  return world;
}

/** Objects of the primary type in the world's namespace (or cluster-wide for cluster-scoped types). */
export function primaries(world: HarnessWorld): KubeObject[] {
  return world.view.list(world.type, world.objectNamespace);
}
