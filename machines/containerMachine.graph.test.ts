import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import type { AnyEventObject } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { containerConfig } from '../src/kubelet/containerConfig.ts';
import type { Termination } from '../src/kubelet/containerRecord.ts';
import type { RestartPolicy } from '../src/kubelet/restartRules.ts';
import { resolveBehavior } from '../src/kubelet/workloadBehavior.ts';
import type { WorkloadProfile } from '../src/kubelet/workloadTypes.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { containerMachine } from './containerMachine.ts';
import type { ContainerEvent, ContainerInput, RestoredContainer } from './containerMachine.ts';
import { createMachineCoverage, machineGraph } from './machineCoverage.ts';
import { inspectContainerSteps, initialContainerSlot, stepContainer } from './stepContainer.ts';
import type { ContainerSlot } from './stepContainer.ts';

const clock = new VirtualClock();

function input(spec: Partial<Container>, profile: WorkloadProfile, policy: RestartPolicy = 'Always', imagePresent = false, restored?: RestoredContainer): ContainerInput {
  const container: Container = { name: 'app', image: 'registry.local/app:1.0', ...spec };
  const pod: Pod = { metadata: { name: 'p', annotations: { 'behavior.kubeactors.dev/app': JSON.stringify(profile) } }, spec: { containers: [container] } };
  const behavior = resolveBehavior(pod, container);
  return { clock, config: containerConfig(container, 'app', policy, 30_000, behavior), image: container.image ?? '', behavior, imagePresent, ...(restored ? { restored } : {}) };
}

// Containers a restarted kubelet finds: running, in a crash back-off, and terminated for good.
const now = clock.now();
const exit = (at: number, restartCount: number): Termination => ({ exitCode: 1, reason: 'Error', message: undefined, startedAt: at - 5000, finishedAt: at, restartCount });

const probes = {
  startupProbe: { exec: { command: ['s'] }, failureThreshold: 1 },
  readinessProbe: { exec: { command: ['r'] }, failureThreshold: 1 },
  livenessProbe: { exec: { command: ['l'] }, failureThreshold: 1 },
};
const INPUTS: ContainerInput[] = [
  input(probes, { run: { seconds: 5, exitCode: 1 }, probes: { startup: [{ afterSeconds: 0, ok: true }] } }),
  input({ ...probes, lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 1; exit 3'] } }, preStop: { exec: { command: ['sleep', '5'] } } } }, { onTerm: 'ignore' }),
  input({ lifecycle: { postStart: { exec: { command: ['sleep', 'infinity'] } } } }, {}),
  input({}, { pull: { fail: true } }),
  input({ imagePullPolicy: 'Never' }, {}),
  input({}, { http: { status: 700 } }),
  input({ resources: { limits: { memory: '1Mi' } } }, { resources: { memory: [{ afterSeconds: 0, value: '1Gi' }] } }, 'Never', true),
  input({ ...probes, lifecycle: { postStart: { exec: { command: ['sleep', '1'] } }, preStop: { exec: { command: ['sh', '-c', 'exit 1'] } } } }, {}),
  input(
    { startupProbe: { exec: { command: ['s'] }, failureThreshold: 3 }, livenessProbe: { exec: { command: ['l'] }, failureThreshold: 3 } },
    { probes: { startup: [{ afterSeconds: 0, ok: false }, { afterSeconds: 10, ok: true }], liveness: [{ afterSeconds: 0, ok: false }] } },
  ),
  input(probes, { run: { seconds: 100, exitCode: 1 } }, 'Always', true, { restartCount: 1, startedAt: now - 60_000, lastTerminated: exit(now - 61_000, 0) }),
  input({}, {}, 'Always', true, { restartCount: 3, terminated: exit(now - 5000, 3), crashBackOff: { ms: 40_000, updatedAt: now - 20_000 } }),
  input({}, {}, 'Never', true, { restartCount: 0, terminated: exit(now - 5000, 0) }),
];

// The events a container can receive, with representative parameters; delayed (`after`) events are
// taken from the machine's own graph.
const afterEvents = [...new Set(machineGraph(containerMachine).transitions.map((t) => /--(xstate\.after\.[^ ]+)-->/.exec(t)?.[1]).filter((e): e is string => e !== undefined))];
const EVENTS: AnyEventObject[] = [
  { type: 'container.start' },
  { type: 'container.kill', graceMs: 30_000, restart: 'never', message: 'Stopping container app' },
  { type: 'container.kill', graceMs: 30_000, restart: 'always', message: 'restart' },
  { type: 'container.exited', exitCode: 1 },
  { type: 'container.exited', exitCode: 0 },
  ...(['startup', 'readiness', 'liveness'] as const).flatMap((probe) => [true, false].map((ok) => ({ type: 'probe.result', probe, ok }))),
  { type: 'container.imageChanged', image: 'registry.local/app:2.0', behavior: (INPUTS[0] as ContainerInput).behavior },
  ...afterEvents.map((type) => ({ type })),
];

function serialize(value: unknown, c: { restartCount: number; started: boolean; ready: boolean; kill: unknown; lastTerminated: unknown }): string {
  return JSON.stringify([value, Math.min(c.restartCount, 2), c.started, c.ready, c.kill !== undefined, c.lastTerminated !== undefined]);
}

describe('containerMachine graph', () => {
  it('should reach every state and transition along paths generated with xstate/graph', () => {
    const coverage = createMachineCoverage(containerMachine);
    const sub = inspectContainerSteps(coverage.observe);
    let paths = 0;
    for (const i of INPUTS) {
      const found = getShortestPaths(containerMachine, {
        input: i,
        events: EVENTS as unknown as ContainerEvent[],
        serializeState: (s) => serialize(s.value, s.context),
        limit: 20_000,
      });
      paths += found.length;
      for (const path of found) coverage.visit(path.state.value);
      // Replay every explored edge through the pure stepper the pod machine uses, recording its transitions.
      const adjacency = getAdjacencyMap(containerMachine, { input: i, events: EVENTS as unknown as ContainerEvent[], serializeState: (s) => serialize(s.value, s.context), limit: 20_000 });
      for (const entry of Object.values(adjacency)) {
        const slot: ContainerSlot = { value: entry.state.value, context: entry.state.context };
        const edges = entry.transitions as Record<string, { event: AnyEventObject }>;
        for (const edge of Object.values(edges)) stepContainer(slot, edge.event);
      }
      coverage.visit(initialContainerSlot(i).value);
    }
    sub.unsubscribe();
    const r = coverage.report();
    console.log(`containerMachine shortest paths: ${paths}; states ${r.states.reached}/${r.states.total}, transitions ${r.transitions.reached}/${r.transitions.total}`);
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
