// Per-node aggregate of the scheduler's cache (upstream framework.NodeInfo): the node, its pods and
// running totals, kept up to date in O(1) per pod added or removed (O(ports + volumes) of that pod).
import type { Node } from 'kubernetes-types/core/v1.js';
import { createHostPortInfo, type HostPortInfo } from './hostPorts.ts';
import type { PodInfo } from './podInfo.ts';
import { accumulateResource, emptyResource, resourceFromList, type Resource } from './resources.ts';

/**
 * What the scheduler knows about one node. `node` is undefined for a "ghost" entry that holds pods
 * bound to a node the snapshot has not seen (yet); such entries are never offered to plugins.
 * Mutated only through the functions of this module (and {@link ClusterSnapshot}).
 * @public
 */
export interface NodeInfo {
  readonly name: string;
  node: Node | undefined;
  /** Pods on the node by {@link PodInfo.key}, in the order they were added. */
  readonly pods: Map<string, PodInfo>;
  readonly podsWithAffinity: Map<string, PodInfo>;
  readonly podsWithRequiredAntiAffinity: Map<string, PodInfo>;
  /** Σ effective requests of the pods (init-container max rule and overhead included). */
  readonly requested: Resource;
  /** Σ cpu/memory requests with the 100m / 200Mi defaults for missing requests (scoring only). */
  readonly nonZeroRequested: { milliCPU: number; memory: number };
  /** `status.allocatable` (or `status.capacity` when the node reports no allocatable at all). */
  allocatable: Resource;
  readonly usedPorts: HostPortInfo;
  /** `namespace/claim` → number of pods on the node using that PersistentVolumeClaim. */
  readonly pvcRefCounts: Map<string, number>;
  /** Image name → size in bytes, from `status.images` (every name of an image). */
  imageSizes: ReadonlyMap<string, number>;
}

function imageSizesOf(node: Node | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const img of node?.status?.images ?? []) {
    for (const name of img.names ?? []) out.set(name, img.sizeBytes ?? 0);
  }
  return out;
}

/** An empty NodeInfo for `name`, optionally with its node object. */
export function createNodeInfo(name: string, node?: Node): NodeInfo {
  const ni: NodeInfo = {
    name,
    node: undefined,
    pods: new Map(),
    podsWithAffinity: new Map(),
    podsWithRequiredAntiAffinity: new Map(),
    requested: emptyResource(),
    nonZeroRequested: { milliCPU: 0, memory: 0 },
    allocatable: emptyResource(),
    usedPorts: createHostPortInfo(),
    pvcRefCounts: new Map(),
    imageSizes: new Map(),
  };
  if (node !== undefined) setNode(ni, node);
  return ni;
}

/** Sets (or replaces) the node object and the values derived from it. */
export function setNode(ni: NodeInfo, node: Node | undefined): void {
  ni.node = node;
  // Upstream reads allocatable only; a node object without any allocatable falls back to capacity
  // so that hand-written fixtures with just `capacity` still schedule.
  const alloc = node?.status?.allocatable ?? node?.status?.capacity;
  ni.allocatable = resourceFromList(alloc);
  ni.imageSizes = imageSizesOf(node);
}

/** Adds a pod and its requests, ports and claims. Replaces an entry with the same key. */
export function addPod(ni: NodeInfo, pi: PodInfo): void {
  if (ni.pods.has(pi.key)) removePod(ni, pi.key);
  ni.pods.set(pi.key, pi);
  if (pi.hasAffinity) ni.podsWithAffinity.set(pi.key, pi);
  if (pi.requiredAntiAffinity.length > 0) ni.podsWithRequiredAntiAffinity.set(pi.key, pi);
  account(ni, pi, 1);
}

/** Removes a pod by key; returns what was removed. */
export function removePod(ni: NodeInfo, key: string): PodInfo | undefined {
  const pi = ni.pods.get(key);
  if (pi === undefined) return undefined;
  ni.pods.delete(key);
  ni.podsWithAffinity.delete(key);
  ni.podsWithRequiredAntiAffinity.delete(key);
  account(ni, pi, -1);
  return pi;
}

function account(ni: NodeInfo, pi: PodInfo, sign: 1 | -1): void {
  accumulateResource(ni.requested, pi.requests, sign);
  ni.nonZeroRequested.milliCPU += sign * pi.nonZeroCPU;
  ni.nonZeroRequested.memory += sign * pi.nonZeroMemory;
  for (const p of pi.hostPorts) {
    if (sign === 1) ni.usedPorts.add(p);
    else ni.usedPorts.remove(p);
  }
  for (const k of pi.pvcKeys) {
    const next = (ni.pvcRefCounts.get(k) ?? 0) + sign;
    if (next <= 0) ni.pvcRefCounts.delete(k);
    else ni.pvcRefCounts.set(k, next);
  }
}

/** The node's labels (empty when unknown). */
export function nodeLabels(ni: NodeInfo): Readonly<Record<string, string>> {
  return ni.node?.metadata?.labels ?? {};
}

/** A deep-enough copy: own maps and totals, shared (immutable) PodInfos and node object. */
export function cloneNodeInfo(ni: NodeInfo): NodeInfo {
  const copy = createNodeInfo(ni.name, ni.node);
  for (const pi of ni.pods.values()) addPod(copy, pi);
  return copy;
}
