// The scheduling queue (upstream internal/queue PriorityQueue), as a plain data structure over an
// injected clock: activeQ (QueueSort order), backoffQ (by backoff expiry) and the unschedulable pool.
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podAffinityTerms, termMatches, type NamespaceLabelsFn } from './affinityTerms.ts';
import { eventMatches, EVENTS, isWildCard, type ClusterEvent } from './clusterEvents.ts';
import type { Plugin, QueueSortItem } from './framework.ts';
import { createKeyedHeap } from './keyedHeap.ts';
import { createNominator, type Nominator } from './nominator.ts';
import { podKey } from './podInfo.ts';
import { prioritySortLess } from './plugins/prioritySort.ts';
import { isSuccess } from './status.ts';

/** Backoff after the first failed attempt (1 s). */
export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
/** Backoff cap (10 s). */
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
/** How long a pod may sit in the unschedulable pool before it is retried anyway (5 min). */
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;

/**
 * A pod in the queue with its attempt bookkeeping (upstream `QueuedPodInfo`).
 * @public
 */
export interface QueuedPodInfo {
  pod: Pod;
  readonly key: string;
  /** When the pod was last (re-)added to the queue. */
  timestamp: number;
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  /** Plugins that rejected the pod in its last attempt; events for them move it back. */
  unschedulablePlugins: Set<string>;
  /** Held back by a PreEnqueue plugin (e.g. scheduling gates). */
  gated: boolean;
}

/** Construction options; `now` is the only source of time. */
export interface SchedulingQueueOptions {
  readonly now: () => number;
  readonly less?: (a: QueueSortItem, b: QueueSortItem) => boolean;
  readonly preEnqueuePlugins?: readonly Plugin[];
  /** plugin name → events that may make a pod it rejected schedulable. */
  readonly eventsByPlugin?: ReadonlyMap<string, readonly ClusterEvent[]>;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
  readonly podMaxInUnschedulablePodsDurationMs?: number;
  readonly namespaceLabels?: NamespaceLabelsFn;
}

/**
 * The queue. Pods come out of {@link SchedulingQueue.pop} by priority, then age.
 * @public
 */
export interface SchedulingQueue {
  add(pod: Pod): void;
  update(oldPod: Pod, newPod: Pod): void;
  delete(pod: Pod): void;
  /** Moves pods waiting in backoff or the unschedulable pool straight to activeQ. */
  activate(pods: readonly Pod[]): void;
  pop(): QueuedPodInfo | undefined;
  /** Ends the in-flight state of a popped pod that was scheduled (or dropped). */
  done(key: string): void;
  /**
   * Puts a popped pod back after a failed attempt: backoffQ when a move request came during its cycle
   * or no plugin rejected it, else the unschedulable pool. Re-reads the nomination from the pod
   * object, so record a new nomination with `nominator.addNominatedPod` afterwards (as upstream).
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo, podSchedulingCycle: number): void;
  /** The cycle counter, incremented by every pop. */
  schedulingCycle(): number;
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, preCheck?: (pod: Pod) => boolean): void;
  assignedPodAdded(pod: Pod): void;
  assignedPodUpdated(oldPod: Pod, newPod: Pod): void;
  /** Moves pods whose backoff ended to activeQ (upstream runs this every second). */
  flushBackoffQCompleted(): void;
  /** Retries pods stuck unschedulable for more than 5 minutes (upstream runs this every 30 s). */
  flushUnschedulablePodsLeftover(): void;
  /** 1 s doubling per attempt, capped at 10 s. */
  backoffDurationMs(pInfo: QueuedPodInfo): number;
  /** The next time a flush would move something, if any. */
  nextWakeupAt(): number | undefined;
  pendingPods(): { readonly active: Pod[]; readonly backoff: Pod[]; readonly unschedulable: Pod[] };
  readonly nominator: Nominator;
}

// Spec and metadata minus fields that change on every write (upstream `isPodUpdated`).
function schedulingRelevant(pod: Pod): string {
  const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = pod.metadata ?? {};
  return JSON.stringify([meta, pod.spec]);
}

/** Creates an empty queue. */
export function createSchedulingQueue(options: SchedulingQueueOptions): SchedulingQueue {
  const { now } = options;
  const less = options.less ?? prioritySortLess;
  const initialMs = options.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
  const maxMs = options.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
  const maxUnschedulableMs = options.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
  const nsLabels = options.namespaceLabels ?? (() => undefined);
  const keyOf = (p: QueuedPodInfo): string => p.key;
  const backoffDurationMs = (p: QueuedPodInfo): number => {
    let d = initialMs;
    for (let i = 1; i < p.attempts; i++) {
      if (d > maxMs - d) return maxMs;
      d += d;
    }
    return d;
  };
  const backoffExpiry = (p: QueuedPodInfo): number => p.timestamp + backoffDurationMs(p);
  // A gated or never-attempted pod has no backoff to sit out.
  const isBackingOff = (p: QueuedPodInfo): boolean => !p.gated && p.attempts > 0 && backoffExpiry(p) > now();
  const activeQ = createKeyedHeap<QueuedPodInfo>(keyOf, less);
  const backoffQ = createKeyedHeap<QueuedPodInfo>(keyOf, (a, b) => backoffExpiry(a) < backoffExpiry(b));
  const unschedulable = new Map<string, QueuedPodInfo>();
  const inFlight = new Map<string, QueuedPodInfo>();
  const nominator = createNominator();
  let cycle = 0;
  let moveRequestCycle = -1;

  const newInfo = (pod: Pod): QueuedPodInfo => ({ pod, key: podKey(pod), timestamp: now(), initialAttemptTimestamp: undefined, attempts: 0, unschedulablePlugins: new Set(), gated: false });
  // Runs PreEnqueue; a gated pod parks in the unschedulable pool until an update ungates it.
  const moveToActiveQ = (p: QueuedPodInfo): void => {
    p.gated = !(options.preEnqueuePlugins ?? []).every((pl) => isSuccess(pl.preEnqueue?.(p.pod)));
    if (p.gated) {
      unschedulable.set(p.key, p);
      return;
    }
    unschedulable.delete(p.key);
    backoffQ.remove(p.key);
    activeQ.push(p);
  };
  const worthRequeuing = (p: QueuedPodInfo, event: ClusterEvent): boolean => {
    if (p.unschedulablePlugins.size === 0 || isWildCard(event)) return true;
    for (const plugin of p.unschedulablePlugins) {
      if ((options.eventsByPlugin?.get(plugin) ?? []).some((reg) => eventMatches(reg, event))) return true;
    }
    return false;
  };
  const movePods = (pods: readonly QueuedPodInfo[], event: ClusterEvent): void => {
    for (const p of pods) {
      if (p.gated || !worthRequeuing(p, event)) continue;
      unschedulable.delete(p.key);
      if (isBackingOff(p)) backoffQ.push(p);
      else moveToActiveQ(p);
    }
    moveRequestCycle = cycle;
  };
  const withAffinityTo = (pod: Pod): QueuedPodInfo[] =>
    [...unschedulable.values()].filter((p) => podAffinityTerms(p.pod).requiredAffinity.some((t) => termMatches(t, pod, nsLabels)));

  const queue: SchedulingQueue = {
    nominator,
    add(pod) {
      const p = newInfo(pod);
      backoffQ.remove(p.key);
      moveToActiveQ(p);
      nominator.addNominatedPod(pod);
    },
    update(oldPod, newPod) {
      const key = podKey(oldPod);
      const existing = activeQ.get(key) ?? backoffQ.get(key);
      if (existing !== undefined) {
        existing.pod = newPod;
        (activeQ.has(key) ? activeQ : backoffQ).push(existing);
        nominator.updateNominatedPod(oldPod, newPod);
        return;
      }
      const flying = inFlight.get(key);
      if (flying !== undefined) {
        flying.pod = newPod;
        nominator.updateNominatedPod(oldPod, newPod);
        return;
      }
      const parked = unschedulable.get(key);
      if (parked !== undefined) {
        parked.pod = newPod;
        nominator.updateNominatedPod(oldPod, newPod);
        if (schedulingRelevant(oldPod) === schedulingRelevant(newPod)) return;
        if (isBackingOff(parked)) {
          unschedulable.delete(key);
          backoffQ.push(parked);
        } else moveToActiveQ(parked);
        return;
      }
      queue.add(newPod);
    },
    delete(pod) {
      const key = podKey(pod);
      activeQ.remove(key);
      backoffQ.remove(key);
      unschedulable.delete(key);
      inFlight.delete(key);
      nominator.deleteNominatedPodIfExists(pod);
    },
    activate(pods) {
      for (const pod of pods) {
        const p = unschedulable.get(podKey(pod)) ?? backoffQ.get(podKey(pod));
        if (p !== undefined) moveToActiveQ(p);
      }
    },
    pop() {
      const p = activeQ.pop();
      if (p === undefined) return undefined;
      cycle++;
      p.attempts++;
      p.initialAttemptTimestamp ??= now();
      inFlight.set(p.key, p);
      return p;
    },
    done: (key) => void inFlight.delete(key),
    addUnschedulableIfNotPresent(p, podSchedulingCycle) {
      inFlight.delete(p.key);
      if (unschedulable.has(p.key) || activeQ.has(p.key) || backoffQ.has(p.key)) return;
      p.timestamp = now();
      if (moveRequestCycle >= podSchedulingCycle || p.unschedulablePlugins.size === 0) backoffQ.push(p);
      else unschedulable.set(p.key, p);
      nominator.addNominatedPod(p.pod);
    },
    schedulingCycle: () => cycle,
    moveAllToActiveOrBackoffQueue(event, preCheck) {
      movePods([...unschedulable.values()].filter((p) => preCheck === undefined || preCheck(p.pod)), event);
    },
    assignedPodAdded: (pod) => movePods(withAffinityTo(pod), EVENTS.AssignedPodAdd),
    assignedPodUpdated: (_oldPod, newPod) => movePods(withAffinityTo(newPod), EVENTS.AssignedPodUpdate),
    flushBackoffQCompleted() {
      for (let p = backoffQ.peek(); p !== undefined && !isBackingOff(p); p = backoffQ.peek()) {
        backoffQ.pop();
        moveToActiveQ(p);
      }
    },
    flushUnschedulablePodsLeftover() {
      const t = now();
      movePods([...unschedulable.values()].filter((p) => t - p.timestamp > maxUnschedulableMs), EVENTS.UnschedulableTimeout);
    },
    backoffDurationMs,
    nextWakeupAt() {
      const times: number[] = [];
      const head = backoffQ.peek();
      if (head !== undefined) times.push(backoffExpiry(head));
      // The leftover flush moves pods strictly older than the limit: 1 ms past it.
      for (const p of unschedulable.values()) if (!p.gated) times.push(p.timestamp + maxUnschedulableMs + 1);
      return times.length === 0 ? undefined : Math.min(...times);
    },
    pendingPods: () => ({
      active: activeQ.values().map((p) => p.pod),
      backoff: backoffQ.values().map((p) => p.pod),
      unschedulable: [...unschedulable.values()].map((p) => p.pod),
    }),
  };
  return queue;
}
