import { canonicalState } from './canonicalState.ts';
import type { CheckOptions } from './harnessTypes.ts';
import type { HarnessWorld } from './harnessWorld.ts';
import { primaries } from './harnessWorld.ts';
import type { TypeRef } from '../client/client.ts';

const STEP_MS = 5_000;

function unmet(world: HarnessWorld, check: CheckOptions): string | undefined {
  for (const obj of primaries(world)) {
    const name = `${obj.kind ?? ''} ${obj.metadata?.namespace !== undefined ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name ?? ''}`;
    if (obj.metadata?.deletionTimestamp !== undefined) return `${name} is still being deleted (finalizers: ${JSON.stringify(obj.metadata.finalizers ?? [])})`;
    let ok: true | string;
    try {
      ok = check.matches(obj, world.view);
    } catch (e) {
      ok = `matches() threw: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (ok !== true) return `${name}: ${ok}`;
  }
  if (check.steadyState !== undefined) {
    const ok = check.steadyState(world.view);
    if (ok !== true) return ok;
  }
  return undefined;
}

/**
 * The eventually-stable-reconciliation oracle (Anvil's ESR, bounded): once faults have ended,
 * every primary object that exists (and is not being deleted) must match within `settleMs`, every
 * deletion must finish, and this must keep holding for `stableMs`. While it holds, the controller
 * must not keep rewriting the cluster (the oscillation detector: a state seen before coming back
 * after a different one, or more than `maxWrites` writes).
 * @internal
 */
export async function eventuallyStable(world: HarnessWorld, check: CheckOptions, compared: readonly TypeRef[]): Promise<string | undefined> {
  const clock = world.cluster.clock;
  const settleMs = check.settleMs ?? 10 * 60_000;
  const stableMs = check.stableMs ?? 2 * 60_000;
  const start = clock.now();
  let why = unmet(world, check);
  while (why !== undefined && clock.now() - start < settleMs && world.violation() === undefined) {
    await world.pump(STEP_MS);
    why = unmet(world, check);
  }
  if (world.violation() !== undefined) return undefined;
  if (why !== undefined) return `not eventually stable: ${settleMs / 1000} s after the last fault the desired state still does not hold — ${why}`;
  const stableFrom = clock.now();
  const writesBefore = world.controller.writes().length;
  const hashes: string[] = [];
  const hash = (): string => JSON.stringify([...canonicalState(world.view, compared, [], world.objectNamespace)]);
  hashes.push(hash());
  while (clock.now() - stableFrom < stableMs && world.violation() === undefined) {
    await world.pump(STEP_MS);
    const again = unmet(world, check);
    if (again !== undefined) return `not stable: the desired state held at +${((stableFrom - start) / 1000).toFixed(0)} s but stopped holding ${((clock.now() - stableFrom) / 1000).toFixed(0)} s later — ${again}`;
    hashes.push(hash());
  }
  if (check.oscillation !== false) {
    const writes = world.controller.writes().slice(writesBefore);
    const maxWrites = check.oscillation?.maxWrites ?? 30;
    const period = cyclePeriod(hashes);
    if (period !== undefined && writes.length > 0) {
      return `oscillation: while the desired state held, the cluster went back to an earlier state after ${period} steps of ${STEP_MS / 1000} s (${writes.length} controller writes in ${stableMs / 1000} s, last: ${writes.slice(-3).map((w) => `${w.verb} ${w.resource}/${w.name}`).join(', ')})`;
    }
    if (writes.length > maxWrites) {
      return `oscillation: the controller kept writing while the desired state held (${writes.length} writes in ${stableMs / 1000} s, more than ${maxWrites}; last: ${writes.slice(-3).map((w) => `${w.verb} ${w.resource}/${w.name}`).join(', ')})`;
    }
  }
  return undefined;
}

/** The period of the first return to an earlier, different state (A … B … A), if any. */
export function cyclePeriod(states: readonly string[]): number | undefined {
  const lastSeen = new Map<string, number>();
  for (let i = 0; i < states.length; i++) {
    const s = states[i] as string;
    const j = lastSeen.get(s);
    if (j !== undefined && j < i - 1 && states.slice(j + 1, i).some((x) => x !== s)) return i - j;
    lastSeen.set(s, i);
  }
  return undefined;
}
