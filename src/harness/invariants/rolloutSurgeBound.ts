import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { controllerOf } from '../../api/meta.ts';
import { deploymentMaxSurge } from '../../workloads/fenceposts.ts';
import type { InvariantFactory } from '../harnessTypes.ts';

/**
 * During a rolling update, a Deployment's ReplicaSets together never ask for more than
 * `spec.replicas + maxSurge` pods: checked whenever one of them is scaled up. (Scaling the Deployment
 * itself down may leave more for a moment; that is the controller's to fix, not a violation.)
 * @public
 */
export function rolloutSurgeBound(): InvariantFactory {
  return () => ({
    name: 'replica sets ≤ replicas + maxSurge',
    onChange(change, view) {
      if (change.object.kind !== 'ReplicaSet' || change.type === 'DELETED') return undefined;
      const rs = change.object as ReplicaSet;
      const grew = (rs.spec?.replicas ?? 1) > ((change.prev as ReplicaSet | undefined)?.spec?.replicas ?? 0);
      const ref = controllerOf(rs);
      if (!grew || ref === undefined || ref.kind !== 'Deployment') return undefined;
      const d = view.list('Deployment', rs.metadata?.namespace).find((x) => x.metadata?.uid === ref.uid) as Deployment | undefined;
      if (d === undefined || d.spec?.strategy?.type === 'Recreate') return undefined;
      const replicas = d.spec?.replicas ?? 1;
      const surge = deploymentMaxSurge(d);
      const total = view.ownedBy(d, 'ReplicaSet').reduce((n, x) => n + ((x as ReplicaSet).spec?.replicas ?? 0), 0);
      if (total > replicas + surge) return `Deployment ${d.metadata?.name ?? ''}: its ReplicaSets ask for ${total} pods after ${rs.metadata?.name ?? ''} grew, at most ${replicas} + maxSurge ${surge} allowed`;
      return undefined;
    },
  });
}
