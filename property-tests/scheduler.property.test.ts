import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';

// kube-scheduler in a running cluster against an independent oracle: plain integers (cpu in
// millicores, memory in MiB) summed per node straight from the API objects, not through the
// scheduler's own resource or plugin code.

interface NodeGen {
  readonly cpu: number;
  readonly memMi: number;
  readonly pods: number;
  readonly disk: 'ssd' | 'hdd';
  readonly tainted: boolean;
  readonly cordoned: boolean;
}
interface PodGen {
  readonly cpu: number | undefined;
  readonly memMi: number | undefined;
  readonly hostPort: number | undefined;
  readonly wantsSsd: boolean;
  readonly tolerates: boolean;
  readonly priority: number;
}
type Step = { readonly kind: 'create'; readonly afterMs: number; readonly pod: PodGen } | { readonly kind: 'delete'; readonly afterMs: number; readonly pick: number };

const TAINT: Taint = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
const nodeArb: fc.Arbitrary<NodeGen> = fc.record({
  cpu: fc.integer({ min: 500, max: 4000 }),
  memMi: fc.integer({ min: 256, max: 4096 }),
  pods: fc.integer({ min: 1, max: 6 }),
  disk: fc.constantFrom('ssd', 'hdd'),
  tainted: fc.boolean(),
  cordoned: fc.constantFrom(false, false, false, true),
});
const podArb: fc.Arbitrary<PodGen> = fc.record({
  cpu: fc.option(fc.integer({ min: 100, max: 2500 }), { nil: undefined }),
  memMi: fc.option(fc.integer({ min: 64, max: 2048 }), { nil: undefined }),
  hostPort: fc.option(fc.constantFrom(80, 443), { nil: undefined, freq: 3 }),
  wantsSsd: fc.boolean(),
  tolerates: fc.boolean(),
  priority: fc.constantFrom(0, 0, 100),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), afterMs: fc.integer({ min: 0, max: 3000 }), pod: podArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), afterMs: fc.integer({ min: 0, max: 3000 }), pick: fc.nat() }) },
);

const nodeObject = (name: string, n: NodeGen): Node => {
  const res = { cpu: `${n.cpu}m`, memory: `${n.memMi}Mi`, pods: String(n.pods) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, disk: n.disk } },
    spec: { ...(n.tainted ? { taints: [TAINT] } : {}), ...(n.cordoned ? { unschedulable: true } : {}) },
    status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] },
  };
};
const podObject = (name: string, p: PodGen): Pod => {
  const requests = { ...(p.cpu === undefined ? {} : { cpu: `${p.cpu}m` }), ...(p.memMi === undefined ? {} : { memory: `${p.memMi}Mi` }) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'c', image: 'pause', resources: { requests }, ...(p.hostPort === undefined ? {} : { ports: [{ containerPort: p.hostPort, hostPort: p.hostPort }] }) }],
      ...(p.wantsSsd ? { nodeSelector: { disk: 'ssd' } } : {}),
      ...(p.tolerates ? { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' }] } : {}),
      ...(p.priority > 0 ? { priorityClassName: 'high' } : {}),
    },
  };
};

// The oracle's reading of what a pod asks for and of what a node offers.
const gens = new Map<string, PodGen>();
function violations(node: Node, gen: NodeGen, podsOnNode: readonly Pod[]): string[] {
  const name = node.metadata?.name ?? '';
  const own = podsOnNode.map((p) => gens.get(p.metadata?.name ?? '') as PodGen);
  const out: string[] = [];
  const sum = (f: (g: PodGen) => number | undefined): number => own.reduce((n, g) => n + (f(g) ?? 0), 0);
  if (own.length > gen.pods) out.push(`${name}: ${own.length} pods > ${gen.pods}`);
  if (sum((g) => g.cpu) > gen.cpu) out.push(`${name}: cpu ${sum((g) => g.cpu)}m > ${gen.cpu}m`);
  if (sum((g) => g.memMi) > gen.memMi) out.push(`${name}: memory ${sum((g) => g.memMi)}Mi > ${gen.memMi}Mi`);
  const ports = own.flatMap((g) => (g.hostPort === undefined ? [] : [g.hostPort]));
  if (new Set(ports).size !== ports.length) out.push(`${name}: host port used twice ${ports.join(',')}`);
  return out;
}
function misplaced(gen: NodeGen, p: PodGen): string | undefined {
  if (gen.cordoned) return 'bound to a cordoned node';
  if (p.wantsSsd && gen.disk !== 'ssd') return 'nodeSelector disk=ssd not met';
  if (gen.tainted && !p.tolerates) return 'untolerated taint';
  return undefined;
}

async function run(nodes: readonly NodeGen[], steps: readonly Step[], seed: number): Promise<void> {
  // Hand-made nodes post no heartbeats: keep the node lifecycle controller from tainting them.
  const cluster: Cluster = createCluster({ seed, builtinControllers: false, nodeMonitorGracePeriodMs: 24 * 3_600_000 });
  const nodeGens = new Map<string, NodeGen>();
  const problems: string[] = [];
  gens.clear();
  nodes.forEach((n, i) => nodeGens.set(`node-${i}`, n));
  // At each bind, the node as the API has it then, with every pod bound to it.
  const sub = cluster.client.watch<'Pod', Pod>('Pod').subscribe((e) => {
    const node = e.object.spec?.nodeName;
    if (e.type !== 'MODIFIED' || node === undefined || e.object.metadata?.deletionTimestamp !== undefined) return;
    const gen = nodeGens.get(node) as NodeGen;
    const wrong = misplaced(gen, gens.get(e.object.metadata?.name ?? '') as PodGen);
    if (wrong !== undefined) problems.push(`${e.object.metadata?.name ?? ''} on ${node}: ${wrong}`);
    const on = cluster.api.list<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }).items.filter((p) => p.spec?.nodeName === node);
    problems.push(...violations({ metadata: { name: node } }, gen, on));
  });
  // A kubelet's part: preemption victims (deleted gracefully) go away 2 s later.
  const finishing = cluster.client.watch<'Pod', Pod>('Pod').subscribe((e) => {
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'MODIFIED' && e.object.metadata?.deletionTimestamp !== undefined) {
      cluster.clock.setTimeout(() => void cluster.client.delete('Pod', name, { namespace: 'default', gracePeriodSeconds: 0 }).catch(() => undefined), 2000);
    }
  });
  await cluster.apply('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: high }\nvalue: 100\n');
  for (const [name, n] of nodeGens) await cluster.client.create(nodeObject(name, n));
  let seq = 0;
  for (const s of steps) {
    await cluster.advance(s.afterMs);
    if (s.kind === 'create') {
      const name = `p-${seq++}`;
      gens.set(name, s.pod);
      await cluster.client.create(podObject(name, s.pod));
    } else {
      const live = cluster.api.list<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }).items;
      const victim = live[s.pick % Math.max(1, live.length)];
      if (victim !== undefined) await cluster.client.delete('Pod', victim.metadata.name, { namespace: 'default', gracePeriodSeconds: 0 });
    }
  }
  await cluster.settle();
  const pods = cluster.api.list<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }).items;
  for (const [name, gen] of nodeGens) problems.push(...violations({ metadata: { name } }, gen, pods.filter((p) => p.spec?.nodeName === name)));
  expect(problems).toEqual([]);

  // Room appears: nodes every generated pod fits on (no taint, ssd, roomy), one per pending pod
  // since two pods may want the same host port, get them all bound.
  const room: NodeGen = { cpu: 100_000, memMi: 100_000, pods: 200, disk: 'ssd', tainted: false, cordoned: false };
  const pending = pods.filter((p) => p.spec?.nodeName === undefined).length;
  for (let i = 0; i < pending; i++) {
    nodeGens.set(`room-${i}`, room);
    await cluster.client.create(nodeObject(`room-${i}`, room));
  }
  await cluster.settle();
  const after = cluster.api.list<Pod & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Pod' }).items;
  expect(after.filter((p) => p.spec?.nodeName === undefined).map((p) => p.metadata.name)).toEqual([]);
  for (const [name, gen] of nodeGens) problems.push(...violations({ metadata: { name } }, gen, after.filter((p) => p.spec?.nodeName === name)));
  expect(problems).toEqual([]);
  sub.unsubscribe();
  finishing.unsubscribe();
  await cluster.stop();
}

describe('kube-scheduler (property)', () => {
  it('should bind only pods that fit, never overcommit a node, and bind pending pods once room appears', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(nodeArb, { minLength: 1, maxLength: 4 }), fc.array(stepArb, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 1000 }), run),
      { numRuns: 30, endOnFailure: true },
    );
  });
});
