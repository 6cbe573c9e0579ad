import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseQuantity } from './quantity.ts';

/** `status.qosClass`. */
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'] as const;

function add(into: Map<string, number>, name: string, q: number): void {
  into.set(name, (into.get(name) ?? 0) + q);
}

/**
 * The QoS class of a pod (kubelet `GetPodQOS`): BestEffort without any CPU or memory request or
 * limit; Guaranteed when every container (init containers included) has CPU and memory limits and
 * the summed requests equal the summed limits; Burstable otherwise. Requests default to limits, as
 * API defaulting does.
 * @public
 */
export function qosClassOf(pod: Pod): QosClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    const found = new Set<string>();
    for (const name of QOS_RESOURCES) {
      const limit = parseQuantity(c.resources?.limits?.[name]);
      const request = parseQuantity(c.resources?.requests?.[name]) ?? limit;
      if (request !== undefined && request > 0) add(requests, name, request);
      if (limit !== undefined && limit > 0) {
        add(limits, name, limit);
        found.add(name);
      }
    }
    if (!QOS_RESOURCES.every((n) => found.has(n))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || Math.abs(lim - req) > 1e-9 * Math.max(1, lim)) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
