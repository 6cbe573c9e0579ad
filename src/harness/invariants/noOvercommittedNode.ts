import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { podRequests, resourceFromList } from '../../scheduler/resources.ts';
import type { InvariantFactory } from '../harnessTypes.ts';
import { isActive } from './invariantHelpers.ts';

/**
 * When a pod is bound to a node, the active pods on that node fit its allocatable cpu, memory and
 * pod count (what NodeResourcesFit guarantees; a scheduler acting on a stale cache breaks it).
 * @public
 */
export function noOvercommittedNode(): InvariantFactory {
  return () => ({
    name: 'no overcommitted node',
    onChange(change, view) {
      if (change.type === 'DELETED' || change.object.kind !== 'Pod') return undefined;
      const node = (change.object as Pod).spec?.nodeName;
      if (node === undefined || node === '' || (change.prev as Pod | undefined)?.spec?.nodeName === node) return undefined;
      const n = view.get('Node', undefined, node) as Node | undefined;
      if (n === undefined) return undefined;
      const alloc = resourceFromList(n.status?.allocatable);
      const pods = view.list('Pod').filter((p) => (p as Pod).spec?.nodeName === node && isActive(p)) as Pod[];
      let cpu = 0;
      let mem = 0;
      for (const p of pods) {
        const r = podRequests(p);
        cpu += r.milliCPU;
        mem += r.memory;
      }
      if (alloc.allowedPodNumber > 0 && pods.length > alloc.allowedPodNumber) return `node ${node} runs ${pods.length} pods, allocatable pods is ${alloc.allowedPodNumber}`;
      if (cpu > alloc.milliCPU) return `node ${node}: pods request ${cpu}m cpu, allocatable is ${alloc.milliCPU}m (after binding ${change.object.metadata?.name ?? ''})`;
      if (mem > alloc.memory) return `node ${node}: pods request ${mem} bytes of memory, allocatable is ${alloc.memory} (after binding ${change.object.metadata?.name ?? ''})`;
      return undefined;
    },
  });
}
