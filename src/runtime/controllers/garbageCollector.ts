import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resourceInfo.ts';
import { apiVersionOf } from '../../api/resourceInfo.ts';
import { isConflict, isNotFound } from '../../api/status.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../../apiserver/deletion.ts';
import type { InformerFactory } from '../../client/informerFactory.ts';
import { defineController } from '../controller/defineController.ts';
import type { ControllerDefinition } from '../controller/defineController.ts';
import type { ReconcileContext } from '../controller/reconcileTypes.ts';
import { OwnerGraph } from './ownerGraph.ts';
import type { GraphNode } from './ownerGraph.ts';

/** Resources the garbage collector does not monitor (not deletable, or pure noise). */
const IGNORED = new Set(['events', 'events.k8s.io/events', 'coordination.k8s.io/leases']);

function monitorable(info: ResourceInfo): boolean {
  const key = info.group === '' ? info.plural : `${info.group}/${info.plural}`;
  return info.stored && info.verbs.includes('watch') && info.verbs.includes('delete') && !IGNORED.has(key);
}

function sameRef(a: OwnerReference, uid: string): boolean {
  return a.uid === uid;
}

/**
 * The garbage collector (pkg/controller/garbagecollector), as a controller whose keys are uids:
 * it watches every deletable resource, keeps the ownership graph, and
 * - deletes dependents whose owners are all gone (Background propagation, dangling owners);
 * - for an owner deleted in the Foreground, deletes its dependents and removes `foregroundDeletion`
 *   once no dependent with `blockOwnerDeletion` remains;
 * - for an owner deleted with Orphan, strips its owner references from the dependents, then
 *   removes `orphan`;
 * - removes owner references to owners that vanished from dependents that still have live owners.
 * Owners are confirmed through a live read before anything is deleted (its cache may lag).
 * @public
 */
export function garbageCollector(): ControllerDefinition {
  // Rebuilt from the informers on every (re)start, like upstream's GraphBuilder in a new process: a
  // graph kept across a restart holds objects deleted while the collector was down (no informer ever
  // tells it), which hide vanished owners and block foreground deletions on dependents long gone.
  let graph = new OwnerGraph();
  let enqueueKey: (uid: string) => void = () => undefined;

  const owner = async (ctx: ReconcileContext, dependent: GraphNode, ref: OwnerReference): Promise<{ state: 'absent' | 'present' | 'waiting'; obj?: KubeObject }> => {
    const known = graph.get(ref.uid);
    let info: ResourceInfo;
    try {
      info = known?.resource ?? ctx.client.resource({ apiVersion: ref.apiVersion, kind: ref.kind });
    } catch {
      return { state: 'absent' };
    }
    // A namespaced dependent can only be owned by an object in its own namespace or a cluster-scoped one.
    const ns = info.namespaced ? dependent.namespace : undefined;
    if (info.namespaced && dependent.namespace === undefined) return { state: 'absent' };
    try {
      const obj = await ctx.client.get(info, ref.name, ns !== undefined ? { namespace: ns } : {});
      if (obj.metadata.uid !== ref.uid) return { state: 'absent' };
      const waiting = obj.metadata.deletionTimestamp !== undefined && (obj.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
      return { state: waiting ? 'waiting' : 'present', obj };
    } catch (e) {
      if (isNotFound(e)) return { state: 'absent' };
      throw e;
    }
  };

  const removeFinalizer = async (ctx: ReconcileContext, node: GraphNode, finalizer: string): Promise<void> => {
    await ctx.client.mutate(node.resource, node.name, (d: KubeObject) => {
      const m = d.metadata ?? {};
      m.finalizers = (m.finalizers ?? []).filter((f) => f !== finalizer);
    }, node.namespace !== undefined ? { namespace: node.namespace } : {});
  };

  const deleteObject = async (ctx: ReconcileContext, node: GraphNode, policy: 'Background' | 'Foreground'): Promise<void> => {
    try {
      await ctx.client.delete(node.resource, node.name, { ...(node.namespace !== undefined ? { namespace: node.namespace } : {}), propagationPolicy: policy, preconditions: { uid: node.uid } });
    } catch (e) {
      // Gone, or replaced by a new object under the same name (the uid precondition failed): done.
      // Any other error — a plain 409 included — is retried, as upstream's attemptToDelete worker does.
      if (isNotFound(e) || (isConflict(e) && /Precondition failed: UID in precondition/.test(e.message))) return;
      throw e;
    }
  };

  const startMonitors = (informers: InformerFactory, ctx: ReconcileContext, enqueue: (k: string) => void): (() => void) => {
    const stops: (() => void)[] = [];
    const monitored = new Set<string>();
    const monitor = (info: ResourceInfo): void => {
      const key = `${apiVersionOf(info)}/${info.kind}`;
      if (monitored.has(key) || !monitorable(info)) return;
      monitored.add(key);
      stops.push(
        informers.informerFor(info).addEventHandler({
          onAdd: (o) => changed(o, info),
          onUpdate: (old, o) => {
            // A delete and a create under one name can reach the informer as one update (a relist
            // after 410 replaces by key): the old uid is gone, and its dependents must hear of it.
            if (old.metadata?.uid !== o.metadata?.uid) removed(old);
            changed(o, info);
          },
          onDelete: removed,
        }),
      );
    };
    const removed = (o: KubeObject): void => {
      const node = graph.remove(o.metadata?.uid ?? '');
      if (node === undefined) return;
      for (const d of graph.dependentsOf(node.uid)) enqueue(d.uid);
      for (const ref of node.owners) {
        const ownerNode = graph.get(ref.uid);
        if (ownerNode?.deleting === true) enqueue(ownerNode.uid);
      }
    };
    const changed = (o: KubeObject, info: ResourceInfo): void => {
      const uid = o.metadata?.uid;
      if (uid === undefined) return;
      const prev = graph.upsert(o, info);
      const node = graph.get(uid) as GraphNode;
      if (node.owners.some((r) => graph.get(r.uid) === undefined)) enqueue(uid);
      if (prev !== undefined && prev.owners.length !== node.owners.length) enqueue(uid);
      // Upstream addUnblockedOwnersToDeleteQueue: a reference that stopped blocking (removed, or
      // blockOwnerDeletion turned off) may let an owner waiting in the foreground go.
      for (const r of prev?.owners ?? []) {
        if (r.blockOwnerDeletion !== true || node.owners.some((x) => x.uid === r.uid && x.blockOwnerDeletion === true)) continue;
        if (graph.get(r.uid)?.deleting === true) enqueue(r.uid);
      }
      if (node.deleting && (node.finalizers.includes(FOREGROUND_FINALIZER) || node.finalizers.includes(ORPHAN_FINALIZER))) enqueue(uid);
      // Dependents that arrived before their owner can now be judged.
      for (const d of graph.dependentsOf(uid)) if (node.deleting) enqueue(d.uid);
    };
    for (const info of ctx.client.resources()) monitor(info);
    // Custom resources registered later get monitors as their CRDs appear.
    stops.push(
      informers.informerFor('CustomResourceDefinition').addEventHandler({
        onAdd: () => {
          for (const info of ctx.client.resources()) monitor(info);
        },
        onUpdate: () => {
          for (const info of ctx.client.resources()) monitor(info);
        },
      }),
    );
    return () => {
      for (const s of stops) s();
    };
  };

  return defineController({
    name: 'garbage-collector',
    maxConcurrentReconciles: 4,
    sources: (source) => {
      graph = new OwnerGraph();
      enqueueKey = (key) => source.enqueue(key);
      return startMonitors(source.informers, source.ctx, enqueueKey);
    },
    async reconcile(req, ctx) {
      const node = graph.get(req.key);
      if (node === undefined) return {};
      if (node.deleting && node.finalizers.includes(ORPHAN_FINALIZER)) {
        for (const d of graph.dependentsOf(node.uid)) {
          await ctx.client.mutate(d.resource, d.name, (draft: KubeObject) => {
            const m = draft.metadata ?? {};
            m.ownerReferences = (m.ownerReferences ?? []).filter((r) => !sameRef(r, node.uid));
            if (m.ownerReferences.length === 0) delete m.ownerReferences;
          }, d.namespace !== undefined ? { namespace: d.namespace } : {}).catch((e: unknown) => {
            if (!isNotFound(e)) throw e;
          });
        }
        await removeFinalizer(ctx, node, ORPHAN_FINALIZER);
        return {};
      }
      if (node.deleting && node.finalizers.includes(FOREGROUND_FINALIZER)) {
        const dependents = graph.dependentsOf(node.uid);
        const blocking = dependents.filter((d) => d.owners.some((r) => sameRef(r, node.uid) && r.blockOwnerDeletion === true));
        if (blocking.length === 0) {
          await removeFinalizer(ctx, node, FOREGROUND_FINALIZER);
          return {};
        }
        // Upstream processDeletingDependentsItem: blocking dependents go through attemptToDeleteItem
        // (the path below), which deletes those with no other live owner and only unblocks those that
        // have one (blockOwnerDeletion=false). Deleting them all here would delete objects a live owner
        // still owns.
        for (const d of blocking) if (!d.deleting) enqueueKey(d.uid);
        return {};
      }
      if (node.owners.length === 0) return {};
      const solid: OwnerReference[] = [];
      const dangling: OwnerReference[] = [];
      const waiting: OwnerReference[] = [];
      for (const ref of node.owners) {
        const o = await owner(ctx, node, ref);
        (o.state === 'present' ? solid : o.state === 'absent' ? dangling : waiting).push(ref);
      }
      if (solid.length > 0) {
        if (dangling.length === 0 && waiting.length === 0) return {};
        // Keep the object: drop references to vanished owners, stop blocking owners that wait for dependents.
        await ctx.client.mutate(node.resource, node.name, (draft: KubeObject) => {
          const m = draft.metadata ?? {};
          m.ownerReferences = (m.ownerReferences ?? [])
            .filter((r) => !dangling.some((x) => x.uid === r.uid))
            .map((r) => (waiting.some((x) => x.uid === r.uid) ? { ...r, blockOwnerDeletion: false } : r));
        }, node.namespace !== undefined ? { namespace: node.namespace } : {}).catch((e: unknown) => {
          if (!isNotFound(e)) throw e;
        });
        return {};
      }
      if (node.deleting) return {};
      await deleteObject(ctx, node, waiting.length > 0 && graph.dependentsOf(node.uid).length > 0 ? 'Foreground' : 'Background');
      return {};
    },
  });
}
