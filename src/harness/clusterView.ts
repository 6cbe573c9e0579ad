import { controllerOf } from '../api/meta.ts';
import { parseApiVersion } from '../api/resourceInfo.ts';
import type { TypeRef } from '../client/client.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import type { ClusterView } from './harnessTypes.ts';

/**
 * A {@link ClusterView} over a cluster's store: what is committed now, never a cache.
 * @public
 */
export function createClusterView(cluster: Cluster): ClusterView {
  const { api } = cluster;
  const keyOf = (type: TypeRef): string => api.storageKey(cluster.client.resource(type));
  const view: ClusterView = {
    list: (type, namespace) => api.store.list(keyOf(type), namespace).items,
    get: (type, namespace, name) => api.store.get(keyOf(type), namespace !== undefined && namespace !== '' ? `${namespace}/${name}` : name),
    ownedBy: (owner, type) => {
      const uid = owner.metadata?.uid;
      return view.list(type, owner.metadata?.namespace).filter((o) => uid !== undefined && controllerOf(o)?.uid === uid);
    },
    isA: (obj, type) => {
      const info = cluster.client.resource(type);
      return obj.kind === info.kind && parseApiVersion(obj.apiVersion ?? '').group === info.group;
    },
    now: () => cluster.clock.now(),
  };
  return view;
}
