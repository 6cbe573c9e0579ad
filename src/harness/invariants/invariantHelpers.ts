import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { isPodActive } from '../../workloads/podConditions.ts';

/** Not being deleted, and (for pods) not finished: upstream's `IsPodActive` for pods. @internal */
export function isActive(o: KubeObject): boolean {
  return o.kind === 'Pod' ? isPodActive(o as Pod) : o.metadata?.deletionTimestamp === undefined;
}

/** `Kind namespace/name`. @internal */
export function describeObject(o: KubeObject): string {
  return `${o.kind ?? ''} ${o.metadata?.namespace !== undefined ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? ''}`;
}
