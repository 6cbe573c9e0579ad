import type { Taint } from 'kubernetes-types/core/v1.js';
import { and, assign, setup } from 'xstate';
import type { NowSource } from '../src/kubelet/containerRecord.ts';
import { pressureCondition, taintsForConditions, updateCondition } from '../src/kubelet/nodeConditions.ts';
import type { NodeConditionState, NodeConditionType } from '../src/kubelet/nodeConditions.ts';

/** A one-line description for the machine catalogue. */
export const description = "The node lifecycle controller's view of one node: Ready, NotReady, Unknown after the grace period without heartbeats, and the not-ready / unreachable taints.";

/**
 * Upstream `nodeMonitorGracePeriod` since v1.32 (kubernetes#126287): 50 s. The seeds (19.2g) and
 * releases before 1.32 say 40 s; pass `gracePeriodMs: 40_000` for that behaviour.
 */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** `nodeStartupGracePeriod`: a registered node that never reported is Unknown after 60 s. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

/** Input of a node lifecycle machine. */
export interface NodeLifecycleInput {
  readonly clock: NowSource;
  readonly gracePeriodMs?: number;
  readonly startupGracePeriodMs?: number;
}

/** Context: the conditions as the controller sees them, and the last heartbeat. */
export interface NodeLifecycleRecord {
  readonly clock: NowSource;
  readonly gracePeriodMs: number;
  readonly startupGracePeriodMs: number;
  readonly lastHeartbeatAt: number | undefined;
  readonly conditions: Readonly<Partial<Record<NodeConditionType, NodeConditionState>>>;
}

/** A heartbeat: a Lease renewal or NodeStatus update, with the conditions the kubelet posted. */
export type NodeLifecycleEvent = {
  type: 'node.heartbeat';
  ready: boolean;
  memoryPressure?: boolean;
  diskPressure?: boolean;
  pidPressure?: boolean;
  networkUnavailable?: boolean;
};

/** Parameters of `updateTaints`: the taints the node should carry now. */
export interface NodeTaintUpdate {
  readonly taints: readonly Taint[];
}

const now = (c: NodeLifecycleRecord): number => c.clock.now();
type Pressure = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';

function reported(e: NodeLifecycleEvent): [Pressure, boolean][] {
  const out: [Pressure, boolean][] = [];
  if (e.memoryPressure !== undefined) out.push(['MemoryPressure', e.memoryPressure]);
  if (e.diskPressure !== undefined) out.push(['DiskPressure', e.diskPressure]);
  if (e.pidPressure !== undefined) out.push(['PIDPressure', e.pidPressure]);
  if (e.networkUnavailable !== undefined) out.push(['NetworkUnavailable', e.networkUnavailable]);
  return out;
}
const unknownCondition = (since: number): NodeConditionState => ({ status: 'Unknown', since, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
const taints = { type: 'updateTaints', params: ({ context }: { context: NodeLifecycleRecord }): NodeTaintUpdate => ({ taints: taintsForConditions(context.conditions) }) } as const;

/** The taints a node lifecycle snapshot implies (derived output for the wiring and for tests). @public */
export function nodeLifecycleTaints(context: NodeLifecycleRecord): Taint[] {
  return taintsForConditions(context.conditions);
}

/**
 * One node as the node lifecycle controller sees it (seeds 19.2, kubernetes-semantics 3.7):
 * `awaitingFirstHeartbeat` → (heartbeat) `ready` | `notReady`; each heartbeat restarts the grace
 * timer; no heartbeat for `gracePeriodMs` (default 50 s, upstream ≥ 1.32; 40 s in the seeds) → `unknown`
 * (`setStatusUnknown`: conditions Unknown, "Kubelet stopped posting node status."). A node that never
 * reports is `unknown` after the startup grace period (60 s). `lastTransitionTime` (`since`) moves only
 * when a condition's value changes. On each change the machine calls `updateTaints` with the
 * not-ready / unreachable taints (NoSchedule and NoExecute) and the pressure taints, and
 * `markPodsNotReady` when the node stops being Ready. The monitor period (5 s upstream) is not
 * modelled: the change happens exactly at the end of the grace period.
 * @public
 */
export const nodeLifecycleMachine = setup({
  types: { context: {} as NodeLifecycleRecord, input: {} as NodeLifecycleInput, events: {} as NodeLifecycleEvent },
  actions: {
    updateTaints: (_, _params: NodeTaintUpdate) => {},
    setStatusUnknown: () => {},
    markPodsNotReady: () => {},
    observe: assign(({ context, event }) => {
      const at = now(context);
      const c = context.conditions;
      const ready: NodeConditionState = event.ready
        ? { status: 'True', since: at, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
        : { status: 'False', since: at, reason: 'KubeletNotReady', message: 'kubelet reports the node not ready' };
      const conditions: Partial<Record<NodeConditionType, NodeConditionState>> = { ...c, Ready: updateCondition(c.Ready, ready) };
      for (const [type, v] of reported(event)) conditions[type] = updateCondition(c[type], pressureCondition(type, v, at));
      return { lastHeartbeatAt: at, conditions };
    }),
    markUnknown: assign(({ context }) => {
      const at = now(context);
      const conditions: Partial<Record<NodeConditionType, NodeConditionState>> = {};
      for (const [type, c] of Object.entries(context.conditions) as [NodeConditionType, NodeConditionState | undefined][]) {
        if (c !== undefined) conditions[type] = type === 'NetworkUnavailable' ? c : updateCondition(c, unknownCondition(at));
      }
      conditions.Ready = updateCondition(context.conditions.Ready, unknownCondition(at));
      return { conditions };
    }),
  },
  guards: {
    reportsReady: ({ event }) => event.ready,
    pressureChanged: ({ context, event }) => reported(event).some(([type, v]) => (context.conditions[type]?.status === 'True') !== v),
  },
  delays: {
    gracePeriod: ({ context }) => context.gracePeriodMs,
    startupGracePeriod: ({ context }) => context.startupGracePeriodMs,
  },
}).createMachine({
  id: 'nodeLifecycle',
  context: ({ input }) => ({
    clock: input.clock,
    gracePeriodMs: input.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS,
    startupGracePeriodMs: input.startupGracePeriodMs ?? NODE_STARTUP_GRACE_PERIOD_MS,
    lastHeartbeatAt: undefined,
    conditions: {},
  }),
  initial: 'awaitingFirstHeartbeat',
  states: {
    awaitingFirstHeartbeat: {
      after: { startupGracePeriod: 'unknown' },
      on: { 'node.heartbeat': [{ guard: 'reportsReady', target: 'ready', actions: ['observe', taints] }, { target: 'notReady', actions: ['observe', taints, 'markPodsNotReady'] }] },
    },
    ready: {
      after: { gracePeriod: 'unknown' },
      on: {
        'node.heartbeat': [
          { guard: and(['reportsReady', 'pressureChanged']), target: 'ready', reenter: true, actions: ['observe', taints] },
          { guard: 'reportsReady', target: 'ready', reenter: true, actions: 'observe' },
          { target: 'notReady', actions: ['observe', taints, 'markPodsNotReady'] },
        ],
      },
    },
    notReady: {
      after: { gracePeriod: 'unknown' },
      on: {
        'node.heartbeat': [
          { guard: 'reportsReady', target: 'ready', actions: ['observe', taints] },
          { guard: 'pressureChanged', target: 'notReady', reenter: true, actions: ['observe', taints] },
          { target: 'notReady', reenter: true, actions: 'observe' },
        ],
      },
    },
    unknown: {
      entry: ['markUnknown', 'setStatusUnknown', taints, 'markPodsNotReady'],
      on: { 'node.heartbeat': [{ guard: 'reportsReady', target: 'ready', actions: ['observe', taints] }, { target: 'notReady', actions: ['observe', taints] }] },
    },
  },
});
