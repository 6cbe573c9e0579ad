import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../../api/meta.ts';
import { isEverything, labelSelectorFromSpec, matchesLabels } from '../../api/labelSelector.ts';
import { isConflict, isNotFound } from '../../api/status.ts';
import { CONTROLLER_REVISION_HASH_LABEL, daemonPodTemplate, replaceNodeNameAffinity, targetNodeName } from '../../workloads/daemonSetPlacement.ts';
import { daemonSetStatusCounts, planDaemonRollingUpdate, podsShouldBeOnNode } from '../../workloads/daemonSetPlan.ts';
import { isPodTerminal, msUntilAvailable } from '../../workloads/podConditions.ts';
import { controllerRefTo } from '../../workloads/podTemplate.ts';
import { BURST_REPLICAS, SLOW_START_INITIAL_BATCH_SIZE } from '../../workloads/slowStartBatch.ts';
import { EXPECTATIONS_TIMEOUT_MS } from '../../workloads/UidTrackingExpectations.ts';
import type { UidTrackingExpectations } from '../../workloads/UidTrackingExpectations.ts';
import type { ReconcileContext, ReconcileRequest, ReconcileResult } from '../controller/reconcileTypes.ts';
import { claimObjects } from './claimObjects.ts';
import { cleanupHistory, constructHistory } from './daemonSetHistory.ts';
import { createControlledPod, deleteControlledPod, errorMessage, isNamespaceTerminating } from './podControl.ts';

type DS = StoredObject<DaemonSet>;

/** Upstream's failed-pod backoff (1 s doubling to 15 min) per DaemonSet generation and node. */
export interface FailedPodBackoff {
  /** Undefined when the pod may be killed now (and the backoff steps up); else how long to wait. */
  check(key: string, nowMs: number): number | undefined;
}

/** Creates a {@link FailedPodBackoff}. */
export function createFailedPodBackoff(initialMs = 1_000, maxMs = 15 * 60_000): FailedPodBackoff {
  const entries = new Map<string, { delay: number; last: number }>();
  return {
    check(key, nowMs) {
      const e = entries.get(key);
      if (e !== undefined && nowMs - e.last < e.delay) return e.delay - (nowMs - e.last);
      const delay = e === undefined || nowMs - e.last > 2 * maxMs ? initialMs : Math.min(e.delay * 2, maxMs);
      entries.set(key, { delay, last: nowMs });
      return undefined;
    },
  };
}

/**
 * The key a DaemonSet's expectations are kept under: its `namespace/name` and its uid. Upstream keys
 * them by name and drops them when the DaemonSet is deleted; a sync of the deleted DaemonSet still in
 * flight can set them again after that, and a DaemonSet recreated under the same name would then wait
 * (until the 5-minute expiry, with nothing to wake it after) for pods of the old uid it never observes.
 */
export function daemonExpectationKey(ds: { readonly metadata?: { readonly namespace?: string; readonly name?: string; readonly uid?: string } }): string {
  return `${ds.metadata?.namespace ?? ''}/${ds.metadata?.name ?? ''}/${ds.metadata?.uid ?? ''}`;
}

/** What the DaemonSet sync keeps between reconciles. */
export interface DaemonSyncDeps {
  readonly expectations: UidTrackingExpectations;
  readonly backoff: FailedPodBackoff;
}

// Upstream getNodesToDaemonPods: claimed pods grouped by the node they are (or will be) on.
async function nodesToDaemonPods(ctx: ReconcileContext, ds: DS, selector: ReturnType<typeof labelSelectorFromSpec>, includeDeletedTerminal: boolean): Promise<Map<string, Pod[]>> {
  const candidates = ctx.lister<StoredObject<Pod>>('Pod').list({ namespace: ds.metadata.namespace });
  const pods = await claimObjects<StoredObject<Pod>>(ctx, { owner: ds, ownerType: 'DaemonSet', controllerRef: controllerRefTo(ds, 'apps/v1', 'DaemonSet'), objectType: 'Pod', match: (p) => matchesLabels(selector, p.metadata.labels) }, candidates);
  const map = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp !== undefined) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    map.set(node, [...(map.get(node) ?? []), pod]);
  }
  return map;
}

// Upstream syncNodes: expectations, slow-start creations pinned to their node, deletions.
async function syncNodes(ctx: ReconcileContext, deps: DaemonSyncDeps, key: string, ds: DS, deletePods: readonly string[], createOn: readonly string[], hash: string): Promise<void> {
  const createDiff = Math.min(createOn.length, BURST_REPLICAS);
  const deleteDiff = Math.min(deletePods.length, BURST_REPLICAS);
  deps.expectations.setExpectations(key, createDiff, deleteDiff);
  const errors: unknown[] = [];
  const template = daemonPodTemplate(ds, hash);
  const ref = controllerRefTo(ds, 'apps/v1', 'DaemonSet');
  for (let pos = 0, batch = Math.min(createDiff, SLOW_START_INITIAL_BATCH_SIZE); pos < createDiff; pos += batch, batch = Math.min(2 * batch, createDiff - pos)) {
    const before = errors.length;
    await Promise.all(
      createOn.slice(pos, pos + batch).map(async (node) => {
        const t = structuredClone(template);
        t.spec = { ...(t.spec ?? { containers: [] }), affinity: replaceNodeNameAffinity(t.spec?.affinity, node) };
        try {
          await createControlledPod(ctx, ds, t, ref);
        } catch (e) {
          if (isNamespaceTerminating(e)) return;
          deps.expectations.creationObserved(key);
          errors.push(e);
        }
      }),
    );
    const skipped = createDiff - (pos + batch);
    if (errors.length > before && skipped > 0) {
      deps.expectations.lower(key, skipped, 0);
      break;
    }
  }
  await Promise.all(
    deletePods.slice(0, deleteDiff).map((name) =>
      deleteControlledPod(ctx, ds, ds.metadata.namespace, name).catch((e: unknown) => {
        deps.expectations.deletionObserved(key);
        if (!isNotFound(e)) errors.push(e);
      }),
    ),
  );
  const first = errors[0];
  if (first !== undefined) throw first instanceof Error ? first : new Error(errorMessage(first));
}

// Upstream manage: pods onto the nodes that need them, off the nodes that must not run them.
async function manage(ctx: ReconcileContext, deps: DaemonSyncDeps, key: string, ds: DS, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string): Promise<number | undefined> {
  const createOn: string[] = [];
  const deletePods: string[] = [];
  let retryAfter: number | undefined;
  const now = ctx.clock.now();
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    const plan = podsShouldBeOnNode(node, byNode.get(name), ds, hash, now);
    if (plan.needsPod) createOn.push(name);
    deletePods.push(...plan.deletePods);
    for (const pod of plan.failedPods) {
      const wait = deps.backoff.check(`${ds.metadata.uid}/${ds.metadata.generation ?? 0}/${name}`, now);
      if (wait !== undefined) {
        retryAfter = Math.min(retryAfter ?? wait, wait);
        continue;
      }
      void ctx.recorder.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''} on node ${name}, will try to kill it`);
      deletePods.push(pod.metadata?.name ?? '');
    }
  }
  // Unbound pods aimed at nodes that no longer exist would never be scheduled.
  const existing = new Set(nodes.map((n) => n.metadata?.name ?? ''));
  for (const [node, pods] of byNode) if (!existing.has(node)) for (const p of pods) if (!p.spec?.nodeName) deletePods.push(p.metadata?.name ?? '');
  await syncNodes(ctx, deps, key, ds, deletePods, createOn, hash);
  return retryAfter;
}

async function writeStatus(ctx: ReconcileContext, ds: DS, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, observe: boolean): Promise<void> {
  const counts = daemonSetStatusCounts(ds, nodes, byNode, hash, ctx.clock.now());
  const s = ds.status;
  const same = (Object.keys(counts) as (keyof typeof counts)[]).every((k) => (s?.[k] ?? 0) === counts[k]);
  if (same && (s?.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)) return;
  const status = (base: DaemonSetStatus | undefined, generation: number | undefined): DaemonSetStatus => ({ ...(base ?? {}), ...counts, ...(observe ? { observedGeneration: generation ?? 0 } : {}) });
  try {
    await ctx.client.updateStatus({ ...ds, status: status(ds.status, ds.metadata.generation) });
  } catch (e) {
    if (!isConflict(e)) throw e;
    const fresh = await ctx.client.get<'DaemonSet', DaemonSet>('DaemonSet', ds.metadata.name, { namespace: ds.metadata.namespace ?? 'default' });
    await ctx.client.updateStatus({ ...fresh, status: status(fresh.status, ds.metadata.generation) });
  }
}

/**
 * Upstream `syncDaemonSet`: history (ControllerRevisions), then — once expectations are satisfied —
 * `manage` (one pod per eligible node, pinned with a `metadata.name` node affinity), the RollingUpdate
 * step (OnDelete waits for pods to be deleted), history cleanup, and always the status.
 */
export async function syncDaemonSet(req: ReconcileRequest, ctx: ReconcileContext, deps: DaemonSyncDeps): Promise<ReconcileResult> {
  const ds = ctx.lister<DS>('DaemonSet').get(req.namespace, req.name);
  if (ds === undefined) return {};
  const key = daemonExpectationKey(ds);
  const nodes = ctx.lister<Node>('Node').list();
  let selector;
  try {
    selector = labelSelectorFromSpec(ds.spec?.selector);
  } catch {
    return {};
  }
  if (isEverything(selector)) {
    void ctx.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
    return {};
  }
  if (ds.metadata.deletionTimestamp !== undefined) return {};
  const { cur, old } = await constructHistory(ctx, ds, selector);
  const hash = cur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
  if (!deps.expectations.satisfied(key)) {
    await writeStatus(ctx, ds, nodes, await nodesToDaemonPods(ctx, ds, selector, false), hash, false);
    // Come back once they have expired: a pod event lost while the watch was down would otherwise
    // leave this DaemonSet waiting for good (upstream relies on its informers' 12–24 h resync).
    return { requeueAfterMs: EXPECTATIONS_TIMEOUT_MS + 1_000 };
  }
  let failure: unknown;
  let retryAfter: number | undefined;
  try {
    retryAfter = await manage(ctx, deps, key, ds, nodes, await nodesToDaemonPods(ctx, ds, selector, false), hash);
    if (deps.expectations.satisfied(key) && ds.spec?.updateStrategy?.type !== 'OnDelete') {
      const plan = planDaemonRollingUpdate(ds, nodes, await nodesToDaemonPods(ctx, ds, selector, false), hash, ctx.clock.now());
      if (plan.deletePods.length + plan.createOn.length > 0) await syncNodes(ctx, deps, key, ds, plan.deletePods, plan.createOn, hash);
    }
    await cleanupHistory(ctx, ds, old, [...(await nodesToDaemonPods(ctx, ds, selector, true)).values()].flat());
  } catch (e) {
    failure = e;
  }
  const byNode = await nodesToDaemonPods(ctx, ds, selector, false);
  await writeStatus(ctx, ds, nodes, byNode, hash, true);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(errorMessage(failure));
  const now = ctx.clock.now();
  const waits = [...byNode.values()].flat().map((p) => msUntilAvailable(p, ds.spec?.minReadySeconds ?? 0, now)).filter((x): x is number => x !== undefined);
  if (retryAfter !== undefined) waits.push(retryAfter);
  return waits.length > 0 ? { requeueAfterMs: Math.min(...waits) } : {};
}
