import type { Pod } from 'kubernetes-types/core/v1.js';
import type { LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { AnyStateMachine, EventFromLogic, SnapshotFrom } from 'xstate';
import { controllerOf, objectKey } from '../../api/meta.ts';
import { labelSelectorFromSet, labelSelectorFromSpec, matchesLabels, nothing } from '../../api/labelSelector.ts';
import type { LabelSelectorRequirements } from '../../api/labelSelector.ts';
import { UidTrackingExpectations } from '../../workloads/UidTrackingExpectations.ts';
import type { ReplicaSetOutcome } from '../../workloads/lifecycleEvents.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';
import type { Clock } from '../sim/clock.ts';
import { createObjectMachines } from './objectMachines.ts';
import type { ObjectMachines } from './objectMachines.ts';
import { syncReplicas } from './replicaSetReconciler.ts';
import type { ReplicaKind, ReplicaObject } from './replicaSetReconciler.ts';

/** Options of the replica controllers. */
export interface ReplicaControllerOptions<M extends AnyStateMachine> {
  /**
   * A lifecycle statechart (`replicaSetMachine` from machines/) run per object and sent a
   * `replicas.reconciled` event ({@link ReplicaSetOutcome}) after every reconcile.
   */
  readonly lifecycle?: M;
}

/** A replica controller definition plus its objects' lifecycle states. */
export interface ReplicaControllerDefinition<M extends AnyStateMachine = AnyStateMachine> extends ControllerDefinition {
  /** The lifecycle snapshot of `namespace/name`, while the controller tracks it (with a `lifecycle` machine). */
  lifecycle(key: string): SnapshotFrom<M> | undefined;
}

interface State<M extends AnyStateMachine> {
  readonly expectations: UidTrackingExpectations;
  readonly machines: ObjectMachines<M> | undefined;
}

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
const podKey = (p: Pod): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

function fresh<M extends AnyStateMachine>(clock: Clock, machine: M | undefined): State<M> {
  return { expectations: new UidTrackingExpectations(() => clock.now()), machines: machine === undefined ? undefined : createObjectMachines(machine, clock) };
}

// Upstream addPod / updatePod / deletePod of the ReplicaSet controller: observe expectations, enqueue owners.
function podHandlers(kind: ReplicaKind, ctx: ReconcileContext, st: () => State<AnyStateMachine>, enqueue: (key: string) => void) {
  const resolve = (pod: Pod, ref: OwnerReference | undefined): string | undefined => {
    if (ref === undefined || ref.kind !== kind.kind || groupOf(ref.apiVersion) !== groupOf(kind.apiVersion)) return undefined;
    const owner = ctx.lister<ReplicaObject>(kind.kind).get(pod.metadata?.namespace, ref.name);
    return owner?.metadata?.uid === ref.uid ? objectKey(owner) : undefined;
  };
  const enqueueMatching = (pod: Pod): void => {
    for (const rs of ctx.lister<ReplicaObject>(kind.kind).list({ namespace: pod.metadata?.namespace })) {
      const sel = kind.selector(rs);
      if (sel !== undefined && matchesLabels(sel, pod.metadata?.labels)) enqueue(objectKey(rs));
    }
  };
  const deleted = (pod: Pod): void => {
    const key = resolve(pod, controllerOf(pod));
    if (key === undefined) return;
    st().expectations.deletionObserved(key, podKey(pod));
    enqueue(key);
  };
  return {
    onAdd(pod: Pod): void {
      if (pod.metadata?.deletionTimestamp !== undefined) return deleted(pod);
      const ref = controllerOf(pod);
      if (ref !== undefined) {
        const key = resolve(pod, ref);
        if (key === undefined) return;
        st().expectations.creationObserved(key);
        enqueue(key);
        return;
      }
      enqueueMatching(pod);
    },
    onUpdate(old: Pod, cur: Pod): void {
      if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
      const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
      if (cur.metadata?.deletionTimestamp !== undefined) {
        // A graceful deletion counts as observed now, so replacements start before the kubelet finishes.
        deleted(cur);
        if (labelsChanged) deleted(old);
        return;
      }
      const curRef = controllerOf(cur);
      const oldRef = controllerOf(old);
      const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
      if (refChanged && oldRef !== undefined) {
        const key = resolve(old, oldRef);
        if (key !== undefined) enqueue(key);
      }
      if (curRef !== undefined) {
        const key = resolve(cur, curRef);
        if (key !== undefined) enqueue(key);
        return;
      }
      if (labelsChanged || refChanged) enqueueMatching(cur);
    },
    onDelete: deleted,
  };
}

function defineReplicaController<M extends AnyStateMachine>(name: string, kind: ReplicaKind, machine: M | undefined): ReplicaControllerDefinition<M> {
  let state: State<M> | undefined;
  const st = (clock: Clock): State<M> => (state ??= fresh(clock, machine));
  const def = defineController({
    name,
    for: kind.kind,
    sources: (src) => {
      const { informers, ctx } = src;
      const enqueue = (key: string): void => src.enqueue(key);
      // A (re)started controller remembers nothing: new expectations, new lifecycle actors.
      state?.machines?.clear();
      state = fresh(ctx.clock, machine);
      const stopPods = informers.informerFor<Pod>('Pod').addEventHandler(podHandlers(kind, ctx, () => st(ctx.clock), enqueue));
      // Upstream deleteRS / updateRS: a deleted ReplicaSet's expectations go with it (also when a
      // delete and a create of the same name arrive as one update with a new uid), so a ReplicaSet
      // recreated under the same name starts clean instead of waiting for pods of the old uid it
      // will never observe.
      const stopOwners = informers.informerFor<ReplicaObject>(kind.kind).addEventHandler({
        onUpdate: (old, cur) => {
          if (old.metadata?.uid !== cur.metadata?.uid) st(ctx.clock).expectations.delete(objectKey(old));
        },
        onDelete: (obj) => st(ctx.clock).expectations.delete(objectKey(obj)),
      });
      return () => {
        stopPods();
        stopOwners();
      };
    },
    reconcile: (req, ctx) => {
      const s = st(ctx.clock);
      return syncReplicas(req, ctx, {
        kind,
        expectations: s.expectations,
        report: (r) => {
          const event: ReplicaSetOutcome = { type: 'replicas.reconciled', desired: r.desired, active: r.active, ready: r.ready, available: r.available, failure: r.failure, message: r.message };
          s.machines?.send(r.key, event as EventFromLogic<M>);
        },
        forget: (key) => s.machines?.remove(key),
      });
    },
  });
  return { ...def, lifecycle: (key) => state?.machines?.snapshot(key) };
}

const replicaSetKind: ReplicaKind = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  selector(obj): LabelSelectorRequirements | undefined {
    try {
      return labelSelectorFromSpec(obj.spec?.selector as LabelSelector | undefined);
    } catch {
      return undefined;
    }
  },
};

const replicationControllerKind: ReplicaKind = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  selector(obj): LabelSelectorRequirements | undefined {
    const sel = obj.spec?.selector as Record<string, string> | undefined;
    return sel === undefined ? nothing : labelSelectorFromSet(sel);
  },
};

/**
 * The ReplicaSet controller (kubernetes `pkg/controller/replicaset`): keeps `spec.replicas` active
 * pods matching the selector, with expectations, slow-start batches, a burst of 500, upstream's
 * scale-down ranking, adoption and release through controller references, minReadySeconds and the
 * full status. Events come from `replicaset-controller`. Pass `{ lifecycle: replicaSetMachine }` to
 * track each ReplicaSet's lifecycle state.
 * @example
 * const rs = replicaSetController({ lifecycle: replicaSetMachine });
 * rs.lifecycle('default/kubia-rs')?.value; // 'steady'
 * @public
 */
export function replicaSetController<M extends AnyStateMachine = AnyStateMachine>(options: ReplicaControllerOptions<M> = {}): ReplicaControllerDefinition<M> {
  return defineReplicaController('replicaset', replicaSetKind, options.lifecycle);
}

/**
 * The ReplicationController controller: the same implementation over `v1` ReplicationControllers
 * (map selector). Events come from `replication-controller`.
 * @public
 */
export function replicationController<M extends AnyStateMachine = AnyStateMachine>(options: ReplicaControllerOptions<M> = {}): ReplicaControllerDefinition<M> {
  return defineReplicaController('replication-controller', replicationControllerKind, options.lifecycle);
}
