import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import { runControllerCheck } from '../src/harness/runControllerCheck.ts';
import type { CheckOptions, ClusterView, CustomOperation } from '../src/harness/harnessTypes.ts';
import { podTemplateSpec } from '../src/harness/arbitraries/podSpec.ts';
import { resourceVersionMonotonic } from '../src/harness/invariants/index.ts';
import { isActive } from '../src/harness/invariants/invariantHelpers.ts';
import { replicaSetController } from '../src/runtime/controllers/replicaSetController.ts';
import { DEEP, harnessBudget } from './support/harnessBudget.ts';
import { orphanDelete } from './support/orphanDelete.ts';
import { controllerOwnerOnAdoption, peakSizeBound } from './support/workloadInvariants.ts';

// apps/v1 makes the selector immutable, so every generated spec (for `a` and `b` alike) selects the
// same label; the two ReplicaSets overlap, which controller references make safe.
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const;
const LABELS = { app: 'rs-harness' } as const;

const spec: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    replicas: fc.integer({ min: 0, max: 4 }),
    template: podTemplateSpec(LABELS, { restartPolicy: 'Always', containers: { max: 2 }, scheduling: false }),
  })
  .map(({ replicas, template }) => ({ replicas, selector: { matchLabels: { ...LABELS } }, template }));

// With kubelets: images that start at once with no probes, so pods turn ready, then available after minReadySeconds.
const runnable: fc.Arbitrary<Record<string, unknown>> = fc
  .record({ replicas: fc.integer({ min: 0, max: 4 }), image: fc.constantFrom('nginx:1.25', 'nginx:1.26', 'redis:7.2'), minReadySeconds: fc.constantFrom(0, 0, 10) })
  .map(({ replicas, image, minReadySeconds }) => ({
    replicas,
    minReadySeconds,
    selector: { matchLabels: { ...LABELS } },
    template: { metadata: { labels: { ...LABELS } }, spec: { containers: [{ name: 'app', image }], terminationGracePeriodSeconds: 0 } },
  }));

/** Upstream's desired state: `spec.replicas` active pods controlled by this uid, and a status that says so for this generation. */
function matches(obj: KubeObject, view: ClusterView): true | string {
  const rs = obj as ReplicaSet;
  const want = rs.spec?.replicas ?? 1;
  const active = view.ownedBy(obj, 'Pod').filter(isActive).length;
  if (active !== want) return `${active} active owned pods, spec.replicas is ${want}`;
  if (rs.status?.replicas !== want) return `status.replicas is ${String(rs.status?.replicas)}, want ${want}`;
  if (rs.status.observedGeneration !== rs.metadata?.generation) return `status.observedGeneration ${String(rs.status.observedGeneration)} ≠ metadata.generation ${String(rs.metadata?.generation)}`;
  return true;
}

/** …and, where pods run, every one of them ready and available. */
function matchesRunning(obj: KubeObject, view: ClusterView): true | string {
  const base = matches(obj, view);
  if (base !== true) return base;
  const rs = obj as ReplicaSet;
  const want = rs.spec?.replicas ?? 1;
  const s = rs.status;
  return (s?.readyReplicas ?? 0) === want && (s?.availableReplicas ?? 0) === want && (s?.fullyLabeledReplicas ?? 0) === want ? true : `ready/available/fully labeled = ${s?.readyReplicas ?? 0}/${s?.availableReplicas ?? 0}/${s?.fullyLabeledReplicas ?? 0}, want ${want}`;
}

// Every fault the upstream controller is built to survive: lagging, coalesced and dropped watches
// (expectations wait for its own creates and deletes; a 410 relists with tombstones), failed and
// throttled requests and creates refused by quota (rate-limited requeue; a create that failed is
// not expected), crashes (a fresh process relists everything).
// Left out: `staleView`. It relists the running controller's informers from an older revision, so
// the cache goes back in time and the controller creates pods it already has. client-go never relists
// a running informer backwards (a reflector relists with `resourceVersion` = its last synced version,
// "not older than", and after 410 with a quorum read); only a restarted process's first list (RV=0,
// from a lagging watch cache) can be stale, and upstream does not guarantee safety then
// (kubernetes/kubernetes#59848, the time-travel problem Sieve reports).
const FAULTS = ['crash', 'watchLag', 'coalesce', 'watchDrop', 'gone', 'conflict', 'unavailable', 'throttle', 'quota', 'podKill'] as const;

const base: CheckOptions = {
  resource: RS,
  spec,
  scalePath: 'replicas',
  matches,
  // Orphaned pods are adopted by the next ReplicaSet that selects them (both names select the same label).
  customOperations: [orphanDelete(RS)] as unknown as readonly CustomOperation<never>[],
  // Only the ReplicaSets are compared (their status counts the pods): which template a pod was made
  // from depends on when the controller saw an update — a ReplicaSet never replaces pods when its
  // template changes (upstream replica_set.go) — so pods differ between runs and both are right.
  differential: { compare: [RS] },
};

describe('replicaSetController under the property-test harness', () => {
  it('should keep spec.replicas pods and an up-to-date status, never creating past the asked size', async () => {
    const result = await runControllerCheck(replicaSetController(), {
      ...base,
      invariants: [
        // A create decided from a cached version may land after a concurrent scale-down; never past the peak.
        peakSizeBound({ owner: RS, owned: 'Pod', size: (rs) => (rs as ReplicaSet).spec?.replicas ?? 1, name: 'active owned pods ≤ peak spec.replicas' }),
        controllerOwnerOnAdoption(),
        resourceVersionMonotonic(),
      ],
      faults: FAULTS,
      ...harnessBudget(25, 8),
    });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);

  it('should converge when its writes time out after being applied', async () => {
    // A 504 on a create that was applied counts as a failed create upstream (replica_set.go
    // manageReplicas lowers the expectations for every create that returned an error, only
    // NamespaceTerminating is forgiven), so the next sync may create a second pod before the watch
    // shows the first: the size bound does not hold under `timeout`, convergence does.
    const result = await runControllerCheck(replicaSetController(), {
      ...base,
      invariants: [controllerOwnerOnAdoption(), resourceVersionMonotonic()],
      faults: [...FAULTS, 'timeout'],
      ...harnessBudget(15, 8),
    });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);

  it('should count ready and available pods (minReadySeconds) when kubelets run them, also across node failures', async () => {
    const result = await runControllerCheck(replicaSetController(), {
      ...base,
      spec: runnable,
      matches: matchesRunning,
      invariants: [controllerOwnerOnAdoption(), resourceVersionMonotonic()],
      // Node stops and partitions make pods unready (and, after the 300 s tolerations, evicted): the
      // counts must follow them back once the nodes return. `nodeFlap` is left out: see the DaemonSet suite.
      faults: ['crash', 'watchLag', 'coalesce', 'gone', 'conflict', 'unavailable', 'podKill', 'nodeStop', 'nodePartition'],
      cluster: { builtinControllers: ['garbage-collector', 'namespace'], nodes: 2 },
      ...harnessBudget(10, 8),
    });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);
});
