import { produce } from 'immer';
import type { AnyObject, KubeObject, StoredObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import type { DeleteOptions } from './requestOptions.ts';
import { rfc3339 } from './timestamps.ts';

/** The finalizer a Foreground deletion puts on the owner. */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** The finalizer an Orphan deletion puts on the owner. */
export const ORPHAN_FINALIZER = 'orphan';

/** What a delete request does to the stored object. */
export type DeletionPlan = { readonly kind: 'none' } | { readonly kind: 'delete' } | { readonly kind: 'update'; readonly object: KubeObject };

interface PodLike {
  spec?: { nodeName?: string; terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

function isPod(info: ResourceInfo): boolean {
  return info.group === '' && info.kind === 'Pod';
}

// The grace period of a pod deletion (kube-apiserver's pod strategy): the request's, else the pod's
// terminationGracePeriodSeconds; zero for pods never scheduled or already finished.
function podGracePeriod(pod: PodLike, requested: number | undefined): number {
  if (!pod.spec?.nodeName) return 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
  return grace < 0 ? 1 : grace;
}

function withPolicyFinalizers(finalizers: readonly string[], policy: DeleteOptions['propagationPolicy']): string[] {
  if (policy === undefined) return [...finalizers];
  const rest = finalizers.filter((f) => f !== FOREGROUND_FINALIZER && f !== ORPHAN_FINALIZER);
  if (policy === 'Foreground') rest.push(FOREGROUND_FINALIZER);
  if (policy === 'Orphan') rest.push(ORPHAN_FINALIZER);
  return rest;
}

function namespaceFinalizers(info: ResourceInfo, obj: KubeObject): readonly string[] {
  if (info.group !== '' || info.kind !== 'Namespace') return [];
  return ((obj as AnyObject)['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? [];
}

/**
 * Decides what a delete does (kube-apiserver's graceful deletion + finalizers): remove the object
 * now, or mark it with `deletionTimestamp` (pods on a node wait for their kubelet; objects with
 * finalizers wait for them to be removed), or nothing when a deletion is already under way.
 * @internal
 */
export function planDeletion(info: ResourceInfo, current: StoredObject, opts: DeleteOptions, nowMs: number): DeletionPlan {
  const grace = isPod(info) ? podGracePeriod(current as PodLike, opts.gracePeriodSeconds) : 0;
  const oldFinalizers = current.metadata.finalizers ?? [];
  const finalizers = withPolicyFinalizers(oldFinalizers, opts.propagationPolicy);
  const sameFinalizers = finalizers.length === oldFinalizers.length && finalizers.every((f, i) => f === oldFinalizers[i]);
  const nsHolds = namespaceFinalizers(info, current).length > 0;
  const deleting = current.metadata.deletionTimestamp !== undefined;

  if (deleting) {
    const currentGrace = current.metadata.deletionGracePeriodSeconds ?? 0;
    const shorten = isPod(info) && grace < currentGrace;
    if (!shorten && sameFinalizers) {
      return currentGrace === 0 && finalizers.length === 0 && !nsHolds ? { kind: 'delete' } : { kind: 'none' };
    }
    const g = shorten ? grace : currentGrace;
    if (g === 0 && finalizers.length === 0 && !nsHolds) return { kind: 'delete' };
    return { kind: 'update', object: mark(current, g, finalizers, nowMs, shorten, info) };
  }
  if (grace === 0 && finalizers.length === 0 && !nsHolds) return { kind: 'delete' };
  return { kind: 'update', object: mark(current, grace, finalizers, nowMs, true, info) };
}

function mark(current: StoredObject, grace: number, finalizers: string[], nowMs: number, setTimestamp: boolean, info: ResourceInfo): KubeObject {
  return produce(current as AnyObject, (d) => {
    const m = (d.metadata ??= {});
    if (setTimestamp || m.deletionTimestamp === undefined) m.deletionTimestamp = rfc3339(nowMs + grace * 1000);
    m.deletionGracePeriodSeconds = grace;
    if (finalizers.length > 0) m.finalizers = finalizers;
    else delete m.finalizers;
    if (info.group === '' && info.kind === 'Namespace') {
      d['status'] = { ...((d['status']) ?? {}), phase: 'Terminating' };
    }
  });
}
