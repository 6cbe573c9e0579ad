import { createActor } from 'xstate';
import type { AnyActorRef } from 'xstate';
import type { Event } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { ApiServer } from '../../apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../../apiserver/builtinStrategy.ts';
import { startCrdRegistrar } from '../../apiserver/crdRegistrar.ts';
import { createClient } from '../../client/client.ts';
import { MemoryStore } from '../../store/memoryStore.ts';
import { createActivityTracker } from '../activity.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import { resourceInfoOf } from '../resources/defineResource.ts';
import type { ResourceDefinition } from '../resources/defineResource.ts';
import { createIdSource } from '../sim/ids.ts';
import { RealClock } from '../sim/realClock.ts';
import { createRng } from '../sim/rng.ts';
import { DEFAULT_VIRTUAL_EPOCH_MS, VirtualClock } from '../sim/virtualClock.ts';
import { builtinControllers } from '../controllers/builtinControllers.ts';
import { installServiceRegistry } from './serviceRegistry.ts';
import { startClusterNetwork } from './clusterNetwork.ts';
import { clusterMachine } from '../../../machines/clusterMachine.ts';
import { replicaSetMachine } from '../../../machines/replicaSetMachine.ts';
import { deploymentRolloutMachine } from '../../../machines/deploymentRolloutMachine.ts';
import { apiServerMachine } from '../../../machines/apiServerMachine.ts';
import { createControllerManagerLogic } from '../../../actors/controllerManagerActor.ts';
import { startNodeLifecycleComponents } from '../../../actors/nodeLifecycleActor.ts';
import { createSchedulerLogic } from '../../../actors/schedulerActor.ts';
import { createPriorityAdmission } from '../../apiserver/priorityAdmission.ts';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { applyAll, parseManifests } from './applyManifests.ts';
import type { Cluster, ClusterOptions } from './clusterTypes.ts';
import { advanceCluster, drain, settleCluster, trackChanges } from './settleCluster.ts';
import { conditionPredicate } from './waitCondition.ts';
import { startClusterNodes } from './clusterNodes.ts';

function startMs(start: ClusterOptions['startTime']): number {
  if (start === undefined) return DEFAULT_VIRTUAL_EPOCH_MS;
  const ms = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(ms)) throw new TypeError(`startTime ${JSON.stringify(start)} is not a valid time`);
  return ms;
}

/**
 * Creates a cluster: the API server, the controller manager with the built-in controllers and
 * yours, all actors of one XState system on one clock, seeded by `seed`.
 * @example
 * const cluster = createCluster({ seed: 42 });
 * await cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata: { name: demo }`);
 * await cluster.settle();
 * await cluster.stop();
 * @public
 */
export function createCluster(options: ClusterOptions = {}): Cluster {
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const ids = createIdSource(rng.fork('ids'));
  const clock = options.clock === 'real' ? new RealClock({ ...(options.speed !== undefined ? { speed: options.speed } : {}), startMs: startMs(options.startTime) }) : new VirtualClock(startMs(options.startTime));
  // A tracer (src/inspect) stamps records with this clock and sees every inspection event, through `options.inspect`.
  const tracer = options.tracer;
  if (tracer !== undefined) {
    tracer.bind(clock);
    const inspect = options.inspect;
    options = { ...options, inspect: (e) => (inspect?.(e), tracer.inspect(e)) };
  }
  const store = options.store ?? new MemoryStore({ now: () => clock.now(), ...(options.history?.events !== undefined ? { historyLimit: options.history.events } : {}), ...(options.history?.ms !== undefined ? { historyMs: options.history.ms } : {}) });
  const strategy = createBuiltinStrategy();
  // Priority admission reads the stored PriorityClasses; it runs before user admission plugins.
  const priority = createPriorityAdmission(() => api.list<PriorityClass & KubeObject>({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' }).items);
  const api: ApiServer = new ApiServer({ clock, ids, store, strategy, admission: [priority, ...(options.admission ?? [])] });
  const client = createClient(api, { user: 'system:admin' });
  const activity = createActivityTracker();
  const changes = trackChanges(store, clock);
  const crds = startCrdRegistrar(api);
  // Services and networking: ClusterIP/NodePort allocation, service links, the kubernetes and kube-dns Services.
  const serviceRegistry = installServiceRegistry(api, rng, options);
  const log = options.log;

  const defineResource = (def: ResourceDefinition): void => {
    api.registry.add(resourceInfoOf(def));
    strategy.addResource(def);
  };
  for (const r of options.resources ?? []) defineResource(r);

  const userControllers: ControllerDefinition[] = [...(options.controllers ?? [])];
  const builtins = builtinControllers({ replicaSet: replicaSetMachine, rollout: deploymentRolloutMachine }).filter((c) => {
    const wanted = options.builtinControllers ?? true;
    return wanted === true || (Array.isArray(wanted) && wanted.includes(c.name));
  });
  const allControllers = (): readonly ControllerDefinition[] => [...builtins, ...userControllers];

  const root = createActor(clusterMachine, { clock, systemId: 'cluster', ...(options.inspect ? { inspect: options.inspect } : {}) });
  root.start();
  const apiLogic = apiServerMachine.provide({ actions: { closeWatches: () => api.close() } });
  root.send({ type: 'component.start', id: 'kube-apiserver', systemId: 'kube-apiserver', logic: apiLogic });
  const component = (id: string): AnyActorRef | undefined => root.system.get(id) as AnyActorRef | undefined;
  const apiActor = component('kube-apiserver');
  const unsubscribeCommits = store.subscribe((e) => apiActor?.send({ type: 'apiserver.committed', revision: e.revision }));
  const managerCount = Math.max(1, options.controllerManagers ?? 1);
  const managerIds: string[] = [];
  for (let i = 0; i < managerCount; i++) {
    const id = i === 0 ? 'kube-controller-manager' : `kube-controller-manager-${i + 1}`;
    managerIds.push(id);
    const managerLogic = createControllerManagerLogic({
      client,
      clock,
      controllers: allControllers,
      identity: `${id}_${ids.suffix(8)}`,
      activity,
      ...(options.leaderElection === true || managerCount > 1 ? { leaderElection: { leaseName: 'kube-controller-manager' } } : {}),
      ...(log ? { log } : {}),
      ...(options.inspect ? { inspect: options.inspect } : {}),
    });
    root.send({ type: 'component.start', id, systemId: id, logic: managerLogic, input: { identity: id } });
  }
  // The node lifecycle and taint eviction controllers (kube-controller-manager's, run as their own components).
  startNodeLifecycleComponents(root, { client, clock, activity, ...(options.nodeMonitorGracePeriodMs !== undefined ? { gracePeriodMs: options.nodeMonitorGracePeriodMs } : {}), ...(log ? { log } : {}), ...(options.inspect ? { inspect: options.inspect } : {}) });
  if (options.scheduler?.disabled !== true) {
    const schedulerLogic = createSchedulerLogic({ client, clock, rng: rng.fork('kube-scheduler'), activity, ...options.scheduler, ...(log ? { log } : {}) });
    root.send({ type: 'component.start', id: 'kube-scheduler', systemId: 'kube-scheduler', logic: schedulerLogic });
  }
  const nodeSet = startClusterNodes({
    nodes: options.nodes,
    api,
    client,
    clock,
    root,
    activity,
    ...(options.imageProfiles ? { profiles: options.imageProfiles } : {}),
    ...(options.imagePolicy ? { imagePolicy: options.imagePolicy } : {}),
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  // Pods answer HTTP with the same image profiles the kubelets run them with.
  const networkOptions = options.imageProfiles !== undefined ? { ...options.network, profiles: { ...options.imageProfiles, ...options.network?.profiles } } : options.network;
  const network = startClusterNetwork({ api, client, clock, rng, root, activity, registry: serviceRegistry, ...(networkOptions ? { options: networkOptions } : {}), ...(options.inspect ? { inspect: options.inspect } : {}) });
  const leadingManagers = (): AnyActorRef[] =>
    managerIds.map(component).filter((m): m is AnyActorRef => m !== undefined && (m.getSnapshot() as { value?: unknown }).value === 'leading');

  let stopped = false;
  const cluster: Cluster = {
    clock,
    rng,
    ids,
    api,
    client,
    root,
    activity,
    network,
    nodes: nodeSet.nodes,
    logs: nodeSet.logs,
    injectPodEvent: (namespace, name, event) => nodeSet.sendToPod(namespace, name, event),
    ...(tracer !== undefined ? { tracer } : {}),
    async apply(input, opts = {}) {
      const objects: KubeObject[] = typeof input === 'string' ? parseManifests(input) : Array.isArray(input) ? [...(input as readonly KubeObject[])] : [input as KubeObject];
      const results = applyAll(api, objects, opts.namespace);
      await drain(activity, clock);
      return results;
    },
    advance: (ms) => advanceCluster(clock, activity, ms),
    runFor: (ms) => advanceCluster(clock, activity, ms),
    settle: (opts) => settleCluster(clock, activity, changes, () => [], opts),
    async waitFor(condition, opts = {}) {
      const fromCondition = typeof condition === 'function' ? undefined : conditionPredicate(api, client, condition);
      const predicate = fromCondition?.check ?? (condition as () => boolean | Promise<boolean>);
      const description = opts.description ?? fromCondition?.description;
      const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
      const deadline = clock.now() + timeoutMs;
      await drain(activity, clock);
      for (;;) {
        if (await predicate()) return;
        if (clock.now() >= deadline) throw new Error(`waitFor${description ? ` (${description})` : ''}: condition not met after ${timeoutMs} ms of cluster time`);
        if (clock instanceof VirtualClock) {
          const next = clock.nextTimerAt();
          clock.advanceTo(Math.max(clock.now(), Math.min(next ?? deadline, deadline)));
          await drain(activity, clock);
        } else {
          await advanceCluster(clock, activity, 50);
        }
      }
    },
    controllers: {
      list: () => allControllers().map((c) => c.name),
      add(def) {
        if (allControllers().some((c) => c.name === def.name)) throw new Error(`controller ${def.name} already exists`);
        userControllers.push(def);
        for (const m of leadingManagers()) m.send({ type: 'controller.restart', name: def.name });
      },
      restart(name) {
        if (!allControllers().some((c) => c.name === name)) throw new Error(`no controller named ${name}`);
        for (const m of leadingManagers()) m.send({ type: 'controller.restart', name });
      },
    },
    defineResource,
    events() {
      const items = api.list<Event & KubeObject>({ apiVersion: 'v1', kind: 'Event' }).items;
      return [...items].sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? '') || (a.metadata.resourceVersion ?? '').localeCompare(b.metadata.resourceVersion ?? '', 'en', { numeric: true }));
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await drain(activity, clock);
      for (const id of managerIds) component(id)?.send({ type: 'manager.stop' });
      network.stop();
      nodeSet.stop();
      root.send({ type: 'cluster.stop' });
      root.stop();
      crds.unsubscribe();
      serviceRegistry.stop();
      unsubscribeCommits();
      changes.stop();
      api.close();
      if (clock instanceof VirtualClock || clock instanceof RealClock) clock.clear();
    },
  };
  return cluster;
}
