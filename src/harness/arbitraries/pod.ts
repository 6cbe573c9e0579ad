import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { podSpec, type PodSpecOptions } from './podSpec.ts';
import { maybe } from './shape.ts';

/** What {@link pod} generates. */
export interface PodOptions extends PodSpecOptions, NamespaceOption {}

/**
 * Pods kube-apiserver accepts on create: valid metadata (see {@link objectMeta}) around a
 * {@link podSpec}, sometimes with `activeDeadlineSeconds`. No status, no nodeName (pods are left for
 * the scheduler).
 * @example
 * fc.assert(fc.asyncProperty(pod({ restartPolicy: 'Never' }), async (p) => {
 *   await cluster.client.create(p);
 * }));
 * @public
 */
export function pod(options: PodOptions = {}): fc.Arbitrary<Pod> {
  return fc
    .record({ metadata: objectMeta('Pod', options.namespace ?? 'default'), spec: podSpec(options), deadline: maybe(fc.integer({ min: 1, max: 86_400 }), 0.2) }, { noNullPrototype: true })
    .map(({ metadata, spec, deadline }) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: deadline !== undefined ? { ...spec, activeDeadlineSeconds: deadline } : spec,
    }));
}
