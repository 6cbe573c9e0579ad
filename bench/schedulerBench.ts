// npx tsx bench/schedulerBench.ts — kube-scheduler throughput in a running cluster, in the shape of
// Kubernetes' scheduler_perf workloads (test/integration/scheduler_perf): nodes and initial pods
// first, then the measured pods created in bulk; pods/s from the first create to the last bind.
// Only the API server and kube-scheduler run (builtinControllers: false), as in scheduler_perf.
import { performance } from 'node:perf_hooks';
import type { Affinity, Node, Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';

interface Workload {
  readonly name: string;
  readonly nodes: number;
  readonly initPods: number;
  readonly pods: number;
  readonly affinity?: Affinity;
  /** scheduler_perf's CI floor for the workload it mirrors (pods/s), when there is one. */
  readonly floor?: readonly [number, number];
  readonly summaryDecisionsOnly?: boolean;
}

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const HOSTNAME = 'kubernetes.io/hostname';

// scheduler_perf's node-default.yaml and pod-default.yaml.
const node = (i: number): Node => {
  const res = { cpu: '4', memory: '32Gi', pods: '110' };
  const name = `node-${i}`;
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [HOSTNAME]: name, 'topology.kubernetes.io/zone': `zone-${i % 3}` } }, status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] } };
};
const pod = (name: string, affinity: Affinity | undefined): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { color: 'green' } },
  spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }], ...(affinity === undefined ? {} : { affinity }) },
});
const sameColor = { labelSelector: { matchLabels: { color: 'green' } }, topologyKey: HOSTNAME };

const WORKLOADS: readonly Workload[] = [
  { name: 'SchedulingBasic/5000Nodes_5000Pods', nodes: 5000, initPods: 1000, pods: 5000, floor: [680, 810] },
  { name: 'SchedulingBasic/5000Nodes_10000Pods', nodes: 5000, initPods: 1000, pods: 10000, floor: [680, 810] },
  { name: 'SchedulingBasic/5000Nodes_10000Pods (summary decisions)', nodes: 5000, initPods: 1000, pods: 10000, floor: [680, 810], summaryDecisionsOnly: true },
  { name: 'SchedulingPodAntiAffinity/5000Nodes_2000Pods', nodes: 5000, initPods: 1000, pods: 1000, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [sameColor] } }, floor: [60, 60] },
  { name: 'SchedulingPreferredPodAffinity/5000Nodes_5000Pods', nodes: 5000, initPods: 1000, pods: 4000, affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: sameColor }] } }, floor: [90, 90] },
];

async function once(w: Workload, seed: number): Promise<number> {
  const cluster = createCluster({ seed, builtinControllers: false, ...(w.summaryDecisionsOnly === true ? { scheduler: { summaryDecisionsOnly: true } } : {}) });
  for (let i = 0; i < w.nodes; i++) cluster.api.create(node(i));
  for (let i = 0; i < w.initPods; i++) cluster.api.create(pod(`init-${i}`, w.affinity));
  await cluster.advance(0);
  let bound = 0;
  let last = 0;
  const sub = cluster.client.watch<'Pod', Pod>('Pod').subscribe((e) => {
    if (e.type === 'MODIFIED' && e.object.metadata?.name?.startsWith('p-') === true && e.object.spec?.nodeName !== undefined && e.object.status?.conditions?.some((c) => c.type === 'PodScheduled' && c.status === 'True') === true) {
      bound++;
      last = performance.now();
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < w.pods; i++) cluster.api.create(pod(`p-${i}`, w.affinity));
  await cluster.advance(0);
  sub.unsubscribe();
  const unbound = cluster.api.list<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }).items.filter((p) => p.spec?.nodeName === undefined).length;
  await cluster.stop();
  if (bound < w.pods || unbound > 0) throw new Error(`${w.name}: ${bound}/${w.pods} measured pods bound, ${unbound} pods unbound`);
  return w.pods / ((last - t0) / 1000);
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const only = process.argv[2];
for (const w of WORKLOADS.filter((x) => only === undefined || x.name.includes(only))) {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await once(w, r + 1));
  const m = median(runs);
  const floor = w.floor === undefined ? '' : `  (${(m / w.floor[0]).toFixed(2)}× of kube-scheduler's ${w.floor[0] === w.floor[1] ? w.floor[0] : `${w.floor[0]}–${w.floor[1]}`} pods/s floor${w.floor[0] === w.floor[1] ? '' : `, ${(m / w.floor[1]).toFixed(2)}× of ${w.floor[1]}`})`;
  console.log(`${w.name.padEnd(58)} ${m.toFixed(0).padStart(6)} pods/s  median of ${RUNS} [${runs.map((x) => x.toFixed(0)).join(', ')}]${floor}`);
}
