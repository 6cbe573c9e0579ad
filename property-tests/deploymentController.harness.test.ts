import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import { runControllerCheck } from '../src/harness/runControllerCheck.ts';
import type { CheckOptions, ClusterView, CustomOperation } from '../src/harness/harnessTypes.ts';
import { deploymentStrategy } from '../src/harness/arbitraries/deployment.ts';
import { resourceVersionMonotonic, rolloutSurgeBound } from '../src/harness/invariants/index.ts';
import { deploymentController } from '../src/runtime/controllers/deploymentController.ts';
import { equalIgnoreHash } from '../src/workloads/deploymentReplicaSets.ts';
import { rolloutPause, rolloutResume, rolloutUndo, setImage } from '../src/workloads/rollout.ts';
import { DEEP, harnessBudget } from './support/harnessBudget.ts';
import { orphanDelete } from './support/orphanDelete.ts';
import { controllerOwnerOnAdoption } from './support/workloadInvariants.ts';

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet' } as const;
// apps/v1 makes the selector immutable: every generated spec selects the same label.
const LABELS = { app: 'deploy-harness' } as const;
// Images the simulated kubelets start at once, with no probes: pods turn ready and available.
const IMAGES = ['nginx:1.25', 'nginx:1.26', 'busybox:1.36', 'redis:7.2'] as const;

const template: fc.Arbitrary<PodTemplateSpec> = fc
  .record({ image: fc.constantFrom(...IMAGES), version: fc.option(fc.constantFrom('v1', 'v2'), { nil: undefined }), grace: fc.constantFrom(0, 5) })
  .map(({ image, version, grace }) => ({
    metadata: { labels: { ...LABELS }, ...(version !== undefined ? { annotations: { version } } : {}) },
    spec: { containers: [{ name: 'app', image }], terminationGracePeriodSeconds: grace },
  }));

const spec: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    replicas: fc.integer({ min: 0, max: 4 }),
    strategy: deploymentStrategy(),
    template,
    minReadySeconds: fc.constantFrom(0, 0, 5),
    revisionHistoryLimit: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
  })
  .map(({ revisionHistoryLimit, ...s }) => ({ ...s, selector: { matchLabels: { ...LABELS } }, ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}) }));

const replicasOf = (rs: KubeObject): number => (rs as ReplicaSet).spec?.replicas ?? 1;

/**
 * Upstream's complete rollout (`DeploymentComplete`): one new ReplicaSet (template equal ignoring
 * pod-template-hash) with every replica available, old ones at zero with no pods left, history
 * within revisionHistoryLimit, Progressing True (NewReplicaSetAvailable) and Available True, and a
 * status counting all of that for this generation. A paused Deployment only scales (its ReplicaSets,
 * when it has any, add up to spec.replicas) and says DeploymentPaused.
 */
function matches(obj: KubeObject, view: ClusterView): true | string {
  const d = obj as Deployment;
  const replicas = d.spec?.replicas ?? 1;
  const status = d.status ?? {};
  if (status.observedGeneration !== d.metadata?.generation) return `status.observedGeneration ${String(status.observedGeneration)} ≠ metadata.generation ${String(d.metadata?.generation)}`;
  const owned = view.ownedBy(obj, RS).filter((rs) => rs.metadata?.deletionTimestamp === undefined) as ReplicaSet[];
  if (d.spec?.paused === true) {
    const total = owned.reduce((n, rs) => n + replicasOf(rs), 0);
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing !== undefined && progressing.reason !== 'DeploymentPaused') return `paused, but Progressing says ${String(progressing.reason)}`;
    return owned.length === 0 || total === replicas || `paused: its ReplicaSets ask for ${total} pods, spec.replicas is ${replicas}`;
  }
  const fresh = owned.filter((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  if (fresh.length !== 1) return `${fresh.length} ReplicaSets match the template (${owned.map((rs) => rs.metadata?.name).join(', ')})`;
  const newRS = fresh[0] as ReplicaSet;
  if (replicasOf(newRS) !== replicas) return `new ReplicaSet ${newRS.metadata?.name ?? ''} has spec.replicas ${replicasOf(newRS)}, want ${replicas}`;
  if ((newRS.status?.availableReplicas ?? 0) !== replicas) return `new ReplicaSet ${newRS.metadata?.name ?? ''} has ${newRS.status?.availableReplicas ?? 0} available replicas, want ${replicas}`;
  const old = owned.filter((rs) => rs !== newRS);
  const busy = old.find((rs) => replicasOf(rs) !== 0 || (rs.status?.replicas ?? 0) !== 0);
  if (busy !== undefined) return `old ReplicaSet ${busy.metadata?.name ?? ''} has spec.replicas ${replicasOf(busy)}, status.replicas ${busy.status?.replicas ?? 0}`;
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  if (old.length > limit) return `${old.length} old ReplicaSets kept, revisionHistoryLimit is ${limit}`;
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.status !== 'True' || progressing.reason !== 'NewReplicaSetAvailable') return `Progressing is ${String(progressing?.status)} (${String(progressing?.reason)}), want True (NewReplicaSetAvailable)`;
  const available = status.conditions?.find((c) => c.type === 'Available');
  if (available?.status !== 'True') return `Available is ${String(available?.status)} (${String(available?.reason)}), want True`;
  if (status.replicas !== replicas || status.updatedReplicas !== replicas || status.availableReplicas !== replicas || (status.unavailableReplicas ?? 0) !== 0) {
    return `status replicas/updated/available/unavailable = ${String(status.replicas)}/${String(status.updatedReplicas)}/${String(status.availableReplicas)}/${String(status.unavailableReplicas)}, want ${replicas}/${replicas}/${replicas}/0`;
  }
  return true;
}

const image: CustomOperation<string> = {
  name: 'set image',
  arg: fc.constantFrom(...IMAGES),
  describe: (img) => `kubectl set image app=${img}`,
  run: async (cluster, o, img) => {
    await setImage(cluster, o.name, { app: img }, o.namespace);
  },
};
const undo: CustomOperation<number> = {
  name: 'rollout undo',
  // 0: the previous revision; 1–3: a revision by number (missing ones fail like kubectl does).
  arg: fc.integer({ min: 0, max: 3 }),
  describe: (rev) => (rev === 0 ? 'kubectl rollout undo' : `kubectl rollout undo --to-revision=${rev}`),
  run: async (cluster, o, rev) => {
    await rolloutUndo(cluster, o.name, o.namespace, rev);
  },
};
const pause: CustomOperation<null> = {
  name: 'rollout pause',
  arg: fc.constant(null),
  describe: () => 'kubectl rollout pause',
  run: async (cluster, o) => {
    await rolloutPause(cluster, o.name, o.namespace);
  },
};
const resume: CustomOperation<null> = {
  name: 'rollout resume',
  arg: fc.constant(null),
  describe: () => 'kubectl rollout resume',
  run: async (cluster, o) => {
    await rolloutResume(cluster, o.name, o.namespace);
  },
};

// Every fault the upstream controller is built to survive. It keeps no expectations: optimistic
// concurrency (every ReplicaSet write carries the cached resourceVersion) and ReplicaSets named by
// template hash (a repeated create answers AlreadyExists) make stale caches, lost answers and
// crashes harmless; a ReplicaSet create refused by quota is retried (FailedRSCreate). Left out: `staleView`, which moves a running informer's cache back in time —
// client-go never relists backwards (see the ReplicaSet suite), and upstream does not guarantee
// against a restarted process's stale first list (kubernetes/kubernetes#59848).
const FAULTS = ['crash', 'watchLag', 'coalesce', 'watchDrop', 'gone', 'conflict', 'unavailable', 'throttle', 'timeout', 'quota', 'podKill'] as const;

const options: CheckOptions = {
  resource: DEPLOYMENT,
  spec,
  scalePath: 'replicas',
  matches,
  invariants: [rolloutSurgeBound(), controllerOwnerOnAdoption(), resourceVersionMonotonic()],
  faults: FAULTS,
  customOperations: [image, undo, pause, resume, orphanDelete(DEPLOYMENT)] as unknown as readonly CustomOperation<never>[],
  // The ReplicaSet controller (not under test) runs the pods; kubelets make them available.
  cluster: { builtinControllers: ['garbage-collector', 'namespace', 'replicaset'], nodes: 2 },
  // No differential oracle: the end state of a Deployment depends on the path, and upstream means it
  // to. A controller whose watch lagged or coalesced two close template changes never sees the first
  // and makes one ReplicaSet (revision 2) where the reference run made two (revisions 2 and 3); a
  // Deployment paused before the controller first saw it has no ReplicaSet at all (a paused
  // Deployment only scales what it has), while the reference run made one first; conditions are a map
  // appended to in the order they changed. `matches` checks what must be equal (counts, conditions by
  // type, the one new ReplicaSet, history within the limit).
  differential: false,
};

describe('deploymentController under the property-test harness', () => {
  it('should complete every rollout, within maxSurge, under watch and request faults and crashes', async () => {
    const result = await runControllerCheck(deploymentController(), { ...options, ...harnessBudget(60, 8) });
    expect(result.ok, result.report).toBe(true);
  }, DEEP ? 3_600_000 : 120_000);
});
