import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { defineResource } from '../src/runtime/resources/defineResource.ts';
import { runControllerCheck } from '../src/harness/runControllerCheck.ts';
import type { CheckOptions, ClusterView, CustomOperation, InvariantFactory } from '../src/harness/harnessTypes.ts';
import { resourceVersionMonotonic } from '../src/harness/invariants/index.ts';
import { describeObject } from '../src/harness/invariants/invariantHelpers.ts';
import { garbageCollector } from '../src/runtime/controllers/garbageCollector.ts';
import { DEEP, harnessBudget } from './support/harnessBudget.ts';

// The garbage collector has no primary resource of its own: it judges every object with owner
// references. The suite gives it one — an `Owner` custom resource the user creates, deletes (in the
// background, the foreground, or orphaning) and recreates — and dependents made by a custom
// operation: ConfigMaps owned by an Owner (sometimes also by `anchor`, sometimes with a ConfigMap of
// their own below them). Nothing else deletes ConfigMaps, so every deletion of a dependent is the
// collector's.
const owners = defineResource({
  group: 'gc.harness.kubeactors.dev',
  version: 'v1',
  kind: 'Owner',
  schema: { type: 'object', properties: { spec: { type: 'object', properties: { note: { type: 'string' } } } } },
});
const OWNER = { apiVersion: 'gc.harness.kubeactors.dev/v1', kind: 'Owner' } as const;
// One name keeps every dependent operation applicable (they need the Owner to exist); `anchor` is an
// Owner the operations never touch, so the dependents it co-owns must survive every deletion of `a`.
const NAME = 'a';
const ANCHOR = 'anchor';
const DEPENDENT_LABEL = 'gc.harness.kubeactors.dev/dependent';

const refTo = (o: KubeObject, controller: boolean, block: boolean): OwnerReference => ({ apiVersion: OWNER.apiVersion, kind: OWNER.kind, name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '', controller, blockOwnerDeletion: block });

interface DependentArg {
  /** Also owned by the Owner that always exists (`anchor`). */
  readonly shared: boolean;
  readonly controller: boolean;
  readonly block: boolean;
  /** A ConfigMap owned by the dependent too (foreground deletion propagates through it). */
  readonly chained: boolean;
}

const addDependent: CustomOperation<DependentArg> = {
  name: 'add dependent',
  arg: fc.record({ shared: fc.boolean(), controller: fc.boolean(), block: fc.boolean(), chained: fc.boolean() }),
  describe: (a) => `add a ConfigMap owned by it${a.shared ? ` and by ${ANCHOR}` : ''} (controller ${String(a.controller)}, blockOwnerDeletion ${String(a.block)})${a.chained ? ' with a ConfigMap below it' : ''}`,
  run: async (cluster: Cluster, o, a) => {
    const owner = await cluster.client.get(OWNER, o.name, { namespace: o.namespace });
    const refs = [refTo(owner, a.controller, a.block)];
    if (a.shared) refs.push(refTo(await cluster.client.get(OWNER, ANCHOR, { namespace: o.namespace }), false, a.block));
    const dep = await cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: `${o.name}-dep-`, namespace: o.namespace, labels: { [DEPENDENT_LABEL]: 'true' }, ownerReferences: refs } });
    if (a.chained) {
      const below = { apiVersion: 'v1', kind: 'ConfigMap', name: dep.metadata.name, uid: dep.metadata.uid, controller: true, blockOwnerDeletion: a.block };
      await cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: `${dep.metadata.name}-`, namespace: o.namespace, labels: { [DEPENDENT_LABEL]: 'true' }, ownerReferences: [below] } });
    }
  },
};

const deleteWith = (policy: 'Foreground' | 'Orphan'): CustomOperation<null> => ({
  name: `delete ${policy}`,
  arg: fc.constant(null),
  describe: () => `kubectl delete --cascade=${policy === 'Foreground' ? 'foreground' : 'orphan'}`,
  run: async (cluster, o) => {
    await cluster.client.delete(OWNER, o.name, { namespace: o.namespace, propagationPolicy: policy });
  },
});

const dependents = (view: ClusterView, namespace: string): KubeObject[] => view.list('ConfigMap', namespace).filter((c) => c.metadata?.labels?.[DEPENDENT_LABEL] === 'true');

/**
 * Upstream's collected state once nothing changes: every remaining dependent's owner references
 * point at objects that exist with that uid — a dependent whose owners are all gone was deleted, a
 * reference to a vanished owner beside a live one was removed (attemptToDeleteItem), an orphaning
 * deletion stripped its references — and no owner waits on a finalizer (the harness checks that).
 */
function collected(view: ClusterView): true | string {
  const live = new Set<string>();
  for (const o of view.list(OWNER, 'default')) live.add(o.metadata?.uid ?? '');
  for (const c of view.list('ConfigMap', 'default')) live.add(c.metadata?.uid ?? '');
  for (const dep of dependents(view, 'default')) {
    const dangling = (dep.metadata?.ownerReferences ?? []).filter((r) => !live.has(r.uid));
    if (dangling.length > 0) return `${describeObject(dep)}${dep.metadata?.deletionTimestamp !== undefined ? ' (being deleted)' : ''} still refers to vanished ${dangling.map((r) => `${r.kind}/${r.name}`).join(', ')}`;
  }
  return true;
}

/**
 * The collector never deletes an object while one of its owners exists (same uid) and is not being
 * deleted: upstream attemptToDeleteItem keeps any dependent with a "solid" owner (confirmed through
 * a live read), also when another of its owners is deleted in the foreground.
 */
function neverDeletesOwnedDependents(): InvariantFactory {
  return () => ({
    name: 'no dependent with a live owner is deleted',
    onChange(change, view) {
      if (change.object.kind !== 'ConfigMap' || change.object.metadata?.labels?.[DEPENDENT_LABEL] !== 'true') return undefined;
      const starts = change.type === 'DELETED' ? change.prev?.metadata?.deletionTimestamp === undefined : change.object.metadata?.deletionTimestamp !== undefined && change.prev?.metadata?.deletionTimestamp === undefined;
      if (!starts) return undefined;
      const ns = change.object.metadata.namespace;
      for (const ref of change.object.metadata.ownerReferences ?? []) {
        const type = ref.kind === 'ConfigMap' ? 'ConfigMap' : OWNER;
        const owner = view.list(type, ns).find((o) => o.metadata?.uid === ref.uid);
        if (owner !== undefined && owner.metadata?.deletionTimestamp === undefined) return `${describeObject(change.object)} was deleted while its owner ${ref.kind}/${ref.name} (uid ${ref.uid}) exists and is not being deleted`;
      }
      return undefined;
    },
  });
}

// Faults upstream's collector is built for: its graph comes from informers (lagging, coalesced,
// dropped watches; relists with tombstones), it confirms an owner's absence with a live GET before
// deleting, deletes with a uid precondition, and retries failed requests. Left out: `staleView`.
// Upstream's confirmation read is a quorum read from etcd (a GET without resourceVersion), never a
// lagging cache, while the harness serves the controller's GETs from the stale revision too — an
// owner created after that revision looks absent and its dependents get deleted, which upstream
// cannot do (garbagecollector.go getObject / isDangling).
const FAULTS = ['crash', 'watchLag', 'coalesce', 'watchDrop', 'gone', 'conflict', 'unavailable', 'throttle', 'timeout'] as const;

const options: CheckOptions = {
  resource: owners,
  spec: fc.record({ note: fc.constantFrom('x', 'y') }),
  names: [NAME],
  // Updates and scaling change nothing the collector looks at.
  operations: ['create', 'delete', 'recreate'],
  setup: async (cluster) => {
    await cluster.client.create({ apiVersion: OWNER.apiVersion, kind: OWNER.kind, metadata: { name: ANCHOR, namespace: 'default' }, spec: { note: 'x' } } as KubeObject);
  },
  // An owner needs nothing from the collector itself; the collected state is cluster-wide.
  matches: () => true,
  steadyState: collected,
  invariants: [neverDeletesOwnedDependents(), resourceVersionMonotonic()],
  faults: FAULTS,
  customOperations: [addDependent, deleteWith('Foreground'), deleteWith('Orphan')] as unknown as readonly CustomOperation<never>[],
  // Only the collector under test collects.
  cluster: { builtinControllers: ['namespace'], scheduler: { disabled: true } },
  // No differential oracle: `kubectl delete --cascade=foreground|orphan` waits for the deletion, but a
  // custom operation cannot (it gets the cluster, not the harness's pump that releases the collector's
  // answers), so whether a later `create a` finds `a` still terminating (AlreadyExists, skipped) depends
  // on how fast the collector was — and the operations that follow then differ between the two runs.
  differential: false,
};

describe('garbageCollector under the property-test harness', () => {
  it('should collect dependents of deleted owners, strip orphaned references, finish foreground deletions, and never delete what a live owner owns', async () => {
    // Few faults, so the runs spend their steps on owners and dependents.
    const result = await runControllerCheck(garbageCollector(), { ...options, faults: ['crash', 'watchLag', 'coalesce', 'gone'], ...harnessBudget(300, 12) });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);

  it('should do the same under every fault it is built for', async () => {
    const result = await runControllerCheck(garbageCollector(), { ...options, ...harnessBudget(150, 12) });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);
});
