import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { StoredObject } from '../api/meta.ts';
import { controllerOf } from '../api/meta.ts';
import type { Client } from '../client/client.ts';
import type { Clock } from '../runtime/sim/clock.ts';

/** What the kubectl-like helpers talk to: a client, or anything holding one (a `Cluster`). */
export type RolloutTarget = Client | { readonly client: Client; readonly clock?: Clock };

/** The client of a target. */
export function clientOf(target: RolloutTarget): Client {
  return 'client' in target ? target.client : target;
}

/** The clock of a target, if it has one. */
export function clockOf(target: RolloutTarget): Clock | undefined {
  return 'client' in target ? target.clock : undefined;
}

/** Reads a Deployment. */
export function getDeployment(target: RolloutTarget, name: string, namespace: string): Promise<StoredObject<Deployment>> {
  return clientOf(target).get<'Deployment', Deployment>('Deployment', name, { namespace });
}

/** kubectl's `deploymentutil.GetAllReplicaSets`: the ReplicaSets the Deployment controls. */
export async function replicaSetsOf(target: RolloutTarget, d: StoredObject<Deployment>): Promise<StoredObject<ReplicaSet>[]> {
  const list = await clientOf(target).list<'ReplicaSet', ReplicaSet>('ReplicaSet', { namespace: d.metadata.namespace ?? 'default' });
  return list.items.filter((rs) => controllerOf(rs)?.uid === d.metadata.uid);
}
