import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ControllerRevision, DaemonSet, DaemonSetStatus, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import { controllerOf } from '../src/api/meta.ts';
import { runControllerCheck } from '../src/harness/runControllerCheck.ts';
import type { CheckOptions, ClusterView, CustomOperation, InvariantFactory } from '../src/harness/harnessTypes.ts';
import { resourceVersionMonotonic } from '../src/harness/invariants/index.ts';
import { isActive } from '../src/harness/invariants/invariantHelpers.ts';
import { daemonSetController } from '../src/runtime/controllers/daemonSetController.ts';
import { CONTROLLER_REVISION_HASH_LABEL, targetNodeName } from '../src/workloads/daemonSetPlacement.ts';
import { revisionMatches } from '../src/workloads/controllerRevision.ts';
import { DEEP, harnessBudget } from './support/harnessBudget.ts';
import { orphanDelete } from './support/orphanDelete.ts';
import { controllerOwnerOnAdoption } from './support/workloadInvariants.ts';

const DS = { apiVersion: 'apps/v1', kind: 'DaemonSet' } as const;
const CR = { apiVersion: 'apps/v1', kind: 'ControllerRevision' } as const;
// apps/v1 makes the selector immutable: every generated spec selects the same label.
const LABELS = { app: 'ds-harness' } as const;
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'busybox:1.36'] as const;
const NODES = 3;

const template: fc.Arbitrary<PodTemplateSpec> = fc
  .record({
    image: fc.constantFrom(...IMAGES),
    // Sometimes only some nodes are eligible, so a template change moves daemon pods between nodes.
    nodeSelector: fc.option(fc.constantFrom({ 'kubernetes.io/hostname': 'node-1' }, { 'kubernetes.io/hostname': 'node-3' }), { nil: undefined, freq: 4 }),
    grace: fc.constantFrom(0, 5),
  })
  .map(({ image, nodeSelector, grace }) => ({
    metadata: { labels: { ...LABELS } },
    spec: { containers: [{ name: 'daemon', image }], terminationGracePeriodSeconds: grace, ...(nodeSelector !== undefined ? { nodeSelector } : {}) },
  }));

// What ValidateDaemonSetSpec accepts: OnDelete, or RollingUpdate with exactly one of maxUnavailable and maxSurge non-zero.
const updateStrategy: fc.Arbitrary<DaemonSetUpdateStrategy> = fc.oneof(
  fc.constant({ type: 'OnDelete' }),
  fc.constantFrom<string | number>(1, 2, '50%').map((maxUnavailable) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } })),
  fc.constantFrom<string | number>(1, '100%').map((maxSurge) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } })),
);

const spec: fc.Arbitrary<Record<string, unknown>> = fc
  .record({ template, updateStrategy, minReadySeconds: fc.constantFrom(0, 0, 5), revisionHistoryLimit: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }) })
  .map(({ revisionHistoryLimit, ...s }) => ({ ...s, selector: { matchLabels: { ...LABELS } }, ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}) }));

const eligible = (ds: DaemonSet, node: Node): boolean => Object.entries(ds.spec?.template.spec?.nodeSelector ?? {}).every(([k, v]) => node.metadata?.labels?.[k] === v);
const surges = (ds: DaemonSet): boolean => ds.spec?.updateStrategy?.type !== 'OnDelete' && ![undefined, 0, '0%'].includes(ds.spec?.updateStrategy?.rollingUpdate?.maxSurge);

/**
 * Upstream's settled DaemonSet: one active pod on every eligible node and none elsewhere, each (with
 * RollingUpdate) of the current ControllerRevision, and a status counting exactly that for this generation.
 */
function matches(obj: KubeObject, view: ClusterView): true | string {
  const ds = obj as DaemonSet;
  const nodes = view.list('Node') as Node[];
  const want = nodes.filter((n) => eligible(ds, n)).map((n) => n.metadata?.name ?? '');
  const pods = view.ownedBy(obj, 'Pod').filter(isActive) as Pod[];
  for (const node of nodes.map((n) => n.metadata?.name ?? '')) {
    const on = pods.filter((p) => p.spec?.nodeName === node).length;
    const should = want.includes(node) ? 1 : 0;
    if (on !== should) return `${on} active daemon pods bound to ${node}, want ${should}`;
  }
  const unbound = pods.find((p) => p.spec?.nodeName === undefined);
  if (unbound !== undefined) return `pod ${unbound.metadata?.name ?? ''} (for ${targetNodeName(unbound) ?? '?'}) is not bound`;
  const rolling = ds.spec?.updateStrategy?.type !== 'OnDelete';
  if (rolling) {
    const current = (view.ownedBy(obj, CR) as ControllerRevision[]).filter((cr) => revisionMatches(ds, cr)).sort((a, b) => b.revision - a.revision)[0];
    if (current === undefined) return 'no ControllerRevision holds the current template';
    const hash = current.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL];
    const stale = pods.find((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] !== hash);
    if (stale !== undefined) return `pod ${stale.metadata?.name ?? ''} is of revision ${stale.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '?'}, current is ${hash ?? '?'}`;
  }
  const s: DaemonSetStatus = ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
  const n = want.length;
  if (s.observedGeneration !== ds.metadata?.generation) return `status.observedGeneration ${String(s.observedGeneration)} ≠ metadata.generation ${String(ds.metadata?.generation)}`;
  const got = [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberMisscheduled, s.numberReady, s.numberAvailable ?? 0, s.numberUnavailable ?? 0];
  const expected = [n, n, 0, n, n, 0];
  if (rolling) {
    got.push(s.updatedNumberScheduled ?? 0);
    expected.push(n);
  }
  if (got.some((x, i) => x !== expected[i])) return `status desired/current/misscheduled/ready/available/unavailable${rolling ? '/updated' : ''} = ${got.join('/')}, want ${expected.join('/')}`;
  return true;
}

/**
 * At most one active daemon pod per node — two while surging, once this DaemonSet (uid) ever allowed
 * maxSurge (a create decided from a cached surging version may land after the surge was switched off):
 * what upstream's expectations guarantee when a pod is created.
 */
function podsPerNodeBound(): InvariantFactory {
  return () => {
    const surged = new Set<string>();
    return {
      name: 'active daemon pods per node ≤ 1 (+1 with maxSurge)',
      onChange(change, view) {
        if (change.type !== 'DELETED' && view.isA(change.object, DS) && surges(change.object as DaemonSet)) surged.add(change.object.metadata?.uid ?? '');
        if (change.type !== 'ADDED' || change.object.kind !== 'Pod') return undefined;
        const ref = controllerOf(change.object);
        const node = targetNodeName(change.object as Pod);
        if (ref?.kind !== 'DaemonSet' || node === undefined) return undefined;
        const owner = view.list(DS, change.object.metadata?.namespace).find((d) => d.metadata?.uid === ref.uid);
        if (owner === undefined) return undefined;
        const on = view.ownedBy(owner, 'Pod').filter((p) => isActive(p) && targetNodeName(p as Pod) === node);
        const max = surged.has(ref.uid) ? 2 : 1;
        return on.length > max ? `DaemonSet ${owner.metadata?.name ?? ''} has ${on.length} active pods for ${node} after ${change.object.metadata?.name ?? ''} was created, at most ${max} allowed (${on.map((p) => p.metadata?.name).join(', ')})` : undefined;
      },
    };
  };
}

// Every controller-view fault upstream tolerates (expectations, optimistic concurrency, relists)
// except `staleView` (a running informer going back in time; see the ReplicaSet suite) and
// `timeout`, which the size bound does not survive: upstream syncNodes lowers the expectations for
// every create that returned an error, including a 504 for a create that was applied, so the next
// sync may create a second pod for the node before the watch shows the first (the second test
// checks convergence under it). World faults: pod kills, node stops and partitions — the controller
// adds the not-ready/unreachable NoExecute tolerations, so its pods ride them out. `nodeFlap` is left
// out for now: the harness's heal() does not cancel a flap's later stop timers, so the node goes
// down again after "faults end" and the eventually-stable oracle fails on a fault still running
// (a harness false alarm, reported; harnessWorld.ts heal() and the nodeFlap case of harnessCommands.ts).
const FAULTS = ['crash', 'watchLag', 'coalesce', 'watchDrop', 'gone', 'conflict', 'unavailable', 'throttle', 'quota', 'podKill', 'nodeStop', 'nodePartition'] as const;

const base: CheckOptions = {
  resource: DS,
  spec,
  matches,
  // Orphaned pods are adopted by the next DaemonSet that selects them.
  customOperations: [orphanDelete(DS)] as unknown as readonly CustomOperation<never>[],
  cluster: { builtinControllers: ['garbage-collector', 'namespace'], nodes: NODES },
  // Pods are left out, and so is updatedNumberScheduled: which template an OnDelete DaemonSet's pods
  // run depends on when they were made (a controller that never saw the first template made them
  // from the second), and OnDelete never replaces them.
  differential: { compare: [DS], ignore: ['status.updatedNumberScheduled'] },
};

describe('daemonSetController under the property-test harness', () => {
  it('should run one current pod on every eligible node and never double up on a node', async () => {
    const result = await runControllerCheck(daemonSetController(), {
      ...base,
      invariants: [podsPerNodeBound(), controllerOwnerOnAdoption(), resourceVersionMonotonic()],
      faults: FAULTS,
      ...harnessBudget(30, 8),
    });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);

  it('should converge when its writes time out after being applied', async () => {
    const result = await runControllerCheck(daemonSetController(), {
      ...base,
      invariants: [controllerOwnerOnAdoption(), resourceVersionMonotonic()],
      faults: ['crash', 'watchLag', 'coalesce', 'gone', 'conflict', 'timeout'],
      ...harnessBudget(10, 8),
    });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);
});
