import type { KubeObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import type { TypeRef } from '../../client/client.ts';
import type { InvariantFactory } from '../harnessTypes.ts';
import { isActive } from './invariantHelpers.ts';

/** Options of {@link ownedCountBound}. */
export interface OwnedCountBoundOptions {
  /** The owner type (its objects are the controller owners). */
  readonly owner: TypeRef;
  /** The owned type counted. */
  readonly owned: TypeRef;
  /** The most active owned objects an owner may have right after one of them is created. */
  readonly max: (owner: KubeObject) => number;
  readonly name?: string;
}

/**
 * Never more active owned objects than `max(owner)` at the moment one is created: a controller
 * that double-creates (no expectations, a stale cache, a crash between writes) breaks it. Terminating
 * objects and finished pods do not count.
 * @example
 * ownedCountBound({ owner: 'ReplicaSet', owned: 'Pod', max: (rs) => rs.spec.replicas ?? 1 })
 * @public
 */
export function ownedCountBound(options: OwnedCountBoundOptions): InvariantFactory {
  return () => ({
    name: options.name ?? `at most max(owner) active ${String(typeof options.owned === 'string' ? options.owned : 'owned')} objects per ${String(typeof options.owner === 'string' ? options.owner : 'owner')}`,
    onChange(change, view) {
      if (change.type !== 'ADDED' || !view.isA(change.object, options.owned)) return undefined;
      const ref = controllerOf(change.object);
      if (ref === undefined) return undefined;
      const owner = view.list(options.owner, change.object.metadata?.namespace).find((o) => o.metadata?.uid === ref.uid);
      if (owner === undefined) return undefined;
      const active = view.ownedBy(owner, options.owned).filter(isActive);
      const max = options.max(owner);
      if (active.length > max) {
        return `${owner.kind} ${owner.metadata?.name ?? ''} has ${active.length} active ${change.object.kind ?? ''} objects after ${change.object.metadata?.name ?? ''} was created, at most ${max} allowed (${active.map((o) => o.metadata?.name).join(', ')})`;
      }
      return undefined;
    },
  });
}
