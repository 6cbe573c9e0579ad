import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { createMachineCoverage } from './machineCoverage.ts';
import { nodeMachine } from './nodeMachine.ts';
import type { NodeMachineInput, NodeStatusUpdate } from './nodeMachine.ts';

const coverage = createMachineCoverage(nodeMachine);

function kubelet(input: Partial<NodeMachineInput> = {}) {
  const clock = new VirtualClock();
  const t0 = clock.now();
  const t = () => (clock.now() - t0) / 1000;
  const log: string[] = [];
  const statuses: { at: number; update: NodeStatusUpdate }[] = [];
  const machine = nodeMachine.provide({
    actions: {
      registerNode: () => log.push(`${t()} register`),
      renewLease: () => log.push(`${t()} lease`),
      updateNodeStatus: (_, update: NodeStatusUpdate) => statuses.push({ at: t(), update }),
    },
  });
  const actor = createActor(machine, { clock, input: { name: 'node-1', clock, ...input }, inspect: coverage.observe }).start();
  const condition = (type: string) => statuses.at(-1)?.update.conditions.find((c) => c.type === type);
  return { clock, actor, log, statuses, t, condition, advance: (s: number) => clock.advance(s * 1000), send: actor.send.bind(actor) };
}

describe('nodeMachine', () => {
  it('should register, then post NodeStatus and renew its Lease every 10 s', () => {
    const k = kubelet();
    k.send({ type: 'node.start' });
    expect(k.log).toEqual(['0 register']);
    k.send({ type: 'node.registered' });
    k.advance(30);
    expect(k.log.filter((l) => l.endsWith('lease'))).toEqual(['0 lease', '10 lease', '20 lease', '30 lease']);
    expect(k.statuses.map((s) => s.at)).toEqual([0, 10, 20, 30]);
    expect(k.statuses.at(-1)?.update.conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True']);
    expect(k.condition('Ready')).toMatchObject({ reason: 'KubeletReady', lastHeartbeatTime: '2025-01-01T00:00:30Z', lastTransitionTime: '2025-01-01T00:00:00Z' });
  });

  it('should send no heartbeats while stopped, and register again when started', () => {
    const k = kubelet();
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registered' });
    k.advance(10);
    k.send({ type: 'node.stop' });
    const n = k.log.length;
    k.advance(120);
    expect(k.log.length).toBe(n);
    expect(k.clock.pendingTimers()).toBe(0);
    k.send({ type: 'node.start' });
    expect(k.log.at(-1)).toBe('130 register');
    k.send({ type: 'node.stop' });
    expect(k.actor.getSnapshot().value).toBe('stopped');
  });

  it('should retry a failed registration after the back-off', () => {
    const k = kubelet({ registrationRetryMs: 7000 });
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registrationFailed' });
    k.advance(7);
    expect(k.log).toEqual(['0 register', '7 register']);
    k.send({ type: 'node.registrationFailed' });
    k.send({ type: 'node.stop' });
    k.advance(10);
    expect(k.log.length).toBe(2);
  });

  it('should become NotReady when the container runtime or the network is down, and Ready again after', () => {
    const k = kubelet();
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registered' });
    k.advance(5);
    k.send({ type: 'node.runtime', up: false });
    expect(k.actor.getSnapshot().value).toMatchObject({ running: { readiness: 'notReady' } });
    expect(k.condition('Ready')).toMatchObject({ status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', lastTransitionTime: '2025-01-01T00:00:05Z' });
    k.send({ type: 'node.runtime', up: true });
    k.send({ type: 'node.network', available: false });
    expect(k.condition('Ready')?.message).toContain('NetworkPluginNotReady');
    expect(k.condition('NetworkUnavailable')).toMatchObject({ status: 'True', reason: 'NoRouteCreated' });
    k.send({ type: 'node.network', available: true });
    expect(k.condition('Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:05Z' });
    expect(k.condition('NetworkUnavailable')).toMatchObject({ status: 'False', reason: 'RouteCreated' });
  });

  it('should report pressure conditions, keeping their transition time while unchanged', () => {
    const k = kubelet();
    k.send({ type: 'node.pressure', condition: 'DiskPressure', active: true });
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registered' });
    k.advance(10);
    k.send({ type: 'node.pressure', condition: 'MemoryPressure', active: true });
    k.advance(10);
    expect(k.condition('DiskPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasDiskPressure', lastTransitionTime: '2025-01-01T00:00:00Z' });
    expect(k.condition('MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', lastTransitionTime: '2025-01-01T00:00:10Z' });
    k.send({ type: 'node.runtime', up: false });
    k.send({ type: 'node.stop' });
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registered' });
    expect(k.actor.getSnapshot().value).toMatchObject({ running: { readiness: 'notReady' } });
  });

  it('should act on shared ticks instead of its own timers when heartbeats are external', () => {
    const k = kubelet({ heartbeats: 'external' });
    k.send({ type: 'node.start' });
    k.send({ type: 'node.registered' });
    k.advance(60);
    expect(k.clock.pendingTimers()).toBe(0);
    k.send({ type: 'node.tick' });
    expect(k.log.filter((l) => l.endsWith('lease'))).toEqual(['0 lease', '60 lease']);
    expect(k.statuses.map((s) => s.at)).toEqual([0, 60]);
  });

  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    console.log(`nodeMachine coverage: ${r.states.reached}/${r.states.total} states, ${r.transitions.reached}/${r.transitions.total} transitions`);
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
