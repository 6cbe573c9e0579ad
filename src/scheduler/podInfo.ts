// A pod with everything the scheduler derives from it, computed once (upstream framework.PodInfo
// plus the resource totals NodeInfo.AddPod computes).
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podAffinityTerms, type PodAffinityTerms } from './affinityTerms.ts';
import { podHostPorts, type HostPort } from './hostPorts.ts';
import { podNonZeroRequests, podRequests, type Resource } from './resources.ts';

/**
 * A pod plus its derived scheduling data.
 * @public
 */
export interface PodInfo extends PodAffinityTerms {
  readonly pod: Pod;
  /** `metadata.uid`, or `namespace/name` for an object without a uid. */
  readonly key: string;
  readonly requests: Resource;
  /** cpu / memory requests with the 100m / 200Mi defaults for missing requests (scoring only). */
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  /** `namespace/claimName` of every PersistentVolumeClaim volume. */
  readonly pvcKeys: readonly string[];
  /** The spec has podAffinity or podAntiAffinity (upstream `PodsWithAffinity` membership). */
  readonly hasAffinity: boolean;
}

/** `namespace/name` of an object. */
export function namespacedName(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** The identity the scheduler tracks a pod by: its uid, else `namespace/name`. */
export function podKey(pod: Pod): string {
  const uid = pod.metadata?.uid;
  return uid !== undefined && uid !== '' ? uid : namespacedName(pod);
}

/** `spec.priority`, 0 when unset (upstream `corev1helpers.PodPriority`). */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** Derives a {@link PodInfo}. */
export function newPodInfo(pod: Pod): PodInfo {
  const nonZero = podNonZeroRequests(pod);
  const affinity = pod.spec?.affinity;
  const ns = pod.metadata?.namespace ?? '';
  const pvcKeys: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim !== undefined) pvcKeys.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
  }
  return {
    pod,
    key: podKey(pod),
    requests: podRequests(pod),
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: podHostPorts(pod),
    pvcKeys,
    hasAffinity: affinity !== undefined && (affinity.podAffinity !== undefined || affinity.podAntiAffinity !== undefined),
    ...podAffinityTerms(pod),
  };
}
