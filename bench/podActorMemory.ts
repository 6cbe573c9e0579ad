/**
 * Heap cost of idle Running pod actors: creates N pods (one container each, with a readiness probe),
 * runs the virtual clock until every pod is Running and Ready, then measures the heap per pod actor.
 *
 *   npx tsx --expose-gc bench/podActorMemory.ts [N]
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createActor } from 'xstate';
import type { AnyActorRef } from 'xstate';
import { podMachine } from '../machines/podMachine.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const collect = gc;
const N = Number(process.argv[2] ?? 20_000);

function heap(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

function podFor(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${i}`, namespace: 'default', uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
    spec: {
      nodeName: 'node-1',
      containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 } } }],
    },
  };
}

const clock = new VirtualClock();
const pods = Array.from({ length: N }, (_, i) => podFor(i));
const machine = podMachine.provide({ actions: { writeStatus: () => {}, recordEvent: () => {} } });

const before = heap();
const t0 = performance.now();
const actors: AnyActorRef[] = [];
for (const pod of pods) actors.push(createActor(machine, { clock, input: { pod, clock } }).start());
const created = performance.now();
while (clock.jumpToNextTimer());
const settled = performance.now();
const after = heap();

const running = actors.filter((a) => {
  const s = a.getSnapshot() as ReturnType<typeof createActor<typeof podMachine>>['getSnapshot'] extends () => infer S ? S : never;
  return s.matches({ active: { phase: 'running' } }) && s.context.conditions.containersReady;
}).length;
const perPod = (after - before) / N;
console.log(`pods: ${N}, running and ready: ${running}, pending timers: ${clock.pendingTimers()}`);
console.log(`heap per idle Running pod actor (with context): ${(perPod / 1024).toFixed(2)} KiB (${Math.round(perPod)} bytes)`);
console.log(`create: ${(((created - t0) * 1000) / N).toFixed(1)} µs/pod, start-up to Ready: ${(((settled - created) * 1000) / N).toFixed(1)} µs/pod`);
if (running !== N) process.exitCode = 1;
