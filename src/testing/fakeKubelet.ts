import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Subscription } from 'rxjs';
import type { StoredObject } from '../api/meta.ts';
import { isConflict, isInvalid, isNotFound } from '../api/status.ts';
import { rfc3339, rfc3339Micro } from '../apiserver/timestamps.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { requiredNodeAffinity } from '../scheduler/nodeSelector.ts';

/** Options of {@link startFakeKubelet}. */
export interface FakeKubeletOptions {
  /** Nodes to create (Ready, labelled `kubernetes.io/hostname`); default one node `node-1`. */
  readonly nodes?: readonly (string | { readonly name: string; readonly labels?: Readonly<Record<string, string>> })[];
  /** Bind unscheduled pods to a node (acting as the scheduler too). Default true. */
  readonly bind?: boolean;
  /** Cluster time from binding to Running + Ready (default 0). */
  readonly readyAfterMs?: number | ((pod: Pod) => number);
  /** Pods that run but never become ready (a bad image, a failing probe). */
  readonly neverReady?: (pod: Pod) => boolean;
  /** Cluster time a terminating pod takes to go away (default 0). */
  readonly terminationMs?: number | ((pod: Pod) => number);
}

/** A running fake kubelet (and, unless told otherwise, a fake scheduler). */
export interface FakeKubelet {
  /** Creates a Ready node. */
  addNode(name: string, labels?: Readonly<Record<string, string>>): Promise<StoredObject<Node>>;
  /** Binds a pod to a node through the `pods/binding` subresource (undefined when gone or already bound). */
  bind(namespace: string, name: string, nodeName: string): Promise<StoredObject<Pod> | undefined>;
  /** Flips a running pod's Ready and ContainersReady conditions (a probe starting or stopping to pass). */
  setReady(namespace: string, name: string, ready: boolean): Promise<void>;
  /** Stops watching; pending timers still fire but do nothing. */
  stop(): void;
}

/** How often the fake kubelet renews its nodes' Leases (kubelet's renew interval). */
export const HEARTBEAT_MS = 10_000;

/** Namespace of the node heartbeat Leases. */
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

const resolveMs = (v: number | ((pod: Pod) => number) | undefined, pod: Pod): number => (typeof v === 'function' ? v(pod) : (v ?? 0));

/** A Ready node object. */
export function readyNode(name: string, labels: Readonly<Record<string, string>> = {}, nowMs = 0): Node {
  const t = rfc3339(nowMs);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: t, lastTransitionTime: t }],
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    },
  };
}

/** The status a kubelet reports for a started pod: Running, Ready (or not), containers running. */
export function runningPodStatus(pod: Pod, ready: boolean, nowMs: number, podIP: string): PodStatus {
  const t = rfc3339(nowMs);
  const cond = (type: string, status: boolean): PodCondition => ({ type, status: status ? 'True' : 'False', lastTransitionTime: t });
  return {
    phase: 'Running',
    conditions: [cond('PodReadyToStartContainers', true), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
    hostIP: '192.168.0.10',
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: t,
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready, restartCount: 0, started: true, state: { running: { startedAt: t } } })),
  };
}

/**
 * A stand-in for kube-scheduler and kubelet in tests: binds pending pods to nodes (a DaemonSet
 * pod to the node its `metadata.name` affinity names, others to the matching node with the fewest
 * pods), marks bound pods Running and Ready after `readyAfterMs`, and removes terminating pods after
 * `terminationMs`, all on the cluster clock. Binding goes through the `pods/binding` subresource. It
 * renews each node's Lease every 10 s so the node lifecycle controller keeps its nodes Ready.
 */
export async function startFakeKubelet(cluster: Cluster, options: FakeKubeletOptions = {}): Promise<FakeKubelet> {
  const { client, clock, api } = cluster;
  const started = new Set<string>();
  const terminating = new Set<string>();
  let ipSeq = 0;
  let stopped = false;
  const nodes = new Map<string, Node>();

  // Node heartbeats: one Lease per node in kube-node-lease, renewed every 10 s (kubelet's default),
  // so the node lifecycle controller keeps the nodes Ready.
  const renew = async (name: string): Promise<void> => {
    const now = rfc3339Micro(clock.now());
    try {
      await client.mutate('Lease', name, (d: Lease) => void ((d as { spec?: Lease['spec'] }).spec = { ...(d.spec ?? {}), holderIdentity: name, leaseDurationSeconds: 40, renewTime: now }), { namespace: NODE_LEASE_NAMESPACE });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      const node = nodes.get(name);
      await client.create<Lease>({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: NODE_LEASE_NAMESPACE, ...(node?.metadata?.uid !== undefined ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }] } : {}) },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: now },
      });
    }
  };
  const heartbeat = (): void => {
    if (stopped) return;
    for (const name of nodes.keys()) void renew(name).catch(() => undefined);
    clock.setTimeout(heartbeat, HEARTBEAT_MS);
  };

  const addNode = async (name: string, labels: Readonly<Record<string, string>> = {}): Promise<StoredObject<Node>> => {
    const node = await client.create(readyNode(name, labels, clock.now()));
    nodes.set(name, node);
    await renew(name);
    return node;
  };
  for (const n of options.nodes ?? ['node-1']) await (typeof n === 'string' ? addNode(n) : addNode(n.name, n.labels ?? {}));
  clock.setTimeout(heartbeat, HEARTBEAT_MS);

  // What the binding subresource stores, written to storage directly.
  const bindInStorage = (namespace: string, name: string, nodeName: string): StoredObject<Pod> | undefined => {
    const key = `${namespace}/${name}`;
    const current = api.store.get('pods', key) as StoredObject<Pod> | undefined;
    if (current === undefined || current.spec?.nodeName || current.metadata.deletionTimestamp !== undefined) return undefined;
    const t = rfc3339(clock.now());
    const next: StoredObject<Pod> = {
      ...current,
      spec: { ...(current.spec ?? { containers: [] }), nodeName },
      status: { ...(current.status ?? {}), conditions: [...(current.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), { type: 'PodScheduled', status: 'True', lastTransitionTime: t }] },
    };
    return api.store.update('pods', key, next, current.metadata.resourceVersion) as StoredObject<Pod>;
  };

  const bind = async (namespace: string, name: string, nodeName: string): Promise<StoredObject<Pod> | undefined> => {
    try {
      return (await client.bind(namespace, name, nodeName)) as StoredObject<Pod>;
    } catch (e) {
      // Gone, already bound or being deleted: nothing to do.
      if (isNotFound(e) || isConflict(e)) return undefined;
      // A binding subresource that refuses to set spec.nodeName (pod update validation) is a server
      // limitation, not the test's concern: store what the subresource would have stored.
      if (isInvalid(e)) return bindInStorage(namespace, name, nodeName);
      throw e;
    }
  };

  const chooseNode = (pod: Pod): string | undefined => {
    const live: Node[] = [...api.list<Node & StoredObject>({ apiVersion: 'v1', kind: 'Node' }).items];
    const fits = live.filter((n) => requiredNodeAffinity(pod).match(n));
    const load = (n: Node): number => api.list<Pod & StoredObject>({ apiVersion: 'v1', kind: 'Pod' }).items.filter((p) => p.spec?.nodeName === n.metadata?.name).length;
    fits.sort((a, b) => load(a) - load(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
    return fits[0]?.metadata?.name;
  };

  const handle = (pod: StoredObject<Pod>): void => {
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const uid = pod.metadata.uid;
    if (pod.metadata.deletionTimestamp !== undefined) {
      if (!pod.spec?.nodeName || terminating.has(uid)) return;
      terminating.add(uid);
      clock.setTimeout(() => {
        if (stopped) return;
        client.delete('Pod', name, { namespace: ns, gracePeriodSeconds: 0, preconditions: { uid } }).catch(() => undefined);
      }, resolveMs(options.terminationMs, pod));
      return;
    }
    if (!pod.spec?.nodeName) {
      if (options.bind === false) return;
      clock.setTimeout(() => {
        if (stopped) return;
        const node = chooseNode(pod);
        if (node !== undefined) void bind(ns, name, node);
      }, 0);
      return;
    }
    if (started.has(uid) || pod.status?.phase !== 'Pending') return;
    started.add(uid);
    clock.setTimeout(() => {
      if (stopped) return;
      const ready = !(options.neverReady?.(pod) ?? false);
      const ip = `10.244.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 2}`;
      client
        .mutate('Pod', name, (d: Pod) => {
          if (d.metadata?.uid !== uid || d.metadata.deletionTimestamp !== undefined) return;
          (d as { status?: PodStatus }).status = runningPodStatus(d, ready, clock.now(), ip);
        }, { namespace: ns, subresource: 'status' })
        .catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
    }, resolveMs(options.readyAfterMs, pod));
  };

  const sub: Subscription = client.watch<'Pod', Pod>('Pod').subscribe({
    next: (e) => {
      if (stopped || (e.type !== 'ADDED' && e.type !== 'MODIFIED')) return;
      handle(e.object);
    },
    // The watch ends with an error when the cluster stops.
    error: () => undefined,
  });
  const setReady = async (namespace: string, name: string, ready: boolean): Promise<void> => {
    const t = rfc3339(clock.now());
    await client.mutate('Pod', name, (d: Pod) => {
      const status = (d as { status?: PodStatus }).status ?? {};
      const flip = (c: PodCondition): PodCondition => ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== (ready ? 'True' : 'False') ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: t } : c);
      (d as { status?: PodStatus }).status = {
        ...status,
        ...(status.conditions !== undefined ? { conditions: status.conditions.map(flip) } : {}),
        ...(status.containerStatuses !== undefined ? { containerStatuses: status.containerStatuses.map((c) => ({ ...c, ready })) } : {}),
      };
    }, { namespace, subresource: 'status' });
  };

  return {
    addNode,
    bind,
    setReady,
    stop() {
      stopped = true;
      sub.unsubscribe();
    },
  };
}
