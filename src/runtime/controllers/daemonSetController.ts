import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { controllerOf, objectKey } from '../../api/meta.ts';
import { labelSelectorFromSpec, matchesLabels } from '../../api/labelSelector.ts';
import { UidTrackingExpectations } from '../../workloads/UidTrackingExpectations.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';
import { createFailedPodBackoff, daemonExpectationKey, syncDaemonSet } from './daemonSetSync.ts';
import type { DaemonSyncDeps } from './daemonSetSync.ts';

function podHandlers(ctx: ReconcileContext, deps: () => DaemonSyncDeps, enqueue: (k: string) => void) {
  const resolve = (pod: Pod, ref: OwnerReference | undefined): DaemonSet | undefined => {
    if (ref === undefined || ref.kind !== 'DaemonSet' || !ref.apiVersion.startsWith('apps/')) return undefined;
    const ds = ctx.lister<DaemonSet>('DaemonSet').get(pod.metadata?.namespace, ref.name);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  };
  const enqueueMatching = (pod: Pod): void => {
    for (const ds of ctx.lister<DaemonSet>('DaemonSet').list({ namespace: pod.metadata?.namespace })) {
      try {
        if (matchesLabels(labelSelectorFromSpec(ds.spec?.selector), pod.metadata?.labels)) enqueue(objectKey(ds));
      } catch {
        // An invalid selector matches nothing.
      }
    }
  };
  const deleted = (pod: Pod): void => {
    const ds = resolve(pod, controllerOf(pod));
    if (ds === undefined) return;
    deps().expectations.deletionObserved(daemonExpectationKey(ds));
    enqueue(objectKey(ds));
  };
  return {
    onAdd(pod: Pod): void {
      if (pod.metadata?.deletionTimestamp !== undefined) return deleted(pod);
      const ref = controllerOf(pod);
      if (ref === undefined) return enqueueMatching(pod);
      const ds = resolve(pod, ref);
      if (ds === undefined) return;
      deps().expectations.creationObserved(daemonExpectationKey(ds));
      enqueue(objectKey(ds));
    },
    onUpdate(old: Pod, cur: Pod): void {
      if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
      if (cur.metadata?.deletionTimestamp !== undefined && old.metadata?.deletionTimestamp === undefined) return deleted(cur);
      const curRef = controllerOf(cur);
      const oldRef = controllerOf(old);
      if (oldRef !== undefined && oldRef.uid !== curRef?.uid) {
        const ds = resolve(old, oldRef);
        if (ds !== undefined) enqueue(objectKey(ds));
      }
      if (curRef !== undefined) {
        const ds = resolve(cur, curRef);
        if (ds !== undefined) enqueue(objectKey(ds));
        return;
      }
      if (JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {}) || oldRef !== undefined) enqueueMatching(cur);
    },
    onDelete: deleted,
  };
}

// Upstream shouldIgnoreNodeUpdate: only labels, taints and conditions matter to DaemonSets.
const nodeView = (n: Node): string => JSON.stringify([n.metadata?.labels ?? {}, n.spec?.taints ?? [], n.spec?.unschedulable ?? false, (n.status?.conditions ?? []).map((c) => [c.type, c.status])]);

/**
 * The DaemonSet controller (kubernetes `pkg/controller/daemon`): one pod per eligible node (node
 * selector, required node affinity, taints against the DaemonSet tolerations), pinned with a
 * `metadata.name` node affinity for the scheduler (pods bound some other way count too); reacts to
 * nodes added, removed and relabelled; RollingUpdate (maxUnavailable, maxSurge) or OnDelete;
 * ControllerRevisions for template history; the full status. Events come from `daemonset-controller`.
 * @public
 */
export function daemonSetController(): ControllerDefinition {
  let deps: DaemonSyncDeps | undefined;
  const fresh = (ctx: ReconcileContext): DaemonSyncDeps => ({ expectations: new UidTrackingExpectations(() => ctx.clock.now()), backoff: createFailedPodBackoff() });
  return defineController({
    name: 'daemonset',
    for: 'DaemonSet',
    // Starts the ControllerRevision cache with the controller, so history is read from a synced cache.
    watches: [{ type: 'ControllerRevision', map: () => [] }],
    sources: (src) => {
      const { informers, ctx } = src;
      const enqueue = (key: string): void => src.enqueue(key);
      deps = fresh(ctx);
      const all = (): void => {
        for (const ds of ctx.lister<DaemonSet>('DaemonSet').list()) enqueue(objectKey(ds));
      };
      const stopPods = informers.informerFor<Pod>('Pod').addEventHandler(podHandlers(ctx, () => (deps ??= fresh(ctx)), enqueue));
      const stopNodes = informers.informerFor<Node>('Node').addEventHandler({
        onAdd: all,
        onUpdate: (old, cur) => {
          if (nodeView(old) !== nodeView(cur)) all();
        },
        onDelete: all,
      });
      // Upstream deleteDaemonset / updateDaemonset: a deleted DaemonSet's expectations go with it (also
      // when a delete and a create of the same name arrive as one update with a new uid). Expectations
      // are kept per uid besides (daemonExpectationKey), so a recreated DaemonSet starts clean even when
      // a sync of the deleted one was still in flight.
      const forget = (ds: DaemonSet): void => (deps ??= fresh(ctx)).expectations.delete(daemonExpectationKey(ds));
      const stopOwners = informers.informerFor<DaemonSet>('DaemonSet').addEventHandler({
        onUpdate: (old, cur) => {
          if (old.metadata?.uid !== cur.metadata?.uid) forget(old);
        },
        onDelete: forget,
      });
      return () => {
        stopPods();
        stopNodes();
        stopOwners();
      };
    },
    reconcile: (req, ctx) => syncDaemonSet(req, ctx, (deps ??= fresh(ctx))),
  });
}
