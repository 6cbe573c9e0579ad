import fc from 'fast-check';
import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import { labelKey, labels, labelValue } from './labels.ts';
import { objectName } from './objectName.ts';
import { CPU_STEPS, cpuForms, MEMORY_STEPS, memoryForms, roundAmount } from './quantityForms.ts';
import { maybe } from './shape.ts';

/** What {@link node} generates. */
export interface NodeOptions {
  /** `spec.taints`: always (`true`, at least one), never (`false`) or sometimes (default). */
  readonly taints?: boolean;
  /** Largest CPU capacity in millicores (default 64 000). */
  readonly maxCpuMillis?: number;
  /** Largest memory capacity in bytes (default 256 GiB). */
  readonly maxMemoryBytes?: number;
  /** Largest pod capacity (default 250). */
  readonly maxPods?: number;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/**
 * Node taints kube-apiserver accepts: a label key, a label value or none, and an effect.
 * @example
 * fc.assert(fc.property(taint(), (t) => ['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)));
 * @public
 */
export function taint(): fc.Arbitrary<Taint> {
  return fc
    .record({ key: labelKey(), value: maybe(labelValue()), effect: fc.constantFrom(...EFFECTS) }, { noNullPrototype: true })
    .map(({ key, value, effect }) => ({ key, ...(value !== undefined ? { value } : {}), effect }));
}

// A capacity and an allocatable amount not above it, each in some spelling.
function capacityPair(max: number, steps: readonly number[], forms: (n: bigint) => fc.Arbitrary<string>, min = 0): fc.Arbitrary<[string, string]> {
  return fc.tuple(roundAmount(min, max, steps), fc.integer({ min: 0, max: 100 })).chain(([cap, pct]) => {
    const alloc = (cap * BigInt(pct)) / 100n;
    return fc.tuple(forms(cap), forms(alloc));
  });
}

/**
 * Nodes kube-apiserver accepts: a DNS-subdomain name; labels (sometimes the well-known hostname, os
 * and arch ones); taints unique by key and effect; sometimes `unschedulable`; addresses; `cpu`,
 * `memory`, `pods` and `ephemeral-storage` capacity with allocatable amounts not above it.
 * @example
 * fc.assert(fc.asyncProperty(node({ taints: true }), async (n) => {
 *   await cluster.client.create(n);
 * }));
 * @public
 */
export function node(options: NodeOptions = {}): fc.Arbitrary<Node> {
  const taints = fc.uniqueArray(taint(), { minLength: options.taints === true ? 1 : 0, maxLength: 3, selector: (t) => `${t.key}\u0000${t.effect}` });
  return fc
    .record(
      {
        name: objectName('Node'),
        labels: maybe(labels({ minKeys: 1, maxKeys: 3 })),
        wellKnown: fc.boolean(),
        taints: options.taints === false ? fc.constant<Taint[]>([]) : options.taints === true ? taints : maybe(taints).map((t) => t ?? []),
        unschedulable: maybe(fc.boolean(), 0.2),
        ip: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })),
        cpu: capacityPair(options.maxCpuMillis ?? 64_000, CPU_STEPS, (n) => cpuForms(n, undefined), 1000),
        memory: capacityPair(options.maxMemoryBytes ?? 256 * 1024 ** 3, MEMORY_STEPS, (n) => memoryForms(n, undefined), 1024 ** 3),
        storage: capacityPair(1024 ** 4, MEMORY_STEPS, (n) => memoryForms(n, undefined), 1024 ** 3),
        pods: fc.integer({ min: 1, max: options.maxPods ?? 250 }).chain((cap) => fc.tuple(fc.constant(cap), fc.integer({ min: 0, max: cap }))),
      },
      { noNullPrototype: true },
    )
    .map((r): Node => {
      const nodeLabels = { ...(r.wellKnown ? { 'kubernetes.io/hostname': r.name.slice(0, 63).replace(/[^A-Za-z0-9]+$/, ''), 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } : {}), ...r.labels };
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: r.name, ...(Object.keys(nodeLabels).length > 0 ? { labels: nodeLabels } : {}) },
        spec: { ...(r.taints.length > 0 ? { taints: r.taints } : {}), ...(r.unschedulable !== undefined ? { unschedulable: r.unschedulable } : {}) },
        status: {
          capacity: { cpu: r.cpu[0], memory: r.memory[0], pods: String(r.pods[0]), 'ephemeral-storage': r.storage[0] },
          allocatable: { cpu: r.cpu[1], memory: r.memory[1], pods: String(r.pods[1]), 'ephemeral-storage': r.storage[1] },
          addresses: [
            { type: 'InternalIP', address: `10.${r.ip[0]}.${r.ip[1]}.${r.ip[2]}` },
            { type: 'Hostname', address: r.name },
          ],
        },
      };
    });
}
