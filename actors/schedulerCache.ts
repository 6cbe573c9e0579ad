// kube-scheduler's informer handlers (upstream pkg/scheduler/eventhandlers.go): assigned pods and
// nodes feed the cache (the ClusterSnapshot), pending pods of our profiles feed the queue, and the
// events that may make unschedulable pods schedulable move them back.
import type { Namespace, Node, PersistentVolumeClaim, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import type { InformerFactory } from '../src/client/informerFactory.ts';
import { EVENTS, nodeUpdateEvent, type ClusterEvent } from '../src/scheduler/clusterEvents.ts';
import type { ClusterLookups, ClusterSnapshot } from '../src/scheduler/clusterSnapshot.ts';
import type { SchedulingQueue } from '../src/scheduler/schedulingQueue.ts';

/** What the handlers update, and how they tell the loop that the active queue may have pods. */
export interface SchedulerCacheTargets {
  readonly snapshot: ClusterSnapshot;
  readonly queue: SchedulingQueue;
  /** Whether one of our profiles schedules this pod. */
  readonly responsible: (pod: Pod) => boolean;
  /** A pod left the cluster (drop what is kept about it). */
  readonly podGone: (pod: Pod) => void;
  readonly kick: () => void;
}

const assigned = (pod: Pod): boolean => (pod.spec?.nodeName ?? '') !== '';
const terminated = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** Lookups over the informers' caches (Services, controllers, claims, namespaces, budgets). */
export function informerLookups(informers: InformerFactory): ClusterLookups {
  const lister = <T extends KubeObject>(kind: string) => informers.informerFor<T>(kind).lister;
  const services = lister<Service>('Service');
  const rcs = lister<ReplicationController>('ReplicationController');
  const rss = lister<ReplicaSet>('ReplicaSet');
  const sts = lister<StatefulSet>('StatefulSet');
  const pvcs = lister<PersistentVolumeClaim>('PersistentVolumeClaim');
  const namespaces = lister<Namespace>('Namespace');
  const pdbs = lister<PodDisruptionBudget>('PodDisruptionBudget');
  return {
    services: (namespace) => services.list({ namespace }),
    replicationController: (namespace, name) => rcs.get(namespace, name),
    replicaSet: (namespace, name) => rss.get(namespace, name),
    statefulSet: (namespace, name) => sts.get(namespace, name),
    persistentVolumeClaim: (namespace, name) => pvcs.get(namespace, name),
    namespaceLabels: (namespace) => namespaces.get(undefined, namespace)?.metadata?.labels,
    podDisruptionBudgets: () => pdbs.list(),
  };
}

/** Registers the scheduler's handlers on the Pod, Node and PersistentVolumeClaim informers; returns the unregister function. */
export function watchCluster(informers: InformerFactory, t: SchedulerCacheTargets): () => void {
  const { snapshot, queue } = t;
  const move = (event: ClusterEvent): void => {
    queue.moveAllToActiveOrBackoffQueue(event);
    t.kick();
  };
  // A pod leaving a node frees room: retry the pods it may have been blocking.
  const assignedPodGone = (pod: Pod): void => {
    if (snapshot.removePod(pod) !== undefined) move(EVENTS.AssignedPodDelete);
  };

  const offPods = informers.informerFor<Pod & KubeObject>('Pod').addEventHandler({
    onAdd(pod) {
      if (assigned(pod)) {
        if (terminated(pod)) return;
        snapshot.upsertPod(pod);
        queue.assignedPodAdded(pod);
        t.kick();
      } else if (t.responsible(pod) && !terminated(pod)) {
        queue.add(pod);
        t.kick();
      }
    },
    onUpdate(old, pod) {
      if (assigned(pod)) {
        // Bound (by us or anyone): it leaves the queue and enters the cache.
        if (!assigned(old)) queue.delete(old);
        if (terminated(pod)) return assignedPodGone(pod);
        snapshot.upsertPod(pod);
        if (assigned(old)) queue.assignedPodUpdated(old, pod);
        else queue.assignedPodAdded(pod);
      } else if (t.responsible(pod)) {
        if (terminated(pod)) queue.delete(pod);
        else queue.update(old, pod);
      }
      t.kick();
    },
    onDelete(pod) {
      if (assigned(pod)) assignedPodGone(pod);
      else queue.delete(pod);
      t.podGone(pod);
    },
  });
  const offNodes = informers.informerFor<Node & KubeObject>('Node').addEventHandler({
    onAdd(node) {
      snapshot.upsertNode(node);
      move(EVENTS.NodeAdd);
    },
    onUpdate(old, node) {
      snapshot.upsertNode(node);
      const event = nodeUpdateEvent(old, node);
      if (event !== undefined) move(event);
    },
    onDelete(node) {
      snapshot.removeNode(node.metadata?.name ?? '');
    },
  });
  const offClaims = informers.informerFor<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim').addEventHandler({
    onAdd: () => move(EVENTS.PvcAdd),
    onUpdate: () => move(EVENTS.PvcUpdate),
  });
  return () => {
    offPods();
    offNodes();
    offClaims();
  };
}
