import type { Node, NodeStatus, Pod, PodStatus, Taint } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../src/api/meta.ts';
import { isNotFound } from '../src/api/status.ts';
import { rfc3339 } from '../src/apiserver/timestamps.ts';
import type { Client } from '../src/client/client.ts';
import type { EventRecorder } from '../src/runtime/events/eventRecorder.ts';
import { markNodeStatusUnknown } from '../src/runtime/nodes/nodeHealth.ts';
import { conditionTaints, sameTaints, TAINT_UNSCHEDULABLE, withControllerTaints } from '../src/runtime/nodes/nodeTaints.ts';
import type { Clock } from '../src/runtime/sim/clock.ts';

/** What the writes read: the informer caches and the taints each node's machine asked for last. */
export interface NodeLifecycleLookups {
  node(name: string): StoredObject<Node> | undefined;
  podsOn(name: string): readonly StoredObject<Pod>[];
  /** The condition taints the node's machine wants; undefined before its first decision. */
  machineTaints(name: string): readonly Taint[] | undefined;
}

/** The API writes of the node lifecycle controller. */
export interface NodeLifecycleWrites {
  /** Brings the node's controller-owned taints in line with its machine and `spec.unschedulable`. */
  syncTaints(name: string): Promise<void>;
  /** Ready and pressure conditions → Unknown, through the status subresource. */
  markUnknown(name: string): Promise<void>;
  /** `Ready=False` on the node's pods (upstream `MarkPodsNotReady`), after the `NodeNotReady` Event when the node was Ready. */
  markPodsNotReady(name: string, wasReady: boolean): Promise<void>;
}

const desiredTaints = (node: Node, machine: readonly Taint[] | undefined): Taint[] => [
  // Before the machine's first decision the condition taints stay as they are.
  ...(machine ?? conditionTaints(node.spec?.taints)),
  ...(node.spec?.unschedulable === true ? [{ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' }] : []),
];

/** Creates the writes over `client` (pass a guarded client: they fail once the component stops). */
export function createNodeLifecycleWrites(client: Client, clock: Clock, recorder: EventRecorder, lookups: NodeLifecycleLookups): NodeLifecycleWrites {
  const now = (): string => rfc3339(clock.now());
  return {
    async syncTaints(name) {
      const cached = lookups.node(name);
      if (cached === undefined) return;
      const machine = lookups.machineTaints(name);
      if (sameTaints(cached.spec?.taints, withControllerTaints(cached.spec?.taints, desiredTaints(cached, machine), now()))) return;
      try {
        await client.mutate('Node', name, (d: Node) => {
          const spec = (d.spec ??= {});
          const next = withControllerTaints(spec.taints, desiredTaints(d, machine), now());
          if (sameTaints(spec.taints, next)) return;
          if (next.length === 0) delete spec.taints;
          else spec.taints = next;
        });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },

    async markUnknown(name) {
      const cached = lookups.node(name);
      if (cached === undefined) return;
      const t = now();
      if (sameConditions(cached, markNodeStatusUnknown(cached.status?.conditions, cached.metadata.creationTimestamp, t))) return;
      try {
        await client.mutate(
          'Node',
          name,
          (d: Node) => {
            const status = ((d as { status?: NodeStatus }).status ??= {});
            status.conditions = markNodeStatusUnknown(status.conditions, d.metadata?.creationTimestamp, t);
          },
          { subresource: 'status' },
        );
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },

    async markPodsNotReady(name, wasReady) {
      const node = lookups.node(name);
      if (wasReady && node !== undefined) void recorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      const errors: unknown[] = [];
      for (const pod of lookups.podsOn(name)) {
        const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
        // Upstream changes only an existing Ready condition, and writes only when it changes.
        if (ready === undefined || ready.status === 'False' || pod.spec?.nodeName !== name) continue;
        const t = now();
        try {
          const written = await client.mutate(
            'Pod',
            pod.metadata.name,
            (d: Pod) => {
              const c = (d as { status?: PodStatus }).status?.conditions?.find((x) => x.type === 'Ready');
              if (c === undefined || c.status === 'False') return;
              c.status = 'False';
              c.lastTransitionTime = t;
            },
            { namespace: pod.metadata.namespace ?? 'default', subresource: 'status' },
          );
          void recorder.event(written, 'Warning', 'NodeNotReady', 'Node is not ready');
        } catch (e) {
          // As upstream, one pod's failure does not stop the others.
          if (!isNotFound(e)) errors.push(e);
        }
      }
      if (errors.length > 0) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
    },
  };
}

function sameConditions(node: Node, next: unknown): boolean {
  return JSON.stringify(node.status?.conditions ?? []) === JSON.stringify(next);
}
