import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import { isAlreadyExists, isNotFound } from '../../api/status.ts';
import { DeploymentReason, getDeploymentCondition, hasProgressDeadline, newDeploymentCondition, setDeploymentCondition } from '../../workloads/deploymentConditions.ts';
import { maxRevision, REVISION_ANNOTATION, replicasAnnotationsNeedUpdate, setNewReplicaSetAnnotations, setReplicasAnnotations } from '../../workloads/deploymentAnnotations.ts';
import { compareByRevision, equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, newRSNewReplicas, POD_TEMPLATE_HASH_LABEL, rsReplicas } from '../../workloads/deploymentReplicaSets.ts';
import { deploymentMaxSurge, desiredReplicas } from '../../workloads/fenceposts.ts';
import { controllerRefTo } from '../../workloads/podTemplate.ts';
import { computeTemplateHash } from '../../workloads/templateHash.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';

/** A ReplicaSet as stored. */
export type RS = StoredObject<ReplicaSet>;

/** One sync of one Deployment: the context, and working copies refreshed after every write. */
export interface DeploymentSyncState {
  readonly ctx: ReconcileContext;
  d: StoredObject<Deployment>;
  rsList: RS[];
  podsByRs: Map<string, Pod[]>;
}

/** Replaces a ReplicaSet in the working list after it was written. */
export function remember(s: DeploymentSyncState, rs: RS): RS {
  const i = s.rsList.findIndex((x) => x.metadata.uid === rs.metadata.uid);
  if (i >= 0) s.rsList[i] = rs;
  else s.rsList.push(rs);
  return rs;
}

/** Writes the Deployment's status (status subresource) and keeps the result. */
export async function writeDeploymentStatus(s: DeploymentSyncState, status: DeploymentStatus): Promise<void> {
  s.d = await s.ctx.client.updateStatus({ ...s.d, status });
}

/**
 * Upstream `SetDeploymentRevision` + write: the Deployment's revision annotation follows its new
 * ReplicaSet. Upstream writes it with the status (its status strategy keeps annotations); here the
 * status subresource only takes `.status`, so the annotation goes in a metadata update first.
 */
async function setDeploymentRevision(s: DeploymentSyncState, revision: string): Promise<void> {
  if (s.d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return;
  s.d = await s.ctx.client.update({ ...s.d, metadata: { ...s.d.metadata, annotations: { ...(s.d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision } } });
}

/**
 * Upstream `scaleReplicaSet`: writes the size and the replicas annotations when either is stale, and
 * records `ScalingReplicaSet` (`Scaled up replica set x to 3 from 1`) when the size changed.
 */
export async function scaleReplicaSet(s: DeploymentSyncState, rs: RS, replicas: number, operation: string): Promise<{ scaled: boolean; rs: RS }> {
  const d = s.d;
  const desired = desiredReplicas(d);
  const max = desired + deploymentMaxSurge(d);
  const old = rsReplicas(rs);
  const sizeChanged = old !== replicas;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs.metadata.annotations, desired, max)) return { scaled: false, rs };
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  setReplicasAnnotations(annotations, desired, max);
  const updated = remember(s, await s.ctx.client.update({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...(rs.spec ?? { selector: {} }), replicas } }));
  if (sizeChanged) void s.ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${rs.metadata.name} to ${replicas} from ${old}`);
  return { scaled: sizeChanged, rs: updated };
}

/** Upstream `scaleReplicaSetAndRecordEvent`: no write when the size is already right. */
export function scaleReplicaSetAndRecordEvent(s: DeploymentSyncState, rs: RS, replicas: number): Promise<{ scaled: boolean; rs: RS }> {
  const old = rsReplicas(rs);
  if (old === replicas) return Promise.resolve({ scaled: false, rs });
  return scaleReplicaSet(s, rs, replicas, old < replicas ? 'up' : 'down');
}

// Upstream getNewReplicaSet, existing-ReplicaSet branch: sync its annotations, then the Deployment's revision.
async function syncExistingNewRS(s: DeploymentSyncState, existing: RS, newRevision: number): Promise<RS> {
  const d = s.d;
  const annotations = { ...(existing.metadata.annotations ?? {}) };
  const changed = setNewReplicaSetAnnotations(d, annotations, newRevision, true, deploymentMaxSurge(d));
  const minReady = d.spec?.minReadySeconds ?? 0;
  if (changed || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
    return remember(s, await s.ctx.client.update({ ...existing, metadata: { ...existing.metadata, annotations }, spec: { ...(existing.spec ?? { selector: {} }), minReadySeconds: minReady } }));
  }
  await setDeploymentRevision(s, existing.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(s.d) && getDeploymentCondition(s.d.status, 'Progressing') === undefined) {
    const status: DeploymentStatus = { ...(s.d.status ?? {}) };
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', DeploymentReason.FoundNewRS, `Found new replica set ${JSON.stringify(existing.metadata.name)}`, s.ctx.clock.now()));
    await writeDeploymentStatus(s, status);
  }
  return existing;
}

// Upstream getNewReplicaSet, creation branch: a ReplicaSet named after the template hash; a name
// taken by a different template bumps collisionCount.
async function createNewRS(s: DeploymentSyncState, oldRSs: readonly RS[], newRevision: number): Promise<RS> {
  const d = s.d;
  const now = s.ctx.clock.now();
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeTemplateHash(d.spec?.template, d.status?.collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const draft: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: d.metadata.namespace ?? 'default', ownerReferences: [controllerRefTo(d, 'apps/v1', 'Deployment')], labels: { ...(template.metadata.labels ?? {}) }, annotations: {} },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newRSNewReplicas(d, [...oldRSs, draft], draft);
  (draft.spec as { replicas: number }).replicas = replicas;
  setNewReplicaSetAnnotations(d, draft.metadata?.annotations as Record<string, string>, newRevision, false, deploymentMaxSurge(d));
  let created: RS;
  let alreadyExisted = false;
  try {
    created = await s.ctx.client.create(draft);
  } catch (e) {
    if (!isAlreadyExists(e)) {
      const msg = `Failed to create new replica set ${JSON.stringify(name)}: ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(d)) {
        const status: DeploymentStatus = { ...(d.status ?? {}) };
        setDeploymentCondition(status, newDeploymentCondition('Progressing', 'False', DeploymentReason.FailedRSCreate, msg, now));
        await writeDeploymentStatus(s, status).catch(() => undefined);
      }
      void s.ctx.recorder.event(d, 'Warning', DeploymentReason.FailedRSCreate, msg);
      throw e;
    }
    const existing = s.ctx.lister<RS>('ReplicaSet').get(d.metadata.namespace, name);
    if (existing === undefined) throw e;
    if (controllerOf(existing)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec?.template, existing.spec?.template)) {
      await writeDeploymentStatus(s, { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 });
      throw e;
    }
    created = existing;
    alreadyExisted = true;
  }
  remember(s, created);
  if (!alreadyExisted && replicas > 0) void s.ctx.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${replicas}`);
  await setDeploymentRevision(s, String(newRevision));
  if (!alreadyExisted && hasProgressDeadline(s.d)) {
    const status: DeploymentStatus = { ...(s.d.status ?? {}) };
    setDeploymentCondition(status, newDeploymentCondition('Progressing', 'True', DeploymentReason.NewRSCreated, `Created new replica set ${JSON.stringify(name)}`, now));
    await writeDeploymentStatus(s, status);
  }
  return created;
}

/**
 * Upstream `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (created when asked and missing)
 * with its revision raised to max(old) + 1, and all old ones.
 */
export async function getAllReplicaSetsAndSyncRevision(s: DeploymentSyncState, create: boolean): Promise<{ newRS: RS | undefined; oldRSs: RS[] }> {
  const oldRSs = findOldReplicaSets(s.d, s.rsList).all;
  const existing = findNewReplicaSet(s.d, s.rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing !== undefined) return { newRS: await syncExistingNewRS(s, existing, newRevision), oldRSs };
  if (!create) return { newRS: undefined, oldRSs };
  return { newRS: await createNewRS(s, oldRSs, newRevision), oldRSs };
}

/**
 * Upstream `cleanupDeployment`: deletes the oldest (by revision) old ReplicaSets beyond
 * `revisionHistoryLimit` that have no replicas, no pods and an observed generation.
 */
export async function cleanupDeployment(s: DeploymentSyncState, oldRSs: readonly RS[]): Promise<void> {
  const limit = s.d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === 2147483647) return;
  const cleanable = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined).sort(compareByRevision);
  const diff = cleanable.length - limit;
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if (rs === undefined) continue;
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    await s.ctx.client.delete('ReplicaSet', rs.metadata.name, { namespace: rs.metadata.namespace ?? 'default' }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
}
