// How invalid objects are made: a valid object, copied, and one field broken in a way kube-apiserver's
// validation (src/api/validation) refuses, with the field path it reports.
import fc from 'fast-check';
import type { KubeObject } from '../../api/meta.ts';
import { dnsLabel } from './dnsLabel.ts';

/**
 * An object kube-apiserver must refuse with 422 Invalid, and the field path (`metadata.name`,
 * `spec.template.metadata.labels`, `spec.containers[0].image` …) that its `details.causes` name.
 * @public
 */
export interface InvalidObject<T extends KubeObject = KubeObject> {
  readonly object: T;
  /** The `details.causes[].field` the refusal must include. */
  readonly field: string;
  /** What was broken, for failure messages. */
  readonly problem: string;
}

/** Breaks a valid object: returns a broken copy and the field the API server reports. */
export type Breaker<T extends KubeObject> = fc.Arbitrary<(valid: T) => InvalidObject<T>>;

/** A {@link Breaker} from generated parameters and a mutation of the copy that returns the field path. */
export function breaker<T extends KubeObject, P>(problem: string, params: fc.Arbitrary<P>, mutate: (copy: T, params: P) => string): Breaker<T> {
  return params.map((p) => (valid: T): InvalidObject<T> => {
    const copy = structuredClone(valid);
    const field = mutate(copy, p);
    return { object: copy, field, problem };
  });
}

/** Index into a list of `length` (≥ 1) from any natural number. */
export const at = (n: number, length: number): number => n % Math.max(length, 1);

/** A label value kube-apiserver refuses. */
export const badLabelValue: fc.Arbitrary<string> = fc.oneof(
  dnsLabel({ maxLength: 20 }).map((l) => `-${l}`),
  dnsLabel({ maxLength: 20 }).map((l) => `${l}-`),
  dnsLabel({ maxLength: 20 }).map((l) => `${l} x`),
  fc.constantFrom('a'.repeat(64), 'ünïcode', 'a/b', 'a:b'),
);

/** An annotation key kube-apiserver refuses (annotation keys are checked lower-cased). */
export const badAnnotationKey: fc.Arbitrary<string> = fc.oneof(
  dnsLabel({ maxLength: 20 }).map((l) => `-${l}`),
  dnsLabel({ maxLength: 20 }).map((l) => `${l} x`),
  dnsLabel({ maxLength: 20 }).map((l) => `a/b/${l}`),
  fc.constantFrom('/x', 'x/', 'k'.repeat(64), 'a$b', 'example..com/x'),
);

/** A label key kube-apiserver refuses. */
export const badLabelKey: fc.Arbitrary<string> = fc.oneof(badAnnotationKey, dnsLabel({ maxLength: 20 }).map((l) => `Example.COM/${l}`));

/** Quantity strings resource.ParseQuantity refuses. */
export const badQuantity: fc.Arbitrary<string> = fc.constantFrom('lots', '1Kb', '1 Gi', '1.5.5', '--1', '', 'one', '1e', '0x10', '1,5', '2 cores');

/** Negative quantities (well-formed, refused as below zero). */
export const negativeQuantity: fc.Arbitrary<string> = fc.constantFrom('-1', '-500m', '-1Gi', '-0.5', '-1e3');
