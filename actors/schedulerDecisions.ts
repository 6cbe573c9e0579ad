// The decision records of a running kube-scheduler and how to reach them from a cluster.
import type { AnyActorRef } from 'xstate';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { SchedulingDecision } from '../src/scheduler/schedulingDecision.ts';

/** What a running scheduler exposes for inspection (decision records, queue contents). */
export interface SchedulerHandle {
  /** The latest decision per pod, keyed `namespace/name`. */
  decisions(): ReadonlyMap<string, SchedulingDecision>;
  /** Pods waiting in the queue, by sub-queue. */
  pendingPods(): { readonly active: Pod[]; readonly backoff: Pod[]; readonly unschedulable: Pod[] };
}

/** The latest decision per pod; only the newest `detailLimit` keep their per-node maps. */
export interface DecisionStore {
  readonly all: ReadonlyMap<string, SchedulingDecision>;
  keep(d: SchedulingDecision, withMaps: boolean): void;
  drop(pod: string): void;
}

/** A store whose older decisions lose their Filter and Score maps (bounded memory at thousands of nodes). */
export function createDecisionStore(detailLimit: number): DecisionStore {
  const all = new Map<string, SchedulingDecision>();
  // Keys of the decisions that still hold per-node maps, oldest first.
  const detailed = new Map<string, true>();
  return {
    all,
    keep(d, withMaps) {
      all.set(d.pod, d);
      detailed.delete(d.pod);
      if (withMaps) detailed.set(d.pod, true);
      for (const oldest of detailed.keys()) {
        // The newest stays whole: its annotations are written after binding.
        if (detailed.size <= Math.max(detailLimit, 1)) break;
        detailed.delete(oldest);
        const old = all.get(oldest);
        if (old !== undefined) Object.assign(old, { filter: {}, score: {}, normalizedScore: {}, finalScore: {} });
      }
    },
    drop(pod) {
      all.delete(pod);
      detailed.delete(pod);
    },
  };
}

const handles = new WeakMap<object, SchedulerHandle>();

/** Associates a handle with the actor logic it inspects. */
export function registerSchedulerHandle(logic: object, handle: SchedulerHandle): void {
  handles.set(logic, handle);
}

/** The handle of the scheduler an actor runs (undefined for any other actor). */
export function schedulerHandleOf(actor: AnyActorRef | undefined): SchedulerHandle | undefined {
  const logic = (actor as { readonly logic?: object } | undefined)?.logic;
  return logic === undefined ? undefined : handles.get(logic);
}

/**
 * The latest scheduling decision per pod (`namespace/name`) of a cluster's kube-scheduler: per
 * node the result of each Filter plugin and the raw, normalized and final scores (for the newest
 * decisions, see `detailedDecisions`), the selected or nominated node and the victims. Empty when
 * the cluster runs no scheduler.
 * @public
 */
export function schedulerDecisions(cluster: { readonly root: AnyActorRef }): ReadonlyMap<string, SchedulingDecision> {
  return schedulerHandleOf(cluster.root.system.get('kube-scheduler') as AnyActorRef | undefined)?.decisions() ?? new Map();
}
