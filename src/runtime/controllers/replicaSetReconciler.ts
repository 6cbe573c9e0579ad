import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { controllerOf } from '../../api/meta.ts';
import { matchesLabels } from '../../api/labelSelector.ts';
import type { LabelSelectorRequirements } from '../../api/labelSelector.ts';
import { isConflict, isNotFound } from '../../api/status.ts';
import { podsToDelete } from '../../workloads/activePodsWithRanks.ts';
import { filterActivePods, msUntilAvailable } from '../../workloads/podConditions.ts';
import { controllerRefTo } from '../../workloads/podTemplate.ts';
import { calculateReplicaStatus, replicaStatusUnchanged } from '../../workloads/replicaSetStatus.ts';
import type { ManageOutcome, ReplicaStatus } from '../../workloads/replicaSetStatus.ts';
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../../workloads/slowStartBatch.ts';
import { EXPECTATIONS_TIMEOUT_MS } from '../../workloads/UidTrackingExpectations.ts';
import type { UidTrackingExpectations } from '../../workloads/UidTrackingExpectations.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../controller/reconcileTypes.ts';
import { claimObjects } from './claimObjects.ts';
import { createControlledPod, deleteControlledPod, errorMessage, isNamespaceTerminating } from './podControl.ts';

/** A replica-keeping kind: ReplicaSet (apps/v1) or ReplicationController (v1). */
export interface ReplicaKind {
  readonly kind: 'ReplicaSet' | 'ReplicationController';
  readonly apiVersion: 'apps/v1' | 'v1';
  /** The parsed selector, or undefined when it is invalid. */
  selector(obj: ReplicaObject): LabelSelectorRequirements | undefined;
}

/** The fields both kinds share. */
export interface ReplicaObject extends KubeObject {
  spec?: { replicas?: number; minReadySeconds?: number; template?: PodTemplateSpec; selector?: unknown };
  status?: ReplicaStatus;
}

/** What the reconciler reports after each sync (drives the lifecycle statechart). */
export interface ReplicaSyncReport {
  readonly key: string;
  readonly desired: number;
  readonly active: number;
  readonly ready: number;
  readonly available: number;
  readonly failure?: 'FailedCreate' | 'FailedDelete' | undefined;
  readonly message?: string | undefined;
}

/** Everything a sync needs besides the request. */
export interface ReplicaSyncDeps {
  readonly kind: ReplicaKind;
  readonly expectations: UidTrackingExpectations;
  report(r: ReplicaSyncReport): void;
  forget(key: string): void;
}

const podKey = (p: Pod): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

// Pods of every ReplicaSet sharing this one's controller (itself included), for co-location ranks.
function relatedPods(ctx: ReconcileContext, kind: ReplicaKind, rs: ReplicaObject): Pod[] {
  const ref = controllerOf(rs);
  const siblings = ref === undefined ? [rs] : ctx.lister<ReplicaObject>(kind.kind).list({ namespace: rs.metadata?.namespace }).filter((o) => controllerOf(o)?.uid === ref.uid);
  const seen = new Set<string>();
  const out: Pod[] = [];
  for (const s of siblings) {
    const sel = kind.selector(s);
    if (sel === undefined) continue;
    for (const p of ctx.lister<Pod>('Pod').list({ namespace: rs.metadata?.namespace, labelSelector: (l) => matchesLabels(sel, l) })) {
      const uid = p.metadata?.uid ?? '';
      if (seen.has(uid)) continue;
      seen.add(uid);
      out.push(p);
    }
  }
  return out;
}

// Upstream manageReplicas: create (slow start, burst-bounded) or delete (ranked) the difference.
async function manageReplicas(ctx: ReconcileContext, deps: ReplicaSyncDeps, key: string, rs: ReplicaObject, pods: readonly Pod[]): Promise<ManageOutcome> {
  const replicas = rs.spec?.replicas ?? 1;
  const diff = pods.length - replicas;
  const ref = controllerRefTo(rs, deps.kind.apiVersion, deps.kind.kind);
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    deps.expectations.expectCreations(key, n);
    const template = rs.spec?.template ?? {};
    const { successes, error } = await slowStartBatch(n, SLOW_START_INITIAL_BATCH_SIZE, async () => {
      try {
        await createControlledPod(ctx, rs, template, ref);
      } catch (e) {
        if (!isNamespaceTerminating(e)) throw e;
      }
    });
    // Pods never created will never be observed.
    for (let i = successes; i < n; i++) deps.expectations.creationObserved(key);
    return error === undefined ? { diff } : { diff, error: errorMessage(error) };
  }
  if (diff > 0) {
    const n = Math.min(diff, BURST_REPLICAS);
    const victims = podsToDelete(pods, relatedPods(ctx, deps.kind, rs), n, ctx.clock.now());
    deps.expectations.expectDeletions(key, victims.map(podKey));
    const errors: unknown[] = [];
    await Promise.all(
      victims.map((p) =>
        deleteControlledPod(ctx, rs, p.metadata?.namespace, p.metadata?.name ?? '').catch((e: unknown) => {
          deps.expectations.deletionObserved(key, podKey(p));
          if (!isNotFound(e)) errors.push(e);
        }),
      ),
    );
    const first = errors[0];
    if (first !== undefined) return { diff, error: errorMessage(first) };
  }
  return { diff };
}

// Upstream updateReplicaSetStatus: write with the cached resourceVersion, retry once on a fresh read.
async function writeStatus(ctx: ReconcileContext, kind: ReplicaKind, rs: ReplicaObject, status: ReplicaStatus): Promise<ReplicaObject> {
  const generation = rs.metadata?.generation ?? 0;
  if (replicaStatusUnchanged(rs.status, status, generation)) return rs;
  const write = (obj: ReplicaObject): Promise<ReplicaObject> => ctx.client.updateStatus({ ...obj, status: { ...status, observedGeneration: obj.metadata?.generation ?? generation } });
  try {
    return await write(rs);
  } catch (e) {
    if (!isConflict(e)) throw e;
    const fresh = await ctx.client.get<string, ReplicaObject>(kind.kind, rs.metadata?.name ?? '', { namespace: rs.metadata?.namespace ?? 'default' });
    return write(fresh);
  }
}

/**
 * Upstream `syncReplicaSet`: claim the active pods matching the selector (adopt orphans, release
 * strays), manage replicas when expectations are satisfied, always write the status, and requeue when
 * a ready pod will turn available after minReadySeconds. A failed create or delete is reported in the
 * ReplicaFailure condition, then rethrown for a rate-limited retry.
 */
export async function syncReplicas(req: ReconcileRequest, ctx: ReconcileContext, deps: ReplicaSyncDeps): Promise<ReconcileResult> {
  const { kind } = deps;
  const rs = ctx.lister<ReplicaObject>(kind.kind).get(req.namespace, req.name);
  if (rs === undefined) {
    deps.expectations.delete(req.key);
    deps.forget(req.key);
    return {};
  }
  const needsSync = deps.expectations.satisfied(req.key);
  const selector = kind.selector(rs);
  if (selector === undefined) {
    ctx.log(`${req.key}: invalid selector`);
    return {};
  }
  const active = filterActivePods(ctx.lister<Pod>('Pod').list({ namespace: rs.metadata?.namespace }));
  const ref = controllerRefTo(rs, kind.apiVersion, kind.kind);
  const pods = await claimObjects<Pod>(ctx, { owner: rs, ownerType: kind.kind, controllerRef: ref, objectType: 'Pod', match: (p) => matchesLabels(selector, p.metadata?.labels) }, active);
  let outcome: ManageOutcome = { diff: pods.length - (rs.spec?.replicas ?? 1) };
  if (needsSync && rs.metadata?.deletionTimestamp === undefined) outcome = await manageReplicas(ctx, deps, req.key, rs, pods);
  const now = ctx.clock.now();
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const status = calculateReplicaStatus(rs.status, rs.spec?.template, minReady, pods, outcome, now);
  const written = await writeStatus(ctx, kind, rs, status);
  const failure = outcome.error === undefined ? undefined : outcome.diff < 0 ? 'FailedCreate' : 'FailedDelete';
  deps.report({
    key: req.key,
    desired: rs.spec?.replicas ?? 1,
    active: pods.length,
    ready: written.status?.readyReplicas ?? 0,
    available: written.status?.availableReplicas ?? 0,
    failure,
    message: outcome.error,
  });
  if (outcome.error !== undefined) throw new Error(outcome.error);
  const waits = pods.map((p) => msUntilAvailable(p, minReady, now)).filter((x): x is number => x !== undefined);
  // Waiting on expectations: come back once they have expired. An expected pod that came and went
  // while the watch was down is never observed, and without another event nothing would sync this
  // ReplicaSet again (upstream relies on its informers' periodic resync, 12–24 h, for that).
  if (!needsSync) waits.push(EXPECTATIONS_TIMEOUT_MS + 1_000);
  return waits.length > 0 ? { requeueAfterMs: Math.min(...waits) } : {};
}
