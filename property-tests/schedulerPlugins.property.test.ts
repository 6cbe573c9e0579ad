import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { createRng } from '../src/runtime/sim/rng.ts';
import { createClusterSnapshot, type ClusterSnapshot } from '../src/scheduler/clusterSnapshot.ts';
import { createCycleContext } from '../src/scheduler/cycleContext.ts';
import { defaultProfile } from '../src/scheduler/profiles.ts';
import { findNodesThatFitPod } from '../src/scheduler/runFilters.ts';
import { runSchedulingCycle } from '../src/scheduler/schedulingCycle.ts';

// Scheduler plugins against a small independent oracle: resources, host ports, taints,
// nodeSelector, required node affinity and cordoning, written from the API semantics with plain
// numbers (cpu in millicores, memory in MiB) rather than through the scheduler's own helpers.

interface NodeSpecGen {
  readonly cpu: number;
  readonly memMi: number;
  readonly pods: number;
  readonly labels: Record<string, string>;
  readonly taints: Taint[];
  readonly unschedulable: boolean;
}
interface PortGen {
  readonly port: number;
  readonly protocol: string;
  readonly hostIP: string;
}
interface PodSpecGen {
  readonly cpu: number | undefined;
  readonly memMi: number | undefined;
  readonly ports: PortGen[];
  readonly nodeSelector: Record<string, string>;
  readonly tolerations: Toleration[];
  readonly priority: number;
  readonly affinity: NodeSelectorRequirement[] | undefined;
}

const labelsArb = fc.record({ zone: fc.constantFrom('a', 'b'), disk: fc.constantFrom('ssd', 'hdd'), cores: fc.constantFrom('2', '8', '32') }, { requiredKeys: [] });
const taintArb: fc.Arbitrary<Taint> = fc.record({ key: fc.constantFrom('dedicated', 'gpu'), value: fc.constantFrom('x', 'y'), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') });
const nodeArb: fc.Arbitrary<NodeSpecGen> = fc.record({
  cpu: fc.constantFrom(500, 1000, 2000, 4000),
  memMi: fc.constantFrom(512, 1024, 4096),
  pods: fc.constantFrom(1, 2, 3, 110),
  labels: labelsArb,
  taints: fc.oneof({ weight: 3, arbitrary: fc.constant<Taint[]>([]) }, { weight: 2, arbitrary: fc.array(taintArb, { minLength: 1, maxLength: 2 }) }),
  unschedulable: fc.constantFrom(false, false, false, true),
});
const tolerationArb: fc.Arbitrary<Toleration> = fc.oneof(
  fc.record({ key: fc.constantFrom('dedicated', 'gpu'), operator: fc.constant('Exists') }),
  fc.record({ key: fc.constantFrom('dedicated', 'gpu'), operator: fc.constant('Equal'), value: fc.constantFrom('x', 'y'), effect: fc.constantFrom('NoSchedule', 'NoExecute') }),
  fc.constant({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }),
);
const requirementArb: fc.Arbitrary<NodeSelectorRequirement> = fc.oneof(
  fc.record({ key: fc.constantFrom('zone', 'disk'), operator: fc.constantFrom('In', 'NotIn'), values: fc.subarray(['a', 'b', 'ssd', 'hdd'], { minLength: 1 }) }),
  fc.record({ key: fc.constantFrom('zone', 'disk', 'cores'), operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  fc.record({ key: fc.constant('cores'), operator: fc.constantFrom('Gt', 'Lt'), values: fc.constantFrom('4', '16').map((v) => [v]) }),
);
const podArb: fc.Arbitrary<PodSpecGen> = fc.record({
  cpu: fc.option(fc.constantFrom(100, 500, 1000, 3000), { nil: undefined }),
  memMi: fc.option(fc.constantFrom(128, 1024, 3072), { nil: undefined }),
  ports: fc.uniqueArray(fc.record({ port: fc.constantFrom(80, 80, 8080), protocol: fc.constantFrom('TCP', 'UDP'), hostIP: fc.constantFrom('', '10.0.0.1', '10.0.0.2') }), {
    maxLength: 2,
    selector: (p) => `${p.port}/${p.protocol}`,
  }),
  nodeSelector: fc.oneof(
    { weight: 3, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: 1, arbitrary: fc.record({ zone: fc.constantFrom('a', 'b'), disk: fc.constantFrom('ssd', 'hdd') }, { requiredKeys: [] }) },
  ),
  tolerations: fc.array(tolerationArb, { maxLength: 2 }),
  priority: fc.constantFrom(0, 10, 100),
  affinity: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.array(requirementArb, { minLength: 1, maxLength: 2 }) }),
});

function toNode(name: string, g: NodeSpecGen): Node {
  const r = { cpu: `${g.cpu}m`, memory: `${g.memMi}Mi`, pods: String(g.pods) };
  return { metadata: { name, labels: { ...g.labels } }, spec: { taints: g.taints, unschedulable: g.unschedulable }, status: { allocatable: r, capacity: r } };
}
function toPod(name: string, g: PodSpecGen, nodeName?: string): Pod {
  const requests: Record<string, string> = {};
  if (g.cpu !== undefined) requests['cpu'] = `${g.cpu}m`;
  if (g.memMi !== undefined) requests['memory'] = `${g.memMi}Mi`;
  return {
    metadata: { name, namespace: 'default', uid: name },
    spec: {
      containers: [{ name: 'c', resources: { requests }, ports: g.ports.map((p) => ({ containerPort: p.port, hostPort: p.port, protocol: p.protocol, ...(p.hostIP === '' ? {} : { hostIP: p.hostIP }) })) }],
      nodeSelector: g.nodeSelector,
      tolerations: g.tolerations,
      priority: g.priority,
      ...(g.affinity === undefined ? {} : { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: g.affinity }] } } } }),
      ...(nodeName === undefined ? {} : { nodeName }),
    },
  };
}

// ---- the oracle ----
function tolerated(taint: Taint, tolerations: readonly Toleration[]): boolean {
  return tolerations.some((t) => {
    if (t.effect !== undefined && t.effect !== taint.effect) return false;
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || t.value === taint.value;
  });
}
function requirementHolds(r: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const v = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && values.includes(v);
    case 'NotIn':
      return v === undefined || !values.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    default:
      return v !== undefined && (r.operator === 'Gt' ? Number(v) > Number(values[0]) : Number(v) < Number(values[0]));
  }
}
function portsClash(a: PortGen, b: PortGen): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === '' || b.hostIP === '' || a.hostIP === b.hostIP);
}
function oracleFits(node: NodeSpecGen, placed: readonly PodSpecGen[], pod: PodSpecGen): boolean {
  if (placed.length + 1 > node.pods) return false;
  const cpu = placed.reduce((s, p) => s + (p.cpu ?? 0), 0);
  const mem = placed.reduce((s, p) => s + (p.memMi ?? 0), 0);
  if ((pod.cpu ?? 0) > 0 && cpu + (pod.cpu ?? 0) > node.cpu) return false;
  if ((pod.memMi ?? 0) > 0 && mem + (pod.memMi ?? 0) > node.memMi) return false;
  if (pod.ports.some((p) => placed.some((q) => q.ports.some((r) => portsClash(p, r))))) return false;
  if (node.taints.some((t) => t.effect !== 'PreferNoSchedule' && !tolerated(t, pod.tolerations))) return false;
  if (node.unschedulable && !tolerated({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, pod.tolerations)) return false;
  if (Object.entries(pod.nodeSelector).some(([k, v]) => node.labels[k] !== v)) return false;
  return (pod.affinity ?? []).every((r) => requirementHolds(r, node.labels));
}

function build(nodes: readonly NodeSpecGen[], placed: readonly (readonly PodSpecGen[])[]): ClusterSnapshot {
  const s = createClusterSnapshot();
  nodes.forEach((n, i) => s.upsertNode(toNode(`n${i}`, n)));
  placed.forEach((pods, i) => pods.forEach((p, j) => s.upsertPod(toPod(`existing-${i}-${j}`, p, `n${i}`))));
  return s;
}

describe(`scheduler plugin properties (seed: ${fc.readConfigureGlobal().seed ?? 'random'})`, () => {
  it('should pass exactly the nodes the oracle says fit (resources, ports, taints, selectors, affinity, cordons)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nodeArb, fc.array(podArb, { maxLength: 3 })), { minLength: 1, maxLength: 6 }),
        podArb,
        (layout, pod) => {
          const nodes = layout.map(([n]) => n);
          const placed = layout.map(([, ps]) => ps);
          const s = build(nodes, placed);
          const profile = defaultProfile();
          const phase = findNodesThatFitPod(profile, createCycleContext(profile, s), toPod('incoming', pod), 0);
          const passed = new Set(phase.feasible.map((n) => n.name));
          nodes.forEach((n, i) => expect(passed.has(`n${i}`)).toBe(oracleFits(n, placed[i] ?? [], pod)));
        },
      ),
    );
  });

  it('should never overcommit a node, and preemption victims must make room on the nominated node', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 5 }), fc.array(podArb, { minLength: 1, maxLength: 15 }), fc.integer(), (nodes, pods, seed) => {
        const s = build(nodes, []);
        const rng = createRng(seed);
        const profile = defaultProfile();
        const onNode = nodes.map(() => new Map<string, PodSpecGen>());
        pods.forEach((g, i) => {
          let pod = toPod(`p${i}`, g);
          let r = runSchedulingCycle(pod, s, profile, rng);
          const nominated = r.unschedulable ? (r.postFilterResult?.nominatedNodeName ?? '') : '';
          if (r.unschedulable && nominated !== '') {
            for (const v of r.postFilterResult?.victims ?? []) {
              s.removePod(v);
              onNode.forEach((m) => m.delete(v.metadata?.name ?? ''));
            }
            pod = { ...pod, status: { nominatedNodeName: nominated } };
            r = runSchedulingCycle(pod, s, profile, rng);
            expect(r.unschedulable ? r.message : r.nodeName).toBe(nominated);
          }
          if (r.unschedulable) return;
          const idx = Number(r.nodeName.slice(1));
          const node = nodes[idx];
          const here = onNode[idx];
          if (node === undefined || here === undefined) throw new Error(r.nodeName);
          expect(oracleFits(node, [...here.values()], g)).toBe(true);
          here.set(`p${i}`, g);
          s.upsertPod(toPod(`p${i}`, g, r.nodeName));
        });
        nodes.forEach((n, i) => {
          const here = [...(onNode[i]?.values() ?? [])];
          expect(here.length).toBeLessThanOrEqual(n.pods);
          expect(here.reduce((a, p) => a + (p.cpu ?? 0), 0)).toBeLessThanOrEqual(n.cpu);
          expect(here.reduce((a, p) => a + (p.memMi ?? 0), 0)).toBeLessThanOrEqual(n.memMi);
          expect(s.getNodeInfo(`n${i}`)?.requested.milliCPU).toBe(here.reduce((a, p) => a + (p.cpu ?? 0), 0));
        });
      }),
    );
  });

  it('should place the same pods on the same nodes for the same seed', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 6 }), fc.array(podArb, { minLength: 1, maxLength: 10 }), fc.integer(), (nodes, pods, seed) => {
        const run = (): string[] => {
          const s = build(nodes, []);
          const rng = createRng(seed);
          const profile = defaultProfile();
          let start = 0;
          return pods.map((g, i) => {
            const r = runSchedulingCycle(toPod(`p${i}`, g), s, profile, rng, { nextStartNodeIndex: start });
            start = r.nextStartNodeIndex;
            if (r.unschedulable) return `! ${r.message}`;
            s.upsertPod(toPod(`p${i}`, g, r.nodeName));
            return r.nodeName;
          });
        };
        expect(run()).toEqual(run());
      }),
    );
  });
});
