// Support for the arbitraries' own tests: a cluster with nothing running but the API server's
// machinery, and what a create answered. Not part of the harness's public API.
import type { KubeObject, StoredObject } from '../../api/meta.ts';
import { StatusError } from '../../api/status.ts';
import { createCluster } from '../../runtime/cluster/createCluster.ts';
import type { Cluster, ClusterOptions } from '../../runtime/cluster/clusterTypes.ts';

/** The namespace the tests create their objects in (away from the bootstrap Services of `default`). */
export const TEST_NAMESPACE = 'arbitraries';

/** Runs `body` against a fresh cluster without controllers or scheduler, then stops it. */
export async function withTestCluster<T>(body: (cluster: Cluster) => Promise<T>, options: ClusterOptions = {}): Promise<T> {
  const cluster = createCluster({ builtinControllers: false, scheduler: { disabled: true }, ...options });
  try {
    await cluster.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: TEST_NAMESPACE } });
    return await body(cluster);
  } finally {
    await cluster.stop();
  }
}

/** What a create answered: the stored object, or the Status error it was refused with. */
export type CreateOutcome<T extends KubeObject> = { readonly stored: StoredObject<T> } | { readonly error: StatusError };

/** Creates `obj`; anything thrown but a Status error is rethrown. */
export async function tryCreate<T extends KubeObject>(cluster: Cluster, obj: T): Promise<CreateOutcome<T>> {
  try {
    return { stored: await cluster.client.create(obj) };
  } catch (e) {
    if (e instanceof StatusError) return { error: e };
    throw e;
  }
}

/** Deletes what a test created (pods never scheduled go at once), so names can be generated again. */
export async function remove(cluster: Cluster, obj: StoredObject): Promise<void> {
  await cluster.client.delete({ apiVersion: obj.apiVersion ?? '', kind: obj.kind ?? '' }, obj.metadata.name, { ...(obj.metadata.namespace !== undefined ? { namespace: obj.metadata.namespace } : {}), gracePeriodSeconds: 0 });
}
