import fc from 'fast-check';
import type { KubeObject } from '../../api/meta.ts';
import type { Breaker, InvalidObject } from './breaker.ts';
import { breakPlan, INVALID_KINDS, type BreakPlan, type InvalidKind } from './invalidBreakers.ts';
import type { NamespaceOption } from './objectMeta.ts';

/** One valid object of the plan, broken by one of its breakers. */
export function broken(plan: BreakPlan, breakers: readonly Breaker<KubeObject>[] = plan.breakers): fc.Arbitrary<InvalidObject> {
  return fc.tuple(plan.valid, fc.oneof(...breakers)).map(([valid, breakIt]) => breakIt(valid));
}

/**
 * Objects kube-apiserver must refuse with 422 Invalid, each with the field path its
 * `details.causes` must name. Each is a valid object (as the valid arbitraries make them) with one
 * thing broken, among: bad names, labels, annotations and finalizers; for Pods and pod templates no
 * containers, a missing image, a bad or duplicate container name, ports out of range or with an
 * unknown protocol, duplicate port names, a request above its limit, malformed or negative
 * quantities, bad env names, unknown pull / restart / DNS policies, bad tolerations and node
 * selectors; for Deployments and ReplicaSets negative replicas, a selector missing, empty, invalid or
 * not matching the template labels, bad template labels, and bad strategies; for Services ports
 * missing, out of range, unnamed or duplicate, unknown type or session affinity, bad selectors and
 * target ports, nodePort on ClusterIP, ExternalName without a name; for ConfigMaps bad or clashing
 * keys; for Nodes bad capacity and taints. Only what the project's API server enforces is generated.
 * @example
 * fc.assert(fc.asyncProperty(invalidObject('Deployment'), async ({ object, field }) => {
 *   const e = await cluster.client.create(object).then(() => undefined, (err: unknown) => err);
 *   expect(isInvalid(e) && e.causes.some((c) => c.field === field)).toBe(true);
 * }));
 * @public
 */
export function invalidObject(kind?: InvalidKind | readonly InvalidKind[], options: NamespaceOption = {}): fc.Arbitrary<InvalidObject> {
  const kinds = kind === undefined ? INVALID_KINDS : typeof kind === 'string' ? [kind] : kind;
  if (kinds.length === 0) throw new RangeError('invalidObject: no kind given');
  const namespace = options.namespace ?? 'default';
  return fc.oneof(...kinds.map((k) => broken(breakPlan(k, namespace))));
}
