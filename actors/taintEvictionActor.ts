import type { Node, Pod, PodStatus, Taint } from 'kubernetes-types/core/v1.js';
import { fromCallback } from 'xstate';
import type { KubeObject, StoredObject } from '../src/api/meta.ts';
import { isNotFound } from '../src/api/status.ts';
import { parseTimestamp, rfc3339 } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import { createGuardedClient } from '../src/client/guardedClient.ts';
import { NODE_NAME_INDEX } from '../src/client/indexFuncs.ts';
import { createInformerFactory } from '../src/client/informerFactory.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import { createEventRecorder } from '../src/runtime/events/eventRecorder.ts';
import { noExecuteEvictionAt, noExecuteTaints } from '../src/runtime/nodes/noExecuteEviction.ts';
import type { Clock, TimerId } from '../src/runtime/sim/clock.ts';

/** The component id of the taint eviction controller under the cluster root. */
export const TAINT_EVICTION_COMPONENT = 'taint-eviction-controller';
/** Its `systemId`. */
export const TAINT_EVICTION_SYSTEM_ID = 'controller/taint-eviction-controller';

/** Options of {@link createTaintEvictionLogic}. */
export interface TaintEvictionOptions {
  readonly client: Client;
  readonly clock: Clock;
  readonly activity?: ActivityTracker;
  readonly log?: (line: string) => void;
}

interface Scheduled {
  readonly at: number;
  readonly uid: string | undefined;
  readonly timer: TimerId;
}

const taintId = (t: Taint): string => `${t.key}=${t.value ?? ''}:${t.effect}`;
const keyOf = (pod: StoredObject<Pod>): string => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
const podRef = (key: string): KubeObject => {
  const slash = key.indexOf('/');
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: key.slice(0, slash), name: key.slice(slash + 1) } };
};

/**
 * The taint eviction controller (upstream `taint-eviction-controller`, the former NoExecute taint
 * manager): a pod bound to a node with a NoExecute taint it does not tolerate is deleted at once; one
 * it tolerates for `tolerationSeconds` is deleted when that time has passed since the taint's
 * `timeAdded` (see {@link noExecuteEvictionAt}); one it tolerates without a limit stays. Timers run on
 * the cluster clock and are cancelled when the taints go, the tolerations change or the pod goes
 * (`TaintManagerEviction` "Cancelling deletion of Pod ns/name"). A deletion records
 * `TaintManagerEviction` "Marking for deletion Pod ns/name", sets the pod's `DisruptionTarget`
 * condition (`DeletionByTaintManager`) and deletes it with its own grace period: the pod stays
 * Terminating until its kubelet confirms, as upstream.
 * @public
 */
export function createTaintEvictionLogic(options: TaintEvictionOptions) {
  const { clock } = options;
  return fromCallback(() => {
    const guarded = createGuardedClient(options.client, TAINT_EVICTION_COMPONENT);
    const client = guarded.client;
    const recorder = createEventRecorder(client, clock, TAINT_EVICTION_COMPONENT);
    const informers = createInformerFactory({ client, clock });
    const nodes = informers.informerFor<StoredObject<Node>>('Node');
    const pods = informers.informerFor<StoredObject<Pod>>('Pod');
    const scheduled = new Map<string, Scheduled>();
    // Deletions already sent (upstream keeps the fired worker so the pod is not deleted twice).
    const fired = new Set<string>();
    // When this controller first saw each NoExecute taint of a node, for taints without timeAdded.
    const firstSeen = new Map<string, Map<string, number>>();
    let queued = 0;
    const untrack = options.activity?.register(TAINT_EVICTION_COMPONENT, () => queued + guarded.inFlight());
    const log = (m: string): void => options.log?.(`[${TAINT_EVICTION_COMPONENT}] ${m}`);

    const later = (what: string, fn: () => Promise<void>): void => {
      queued++;
      void Promise.resolve()
        .then(fn)
        .catch((e: unknown) => log(`${what}: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => queued--);
    };

    const cancel = (key: string, withEvent: boolean): void => {
      fired.delete(key);
      const s = scheduled.get(key);
      if (s === undefined) return;
      clock.clearTimeout(s.timer);
      scheduled.delete(key);
      if (withEvent) void recorder.event(podRef(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
    };

    const evict = async (key: string, uid: string | undefined): Promise<void> => {
      const { namespace, name } = podRef(key).metadata as { namespace: string; name: string };
      const pod = pods.lister.get(namespace, name);
      if (pod === undefined || pod.metadata.uid !== uid || pod.metadata.deletionTimestamp !== undefined) return;
      void recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
      const t = rfc3339(clock.now());
      try {
        await client.mutate(
          'Pod',
          name,
          (d: Pod) => {
            const status = ((d as { status?: PodStatus }).status ??= {});
            if (status.conditions?.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'DeletionByTaintManager')) return;
            const rest = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
            status.conditions = [...rest, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: t }];
          },
          { namespace, subresource: 'status' },
        );
        await client.delete('Pod', name, { namespace, ...(uid !== undefined ? { preconditions: { uid } } : {}) });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    };

    const processPod = (pod: StoredObject<Pod>): void => {
      const key = keyOf(pod);
      const nodeName = pod.spec?.nodeName;
      // A pod already terminating needs no deletion; its timer goes quietly.
      if (pod.metadata.deletionTimestamp !== undefined || !nodeName) return cancel(key, false);
      const taints = noExecuteTaints(nodes.lister.get(undefined, nodeName)?.spec?.taints);
      const now = clock.now();
      const since = (t: Taint): number => {
        const added = parseTimestamp(t.timeAdded);
        return Number.isFinite(added) ? added : (firstSeen.get(nodeName)?.get(taintId(t)) ?? now);
      };
      const at = taints.length === 0 ? undefined : noExecuteEvictionAt(taints, pod.spec?.tolerations, since, now);
      if (at === undefined) return cancel(key, true);
      if (fired.has(key)) return;
      const existing = scheduled.get(key);
      if (existing?.at === at && existing.uid === pod.metadata.uid) return;
      if (existing !== undefined) clock.clearTimeout(existing.timer);
      const uid = pod.metadata.uid;
      const timer = clock.setTimeout(() => {
        scheduled.delete(key);
        fired.add(key);
        later(`evict pod ${key}`, () => evict(key, uid));
      }, Math.max(0, at - now));
      scheduled.set(key, { at, uid, timer });
    };

    const processNode = (node: StoredObject<Node>): void => {
      const name = node.metadata.name;
      const seen = firstSeen.get(name) ?? new Map<string, number>();
      const current = new Set(noExecuteTaints(node.spec?.taints).map(taintId));
      for (const id of current) if (!seen.has(id)) seen.set(id, clock.now());
      for (const id of [...seen.keys()]) if (!current.has(id)) seen.delete(id);
      if (seen.size === 0) firstSeen.delete(name);
      else firstSeen.set(name, seen);
      for (const pod of pods.indexer.byIndex(NODE_NAME_INDEX, name)) processPod(pod);
    };

    const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
    const unsubscribers = [
      nodes.addEventHandler({
        onAdd: processNode,
        onUpdate: (old, node) => {
          if (!sameJson(noExecuteTaints(old.spec?.taints), noExecuteTaints(node.spec?.taints))) processNode(node);
        },
        // Upstream forgets the node's taints and leaves scheduled deletions to run.
        onDelete: (node) => firstSeen.delete(node.metadata.name),
      }),
      pods.addEventHandler({
        onAdd: processPod,
        onUpdate: (old, pod) => {
          const changed = old.spec?.nodeName !== pod.spec?.nodeName || !sameJson(old.spec?.tolerations, pod.spec?.tolerations) || old.metadata.uid !== pod.metadata.uid;
          if (changed || (old.metadata.deletionTimestamp === undefined) !== (pod.metadata.deletionTimestamp === undefined)) processPod(pod);
        },
        onDelete: (pod) => cancel(keyOf(pod), true),
      }),
    ];

    return () => {
      for (const u of unsubscribers) u();
      for (const s of scheduled.values()) clock.clearTimeout(s.timer);
      scheduled.clear();
      informers.stop();
      guarded.kill();
      untrack?.();
    };
  });
}
