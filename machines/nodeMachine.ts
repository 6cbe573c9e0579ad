import { assign, not, setup } from 'xstate';
import type { NowSource } from '../src/kubelet/containerRecord.ts';
import { nodeConditionsOf, pressureCondition, readyCondition, updateCondition } from '../src/kubelet/nodeConditions.ts';
import type { NodeConditionState, NodeConditionType } from '../src/kubelet/nodeConditions.ts';

/** A one-line description for the machine catalogue. */
export const description = "A node's kubelet: registration, Ready and pressure conditions, NodeStatus every 10 s and Lease renewal in kube-node-lease; no heartbeats while stopped.";

/** Input of a node machine. */
export interface NodeMachineInput {
  readonly name: string;
  readonly clock: NowSource;
  /** `nodeStatusUpdateFrequency` (default 10 s). */
  readonly statusUpdateMs?: number;
  /** Lease renew interval (default 10 s: a quarter of the 40 s lease duration). */
  readonly leaseRenewMs?: number;
  /** `'external'`: no per-node timers; the wiring sends `node.tick` from one shared ticker (batched heartbeats). */
  readonly heartbeats?: 'timers' | 'external';
  /** Delay before registration is tried again (default 7 s, kubelet's maximum registration back-off). */
  readonly registrationRetryMs?: number;
}

/** Context of a node machine. */
export interface NodeRecord {
  readonly name: string;
  readonly clock: NowSource;
  readonly statusUpdateMs: number;
  readonly leaseRenewMs: number;
  readonly registrationRetryMs: number;
  readonly external: boolean;
  readonly runtimeUp: boolean;
  readonly networkReady: boolean;
  readonly conditions: Readonly<Partial<Record<NodeConditionType, NodeConditionState>>>;
}

/** Events a node machine understands. */
export type NodeEvent =
  | { type: 'node.start' }
  | { type: 'node.stop' }
  | { type: 'node.registered' }
  | { type: 'node.registrationFailed' }
  | { type: 'node.pressure'; condition: 'MemoryPressure' | 'DiskPressure' | 'PIDPressure'; active: boolean }
  | { type: 'node.network'; available: boolean }
  | { type: 'node.runtime'; up: boolean }
  | { type: 'node.tick' };

/** Parameters of `updateNodeStatus`: the conditions to post, with `lastHeartbeatTime` now. */
export interface NodeStatusUpdate {
  readonly conditions: ReturnType<typeof nodeConditionsOf>;
}

const now = (c: NodeRecord): number => c.clock.now();
const statusParams = ({ context }: { context: NodeRecord }): NodeStatusUpdate => ({ conditions: nodeConditionsOf(context.conditions, now(context)) });

function readiness(c: NodeRecord): NodeConditionState {
  const why = !c.runtimeUp ? 'container runtime is down' : 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
  return updateCondition(c.conditions.Ready, readyCondition(c.runtimeUp && c.networkReady, now(c), why));
}

/**
 * A node's kubelet (seeds 2.5, 21.3). `stopped` → `node.start` → `registering` (action
 * `registerNode`; the wiring creates or updates the Node and answers `node.registered`) → `running`:
 * `readiness` (`ready` ⇄ `notReady`, from the container runtime and network) ∥ `statusLoop`
 * (`updateNodeStatus` every `nodeStatusUpdateFrequency`, 10 s) ∥ `leaseLoop` (`renewLease` every 10 s
 * in `kube-node-lease`). `node.stop` (the kubelet is down) returns to `stopped`: no heartbeats, so the
 * node lifecycle controller will see the node go Unknown. With `heartbeats: 'external'` the loops
 * have no timers and act on `node.tick`, so that a cluster can drive all nodes from one ticker.
 * @public
 */
export const nodeMachine = setup({
  types: { context: {} as NodeRecord, input: {} as NodeMachineInput, events: {} as NodeEvent },
  actions: {
    registerNode: () => {},
    updateNodeStatus: (_, _params: NodeStatusUpdate) => {},
    renewLease: () => {},
    refreshReady: assign(({ context }) => ({ conditions: { ...context.conditions, Ready: readiness(context) } })),
    setRuntime: assign(({ event }) => (event.type === 'node.runtime' ? { runtimeUp: event.up } : {})),
    setNetwork: assign(({ context, event }) =>
      event.type !== 'node.network'
        ? {}
        : { networkReady: event.available, conditions: { ...context.conditions, NetworkUnavailable: updateCondition(context.conditions.NetworkUnavailable, pressureCondition('NetworkUnavailable', !event.available, now(context))) } }),
    setPressure: assign(({ context, event }) =>
      event.type !== 'node.pressure'
        ? {}
        : { conditions: { ...context.conditions, [event.condition]: updateCondition(context.conditions[event.condition], pressureCondition(event.condition, event.active, now(context))) } }),
    initConditions: assign(({ context }) => ({
      conditions: {
        ...context.conditions,
        MemoryPressure: context.conditions.MemoryPressure ?? pressureCondition('MemoryPressure', false, now(context)),
        DiskPressure: context.conditions.DiskPressure ?? pressureCondition('DiskPressure', false, now(context)),
        PIDPressure: context.conditions.PIDPressure ?? pressureCondition('PIDPressure', false, now(context)),
        Ready: readiness(context),
      },
    })),
  },
  guards: {
    healthy: ({ context }) => context.runtimeUp && context.networkReady,
    external: ({ context }) => context.external,
  },
  delays: {
    statusUpdateFrequency: ({ context }) => context.statusUpdateMs,
    leaseRenewInterval: ({ context }) => context.leaseRenewMs,
    registrationRetry: ({ context }) => context.registrationRetryMs,
  },
}).createMachine({
  id: 'node',
  context: ({ input }) => ({
    name: input.name,
    clock: input.clock,
    statusUpdateMs: input.statusUpdateMs ?? 10_000,
    leaseRenewMs: input.leaseRenewMs ?? 10_000,
    registrationRetryMs: input.registrationRetryMs ?? 7_000,
    external: input.heartbeats === 'external',
    runtimeUp: true,
    networkReady: true,
    conditions: {},
  }),
  initial: 'stopped',
  on: {
    'node.runtime': { actions: ['setRuntime', 'refreshReady'] },
    'node.network': { actions: ['setNetwork', 'refreshReady'] },
    'node.pressure': { actions: 'setPressure' },
  },
  states: {
    stopped: { on: { 'node.start': 'registering' } },
    registering: {
      entry: 'registerNode',
      on: { 'node.registered': 'running', 'node.registrationFailed': 'registrationBackOff', 'node.stop': 'stopped' },
    },
    registrationBackOff: { after: { registrationRetry: 'registering' }, on: { 'node.stop': 'stopped' } },
    running: {
      type: 'parallel',
      entry: ['initConditions', { type: 'updateNodeStatus', params: statusParams }, 'renewLease'],
      on: { 'node.stop': 'stopped' },
      states: {
        readiness: {
          initial: 'deciding',
          states: {
            deciding: { always: [{ guard: 'healthy', target: 'ready' }, { target: 'notReady' }] },
            ready: { always: { guard: not('healthy'), target: 'notReady', actions: { type: 'updateNodeStatus', params: statusParams } } },
            notReady: { always: { guard: 'healthy', target: 'ready', actions: { type: 'updateNodeStatus', params: statusParams } } },
          },
        },
        statusLoop: {
          initial: 'choosing',
          states: {
            choosing: { always: [{ guard: 'external', target: 'onTicks' }, { target: 'timed' }] },
            timed: { after: { statusUpdateFrequency: { target: 'timed', reenter: true, actions: { type: 'updateNodeStatus', params: statusParams } } } },
            onTicks: { on: { 'node.tick': { actions: { type: 'updateNodeStatus', params: statusParams } } } },
          },
        },
        leaseLoop: {
          initial: 'choosing',
          states: {
            choosing: { always: [{ guard: 'external', target: 'onTicks' }, { target: 'timed' }] },
            timed: { after: { leaseRenewInterval: { target: 'timed', reenter: true, actions: 'renewLease' } } },
            onTicks: { on: { 'node.tick': { actions: 'renewLease' } } },
          },
        },
      },
    },
  },
});
