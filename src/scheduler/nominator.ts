// Nominated pods (upstream internal/queue nominator): pods that preemption placed on a node ahead of
// binding, so that lower-priority pods do not take the room freed for them.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { newPodInfo, podKey, type PodInfo } from './podInfo.ts';

/**
 * Node → nominated pods bookkeeping.
 * @public
 */
export interface Nominator {
  /**
   * Records `pod` as nominated to `nodeName`, or to `pod.status.nominatedNodeName` when `nodeName`
   * is omitted; an empty name removes the nomination. A pod that is already bound is not nominated.
   */
  addNominatedPod(pod: Pod, nodeName?: string): void;
  deleteNominatedPodIfExists(pod: Pod): void;
  /** Re-records a pod after an update, keeping its nomination unless the update sets a new one. */
  updateNominatedPod(oldPod: Pod, newPod: Pod): void;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  nominatedNodeName(pod: Pod): string | undefined;
}

/** An empty {@link Nominator}. */
export function createNominator(): Nominator {
  const byNode = new Map<string, PodInfo[]>();
  const nodeOf = new Map<string, string>();

  const remove = (key: string): void => {
    const node = nodeOf.get(key);
    if (node === undefined) return;
    nodeOf.delete(key);
    const list = (byNode.get(node) ?? []).filter((pi) => pi.key !== key);
    if (list.length === 0) byNode.delete(node);
    else byNode.set(node, list);
  };

  const nominator: Nominator = {
    addNominatedPod(pod, nodeName) {
      const key = podKey(pod);
      remove(key);
      const node = nodeName ?? pod.status?.nominatedNodeName ?? '';
      if (node === '' || (pod.spec?.nodeName ?? '') !== '') return;
      nodeOf.set(key, node);
      const list = byNode.get(node) ?? [];
      list.push(newPodInfo(pod));
      byNode.set(node, list);
    },
    deleteNominatedPodIfExists(pod) {
      remove(podKey(pod));
    },
    updateNominatedPod(oldPod, newPod) {
      const key = podKey(oldPod);
      // An update racing with an in-memory nomination (neither version carries one) keeps it.
      const none = (oldPod.status?.nominatedNodeName ?? '') === '' && (newPod.status?.nominatedNodeName ?? '') === '';
      const kept = none ? nodeOf.get(key) : undefined;
      remove(key);
      nominator.addNominatedPod(newPod, kept);
    },
    nominatedPodsForNode: (nodeName) => byNode.get(nodeName) ?? [],
    nominatedNodeName: (pod) => nodeOf.get(podKey(pod)),
  };
  return nominator;
}
