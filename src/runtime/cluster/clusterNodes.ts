import type { AnyActorRef, InspectionEvent } from 'xstate';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { notFound, StatusError } from '../../api/status.ts';
import type { ApiServer } from '../../apiserver/apiServer.ts';
import type { Client } from '../../client/client.ts';
import { createInformerFactory } from '../../client/informerFactory.ts';
import type { LogOptions } from '../../kubelet/simulatedLogs.ts';
import type { ImagePolicy, ImageProfiles } from '../../kubelet/workloadTypes.ts';
import type { ActivityTracker } from '../activity.ts';
import type { NodeSpec } from '../nodes/nodeSpec.ts';
import { defaultNodeSpecs } from '../nodes/nodeSpec.ts';
import { cordon, drain, uncordon } from '../nodes/drain.ts';
import type { CordonResult, DrainOptions, DrainResult } from '../nodes/drain.ts';
import type { Clock } from '../sim/clock.ts';
import { KubeletHub } from '../../../actors/kubeletHub.ts';
import { createKubeletLogic } from '../../../actors/kubeletActor.ts';

/**
 * The simulated nodes of a cluster and the faults they take.
 * @public
 */
export interface ClusterNodes {
  /** Names of the nodes the cluster runs kubelets for. */
  list(): string[];
  /** Adds a node (its kubelet registers it); a string is a name with default resources. */
  add(spec: NodeSpec | string): void;
  /** Stops the node's kubelet: no more heartbeats or pod status; its pods keep their last state. */
  stop(name: string): void;
  /** Starts a stopped kubelet again; it rebuilds its pods from the store. */
  start(name: string): void;
  /** Cuts the kubelet off from the API server (it keeps running its pods). */
  partition(name: string): void;
  /** Ends a partition. */
  heal(name: string): void;
  /** The kubelet's XState actor. */
  kubelet(name: string): AnyActorRef | undefined;
  /** `kubectl cordon`: marks the node unschedulable. */
  cordon(name: string): Promise<CordonResult>;
  /** `kubectl uncordon`. */
  uncordon(name: string): Promise<CordonResult>;
  /** `kubectl drain`: cordons, then evicts through the eviction API (PodDisruptionBudgets respected). */
  drain(name: string, options?: Omit<DrainOptions, 'clock'>): Promise<DrainResult>;
}

/** Options of {@link startClusterNodes}. */
export interface ClusterNodesOptions {
  readonly nodes: number | readonly NodeSpec[] | undefined;
  readonly api: ApiServer;
  readonly client: Client;
  readonly clock: Clock;
  readonly root: AnyActorRef;
  readonly activity: ActivityTracker;
  readonly profiles?: ImageProfiles;
  readonly imagePolicy?: ImagePolicy;
  readonly inspect?: (event: InspectionEvent) => void;
}

/** Starts one kubelet component per node (`kubelet/<node>`), sharing one pod informer and one heartbeat. */
export function startClusterNodes(o: ClusterNodesOptions) {
  const informers = createInformerFactory({ client: o.client, clock: o.clock });
  let hub: KubeletHub | undefined;
  const kubelets = new Map<string, ReturnType<typeof createKubeletLogic>>();
  const order: string[] = [];
  const ref = (name: string): AnyActorRef | undefined => o.root.system.get(`kubelet/${name}`) as AnyActorRef | undefined;
  const need = (name: string): AnyActorRef => {
    const k = ref(name);
    if (k === undefined) throw notFound('nodes', name);
    return k;
  };

  const add = (input: NodeSpec | string): void => {
    const spec: NodeSpec = typeof input === 'string' ? { name: input } : input;
    if (kubelets.has(spec.name)) throw new StatusError(409, 'AlreadyExists', `node "${spec.name}" already has a kubelet`);
    hub ??= new KubeletHub(informers, o.clock);
    const kubelet = createKubeletLogic({
      spec,
      index: order.length,
      client: o.client,
      clock: o.clock,
      hub,
      activity: o.activity,
      ...(o.profiles ? { profiles: o.profiles } : {}),
      ...(o.imagePolicy ? { imagePolicy: o.imagePolicy } : {}),
      ...(o.inspect ? { inspect: o.inspect } : {}),
    });
    kubelets.set(spec.name, kubelet);
    order.push(spec.name);
    o.root.send({ type: 'component.start', id: `kubelet/${spec.name}`, systemId: `kubelet/${spec.name}`, logic: kubelet.logic, input: { node: spec.name, clock: o.clock } });
  };

  const specs = typeof o.nodes === 'number' ? defaultNodeSpecs(o.nodes) : (o.nodes ?? []);
  for (const s of specs) add(s);

  const nodes: ClusterNodes = {
    list: () => [...order],
    add,
    stop: (name) => void need(name).send({ type: 'kubelet.stop' }),
    start: (name) => void need(name).send({ type: 'kubelet.start' }),
    partition: (name) => void need(name).send({ type: 'kubelet.partition' }),
    heal: (name) => void need(name).send({ type: 'kubelet.heal' }),
    kubelet: ref,
    cordon: (name) => cordon(o.client, name),
    uncordon: (name) => uncordon(o.client, name),
    drain: (name, options = {}) => drain(o.client, name, { ...options, clock: o.clock }),
  };

  /** The simulated log of a pod's container (`kubectl logs`). */
  const logs = (pod: string | { name: string; namespace?: string }, container?: string, opts: LogOptions & { namespace?: string } = {}): string => {
    const name = typeof pod === 'string' ? pod : pod.name;
    const namespace = (typeof pod === 'string' ? opts.namespace : pod.namespace) ?? 'default';
    const obj = o.api.get<Pod & KubeObject>({ apiVersion: 'v1', kind: 'Pod' }, name, namespace);
    const node = obj.spec?.nodeName;
    const kubelet = node === undefined ? undefined : kubelets.get(node);
    if (kubelet === undefined) throw new StatusError(400, 'BadRequest', `pod ${name} is not running on a node yet (no logs)`);
    const text = kubelet.pods.logs(namespace, name, container, opts);
    if (text === undefined) throw new StatusError(400, 'BadRequest', `container ${container ?? ''} in pod ${name} is not running on ${node ?? ''}`);
    return text;
  };

  return {
    nodes,
    logs,
    /** Sends an event to a pod's actor on its kubelet (faults such as `container.exited`). */
    sendToPod(namespace: string, name: string, event: { type: string; [k: string]: unknown }): boolean {
      for (const k of kubelets.values()) if (k.pods.send(namespace, name, event)) return true;
      return false;
    },
    stop(): void {
      hub?.stop();
      for (const k of kubelets.values()) k.stop();
      informers.stop();
    },
  };
}
