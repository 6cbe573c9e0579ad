import type { InvariantFactory } from '../harnessTypes.ts';
import { describeObject } from './invariantHelpers.ts';

/**
 * No object ever has two owner references with `controller: true`, and no controller reference
 * points at an owner that does not exist when the reference is written (a stale uid — e.g. from
 * before a delete-and-recreate — makes the garbage collector delete the object or leave it orphaned).
 * @public
 */
export function atMostOneControllerOwner(): InvariantFactory {
  return () => ({
    name: 'at most one controller owner, and it exists',
    onChange(change, view) {
      if (change.type === 'DELETED') return undefined;
      const refs = (change.object.metadata?.ownerReferences ?? []).filter((r) => r.controller === true);
      if (refs.length > 1) return `${describeObject(change.object)} has ${refs.length} controller owners: ${refs.map((r) => `${r.kind}/${r.name}`).join(', ')}`;
      const ref = refs[0];
      const before = change.prev?.metadata?.ownerReferences?.find((r) => r.controller === true);
      if (ref === undefined || before?.uid === ref.uid) return undefined;
      const ns = change.object.metadata?.namespace;
      let owners;
      try {
        owners = view.list({ apiVersion: ref.apiVersion, kind: ref.kind }, ns);
      } catch {
        return undefined;
      }
      if (!owners.some((o) => o.metadata?.uid === ref.uid)) {
        const same = owners.find((o) => o.metadata?.name === ref.name);
        return `${describeObject(change.object)} was given controller owner ${ref.kind}/${ref.name} with uid ${ref.uid}, which does not exist${same !== undefined ? ` (${ref.name} now has uid ${same.metadata?.uid ?? '?'})` : ''}`;
      }
      return undefined;
    },
  });
}
