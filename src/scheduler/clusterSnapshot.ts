// The scheduler's view of the cluster (upstream internal/cache Cache + Snapshot in one): NodeInfos
// kept incrementally, plus the cluster-wide indexes plugins need.
import type { Node, PersistentVolumeClaim, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { addPod, createNodeInfo, nodeLabels, removePod, setNode, type NodeInfo } from './nodeInfo.ts';
import { createNodeTree } from './nodeTree.ts';
import { newPodInfo, podKey, type PodInfo } from './podInfo.ts';

/**
 * Read access to objects other than nodes and pods, supplied by whoever owns the informers.
 * Every function is optional; a missing one behaves as "none found".
 * @public
 */
export interface ClusterLookups {
  readonly services?: (namespace: string) => readonly Service[];
  readonly replicationController?: (namespace: string, name: string) => ReplicationController | undefined;
  readonly replicaSet?: (namespace: string, name: string) => ReplicaSet | undefined;
  readonly statefulSet?: (namespace: string, name: string) => StatefulSet | undefined;
  readonly persistentVolumeClaim?: (namespace: string, name: string) => PersistentVolumeClaim | undefined;
  readonly namespaceLabels?: (namespace: string) => Readonly<Record<string, string>> | undefined;
  readonly podDisruptionBudgets?: () => readonly PodDisruptionBudget[];
}

/**
 * All NodeInfos plus indexes. Pods enter through {@link ClusterSnapshot.upsertPod}: a pod with
 * `spec.nodeName` set and not Succeeded/Failed is tracked, any other pod is dropped (the scheduler's
 * pod informer excludes terminated pods).
 * @public
 */
export interface ClusterSnapshot {
  readonly lookups: ClusterLookups;
  upsertNode(node: Node): void;
  removeNode(name: string): void;
  upsertPod(pod: Pod): void;
  removePod(podOrKey: Pod | string): PodInfo | undefined;
  /** Adds an already derived PodInfo to a node (used to undo simulated removals). */
  addPodInfo(nodeName: string, pi: PodInfo): void;
  /** NodeInfos that have a node object, zones interleaved (upstream snapshot order). */
  nodeInfos(): readonly NodeInfo[];
  getNodeInfo(name: string): NodeInfo | undefined;
  numNodes(): number;
  getPodInfo(key: string): PodInfo | undefined;
  /** Nodes hosting at least one pod with (anti-)affinity. */
  nodeInfosWithAffinityPods(): NodeInfo[];
  /** Nodes hosting at least one pod with required anti-affinity. */
  nodeInfosWithRequiredAntiAffinityPods(): NodeInfo[];
  /** On how many nodes an image name is present (ImageLocality's spread). */
  imageNumNodes(image: string): number;
  /** Whether any tracked pod uses the claim `namespace/name`. */
  isPVCUsedByPods(key: string): boolean;
  /** Nodes whose label `key` equals `value` (a topology domain). */
  nodesInDomain(key: string, value: string): NodeInfo[];
  /** Pods on the nodes of a topology domain. */
  podsInDomain(key: string, value: string): PodInfo[];
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
}

function bumpSet(index: Map<string, Set<string>>, key: string, member: string, add: boolean): void {
  let set = index.get(key);
  if (add) {
    if (set === undefined) index.set(key, (set = new Set()));
    set.add(member);
  } else if (set !== undefined) {
    set.delete(member);
    if (set.size === 0) index.delete(key);
  }
}

/** An empty snapshot, optionally with lookups for services, controllers, claims, namespaces and PDBs. */
export function createClusterSnapshot(lookups: ClusterLookups = {}): ClusterSnapshot {
  const infos = new Map<string, NodeInfo>();
  const podNode = new Map<string, string>();
  const tree = createNodeTree();
  const imageNodes = new Map<string, Set<string>>();
  // label key → value → node names
  const domains = new Map<string, Map<string, Set<string>>>();
  const pvcUse = new Map<string, number>();
  const withAffinity = new Set<string>();
  const withAntiAffinity = new Set<string>();
  let listCache: NodeInfo[] | undefined;

  const indexNode = (ni: NodeInfo, add: boolean): void => {
    for (const image of ni.imageSizes.keys()) bumpSet(imageNodes, image, ni.name, add);
    for (const [k, v] of Object.entries(nodeLabels(ni))) {
      let byValue = domains.get(k);
      if (byValue === undefined) domains.set(k, (byValue = new Map<string, Set<string>>()));
      bumpSet(byValue, v, ni.name, add);
      if (byValue.size === 0) domains.delete(k);
    }
  };
  const refreshPodIndexes = (ni: NodeInfo): void => {
    if (ni.podsWithAffinity.size > 0) withAffinity.add(ni.name);
    else withAffinity.delete(ni.name);
    if (ni.podsWithRequiredAntiAffinity.size > 0) withAntiAffinity.add(ni.name);
    else withAntiAffinity.delete(ni.name);
  };
  const dropIfEmptyGhost = (ni: NodeInfo): void => {
    if (ni.node === undefined && ni.pods.size === 0) infos.delete(ni.name);
  };
  const live = (names: Iterable<string>): NodeInfo[] => {
    const out: NodeInfo[] = [];
    for (const n of names) {
      const ni = infos.get(n);
      if (ni?.node !== undefined) out.push(ni);
    }
    return out;
  };

  const snapshot: ClusterSnapshot = {
    lookups,
    upsertNode(node) {
      const name = node.metadata?.name ?? '';
      let ni = infos.get(name);
      if (ni === undefined) infos.set(name, (ni = createNodeInfo(name)));
      else if (ni.node !== undefined) indexNode(ni, false);
      setNode(ni, node);
      indexNode(ni, true);
      tree.upsert(node);
      listCache = undefined;
    },
    removeNode(name) {
      const ni = infos.get(name);
      if (ni?.node === undefined) return;
      indexNode(ni, false);
      setNode(ni, undefined);
      tree.remove(name);
      dropIfEmptyGhost(ni);
      listCache = undefined;
    },
    upsertPod(pod) {
      const nodeName = pod.spec?.nodeName ?? '';
      const phase = pod.status?.phase;
      snapshot.removePod(podKey(pod));
      if (nodeName === '' || phase === 'Succeeded' || phase === 'Failed') return;
      snapshot.addPodInfo(nodeName, newPodInfo(pod));
    },
    removePod(podOrKey) {
      const key = typeof podOrKey === 'string' ? podOrKey : podKey(podOrKey);
      const nodeName = podNode.get(key);
      if (nodeName === undefined) return undefined;
      podNode.delete(key);
      const ni = infos.get(nodeName);
      if (ni === undefined) return undefined;
      const pi = removePod(ni, key);
      for (const k of pi?.pvcKeys ?? []) {
        const next = (pvcUse.get(k) ?? 0) - 1;
        if (next <= 0) pvcUse.delete(k);
        else pvcUse.set(k, next);
      }
      refreshPodIndexes(ni);
      dropIfEmptyGhost(ni);
      return pi;
    },
    addPodInfo(nodeName, pi) {
      if (podNode.has(pi.key)) snapshot.removePod(pi.key);
      let ni = infos.get(nodeName);
      if (ni === undefined) infos.set(nodeName, (ni = createNodeInfo(nodeName)));
      addPod(ni, pi);
      podNode.set(pi.key, nodeName);
      for (const k of pi.pvcKeys) pvcUse.set(k, (pvcUse.get(k) ?? 0) + 1);
      refreshPodIndexes(ni);
    },
    nodeInfos() {
      listCache ??= live(tree.list());
      return listCache;
    },
    getNodeInfo(name) {
      const ni = infos.get(name);
      return ni?.node === undefined ? undefined : ni;
    },
    numNodes: () => tree.size,
    getPodInfo(key) {
      const n = podNode.get(key);
      return n === undefined ? undefined : infos.get(n)?.pods.get(key);
    },
    nodeInfosWithAffinityPods: () => live(withAffinity),
    nodeInfosWithRequiredAntiAffinityPods: () => live(withAntiAffinity),
    imageNumNodes: (image) => imageNodes.get(image)?.size ?? 0,
    isPVCUsedByPods: (key) => (pvcUse.get(key) ?? 0) > 0,
    nodesInDomain: (key, value) => live(domains.get(key)?.get(value) ?? []),
    podsInDomain: (key, value) => snapshot.nodesInDomain(key, value).flatMap((ni) => [...ni.pods.values()]),
    namespaceLabels: (namespace) => lookups.namespaceLabels?.(namespace),
  };
  return snapshot;
}
