// Resource arithmetic of the scheduler (upstream framework.Resource and resourcehelper.PodRequests):
// cpu in millicores, everything else in whole units (bytes for memory and storage).
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseQuantityOrZero, quantityToMilli, quantityToNumber } from '../api/quantity.ts';

/** Millicores a container without a cpu request counts as, for scoring only (upstream `DefaultMilliCPURequest`). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** Bytes a container without a memory request counts as, for scoring only (200Mi, upstream `DefaultMemoryRequest`). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/**
 * An amount of every resource: `milliCPU`, `memory`, `ephemeralStorage`, `allowedPodNumber` (the `pods`
 * resource) and `scalar` for extended resources, hugepages and the like.
 * @public
 */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Map<string, number>;
}

/** An all-zero {@link Resource}. */
export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

type ResourceListLike = Readonly<Record<string, string | number>> | undefined;

// A resource list as a map of amounts; cpu in millicores, the rest rounded up to whole units like Value().
function amountsOf(list: ResourceListLike): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = parseQuantityOrZero(raw);
    out.set(name, name === 'cpu' ? Number(quantityToMilli(q)) : quantityToNumber(q));
  }
  return out;
}

function toResource(amounts: ReadonlyMap<string, number>): Resource {
  const r = emptyResource();
  for (const [name, v] of amounts) {
    if (name === 'cpu') r.milliCPU += v;
    else if (name === 'memory') r.memory += v;
    else if (name === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (name === 'pods') r.allowedPodNumber += v;
    else r.scalar.set(name, (r.scalar.get(name) ?? 0) + v);
  }
  return r;
}

/** A `ResourceList` (e.g. `node.status.allocatable`) as a {@link Resource}. */
export function resourceFromList(list: ResourceListLike): Resource {
  return toResource(amountsOf(list));
}

function addInto(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

function containerRequests(c: Container, nonMissing: boolean): Map<string, number> {
  const reqs = amountsOf(c.resources?.requests);
  // Only a missing request gets the default; an explicit 0 stays 0 (upstream applyNonMissing).
  if (nonMissing) {
    if (!reqs.has('cpu')) reqs.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!reqs.has('memory')) reqs.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return reqs;
}

/**
 * The effective request of a pod (upstream `resourcehelper.PodRequests`): per resource
 * `max(Σ app containers + Σ sidecars, max over init containers (own + earlier sidecars)) + overhead`.
 * With `nonMissing`, a container without a cpu/memory request counts 100m / 200Mi.
 */
export function podRequestAmounts(pod: Pod, nonMissing = false): Map<string, number> {
  const reqs = new Map<string, number>();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, nonMissing));
  const sidecars = new Map<string, number>();
  const initMax = new Map<string, number>();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = containerRequests(c, nonMissing);
    let effective: Map<string, number>;
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod total and to every later init container.
      addInto(reqs, own);
      addInto(sidecars, own);
      effective = new Map(sidecars);
    } else {
      effective = new Map(own);
      addInto(effective, sidecars);
    }
    maxInto(initMax, effective);
  }
  maxInto(reqs, initMax);
  if (pod.spec?.overhead !== undefined) addInto(reqs, amountsOf(pod.spec.overhead));
  return reqs;
}

/** The effective request of a pod as a {@link Resource} (what NodeResourcesFit compares to allocatable). */
export function podRequests(pod: Pod): Resource {
  return toResource(podRequestAmounts(pod));
}

/** A pod's cpu (millicores) and memory (bytes) request with the 100m / 200Mi defaults for missing requests. */
export function podNonZeroRequests(pod: Pod): { readonly milliCPU: number; readonly memory: number } {
  const a = podRequestAmounts(pod, true);
  return { milliCPU: a.get('cpu') ?? 0, memory: a.get('memory') ?? 0 };
}

/** Adds (`sign` 1) or subtracts (`sign` -1) `r` into `into`. */
export function accumulateResource(into: Resource, r: Resource, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  into.allowedPodNumber += sign * r.allowedPodNumber;
  for (const [k, v] of r.scalar) {
    const next = (into.scalar.get(k) ?? 0) + sign * v;
    if (next === 0) into.scalar.delete(k);
    else into.scalar.set(k, next);
  }
}

/** The amount of one named resource (`cpu` in millicores). */
export function resourceAmount(r: Resource, name: string): number {
  switch (name) {
    case 'cpu':
      return r.milliCPU;
    case 'memory':
      return r.memory;
    case 'ephemeral-storage':
      return r.ephemeralStorage;
    case 'pods':
      return r.allowedPodNumber;
    default:
      return r.scalar.get(name) ?? 0;
  }
}
