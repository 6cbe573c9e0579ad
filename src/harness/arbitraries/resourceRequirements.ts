import fc from 'fast-check';
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { CPU_STEPS, cpuForms, MEMORY_STEPS, memoryForms, roundAmount } from './quantityForms.ts';

/** The container resources {@link resourceRequirements} sets. */
export type ContainerResourceName = 'cpu' | 'memory';

/** What {@link resourceRequirements} generates. */
export interface ResourceRequirementsOptions {
  /** Resources that may appear (default both `cpu` and `memory`). */
  readonly resources?: readonly ContainerResourceName[];
  /** Largest CPU amount in millicores (default 8 000). */
  readonly maxCpuMillis?: number;
  /** Largest memory amount in bytes (default 16 GiB). */
  readonly maxMemoryBytes?: number;
  /** Only canonical quantity spellings (`true`), only others (`false`), or both (default). */
  readonly canonical?: boolean;
}

type Presence = 'none' | 'request' | 'limit' | 'both';

/**
 * Container `resources` kube-apiserver accepts: for each resource a request, a limit, both (request ≤
 * limit, in any mix of spellings) or neither. A Pod whose container has a limit and no request gets the
 * limit as its request when defaulted, as upstream.
 * @example
 * const c = fc.record({ name: dnsLabel(), image: fc.constant('nginx'), resources: resourceRequirements({ resources: ['cpu'] }) });
 * @public
 */
export function resourceRequirements(options: ResourceRequirementsOptions = {}): fc.Arbitrary<ResourceRequirements> {
  const names = options.resources ?? ['cpu', 'memory'];
  const perResource = names.map((name) => {
    const amount = name === 'cpu' ? roundAmount(0, options.maxCpuMillis ?? 8000, CPU_STEPS) : roundAmount(0, options.maxMemoryBytes ?? 16 * 1024 ** 3, MEMORY_STEPS);
    const text = (n: bigint): fc.Arbitrary<string> => (name === 'cpu' ? cpuForms(n, options.canonical) : memoryForms(n, options.canonical));
    return fc
      .record({ presence: fc.constantFrom<Presence>('none', 'request', 'limit', 'both'), a: amount, b: amount })
      .chain(({ presence, a, b }) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return fc.record({ request: text(lo), limit: text(hi) }).map(({ request, limit }) => ({ name, presence, request, limit }));
      });
  });
  return fc.tuple(...perResource).map((entries) => {
    const requests: Record<string, string> = {};
    const limits: Record<string, string> = {};
    for (const e of entries) {
      if (e.presence === 'request' || e.presence === 'both') requests[e.name] = e.request;
      if (e.presence === 'limit' || e.presence === 'both') limits[e.name] = e.limit;
    }
    return { ...(Object.keys(requests).length > 0 ? { requests } : {}), ...(Object.keys(limits).length > 0 ? { limits } : {}) };
  });
}
