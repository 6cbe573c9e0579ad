import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import { conflict, isInvalid, isNotFound, notFound } from '../../api/status.ts';
import type { TypeRef } from '../../client/client.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';

/** Who claims, and how a candidate is judged. */
export interface ClaimSpec<T extends KubeObject> {
  /** The controller object as cached. */
  readonly owner: KubeObject;
  readonly ownerType: TypeRef;
  /** The controller reference adopted objects get. */
  readonly controllerRef: OwnerReference;
  /** The type of the claimed objects (`Pod`, `ReplicaSet`, `ControllerRevision`). */
  readonly objectType: TypeRef;
  /** Whether the object belongs (selector and any extra filter). */
  match(obj: T): boolean;
}

/**
 * Upstream `BaseControllerRefManager.ClaimObject` over a list: keeps objects it controls that still
 * match, releases those it controls that no longer match (unless it is being deleted), adopts matching
 * orphans that are not being deleted. Before the first adoption the owner is read live (an uncached
 * quorum read) and adoption is refused when it is gone or being deleted (`RecheckDeletionTimestamp`).
 * @returns the objects now controlled (adopted ones as written)
 */
export async function claimObjects<T extends KubeObject>(ctx: ReconcileContext, spec: ClaimSpec<T>, candidates: readonly T[]): Promise<T[]> {
  const ownerMeta = spec.owner.metadata ?? {};
  const plural = ctx.client.resource(spec.objectType).plural;
  const ownerUid = ownerMeta.uid ?? '';
  const namespace = ownerMeta.namespace;
  const nsOpt = namespace !== undefined ? { namespace } : {};
  let checked: Promise<void> | undefined;
  const canAdopt = (): Promise<void> =>
    (checked ??= ctx.client.get(spec.ownerType, ownerMeta.name ?? '', nsOpt).then((fresh) => {
      if (fresh.metadata.uid !== ownerUid) throw new Error(`original ${namespace ?? ''}/${ownerMeta.name ?? ''} is gone: got uid ${fresh.metadata.uid}, wanted ${ownerUid}`);
      if (fresh.metadata.deletionTimestamp !== undefined) throw new Error(`${namespace ?? ''}/${ownerMeta.name ?? ''} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }));
  const claimed: T[] = [];
  const errors: unknown[] = [];
  for (const obj of candidates) {
    const meta = obj.metadata ?? {};
    const ref = controllerOf(obj);
    const name = meta.name ?? '';
    if (ref !== undefined) {
      if (ref.uid !== ownerUid) continue;
      if (spec.match(obj)) {
        claimed.push(obj);
        continue;
      }
      if (ownerMeta.deletionTimestamp !== undefined) continue;
      try {
        await ctx.client.mutate(spec.objectType, name, (d: KubeObject) => {
          const m = d.metadata ?? {};
          if (m.uid !== meta.uid) throw notFound(plural, name);
          m.ownerReferences = (m.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
          if (m.ownerReferences.length === 0) delete m.ownerReferences;
        }, nsOpt);
      } catch (e) {
        if (!isNotFound(e) && !isInvalid(e)) errors.push(e);
      }
      continue;
    }
    if (ownerMeta.deletionTimestamp !== undefined || !spec.match(obj) || meta.deletionTimestamp !== undefined) continue;
    if (namespace !== undefined && namespace !== meta.namespace) continue;
    try {
      await canAdopt();
      const adopted = await ctx.client.mutate(spec.objectType, name, (d: KubeObject) => {
        const m = d.metadata ?? {};
        if (m.uid !== meta.uid) throw notFound(plural, name);
        const other = controllerOf(d);
        if (other !== undefined) throw conflict(plural, name, undefined, `already controlled by ${other.kind} ${other.name}`);
        m.ownerReferences = [...(m.ownerReferences ?? []), { ...spec.controllerRef }];
      }, nsOpt);
      claimed.push(adopted as unknown as T);
    } catch (e) {
      if (!isNotFound(e)) errors.push(e);
    }
  }
  const first = errors[0];
  if (first !== undefined) throw first instanceof Error ? first : new Error(JSON.stringify(first));
  return claimed;
}
