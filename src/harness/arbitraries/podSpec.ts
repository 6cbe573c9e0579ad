import fc from 'fast-check';
import type { Container, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js';
import { container, type ContainerOptions } from './container.ts';
import { labelKey, labels, labelValue } from './labels.ts';
import { maybe, shape } from './shape.ts';

/** A pod restart policy. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

/** What {@link podSpec} generates. */
export interface PodSpecOptions {
  /** How many containers: exactly `n`, or between `min` (default 1) and `max` (default 3). */
  readonly containers?: number | { readonly min?: number; readonly max?: number };
  /** Container `resources`: always (`true`), never (`false`) or sometimes (default). */
  readonly resources?: boolean;
  /** Further options of every container (name excepted: names are generated unique). */
  readonly container?: Omit<ContainerOptions, 'name' | 'resources'>;
  /** `restartPolicy`: one policy, a choice of them, or (default) any of the three or none (defaulted to `Always`). */
  readonly restartPolicy?: RestartPolicy | readonly RestartPolicy[];
  /** `nodeSelector` and `tolerations`: sometimes (default) or never (`false`). */
  readonly scheduling?: boolean;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

/**
 * Tolerations kube-apiserver accepts: `Equal` with a key and value, or `Exists` with or without a
 * key; `tolerationSeconds` only with the `NoExecute` effect.
 * @example
 * fc.assert(fc.property(toleration(), (t) => t.tolerationSeconds === undefined || t.effect === 'NoExecute'));
 * @public
 */
export function toleration(): fc.Arbitrary<Toleration> {
  return fc
    .record(
      {
        key: labelKey(),
        exists: fc.boolean(),
        keyless: fc.boolean(),
        explicitEqual: fc.boolean(),
        value: labelValue(),
        effect: maybe(fc.constantFrom(...EFFECTS)),
        seconds: maybe(fc.integer({ min: 0, max: 3600 })),
      },
      { noNullPrototype: true },
    )
    .map(({ key, exists, keyless, explicitEqual, value, effect, seconds }) => {
      const base: Toleration = exists
        ? { ...(keyless ? {} : { key }), operator: 'Exists' }
        : { key, ...(explicitEqual ? { operator: 'Equal' } : {}), value };
      return { ...base, ...(effect !== undefined ? { effect } : {}), ...(effect === 'NoExecute' && seconds !== undefined ? { tolerationSeconds: seconds } : {}) };
    });
}

function containerCount(c: PodSpecOptions['containers']): { minLength: number; maxLength: number } {
  if (typeof c === 'number') return { minLength: c, maxLength: c };
  const minLength = c?.min ?? 1;
  return { minLength, maxLength: Math.max(c?.max ?? 3, minLength) };
}

/** The containers of a pod: names unique. */
function containers(options: PodSpecOptions): fc.Arbitrary<Container[]> {
  const { minLength, maxLength } = containerCount(options.containers);
  if (minLength < 1) throw new RangeError('a pod needs at least one container');
  const one = container({ ...options.container, ...(options.resources !== undefined ? { resources: options.resources } : {}) });
  return fc.uniqueArray(one, { minLength, maxLength, selector: (c) => c.name });
}

function restartPolicy(p: PodSpecOptions['restartPolicy']): fc.Arbitrary<RestartPolicy | undefined> {
  if (p === undefined) return maybe(fc.constantFrom<RestartPolicy>('Always', 'OnFailure', 'Never'));
  if (typeof p === 'string') return fc.constant(p);
  return fc.constantFrom(...p);
}

/**
 * Pod specs kube-apiserver accepts: uniquely named containers, and optionally a restart policy,
 * DNS policy, grace period, node selector and tolerations.
 * @example
 * fc.assert(fc.property(podSpec({ containers: 2, restartPolicy: 'Never' }), (s) => s.containers.length === 2 && s.restartPolicy === 'Never'));
 * @public
 */
export function podSpec(options: PodSpecOptions = {}): fc.Arbitrary<PodSpec> {
  const scheduling = options.scheduling !== false;
  return shape({
    containers: containers(options),
    restartPolicy: restartPolicy(options.restartPolicy),
    dnsPolicy: maybe(fc.constantFrom('ClusterFirst', 'Default', 'ClusterFirstWithHostNet'), 0.3),
    terminationGracePeriodSeconds: maybe(fc.integer({ min: 0, max: 600 }), 0.3),
    nodeSelector: scheduling ? maybe(labels({ minKeys: 1, maxKeys: 2 }), 0.3) : fc.constant(undefined),
    tolerations: scheduling ? maybe(fc.array(toleration(), { minLength: 1, maxLength: 3 }), 0.3) : fc.constant(undefined),
  });
}

/** A pod template with these labels (and sometimes annotations) around a generated pod spec. */
export function podTemplateSpec(templateLabels: Readonly<Record<string, string>>, options: PodSpecOptions): fc.Arbitrary<PodTemplateSpec> {
  return fc
    .record({ spec: podSpec(options), annotations: maybe(fc.dictionary(labelKey(), fc.string({ maxLength: 20 }), { minKeys: 1, maxKeys: 2, noNullPrototype: true }), 0.3) }, { noNullPrototype: true })
    .map(({ spec, annotations }) => ({ metadata: { labels: { ...templateLabels }, ...(annotations !== undefined ? { annotations } : {}) }, spec }));
}

/** The template with `restartPolicy` left out (defaulted to Always). */
export function withoutRestartPolicy<T extends { spec?: { restartPolicy?: string } }>(template: T): T {
  if (template.spec === undefined) return template;
  const { restartPolicy: _, ...spec } = template.spec;
  return { ...template, spec };
}
