import type { TypeRef } from '../../client/client.ts';
import type { InvariantFactory } from '../harnessTypes.ts';
import { describeObject } from './invariantHelpers.ts';

function at(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const part of path.split('.')) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  return cur;
}

/** Options of {@link phaseNeverGoesBack}. */
export interface PhaseOrderOptions {
  /** The type watched (default Pod). */
  readonly type?: TypeRef;
  /** Where the phase is (default `status.phase`). */
  readonly path?: string;
  /** Phases in lifecycle order; phases of equal rank share an entry (default Pod: Pending, Running, Succeeded|Failed). */
  readonly order?: readonly (string | readonly string[])[];
}

/**
 * An object's phase only moves forward through `order` (Pod: Pending → Running → Succeeded |
 * Failed, never back), for the same uid. Unknown (a lost node) and phases not in `order` are skipped.
 * @public
 */
export function phaseNeverGoesBack(options: PhaseOrderOptions = {}): InvariantFactory {
  const type = options.type ?? 'Pod';
  const path = options.path ?? 'status.phase';
  const order = options.order ?? ['Pending', 'Running', ['Succeeded', 'Failed']];
  const rank = new Map<string, number>();
  order.forEach((p, i) => (typeof p === 'string' ? [p] : p).forEach((x) => rank.set(x, i)));
  return () => ({
    name: `${path} never goes back`,
    onChange(change, view) {
      if (change.type !== 'MODIFIED' || change.prev === undefined || !view.isA(change.object, type)) return undefined;
      if (change.prev.metadata?.uid !== change.object.metadata?.uid) return undefined;
      const from = at(change.prev, path);
      const to = at(change.object, path);
      if (typeof from !== 'string' || typeof to !== 'string' || from === to) return undefined;
      const a = rank.get(from);
      const b = rank.get(to);
      if (a !== undefined && b !== undefined && b < a) return `${describeObject(change.object)}: ${path} went back from ${from} to ${to}`;
      if (a !== undefined && b !== undefined && a === b && a === order.length - 1) return `${describeObject(change.object)}: ${path} changed from ${from} to ${to} after finishing`;
      return undefined;
    },
  });
}
