import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { compareDaemonPods, CONTROLLER_REVISION_HASH_LABEL, isDaemonPodUpdated, nodeShouldRunDaemonPod, templateGeneration } from './daemonSetPlacement.ts';
import { scaledValueFromIntOrPercent } from './intOrPercent.ts';
import { isPodAvailable, isPodReady } from './podConditions.ts';

/** What one node needs: a new pod, pods deleted, and failed pods to kill (subject to backoff). */
export interface NodePlan {
  readonly needsPod: boolean;
  readonly deletePods: string[];
  readonly failedPods: Pod[];
}

/** Upstream `SurgeCount`: maxSurge of `desired` (rounded up); 0 unless RollingUpdate. */
export function daemonSurgeCount(ds: DaemonSet, desired: number): number {
  const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  return ru?.maxSurge === undefined ? 0 : scaledValueFromIntOrPercent(ru.maxSurge, desired, true);
}

/** Upstream `UnavailableCount`: maxUnavailable of `desired`, rounded up; 0 unless RollingUpdate. */
export function daemonUnavailableCount(ds: DaemonSet, desired: number): number {
  const ru = ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined;
  return ru === undefined ? 0 : scaledValueFromIntOrPercent(ru.maxUnavailable ?? 1, desired, true);
}

/**
 * Upstream `podsShouldBeOnNode`: a node that should run the daemon and has none needs one; failed
 * pods are killed; without surge only the oldest running pod stays; with surge an old and a new pod
 * coexist only while the new one is not yet available and the old one is ready; a node that must not
 * run the daemon loses all its pods.
 */
export function podsShouldBeOnNode(node: Node, pods: readonly Pod[] | undefined, ds: DaemonSet, hash: string, nowMs: number): NodePlan {
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const plan = { needsPod: false, deletePods: [] as string[], failedPods: [] as Pod[] };
  if (shouldRun && pods === undefined) return { ...plan, needsPod: true };
  if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods ?? []) {
      if (pod.metadata?.deletionTimestamp !== undefined) continue;
      if (pod.status?.phase === 'Failed') plan.failedPods.push(pod);
      else if (pod.status?.phase === 'Succeeded') plan.deletePods.push(pod.metadata?.name ?? '');
      else running.push(pod);
    }
    running.sort(compareDaemonPods);
    if (daemonSurgeCount(ds, 1) <= 0) {
      for (const pod of running.slice(1)) plan.deletePods.push(pod.metadata?.name ?? '');
      return plan;
    }
    if (running.length <= 1) return { ...plan, needsPod: running.length === 0 && shouldRun };
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      if (pod.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
        if (oldestNew === undefined) {
          oldestNew = pod;
          continue;
        }
      } else if (oldestOld === undefined) {
        oldestOld = pod;
        continue;
      }
      plan.deletePods.push(pod.metadata?.name ?? '');
    }
    if (oldestNew !== undefined && oldestOld !== undefined) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, nowMs)) plan.deletePods.push(oldestOld.metadata?.name ?? '');
    }
    return plan;
  }
  for (const pod of pods ?? []) if (pod.metadata?.deletionTimestamp === undefined) plan.deletePods.push(pod.metadata?.name ?? '');
  return plan;
}

// Upstream findUpdatedPodsOnNode: at most one new and one old non-deleted pod, else not ok.
function updatedPodsOnNode(ds: DaemonSet, pods: readonly Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp !== undefined) continue;
    if (isDaemonPodUpdated(pod, hash, templateGeneration(ds))) {
      if (newPod !== undefined) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod !== undefined) return { ok: false };
      oldPod = pod;
    }
  }
  return { ...(newPod ? { newPod } : {}), ...(oldPod ? { oldPod } : {}), ok: true };
}

/**
 * Upstream `rollingUpdate` (daemon/update.go) as a plan. Without surge, old pods are deleted while
 * unavailable ones stay within maxUnavailable (the manage loop then creates new ones); with surge,
 * new pods are created next to old ones up to maxSurge and each old pod goes once its new pod is
 * available. Nodes are visited in name order (upstream iterates a Go map).
 */
export function planDaemonRollingUpdate(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, readonly Pod[]>, hash: string, nowMs: number): { deletePods: string[]; createOn: string[] } {
  const byNode = new Map(nodeToPods);
  let desired = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desired++;
    if (!byNode.has(node.metadata?.name ?? '')) byNode.set(node.metadata?.name ?? '', []);
  }
  let maxUnavailable = daemonUnavailableCount(ds, desired);
  const maxSurge = daemonSurgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod): boolean => isPodAvailable(p, minReady, nowMs);
  const nodeByName = new Map(nodes.map((n) => [n.metadata?.name ?? '', n]));
  const names = [...byNode.keys()].sort();
  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: string[] = [];
    const candidates: string[] = [];
    for (const name of names) {
      const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(name) ?? [], hash);
      if (!ok || (oldPod === undefined) === (newPod === undefined)) unavailable++;
      else if (newPod !== undefined) {
        if (!available(newPod)) unavailable++;
      } else if (oldPod !== undefined) {
        if (!available(oldPod)) {
          replace.push(oldPod.metadata?.name ?? '');
          unavailable++;
        } else if (unavailable < maxUnavailable) candidates.push(oldPod.metadata?.name ?? '');
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { deletePods: [...replace, ...candidates.slice(0, remaining)], createOn: [] };
  }
  const deletePods: string[] = [];
  const shouldNotRun: string[] = [];
  const candidates: string[] = [];
  const allowed: string[] = [];
  let surge = 0;
  let availableCount = 0;
  for (const name of names) {
    const { newPod, oldPod, ok } = updatedPodsOnNode(ds, byNode.get(name) ?? [], hash);
    if (!ok) {
      surge++;
      continue;
    }
    if (oldPod !== undefined ? available(oldPod) : newPod !== undefined && available(newPod)) availableCount++;
    if (oldPod === undefined) continue;
    const node = nodeByName.get(name);
    if (newPod === undefined) {
      const shouldRun = node !== undefined && nodeShouldRunDaemonPod(node, ds).shouldRun;
      if (!available(oldPod)) {
        if (!shouldRun) deletePods.push(oldPod.metadata?.name ?? '');
        else allowed.push(name);
      } else if (!shouldRun) shouldNotRun.push(oldPod.metadata?.name ?? '');
      else if (surge < maxSurge) candidates.push(name);
      continue;
    }
    if (!available(newPod)) surge++;
    else deletePods.push(oldPod.metadata?.name ?? '');
  }
  const deletable = Math.min(availableCount - desired, shouldNotRun.length);
  if (deletable > 0) deletePods.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - surge), candidates.length);
  return { deletePods, createOn: [...allowed, ...candidates.slice(0, remaining)] };
}

/** Upstream `updateDaemonSetStatus`'s counts (the oldest pod of each node speaks for it). */
export function daemonSetStatusCounts(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, readonly Pod[]>, hash: string, nowMs: number): Required<Pick<DaemonSetStatus, 'desiredNumberScheduled' | 'currentNumberScheduled' | 'numberMisscheduled' | 'numberReady' | 'updatedNumberScheduled' | 'numberAvailable' | 'numberUnavailable'>> {
  const c = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0 };
  for (const node of nodes) {
    const pods = [...(nodeToPods.get(node.metadata?.name ?? '') ?? [])].sort(compareDaemonPods);
    const scheduled = pods.length > 0;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (scheduled) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    const pod = pods[0];
    if (pod === undefined) continue;
    c.currentNumberScheduled++;
    if (isPodReady(pod)) {
      c.numberReady++;
      if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, nowMs)) c.numberAvailable++;
    }
    if (isDaemonPodUpdated(pod, hash, templateGeneration(ds))) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}
