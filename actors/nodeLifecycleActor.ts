import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { createActor, fromCallback } from 'xstate';
import type { Actor, AnyActorRef, InspectionEvent, StateValue } from 'xstate';
import type { StoredObject } from '../src/api/meta.ts';
import { parseTimestamp } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import { createGuardedClient } from '../src/client/guardedClient.ts';
import { NODE_NAME_INDEX } from '../src/client/indexFuncs.ts';
import { createInformerFactory } from '../src/client/informerFactory.ts';
import type { ActivityTracker } from '../src/runtime/activity.ts';
import { createEventRecorder } from '../src/runtime/events/eventRecorder.ts';
import { heartbeatAdvanced, nodeReport } from '../src/runtime/nodes/nodeHealth.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';
import { nodeLifecycleMachine } from '../machines/nodeLifecycleMachine.ts';
import { createNodeLifecycleWrites } from './nodeLifecycleWrites.ts';
import { createTaintEvictionLogic, TAINT_EVICTION_COMPONENT, TAINT_EVICTION_SYSTEM_ID } from './taintEvictionActor.ts';

/** The component id of the node lifecycle controller under the cluster root. */
export const NODE_LIFECYCLE_COMPONENT = 'node-lifecycle-controller';
/** Its `systemId` (`cluster.root.system.get('controller/node-lifecycle')`). */
export const NODE_LIFECYCLE_SYSTEM_ID = 'controller/node-lifecycle';
/** Namespace of the node heartbeat Leases. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** Options of {@link createNodeLifecycleLogic}. */
export interface NodeLifecycleOptions {
  readonly client: Client;
  readonly clock: Clock;
  /** `nodeMonitorGracePeriod` (default 50 s, upstream since v1.32). */
  readonly gracePeriodMs?: number;
  /** `nodeStartupGracePeriod` (default 60 s). */
  readonly startupGracePeriodMs?: number;
  readonly activity?: ActivityTracker;
  readonly inspect?: (event: InspectionEvent) => void;
  readonly log?: (line: string) => void;
}

interface Tracked {
  readonly actor: Actor<typeof nodeLifecycleMachine>;
  readonly memo: Memo;
}

interface Memo {
  /** The machine's state before the transition running now (its actions read it). */
  previous: StateValue;
  /** The condition taints the machine asked for last. */
  taints: readonly Taint[] | undefined;
}

/**
 * The node lifecycle controller (kube-controller-manager's `node-lifecycle-controller`): one
 * {@link nodeLifecycleMachine} per Node, fed a heartbeat whenever the Node's Ready
 * `lastHeartbeatTime` or its Lease's `renewTime` (namespace `kube-node-lease`) advances, with
 * its actions wired to the API: the not-ready / unreachable / pressure taints and the
 * `node.kubernetes.io/unschedulable` taint of a cordoned node on `spec.taints`, Unknown conditions
 * through the status subresource, `Ready=False` on the node's pods, and Events (`RegisteredNode`,
 * `NodeNotReady`, `RemovingNode`) as `node-controller`. Zone-based eviction rates are not modelled:
 * evictions are the taint eviction controller's, driven by the NoExecute taints.
 * @public
 */
export function createNodeLifecycleLogic(options: NodeLifecycleOptions) {
  const { clock } = options;
  return fromCallback(() => {
    const guarded = createGuardedClient(options.client, NODE_LIFECYCLE_COMPONENT);
    const client = guarded.client;
    const recorder = createEventRecorder(client, clock, 'node-controller');
    const informers = createInformerFactory({ client, clock });
    const nodes = informers.informerFor<StoredObject<Node>>('Node');
    const pods = informers.informerFor<StoredObject<Pod>>('Pod');
    const leases = informers.informerFor<StoredObject<Lease>>('Lease', { namespace: NODE_LEASE_NAMESPACE });
    const tracked = new Map<string, Tracked>();
    let queued = 0;
    const untrack = options.activity?.register(NODE_LIFECYCLE_COMPONENT, () => queued + guarded.inFlight());
    const log = (m: string): void => options.log?.(`[${NODE_LIFECYCLE_COMPONENT}] ${m}`);

    // API calls run after the action that asked for them returns, never inside it.
    const later = (what: string, fn: () => Promise<void>): void => {
      queued++;
      void Promise.resolve()
        .then(fn)
        .catch((e: unknown) => log(`${what}: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => queued--);
    };

    const writes = createNodeLifecycleWrites(client, clock, recorder, {
      node: (name) => nodes.lister.get(undefined, name),
      podsOn: (name) => pods.indexer.byIndex(NODE_NAME_INDEX, name),
      machineTaints: (name) => tracked.get(name)?.memo.taints,
    });

    const track = (node: StoredObject<Node>): Tracked => {
      const name = node.metadata.name;
      const existing = tracked.get(name);
      if (existing !== undefined) return existing;
      const memo: Memo = { previous: 'awaitingFirstHeartbeat', taints: undefined };
      const logic = nodeLifecycleMachine.provide({
        actions: {
          updateTaints: (_, { taints }) => {
            memo.taints = taints;
            later(`taint node ${name}`, () => writes.syncTaints(name));
          },
          setStatusUnknown: () => later(`mark node ${name} Unknown`, () => writes.markUnknown(name)),
          markPodsNotReady: () => {
            const wasReady = memo.previous === 'ready';
            later(`mark pods on ${name} not ready`, () => writes.markPodsNotReady(name, wasReady));
          },
        },
      });
      const input = { clock, ...(options.gracePeriodMs !== undefined ? { gracePeriodMs: options.gracePeriodMs } : {}), ...(options.startupGracePeriodMs !== undefined ? { startupGracePeriodMs: options.startupGracePeriodMs } : {}) };
      const actor = createActor(logic, { id: `node-lifecycle/${name}`, clock, input, ...(options.inspect ? { inspect: options.inspect } : {}) });
      actor.subscribe((snapshot) => (memo.previous = snapshot.value));
      const entry: Tracked = { actor, memo };
      tracked.set(name, entry);
      actor.start();
      void recorder.event(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      return entry;
    };

    const beat = (node: StoredObject<Node> | undefined): void => {
      const report = nodeReport(node);
      if (node === undefined || report === undefined) return;
      track(node).actor.send({ type: 'node.heartbeat', ...report });
    };

    const unsubscribers = [
      nodes.addEventHandler({
        onAdd: (node) => {
          track(node);
          beat(node);
          if (node.spec?.unschedulable === true) later(`taint node ${node.metadata.name}`, () => writes.syncTaints(node.metadata.name));
        },
        onUpdate: (old, node) => {
          track(node);
          if (heartbeatAdvanced(old, node)) beat(node);
          if ((old.spec?.unschedulable === true) !== (node.spec?.unschedulable === true)) later(`taint node ${node.metadata.name}`, () => writes.syncTaints(node.metadata.name));
        },
        onDelete: (node) => {
          const entry = tracked.get(node.metadata.name);
          if (entry === undefined) return;
          tracked.delete(node.metadata.name);
          entry.actor.stop();
          void recorder.event(node, 'Normal', 'RemovingNode', `Node ${node.metadata.name} event: Removing Node ${node.metadata.name} from Controller`);
        },
      }),
      leases.addEventHandler({
        onAdd: (lease) => beat(nodes.lister.get(undefined, lease.metadata.name)),
        onUpdate: (old, lease) => {
          const renewed = parseTimestamp(lease.spec?.renewTime);
          const before = parseTimestamp(old.spec?.renewTime);
          if (Number.isFinite(renewed) && (!Number.isFinite(before) || renewed > before)) beat(nodes.lister.get(undefined, lease.metadata.name));
        },
      }),
    ];

    return () => {
      for (const u of unsubscribers) u();
      for (const t of tracked.values()) t.actor.stop();
      tracked.clear();
      informers.stop();
      guarded.kill();
      untrack?.();
    };
  });
}

/**
 * Starts the node lifecycle controller and the taint eviction controller as components of a
 * cluster root (`component.start`), with the same client, clock and activity tracker.
 * @internal
 */
export function startNodeLifecycleComponents(root: AnyActorRef, options: NodeLifecycleOptions): void {
  const { client, clock } = options;
  const common = { client, clock, ...(options.activity ? { activity: options.activity } : {}), ...(options.log ? { log: options.log } : {}) };
  root.send({ type: 'component.start', id: NODE_LIFECYCLE_COMPONENT, systemId: NODE_LIFECYCLE_SYSTEM_ID, logic: createNodeLifecycleLogic(options) });
  root.send({ type: 'component.start', id: TAINT_EVICTION_COMPONENT, systemId: TAINT_EVICTION_SYSTEM_ID, logic: createTaintEvictionLogic(common) });
}
