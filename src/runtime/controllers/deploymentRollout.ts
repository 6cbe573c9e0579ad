import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { controllerOf } from '../../api/meta.ts';
import type { StoredObject } from '../../api/meta.ts';
import { isEverything, labelSelectorFromSpec, matchesLabels } from '../../api/labelSelector.ts';
import { DESIRED_REPLICAS_ANNOTATION } from '../../workloads/deploymentAnnotations.ts';
import { deploymentComplete } from '../../workloads/deploymentConditions.ts';
import { filterActiveReplicaSets, newRSNewReplicas } from '../../workloads/deploymentReplicaSets.ts';
import { canonicalJson } from '../../workloads/templateHash.ts';
import { calculateDeploymentStatus, nextRolloutStatus, pausedConditionsStatus } from '../../workloads/deploymentStatus.ts';
import { desiredReplicas } from '../../workloads/fenceposts.ts';
import { controllerRefTo } from '../../workloads/podTemplate.ts';
import { planDeploymentScale } from '../../workloads/proportionalScaling.ts';
import { oldPodsRunning, planOldReplicaSetsScaleDown } from '../../workloads/rollingUpdatePlan.ts';
import type { ReconcileContext, ReconcileResult } from '../controller/reconcileTypes.ts';
import { claimObjects } from './claimObjects.ts';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSet, scaleReplicaSetAndRecordEvent, writeDeploymentStatus } from './deploymentSync.ts';
import type { DeploymentSyncState, RS } from './deploymentSync.ts';

type Result = ReconcileResult & { readonly state: DeploymentSyncState };

// Upstream syncRolloutStatus: progress conditions; requeue for the deadline check when stuck.
async function syncRolloutStatus(s: DeploymentSyncState, allRSs: readonly (RS | undefined)[], newRS: RS | undefined): Promise<ReconcileResult> {
  const { status, requeueAfterMs } = nextRolloutStatus(allRSs, newRS, s.d, s.ctx.clock.now());
  if (canonicalJson(status) !== canonicalJson(s.d.status ?? {})) await writeDeploymentStatus(s, status);
  return requeueAfterMs !== undefined ? { requeueAfterMs } : {};
}

// Upstream syncDeploymentStatus: counts and Available only (scaling events, paused Deployments).
async function syncDeploymentStatus(s: DeploymentSyncState, allRSs: readonly (RS | undefined)[], newRS: RS | undefined): Promise<void> {
  const status = calculateDeploymentStatus(allRSs, newRS, s.d, s.ctx.clock.now());
  if (canonicalJson(status) !== canonicalJson(s.d.status ?? {})) await writeDeploymentStatus(s, status);
}

// Upstream sync: proportional scaling; a paused Deployment also gets its history cleaned.
async function syncScale(s: DeploymentSyncState): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  for (const step of planDeploymentScale(s.d, newRS, oldRSs)) await scaleReplicaSet(s, step.rs, step.replicas, step.operation);
  const current = getAllReplicaSetsAndSyncRevisionCached(s, newRS, oldRSs);
  if (s.d.spec?.paused === true) await cleanupDeployment(s, current.oldRSs);
  await syncDeploymentStatus(s, [...current.oldRSs, current.newRS], current.newRS);
}

// The ReplicaSets as last written (scaling replaced entries of the working list).
function getAllReplicaSetsAndSyncRevisionCached(s: DeploymentSyncState, newRS: RS | undefined, oldRSs: readonly RS[]): { newRS: RS | undefined; oldRSs: RS[] } {
  const latest = (rs: RS): RS => s.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs;
  return { newRS: newRS === undefined ? undefined : latest(newRS), oldRSs: oldRSs.map(latest) };
}

// Upstream isScalingEvent: an active ReplicaSet was sized for a different spec.replicas.
async function isScalingEvent(s: DeploymentSyncState): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  return filterActiveReplicaSets([...oldRSs, newRS]).some((rs) => {
    const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    return v !== undefined && /^\d+$/.test(v) && Number(v) !== desiredReplicas(s.d);
  });
}

// Upstream rolloutRolling: scale the new ReplicaSet up within maxSurge, else the old ones down within maxUnavailable.
async function rolloutRolling(s: DeploymentSyncState): Promise<ReconcileResult> {
  const got = await getAllReplicaSetsAndSyncRevision(s, true);
  let newRS = got.newRS as RS;
  const oldRSs = got.oldRSs;
  const replicas = desiredReplicas(s.d);
  if (newRS.spec?.replicas !== replicas) {
    const target = (newRS.spec?.replicas ?? 0) > replicas ? replicas : newRSNewReplicas(s.d, [...oldRSs, newRS], newRS);
    const r = await scaleReplicaSetAndRecordEvent(s, newRS, target);
    newRS = r.rs;
    if (r.scaled) return syncRolloutStatus(s, [...oldRSs, newRS], newRS);
  }
  const activeOld = filterActiveReplicaSets(oldRSs);
  let scaledDown = false;
  for (const step of planOldReplicaSetsScaleDown(s.d, [...oldRSs, newRS], activeOld, newRS)) {
    const latest = s.rsList.find((x) => x.metadata.uid === step.rs.metadata.uid) ?? step.rs;
    if ((await scaleReplicaSetAndRecordEvent(s, latest, step.replicas)).scaled) scaledDown = true;
  }
  const current = getAllReplicaSetsAndSyncRevisionCached(s, newRS, oldRSs);
  if (scaledDown) return syncRolloutStatus(s, [...current.oldRSs, current.newRS], current.newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, current.oldRSs);
  return syncRolloutStatus(s, [...current.oldRSs, current.newRS], current.newRS);
}

// Upstream rolloutRecreate: old ReplicaSets to zero, wait until no old pod runs, then the new one up.
async function rolloutRecreate(s: DeploymentSyncState): Promise<ReconcileResult> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
  let scaled = false;
  for (const rs of filterActiveReplicaSets(oldRSs)) if ((await scaleReplicaSetAndRecordEvent(s, rs, 0)).scaled) scaled = true;
  ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevisionCached(s, newRS, oldRSs));
  if (scaled || oldPodsRunning(newRS, oldRSs, s.podsByRs)) return syncRolloutStatus(s, [...oldRSs, newRS], newRS);
  if (newRS === undefined) ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, true));
  if (newRS !== undefined) newRS = (await scaleReplicaSetAndRecordEvent(s, newRS, desiredReplicas(s.d))).rs;
  if (deploymentComplete(s.d, s.d.status ?? {})) await cleanupDeployment(s, oldRSs);
  return syncRolloutStatus(s, [...oldRSs, newRS], newRS);
}

/**
 * Upstream `syncDeployment` (deployment_controller.go): claim ReplicaSets, group pods by ReplicaSet,
 * then: status only while being deleted; paused conditions; paused → proportional scaling only;
 * a scaling event → proportional scaling; otherwise the Recreate or RollingUpdate rollout.
 */
export async function syncDeployment(ctx: ReconcileContext, cached: StoredObject<Deployment>): Promise<Result> {
  const s: DeploymentSyncState = { ctx, d: cached, rsList: [], podsByRs: new Map() };
  let selector;
  try {
    selector = labelSelectorFromSpec(cached.spec?.selector);
  } catch {
    return { state: s };
  }
  if (isEverything(selector)) {
    void ctx.recorder.event(cached, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((cached.status?.observedGeneration ?? 0) < (cached.metadata.generation ?? 0)) await writeDeploymentStatus(s, { ...(cached.status ?? {}), observedGeneration: cached.metadata.generation ?? 0 });
    return { state: s };
  }
  const ns = cached.metadata.namespace;
  const candidates = ctx.lister<RS>('ReplicaSet').list({ namespace: ns });
  s.rsList = await claimObjects<RS>(ctx, { owner: cached, ownerType: 'Deployment', controllerRef: controllerRefTo(cached, 'apps/v1', 'Deployment'), objectType: 'ReplicaSet', match: (rs) => matchesLabels(selector, rs.metadata.labels) }, candidates);
  for (const rs of s.rsList) s.podsByRs.set(rs.metadata.uid, []);
  for (const pod of ctx.lister<Pod>('Pod').list({ namespace: ns, labelSelector: (l) => matchesLabels(selector, l) })) {
    const ref = controllerOf(pod);
    if (ref !== undefined) s.podsByRs.get(ref.uid)?.push(pod);
  }
  if (cached.metadata.deletionTimestamp !== undefined) {
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(s, false);
    await syncDeploymentStatus(s, [...oldRSs, newRS], newRS);
    return { state: s };
  }
  const paused = pausedConditionsStatus(s.d, ctx.clock.now());
  if (paused !== undefined) await writeDeploymentStatus(s, paused);
  if (s.d.spec?.paused === true || (await isScalingEvent(s))) {
    await syncScale(s);
    return { state: s };
  }
  const result = s.d.spec?.strategy?.type === 'Recreate' ? await rolloutRecreate(s) : await rolloutRolling(s);
  return { ...result, state: s };
}
