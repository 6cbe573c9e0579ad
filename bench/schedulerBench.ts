// npx tsx bench/schedulerBench.ts [filter] [--full] — kube-scheduler throughput in the shape of
// Kubernetes' scheduler_perf workloads (test/integration/scheduler_perf): nodes and initial pods
// first, then the measured pods created in bulk; pods/s from the first create to the last bind.
// Like scheduler_perf, only kube-apiserver and kube-scheduler run (the actor on the cluster root,
// its informers, queue, binding and Events); `--full` runs the whole createCluster instead.
// Besides wall-clock pods/s it prints pods per CPU-second of this process, steadier on a shared machine.
import { cpuUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { createActor } from 'xstate';
import type { Affinity, Node, Pod } from 'kubernetes-types/core/v1.js';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../src/apiserver/builtinStrategy.ts';
import { createClient } from '../src/client/client.ts';
import { createActivityTracker } from '../src/runtime/activity.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import { drain } from '../src/runtime/cluster/settleCluster.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { clusterMachine } from '../machines/clusterMachine.ts';
import { createSchedulerLogic } from '../actors/schedulerActor.ts';

interface Workload {
  readonly name: string;
  readonly nodes: number;
  readonly initPods: number;
  readonly pods: number;
  readonly affinity?: Affinity;
  /** scheduler_perf's CI floor(s) for the workload it mirrors, pods/s. */
  readonly floors: readonly number[];
  /** Per-node decision maps kept (default: the scheduler's default). */
  readonly detailedDecisions?: number;
}

interface Harness {
  readonly api: ApiServer;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const FULL = process.argv.includes('--full');
const HOSTNAME = 'kubernetes.io/hostname';

// scheduler_perf's node-default.yaml and pod-default.yaml.
const node = (i: number): Node => {
  const res = { cpu: '4', memory: '32Gi', pods: '110' };
  const name = `node-${i}`;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOSTNAME]: name } }, status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] } };
};
const pod = (name: string, affinity: Affinity | undefined): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { color: 'green' } },
  spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }], ...(affinity === undefined ? {} : { affinity }) },
});
const sameColor = { labelSelector: { matchLabels: { color: 'green' } }, topologyKey: HOSTNAME };

const WORKLOADS: readonly Workload[] = [
  { name: 'SchedulingBasic/5000Nodes_5000Pods', nodes: 5000, initPods: 1000, pods: 5000, floors: [680, 810] },
  { name: 'SchedulingBasic/5000Nodes_10000Pods', nodes: 5000, initPods: 1000, pods: 10000, floors: [680, 810] },
  { name: 'SchedulingBasic/5000Nodes_10000Pods (no decision maps)', nodes: 5000, initPods: 1000, pods: 10000, floors: [680, 810], detailedDecisions: 0 },
  { name: 'SchedulingPodAntiAffinity/5000Nodes_2000Pods', nodes: 5000, initPods: 1000, pods: 1000, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [sameColor] } }, floors: [60] },
  { name: 'SchedulingPreferredPodAffinity/5000Nodes_5000Pods', nodes: 5000, initPods: 1000, pods: 4000, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: sameColor }] } }, floors: [90] },
];

function harness(seed: number, detailedDecisions: number | undefined): Harness {
  const decisions = detailedDecisions === undefined ? {} : { detailedDecisions };
  if (FULL) {
    const cluster = createCluster({ seed, builtinControllers: false, scheduler: decisions });
    return { api: cluster.api, settle: () => cluster.advance(0), stop: () => cluster.stop() };
  }
  const clock = new VirtualClock();
  const rng = createRng(seed);
  const api = new ApiServer({ clock, ids: createIdSource(rng.fork('ids')), strategy: createBuiltinStrategy() });
  const activity = createActivityTracker();
  const root = createActor(clusterMachine, { clock });
  root.start();
  const logic = createSchedulerLogic({ client: createClient(api, { user: 'system:admin' }), clock, rng: rng.fork('kube-scheduler'), activity, ...decisions });
  root.send({ type: 'component.start', id: 'kube-scheduler', systemId: 'kube-scheduler', logic });
  return {
    api,
    settle: () => drain(activity, clock),
    stop: () => {
      root.stop();
      api.close();
      return Promise.resolve();
    },
  };
}

async function once(w: Workload, seed: number): Promise<{ wall: number; cpu: number }> {
  const h = harness(seed, w.detailedDecisions);
  for (let i = 0; i < w.nodes; i++) h.api.create(node(i));
  for (let i = 0; i < w.initPods; i++) h.api.create(pod(`init-${i}`, w.affinity));
  await h.settle();
  let bound = 0;
  let last = 0;
  let lastCpu = cpuUsage();
  const sub = h.api.watch<Pod>({ apiVersion: 'v1', kind: 'Pod' }).subscribe((e) => {
    if (e.type !== 'MODIFIED' || e.object.metadata.name.startsWith('p-') !== true || e.object.spec?.nodeName === undefined) return;
    bound++;
    last = performance.now();
    lastCpu = cpuUsage();
  });
  const cpu0 = cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < w.pods; i++) h.api.create(pod(`p-${i}`, w.affinity));
  await h.settle();
  sub.unsubscribe();
  const unbound = h.api.list<Pod>({ apiVersion: 'v1', kind: 'Pod' }).items.filter((p) => p.spec?.nodeName === undefined).length;
  await h.stop();
  if (bound !== w.pods || unbound > 0) throw new Error(`${w.name}: ${bound}/${w.pods} measured pods bound, ${unbound} pods unbound`);
  const cpuSec = (lastCpu.user - cpu0.user + lastCpu.system - cpu0.system) / 1e6;
  return { wall: w.pods / ((last - t0) / 1000), cpu: w.pods / cpuSec };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
console.log(`kube-scheduler throughput (${FULL ? 'full createCluster' : 'kube-apiserver + kube-scheduler'}), median of ${RUNS}`);
for (const w of WORKLOADS.filter((x) => only === undefined || x.name.includes(only))) {
  const runs: { wall: number; cpu: number }[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await once(w, r + 1));
  const wall = median(runs.map((r) => r.wall));
  const cpu = median(runs.map((r) => r.cpu));
  const ratios = w.floors.map((f) => `${(wall / f).toFixed(2)}× of ${f}`).join(', ');
  console.log(`${w.name.padEnd(58)} ${wall.toFixed(0).padStart(5)} pods/s [${runs.map((r) => r.wall.toFixed(0)).join(', ')}]  ${cpu.toFixed(0).padStart(5)} pods/CPU-s  vs kube-scheduler floor: ${ratios}`);
}
