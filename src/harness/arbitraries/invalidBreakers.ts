// The valid base and the breakers of each kind invalidObject covers (kept apart so tests can run each breaker).
import type fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ConfigMap, Node, Pod, PodSpec, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { Breaker } from './breaker.ts';
import { configMap } from './configMap.ts';
import { configMapBreakers } from './configMapBreakers.ts';
import { deployment } from './deployment.ts';
import { metadataBreakers } from './metadataBreakers.ts';
import { node } from './node.ts';
import { nodeBreakers } from './nodeBreakers.ts';
import { pod } from './pod.ts';
import { podSpecBreakers } from './podSpecBreakers.ts';
import { replicaSet } from './replicaSet.ts';
import { service } from './service.ts';
import { serviceBreakers } from './serviceBreakers.ts';
import { deploymentBreakers, workloadBreakers } from './workloadBreakers.ts';

/** The kinds {@link invalidObject} can break. */
export type InvalidKind = 'Pod' | 'Deployment' | 'ReplicaSet' | 'Service' | 'ConfigMap' | 'Node';

/** Every kind {@link invalidObject} covers. */
export const INVALID_KINDS: readonly InvalidKind[] = ['Pod', 'Deployment', 'ReplicaSet', 'Service', 'ConfigMap', 'Node'];

/** A kind's valid objects and the ways to break them. */
export interface BreakPlan<T extends KubeObject = KubeObject> {
  readonly valid: fc.Arbitrary<T>;
  readonly breakers: readonly Breaker<T>[];
}

function podSpecOf(o: Pod): PodSpec {
  if (o.spec === undefined) throw new Error('generated Pods always have a spec');
  return o.spec;
}

function templateSpecOf(o: Deployment | ReplicaSet): PodSpec {
  const spec = o.spec?.template?.spec;
  if (spec === undefined) throw new Error('generated workloads always have a template spec');
  return spec;
}

// Small valid objects keep failures readable; every generated field still takes part.
const SMALL = { containers: { min: 1, max: 2 } } as const;

/** The valid arbitrary and breakers of `kind`, in `namespace` for namespaced kinds. */
export function breakPlan(kind: InvalidKind, namespace: string): BreakPlan {
  switch (kind) {
    case 'Pod':
      return { valid: pod({ ...SMALL, namespace }), breakers: [...metadataBreakers<Pod>('subdomain'), ...podSpecBreakers<Pod>({ path: 'spec', specOf: podSpecOf, template: false })] } as BreakPlan;
    case 'Deployment':
      return {
        valid: deployment({ namespace, template: SMALL }),
        breakers: [
          ...metadataBreakers<Deployment>('subdomain'),
          ...workloadBreakers<Deployment>(),
          ...deploymentBreakers(),
          ...podSpecBreakers<Deployment>({ path: 'spec.template.spec', specOf: templateSpecOf, template: true }),
        ],
      } as BreakPlan;
    case 'ReplicaSet':
      return {
        valid: replicaSet({ namespace, template: SMALL }),
        breakers: [...metadataBreakers<ReplicaSet>('subdomain'), ...workloadBreakers<ReplicaSet>(), ...podSpecBreakers<ReplicaSet>({ path: 'spec.template.spec', specOf: templateSpecOf, template: true })],
      } as BreakPlan;
    case 'Service':
      return { valid: service({ namespace }), breakers: [...metadataBreakers<Service>('dns1035'), ...serviceBreakers()] } as BreakPlan;
    case 'ConfigMap':
      return { valid: configMap({ namespace }), breakers: [...metadataBreakers<ConfigMap>('subdomain'), ...configMapBreakers()] } as BreakPlan;
    case 'Node':
      return { valid: node(), breakers: [...metadataBreakers<Node>('subdomain'), ...nodeBreakers()] } as BreakPlan;
  }
}
