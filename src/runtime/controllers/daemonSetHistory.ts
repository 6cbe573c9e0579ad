import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { StoredObject } from '../../api/meta.ts';
import { matchesLabels } from '../../api/labelSelector.ts';
import type { LabelSelectorRequirements } from '../../api/labelSelector.ts';
import { isAlreadyExists, isNotFound } from '../../api/status.ts';
import { daemonSetRevisionData, maxRevisionNumber, revisionMatches } from '../../workloads/controllerRevision.ts';
import { CONTROLLER_REVISION_HASH_LABEL } from '../../workloads/daemonSetPlacement.ts';
import { controllerRefTo } from '../../workloads/podTemplate.ts';
import { computeTemplateHash } from '../../workloads/templateHash.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';
import { claimObjects } from './claimObjects.ts';

type CR = StoredObject<ControllerRevision>;

// Upstream snapshot: a ControllerRevision named <ds>-<hash>; a name held by another template bumps collisionCount.
async function snapshot(ctx: ReconcileContext, ds: StoredObject<DaemonSet>, revision: number): Promise<CR> {
  const ns = ds.metadata.namespace ?? 'default';
  const hash = computeTemplateHash(ds.spec?.template, ds.status?.collisionCount);
  const name = `${ds.metadata.name}-${hash}`;
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(ds.spec?.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash },
      ...(ds.metadata.annotations !== undefined ? { annotations: { ...ds.metadata.annotations } } : {}),
      ownerReferences: [controllerRefTo(ds, 'apps/v1', 'DaemonSet')],
    },
    data: daemonSetRevisionData(ds),
    revision,
  };
  try {
    return await ctx.client.create(cr);
  } catch (e) {
    if (!isAlreadyExists(e)) throw e;
    const existing = await ctx.client.get<'ControllerRevision', ControllerRevision>('ControllerRevision', name, { namespace: ns });
    if (revisionMatches(ds, existing)) return existing;
    const current = await ctx.client.get<'DaemonSet', DaemonSet>('DaemonSet', ds.metadata.name, { namespace: ns });
    if ((current.status?.collisionCount ?? 0) !== (ds.status?.collisionCount ?? 0)) {
      throw new Error(`found a stale collision count (${ds.status?.collisionCount ?? 0}, expected ${current.status?.collisionCount ?? 0}) of DaemonSet ${JSON.stringify(ds.metadata.name)} while processing; will retry until it is updated`, { cause: e });
    }
    await ctx.client.updateStatus({ ...current, status: { ...(current.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }), collisionCount: (current.status?.collisionCount ?? 0) + 1 } });
    throw e;
  }
}

/**
 * Upstream `constructHistory`: the DaemonSet's ControllerRevisions (claimed through its selector),
 * split into the current one (matching its template, created if missing, renumbered to be the newest)
 * and the old ones. Duplicated current revisions are reduced to the newest.
 */
export async function constructHistory(ctx: ReconcileContext, ds: StoredObject<DaemonSet>, selector: LabelSelectorRequirements): Promise<{ cur: CR; old: CR[] }> {
  const ns = ds.metadata.namespace ?? 'default';
  const candidates = ctx.lister<CR>('ControllerRevision').list({ namespace: ns });
  const histories = await claimObjects<CR>(ctx, { owner: ds, ownerType: 'DaemonSet', controllerRef: controllerRefTo(ds, 'apps/v1', 'DaemonSet'), objectType: 'ControllerRevision', match: (cr) => matchesLabels(selector, cr.metadata.labels) }, candidates);
  const current: CR[] = [];
  const old: CR[] = [];
  for (let h of histories) {
    if (h.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === undefined) {
      h = await ctx.client.update({ ...h, metadata: { ...h.metadata, labels: { ...(h.metadata.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: h.metadata.name } } });
    }
    (revisionMatches(ds, h) ? current : old).push(h);
  }
  const next = maxRevisionNumber(old) + 1;
  if (current.length === 0) return { cur: await snapshot(ctx, ds, next), old };
  current.sort((a, b) => a.revision - b.revision);
  let cur = current[current.length - 1] as CR;
  for (const dup of current.slice(0, -1)) {
    await ctx.client.delete('ControllerRevision', dup.metadata.name, { namespace: ns }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
  if (cur.revision < next) cur = await ctx.client.update({ ...cur, revision: next });
  return { cur, old };
}

/**
 * Upstream `cleanupHistory`: deletes the oldest revisions beyond `revisionHistoryLimit`, except those
 * a live pod still runs.
 */
export async function cleanupHistory(ctx: ReconcileContext, ds: StoredObject<DaemonSet>, old: readonly CR[], pods: readonly Pod[]): Promise<void> {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const live = new Set(pods.map((p) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL]).filter((h): h is string => h !== undefined && h !== ''));
  for (const h of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (live.has(h.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')) continue;
    await ctx.client.delete('ControllerRevision', h.metadata.name, { namespace: h.metadata.namespace ?? 'default' }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
    toKill--;
  }
}
