import fc from 'fast-check';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { selectorWithLabels } from './labelSelector.ts';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { podTemplateSpec, withoutRestartPolicy, type PodSpecOptions } from './podSpec.ts';
import { maybe, shape } from './shape.ts';

/** What {@link replicaSet} generates. */
export interface ReplicaSetOptions extends NamespaceOption {
  /** Bounds of `spec.replicas` (default 0 to 10; sometimes left out, defaulted to 1). */
  readonly replicas?: { readonly min?: number; readonly max?: number };
  /** Pod template options (restartPolicy is always `Always` or left out). */
  readonly template?: Omit<PodSpecOptions, 'restartPolicy'>;
}

/**
 * ReplicaSets kube-apiserver accepts: a non-empty selector matching the template's labels, replicas,
 * sometimes `minReadySeconds`.
 * @example
 * fc.assert(fc.asyncProperty(replicaSet({ replicas: { min: 1, max: 3 } }), async (rs) => {
 *   await cluster.client.create(rs);
 * }));
 * @public
 */
export function replicaSet(options: ReplicaSetOptions = {}): fc.Arbitrary<ReplicaSet> {
  const replicas = fc.integer({ min: options.replicas?.min ?? 0, max: options.replicas?.max ?? 10 });
  return fc
    .record(
      {
        metadata: objectMeta('ReplicaSet', options.namespace ?? 'default'),
        selected: selectorWithLabels({ nonEmpty: true }),
        restart: fc.boolean(),
        spec: shape({ replicas: options.replicas !== undefined ? replicas : maybe(replicas), minReadySeconds: maybe(fc.integer({ min: 0, max: 300 })) }),
      },
      { noNullPrototype: true },
    )
    .chain(({ metadata, selected, restart, spec }) =>
      podTemplateSpec(selected.labels, { ...options.template, restartPolicy: 'Always' }).map((template): ReplicaSet => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata,
        spec: { ...spec, selector: selected.selector, template: restart ? template : withoutRestartPolicy(template) },
      })),
    );
}
