import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { createMachineCoverage } from './machineCoverage.ts';
import { nodeLifecycleMachine, nodeLifecycleTaints } from './nodeLifecycleMachine.ts';
import type { NodeLifecycleEvent, NodeTaintUpdate } from './nodeLifecycleMachine.ts';
import { nodeMachine } from './nodeMachine.ts';

const coverage = createMachineCoverage(nodeLifecycleMachine);

function controller(gracePeriodMs?: number) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const t = () => (clock.now() - t0) / 1000;
  const taints: { at: number; taints: readonly Taint[] }[] = [];
  const calls: string[] = [];
  const machine = nodeLifecycleMachine.provide({
    actions: {
      updateTaints: (_, p: NodeTaintUpdate) => taints.push({ at: t(), taints: p.taints }),
      setStatusUnknown: () => calls.push(`${t()} unknown`),
      markPodsNotReady: () => calls.push(`${t()} podsNotReady`),
    },
  });
  const actor = createActor(machine, { clock, input: { clock, ...(gracePeriodMs !== undefined ? { gracePeriodMs } : {}) }, inspect: coverage.observe }).start();
  return {
    clock,
    actor,
    taints,
    calls,
    t,
    beat: (e: Omit<NodeLifecycleEvent, 'type'> = { ready: true }) => actor.send({ type: 'node.heartbeat', ...e }),
    advance: (s: number) => clock.advance(s * 1000),
    state: () => actor.getSnapshot().value,
    ready: () => actor.getSnapshot().context.conditions.Ready,
  };
}

describe('nodeLifecycleMachine', () => {
  it('should keep Ready with the first transition time while heartbeats arrive', () => {
    const n = controller();
    n.beat();
    n.advance(10);
    n.beat();
    n.advance(10);
    n.beat();
    expect(n.state()).toBe('ready');
    expect(n.ready()).toMatchObject({ status: 'True', since: n.clock.now() - 20_000 });
    expect(n.taints).toEqual([{ at: 0, taints: [] }]);
  });

  it('should mark the node Unknown 50 s after the last heartbeat, with the unreachable taints', () => {
    const n = controller();
    n.beat();
    n.advance(20);
    n.beat();
    n.advance(49.999);
    expect(n.state()).toBe('ready');
    n.advance(0.001);
    expect(n.state()).toBe('unknown');
    expect(n.ready()).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', since: n.clock.now() });
    expect(n.taints.at(-1)).toEqual({
      at: 70,
      taints: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:01:10Z' },
      ],
    });
    expect(n.calls).toEqual(['70 unknown', '70 podsNotReady']);
  });

  it('should use the seeds\' 40 s grace period when configured so', () => {
    const n = controller(40_000);
    n.beat();
    n.advance(20);
    n.beat();
    n.advance(40);
    expect(n.state()).toBe('unknown');
    expect(n.t()).toBe(60);
  });

  it('should return to Ready with a new transition time when heartbeats resume', () => {
    const n = controller();
    n.beat();
    n.advance(100);
    expect(n.state()).toBe('unknown');
    n.beat();
    expect(n.state()).toBe('ready');
    expect(n.ready()).toMatchObject({ status: 'True', since: n.clock.now() });
    expect(n.taints.at(-1)?.taints).toEqual([]);
  });

  it('should taint a node that reports NotReady, and keep its transition time across heartbeats', () => {
    const n = controller();
    n.beat({ ready: false });
    n.advance(10);
    n.beat({ ready: false });
    expect(n.state()).toBe('notReady');
    expect(n.ready()?.since).toBe(n.clock.now() - 10_000);
    expect(n.taints.at(-1)?.taints.map((x) => `${x.key}:${x.effect}`)).toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']);
    n.advance(50);
    expect(n.state()).toBe('unknown');
    n.beat({ ready: false });
    expect(n.state()).toBe('notReady');
    n.beat({ ready: true });
    expect(n.state()).toBe('ready');
    n.beat({ ready: false });
    expect(n.calls.filter((c) => c.endsWith('podsNotReady')).length).toBe(3);
  });

  it('should mark a node that never reports Unknown after the startup grace period', () => {
    const n = controller();
    n.advance(59);
    expect(n.state()).toBe('awaitingFirstHeartbeat');
    n.advance(1);
    expect(n.state()).toBe('unknown');
    const m = controller();
    m.beat({ ready: false });
    expect(m.state()).toBe('notReady');
  });

  it('should add NoSchedule taints for pressure conditions and update them when they change', () => {
    const n = controller();
    n.beat({ ready: true, memoryPressure: false });
    n.beat({ ready: true, memoryPressure: true, diskPressure: false });
    expect(n.taints.at(-1)?.taints).toEqual([{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }]);
    n.beat({ ready: false, memoryPressure: true, pidPressure: true });
    n.beat({ ready: false, memoryPressure: true, pidPressure: false, networkUnavailable: true });
    expect(nodeLifecycleTaints(n.actor.getSnapshot().context).map((x) => x.key)).toEqual([
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/network-unavailable',
    ]);
    n.advance(50);
    expect(n.actor.getSnapshot().context.conditions.NetworkUnavailable?.status).toBe('True');
    expect(n.actor.getSnapshot().context.conditions.MemoryPressure?.status).toBe('Unknown');
  });

  it('should see a stopped kubelet go Unknown through the heartbeats it no longer sends', () => {
    const n = controller();
    const kubelet = createActor(nodeMachine.provide({ actions: { renewLease: () => n.beat({ ready: true }) } }), { clock: n.clock, input: { name: 'node-1', clock: n.clock } }).start();
    kubelet.send({ type: 'node.start' });
    kubelet.send({ type: 'node.registered' });
    n.advance(100);
    expect(n.state()).toBe('ready');
    kubelet.send({ type: 'node.stop' });
    n.advance(49);
    expect(n.state()).toBe('ready');
    n.advance(1);
    expect(n.state()).toBe('unknown');
  });

  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    console.log(`nodeLifecycleMachine coverage: ${r.states.reached}/${r.states.total} states, ${r.transitions.reached}/${r.transitions.total} transitions`);
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
