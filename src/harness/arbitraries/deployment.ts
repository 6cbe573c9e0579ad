import fc from 'fast-check';
import type { Deployment, DeploymentStrategy } from 'kubernetes-types/apps/v1.js';
import { selectorWithLabels } from './labelSelector.ts';
import { objectMeta, type NamespaceOption } from './objectMeta.ts';
import { podTemplateSpec, withoutRestartPolicy, type PodSpecOptions } from './podSpec.ts';
import { maybe, shape } from './shape.ts';

/** A Deployment's update strategy type. */
export type DeploymentStrategyType = 'RollingUpdate' | 'Recreate';

/** What {@link deployment} generates. */
export interface DeploymentOptions extends NamespaceOption {
  /** Bounds of `spec.replicas` (default 0 to 10; sometimes left out, defaulted to 1). */
  readonly replicas?: { readonly min?: number; readonly max?: number };
  /** Strategy type: one, or (default) either or none (defaulted to RollingUpdate 25%/25%). */
  readonly strategy?: DeploymentStrategyType;
  /** Pod template options (restartPolicy is always `Always` or left out, as Deployments require). */
  readonly template?: Omit<PodSpecOptions, 'restartPolicy'>;
}

// maxSurge / maxUnavailable: an int or a percentage; maxUnavailable at most 100%.
const intOrPercent = (maxPercent: number): fc.Arbitrary<number | string> =>
  fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: maxPercent }).map((n) => `${n}%`));

const isZero = (v: number | string | undefined): boolean => v === 0 || v === '0%';

/**
 * Deployment strategies kube-apiserver accepts: Recreate, or RollingUpdate with `maxSurge` and
 * `maxUnavailable` as integers or percentages (not both zero, maxUnavailable ≤ 100%), either left
 * out to default to 25%.
 * @example
 * fc.assert(fc.property(deploymentStrategy('RollingUpdate'), (s) => s.type === 'RollingUpdate'));
 * @public
 */
export function deploymentStrategy(type?: DeploymentStrategyType): fc.Arbitrary<DeploymentStrategy> {
  const recreate = fc.constant<DeploymentStrategy>({ type: 'Recreate' });
  const rolling = fc
    .record({ explicitType: fc.boolean(), maxSurge: maybe(intOrPercent(200)), maxUnavailable: maybe(intOrPercent(100)) }, { noNullPrototype: true })
    .filter(({ maxSurge, maxUnavailable }) => !(isZero(maxSurge) && isZero(maxUnavailable)))
    .map(({ explicitType, maxSurge, maxUnavailable }): DeploymentStrategy => {
      const rollingUpdate = { ...(maxSurge !== undefined ? { maxSurge } : {}), ...(maxUnavailable !== undefined ? { maxUnavailable } : {}) };
      return { ...(explicitType || type === 'RollingUpdate' ? { type: 'RollingUpdate' } : {}), ...(Object.keys(rollingUpdate).length > 0 ? { rollingUpdate } : {}) };
    });
  if (type === 'Recreate') return recreate;
  if (type === 'RollingUpdate') return rolling;
  return fc.oneof(recreate, rolling);
}

/**
 * Deployments kube-apiserver accepts: a non-empty selector matching the pod template's labels (mixing
 * `matchLabels` and `matchExpressions`), replicas, a strategy (see {@link deploymentStrategy}),
 * `minReadySeconds` below `progressDeadlineSeconds`, `revisionHistoryLimit`, sometimes `paused`.
 * @example
 * fc.assert(fc.asyncProperty(deployment({ strategy: 'Recreate' }), async (d) => {
 *   const stored = await cluster.client.create(d);
 *   expect(stored.spec?.strategy?.type).toBe('Recreate');
 * }));
 * @public
 */
export function deployment(options: DeploymentOptions = {}): fc.Arbitrary<Deployment> {
  const replicas = fc.integer({ min: options.replicas?.min ?? 0, max: options.replicas?.max ?? 10 });
  return fc
    .record(
      {
        metadata: objectMeta('Deployment', options.namespace ?? 'default'),
        selected: selectorWithLabels({ nonEmpty: true }),
        restart: fc.boolean(),
        spec: shape({
          replicas: options.replicas !== undefined ? replicas : maybe(replicas),
          strategy: options.strategy !== undefined ? deploymentStrategy(options.strategy) : maybe(deploymentStrategy()),
          minReadySeconds: maybe(fc.integer({ min: 0, max: 300 })),
          // Above any minReadySeconds generated (when left out it defaults to 600).
          progressDeadlineSeconds: maybe(fc.integer({ min: 301, max: 3600 })),
          revisionHistoryLimit: maybe(fc.integer({ min: 0, max: 20 })),
          paused: maybe(fc.boolean(), 0.2),
        }),
      },
      { noNullPrototype: true },
    )
    .chain(({ metadata, selected, restart, spec }) =>
      podTemplateSpec(selected.labels, { ...options.template, restartPolicy: 'Always' }).map((template): Deployment => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: { ...spec, selector: selected.selector, template: restart ? template : withoutRestartPolicy(template) },
      })),
    );
}
