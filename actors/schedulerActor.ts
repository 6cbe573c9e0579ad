import { fromCallback } from 'xstate';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import type { Client } from '../src/client/client.ts';
import { createGuardedClient } from '../src/client/guardedClient.ts';
import { createInformerFactory } from '../src/client/informerFactory.ts';
import type { Lister } from '../src/client/lister.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import type { Rng } from '../src/runtime/sim/rng.ts';
import { EVENTS } from '../src/scheduler/clusterEvents.ts';
import { createClusterSnapshot, type ClusterSnapshot } from '../src/scheduler/clusterSnapshot.ts';
import { createCycleContext } from '../src/scheduler/cycleContext.ts';
import type { PluginFactory, PluginRegistry } from '../src/scheduler/pluginRegistry.ts';
import { namespacedName, podKey } from '../src/scheduler/podInfo.ts';
import { runUnreservePlugins } from '../src/scheduler/reservePermit.ts';
import { DEFAULT_DETAILED_DECISIONS, queueOptionsForProfiles, resolveProfiles, schedulerNameOf, type ResolvedProfile, type SchedulerProfileConfig } from '../src/scheduler/schedulerConfig.ts';
import { NO_NODES_AVAILABLE, runSchedulingCycle, type SchedulingCycleResult } from '../src/scheduler/schedulingCycle.ts';
import { decisionAnnotations } from '../src/scheduler/schedulingDecision.ts';
import { createSchedulingQueue, type QueuedPodInfo, type SchedulingQueue } from '../src/scheduler/schedulingQueue.ts';
import { isRejected } from '../src/scheduler/status.ts';
import { schedulerMachine, type SchedulerEvent } from '../machines/schedulerMachine.ts';
import { informerLookups, watchCluster } from './schedulerCache.ts';
import { runBindingCycle, type BindOutcome } from './schedulerBinding.ts';
import { createDecisionStore, registerSchedulerHandle } from './schedulerDecisions.ts';
import { createSchedulerWriter } from './schedulerWrites.ts';

/** Options of {@link createSchedulerLogic}. */
export interface SchedulerLogicOptions {
  readonly client: Client;
  readonly clock: Clock;
  /** The scheduler's own random stream (host selection ties, preemption's candidate offset). */
  readonly rng: Rng;
  readonly activity?: ActivityTracker;
  /** Profiles by scheduler name (default: the default profile). */
  readonly profiles?: readonly SchedulerProfileConfig[];
  /** User plugins, registered by name into `registry`. */
  readonly plugins?: Readonly<Record<string, PluginFactory>>;
  /** Where profile plugin names are looked up (default: the in-tree registry). */
  readonly registry?: PluginRegistry;
  /** Default of each profile's `recordDecisions` (simulator annotations on pods). */
  readonly recordDecisions?: boolean;
  /** How many of the latest decisions keep their per-node maps (default {@link DEFAULT_DETAILED_DECISIONS}; 0: none). */
  readonly detailedDecisions?: number;
  readonly log?: (line: string) => void;
}

// One pod's trip through the loop.
interface Attempt {
  readonly info: QueuedPodInfo;
  readonly cycle: number;
  readonly profile: ResolvedProfile;
  result?: SchedulingCycleResult;
  assumed?: Pod;
  /** Condition reason, plugins that rejected it and the nomination to write, once it failed. */
  failure?: { readonly reason: string; readonly plugins: ReadonlySet<string>; readonly nomination: string | undefined };
}

interface Runtime {
  readonly snapshot: ClusterSnapshot;
  readonly queue: SchedulingQueue;
  readonly pods: Lister<Pod & KubeObject>;
}

/**
 * Builds the kube-scheduler actor logic: {@link schedulerMachine} wired to shared informers (Pods,
 * Nodes and the objects plugins look up), the scheduling queue, the cluster snapshot and the API
 * writes (binding, `PodScheduled` conditions, preemption, Events).
 * @public
 */
export function createSchedulerLogic(options: SchedulerLogicOptions) {
  const { clock, rng } = options;
  const guarded = createGuardedClient(options.client, 'kube-scheduler');
  const client = guarded.client;
  const profiles = resolveProfiles(options, options.registry);
  const writer = createSchedulerWriter(client, clock, options.log);
  const detailLimit = options.detailedDecisions ?? DEFAULT_DETAILED_DECISIONS;
  const decisions = createDecisionStore(detailLimit);
  let rt: Runtime | undefined;
  let attempt: Attempt | undefined;
  let maybeActive = false;
  let kicked = false;
  let armedAt: number | undefined;
  let nextStartNodeIndex = 0;
  let send: (e: SchedulerEvent) => void = () => {};
  const untrack = options.activity?.register('kube-scheduler', () => (attempt === undefined ? 0 : 1) + (maybeActive ? 1 : 0) + writer.pending() + guarded.inFlight());
  const kick = (): void => {
    maybeActive = true;
    if (kicked) return;
    kicked = true;
    send({ type: 'queue.ready' });
  };

  const wiring = fromCallback<SchedulerEvent>(({ sendBack }) => {
    send = sendBack;
    const informers = createInformerFactory({ client, clock });
    const snapshot = createClusterSnapshot(informerLookups(informers));
    const queue = createSchedulingQueue({ ...queueOptionsForProfiles([...profiles.values()].map((p) => p.profile), () => clock.now()), namespaceLabels: (ns) => snapshot.namespaceLabels(ns) });
    rt = { snapshot, queue, pods: informers.informerFor<Pod & KubeObject>('Pod').lister };
    const unwatch = watchCluster(informers, {
      snapshot,
      queue,
      responsible: (pod) => profiles.has(schedulerNameOf(pod)),
      podGone: (pod) => decisions.drop(namespacedName(pod)),
      kick,
    });
    let cancelled = false;
    informers.waitForCacheSync().then(
      () => !cancelled && sendBack({ type: 'informers.synced' }),
      () => undefined,
    );
    return () => {
      cancelled = true;
      unwatch();
      informers.stop();
      guarded.kill();
      untrack?.();
      rt = undefined;
      attempt = undefined;
      maybeActive = false;
    };
  });

  // The pod's condition reason, the plugins whose events may help and the nomination to write (upstream handleSchedulingFailure).
  const classify = (r: SchedulingCycleResult & { unschedulable: true }): NonNullable<Attempt['failure']> => {
    // Upstream turns "no nodes available" into UnschedulableAndUnresolvable (reason Unschedulable), retried after backoff.
    const rejected = isRejected(r.status) || r.message === NO_NODES_AVAILABLE;
    const nomination = r.postFilterResult?.nominatedNodeName ?? (r.status.code === 'Error' ? '' : undefined);
    return { reason: rejected ? 'Unschedulable' : 'SchedulerError', plugins: rejected ? r.diagnosis.unschedulablePlugins : new Set(), nomination };
  };

  const logic = schedulerMachine.provide({
    actors: { wiring },
    actions: {
      popNext: ({ self }) => {
        kicked = false;
        if (rt === undefined || attempt !== undefined) return;
        let info = rt.queue.pop();
        if (info === undefined) {
          rt.queue.flushBackoffQCompleted();
          info = rt.queue.pop();
        }
        if (info === undefined) {
          maybeActive = false;
          const next = rt.queue.nextWakeupAt();
          if (next === armedAt) return;
          armedAt = next;
          self.send(next === undefined ? { type: 'wakeup.cancel' } : { type: 'wakeup.at', delayMs: Math.max(0, next - clock.now()) });
          return;
        }
        const profile = profiles.get(schedulerNameOf(info.pod)) as ResolvedProfile;
        attempt = { info, cycle: rt.queue.schedulingCycle(), profile };
        self.send({ type: 'pod.popped', pod: namespacedName(info.pod) });
      },
      runCycle: ({ self }) => {
        const a = attempt;
        if (rt === undefined || a === undefined) return;
        const pod = a.info.pod;
        // Upstream skipPodSchedule: a pod being deleted is not scheduled.
        if (pod.metadata?.deletionTimestamp !== undefined) return self.send({ type: 'cycle.skipped' });
        const queue = rt.queue;
        const withMaps = a.profile.recordDecisions || detailLimit > 0;
        const r = runSchedulingCycle(pod, rt.snapshot, a.profile.profile, rng, {
          nextStartNodeIndex,
          nominatedPods: (node) => queue.nominator.nominatedPodsForNode(node),
          recordDecision: withMaps,
        });
        nextStartNodeIndex = r.nextStartNodeIndex;
        a.result = r;
        decisions.keep(r.decision, withMaps);
        if (!r.unschedulable) return self.send({ type: 'cycle.scheduled', nodeName: r.nodeName });
        a.failure = classify(r);
        const nominated = r.postFilterResult?.nominatedNodeName ?? '';
        self.send(nominated === '' ? { type: 'cycle.unschedulable', message: r.message } : { type: 'cycle.preempting', nominatedNodeName: nominated, message: r.message });
      },
      assume: (_, { nodeName }) => {
        const a = attempt;
        if (rt === undefined || a === undefined) return;
        const pod = a.info.pod;
        a.assumed = { ...pod, spec: { ...(pod.spec ?? { containers: [] }), nodeName } };
        rt.snapshot.upsertPod(a.assumed);
        rt.queue.nominator.deleteNominatedPodIfExists(pod);
      },
      bind: ({ self }) => {
        const a = attempt;
        const r = a?.result;
        if (rt === undefined || a?.assumed === undefined || r === undefined || r.unschedulable) return;
        const deps = { client, profile: a.profile.profile, snapshot: rt.snapshot, rng, sleep: (ms: number) => new Promise<void>((resolve) => void clock.setTimeout(resolve, ms)) };
        const assumed = a.assumed;
        const alive = (): boolean => self.getSnapshot().status === 'active' && attempt === a;
        // Binding starts after this action returns: its writes call our informer handlers synchronously.
        void Promise.resolve()
          .then(() => runBindingCycle(deps, assumed, r))
          .catch((e: unknown): BindOutcome => ({ ok: false, message: e instanceof Error ? e.message : String(e) }))
          .then((out) => {
            if (!alive()) return;
            if (out.ok) return self.send({ type: 'bind.succeeded' });
            // A Permit rejection is Unschedulable (its plugin's events retry it); anything else is an error.
            a.failure = out.rejectedBy === undefined ? { reason: 'SchedulerError', plugins: new Set(), nomination: '' } : { reason: 'Unschedulable', plugins: new Set([out.rejectedBy]), nomination: '' };
            self.send({ type: 'bind.failed', message: out.message });
          });
      },
      finishBinding: () => {
        const a = attempt;
        attempt = undefined;
        if (rt === undefined || a?.result === undefined || a.result.unschedulable) return;
        rt.queue.done(a.info.key);
        const pod = a.info.pod;
        writer.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespacedName(pod)} to ${a.result.nodeName}`);
        if (a.profile.recordDecisions) writer.annotate(pod, decisionAnnotations(a.result.decision));
      },
      forget: () => {
        const a = attempt;
        if (rt === undefined || a?.assumed === undefined || a.result === undefined || a.result.unschedulable) return;
        runUnreservePlugins(a.profile.profile, createCycleContext(a.profile.profile, rt.snapshot, { rng }), a.assumed, a.result.nodeName);
        // Only our assumption goes: a pod someone else bound meanwhile is already the real one.
        if (rt.snapshot.getPodInfo(a.info.key)?.pod === a.assumed) {
          rt.snapshot.removePod(a.info.key);
          rt.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete);
        }
      },
      preempt: (_, { nominatedNodeName }) => {
        const post = attempt?.result?.unschedulable === true ? attempt.result.postFilterResult : undefined;
        if (attempt === undefined || post === undefined) return;
        writer.preempt(attempt.info.pod, nominatedNodeName, post.victims, post.clearNominationOf);
      },
      handleFailure: (_, { message }) => {
        const a = attempt;
        attempt = undefined;
        if (rt === undefined || a?.failure === undefined) return;
        const { reason, plugins, nomination } = a.failure;
        const pod = a.info.pod;
        const cached = rt.pods.get(pod.metadata?.namespace, pod.metadata?.name ?? '');
        if (cached !== undefined && podKey(cached) === a.info.key && (cached.spec?.nodeName ?? '') === '') {
          a.info.pod = cached;
          a.info.unschedulablePlugins = new Set(plugins);
          rt.queue.addUnschedulableIfNotPresent(a.info, a.cycle);
          if (nomination === '') rt.queue.nominator.deleteNominatedPodIfExists(cached);
          else if (nomination !== undefined) rt.queue.nominator.addNominatedPod(cached, nomination);
        } else {
          rt.queue.done(a.info.key);
        }
        maybeActive = true;
        writer.event(pod, 'Warning', 'FailedScheduling', message);
        writer.failure(pod, reason, message, nomination);
      },
      skip: () => {
        if (attempt !== undefined) rt?.queue.done(attempt.info.key);
        attempt = undefined;
      },
      flushQueues: ({ self }) => {
        armedAt = undefined;
        rt?.queue.flushBackoffQCompleted();
        rt?.queue.flushUnschedulablePodsLeftover();
        maybeActive = true;
        self.send({ type: 'queue.ready' });
      },
    },
  });
  registerSchedulerHandle(logic, { decisions: () => decisions.all, pendingPods: () => rt?.queue.pendingPods() ?? { active: [], backoff: [], unschedulable: [] } });
  return logic;
}
