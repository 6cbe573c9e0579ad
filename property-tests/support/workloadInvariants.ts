// Invariants the built-in workload controller suites share: the harness library's ones, narrowed or
// parameterised to what the upstream controllers actually guarantee.
import type { KubeObject } from '../../src/api/meta.ts';
import type { TypeRef } from '../../src/client/client.ts';
import type { InvariantFactory } from '../../src/harness/harnessTypes.ts';
import { atMostOneControllerOwner, ownedCountBound } from '../../src/harness/invariants/index.ts';
import { describeObject } from '../../src/harness/invariants/invariantHelpers.ts';

/**
 * `atMostOneControllerOwner`, with its "the owner exists" half kept for adoption (a MODIFIED object
 * gaining a controller reference) and dropped for creation. Upstream controllers create from their
 * informer cache: when the owner was deleted a moment ago and the pod watch delivered the garbage
 * collector's deletions before the owner watch delivered the owner's, the ReplicaSet controller
 * creates a replacement pod with the old uid, and the garbage collector removes it (kubernetes
 * `pkg/controller/replicaset/replica_set.go` syncReplicaSet reads the ReplicaSet from its lister only;
 * kube-apiserver does not check that owners exist). Adoption is different: `ClaimPods` re-reads the
 * owner with a quorum read first (`RecheckDeletionTimestamp`), so adopting for a gone uid is a bug.
 */
export function controllerOwnerOnAdoption(): InvariantFactory {
  return () => {
    const inner = atMostOneControllerOwner()();
    const single = singleControllerOwner()();
    return {
      name: inner.name,
      onChange: (change, view) => (change.type === 'ADDED' ? single.onChange?.(change, view) : inner.onChange?.(change, view)),
    };
  };
}

/**
 * The first half of `atMostOneControllerOwner` only: no object ever has two controller references.
 * For controllers that write owner references from their cache on every update (the EndpointSlice
 * controller sets its Service's uid on each slice it writes, with no quorum re-read), where a
 * reference to an owner deleted a moment ago is upstream behaviour that the garbage collector cleans up.
 */
export function singleControllerOwner(): InvariantFactory {
  return () => ({
    name: 'at most one controller owner',
    onChange(change) {
      if (change.type === 'DELETED') return undefined;
      const refs = (change.object.metadata?.ownerReferences ?? []).filter((r) => r.controller === true);
      return refs.length > 1 ? `${describeObject(change.object)} has ${refs.length} controller owners: ${refs.map((r) => `${r.kind}/${r.name}`).join(', ')}` : undefined;
    },
  });
}

/**
 * `ownedCountBound` with the largest size an owner (by uid) ever asked for as the bound: a create
 * decided from a cached version may land after a concurrent scale-down (upstream acts on its cache),
 * but expectations never let a controller create past what some version of its owner asked for.
 */
export function peakSizeBound(options: { readonly owner: TypeRef; readonly owned: TypeRef; readonly size: (owner: KubeObject) => number; readonly name: string }): InvariantFactory {
  return () => {
    const peak = new Map<string, number>();
    const bound = ownedCountBound({ owner: options.owner, owned: options.owned, max: (o) => peak.get(o.metadata?.uid ?? '') ?? options.size(o), name: options.name })();
    return {
      name: bound.name,
      onChange(change, view) {
        if (change.type !== 'DELETED' && view.isA(change.object, options.owner)) {
          const uid = change.object.metadata?.uid ?? '';
          peak.set(uid, Math.max(peak.get(uid) ?? 0, options.size(change.object)));
        }
        return bound.onChange?.(change, view);
      },
    };
  };
}
