import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { KubeObject } from '../api/meta.ts';

/** The revision of a Deployment's ReplicaSet (and of the Deployment: its newest). */
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Earlier revisions a ReplicaSet had (it got a new number when rolled back to). */
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
/** `spec.replicas` of the Deployment when it last sized this ReplicaSet. */
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
/** `spec.replicas + maxSurge` of the Deployment when it last sized this ReplicaSet. */
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
/** The annotation `kubectl rollout history` shows as CHANGE-CAUSE. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** Upstream `maxRevHistoryLengthInChars`. */
export const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

const ANNOTATIONS_TO_SKIP: ReadonlySet<string> = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

/** Upstream `skipCopyAnnotation`: annotations a Deployment and its ReplicaSets do not share. */
export function skipCopyAnnotation(key: string): boolean {
  return ANNOTATIONS_TO_SKIP.has(key);
}

/** Upstream `deploymentutil.Revision`: the revision annotation as a number, 0 when absent, NaN when malformed. */
export function revisionOf(obj: KubeObject): number {
  const v = obj.metadata?.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : Number.NaN;
}

/** Upstream `MaxRevision`: the largest valid revision (0 for none). */
export function maxRevision(objs: readonly KubeObject[]): number {
  let max = 0;
  for (const o of objs) {
    const v = revisionOf(o);
    if (!Number.isNaN(v) && v > max) max = v;
  }
  return max;
}

/** Upstream `copyDeploymentAnnotationsToReplicaSet`: copies all but the skipped ones; true when anything changed. */
export function copyDeploymentAnnotations(d: Deployment, rsAnnotations: Record<string, string>): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (skipCopyAnnotation(k) || rsAnnotations[k] === v) continue;
    rsAnnotations[k] = v;
    changed = true;
  }
  return changed;
}

/** Upstream `SetReplicasAnnotations`: desired- and max-replicas; true when anything changed. */
export function setReplicasAnnotations(annotations: Record<string, string>, desired: number, max: number): boolean {
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** Upstream `ReplicasAnnotationsNeedUpdate`. */
export function replicasAnnotationsNeedUpdate(annotations: Readonly<Record<string, string>> | undefined, desired: number, max: number): boolean {
  return annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || annotations[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/**
 * Upstream `SetNewReplicaSetAnnotations`: copies the Deployment's annotations, raises the revision to
 * `newRevision` when it is higher (keeping the old one in revision-history, bounded to 2000
 * characters), and for a ReplicaSet about to be created sets the replicas annotations.
 * Mutates `annotations`; true when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, annotations: Record<string, string>, newRevision: number, exists: boolean, maxSurge: number): boolean {
  let changed = copyDeploymentAnnotations(d, annotations);
  const oldText = annotations[REVISION_ANNOTATION];
  let old = 0;
  if (oldText !== undefined) {
    if (!/^[+-]?\d+$/.test(oldText)) return false;
    old = Number(oldText);
  }
  if (old < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldText !== undefined) {
      const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
      const parts = history.split(',');
      if (parts[0] === '') annotations[REVISION_HISTORY_ANNOTATION] = oldText;
      else {
        let total = history.length + oldText.length + 1;
        let start = 0;
        while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < parts.length) total -= (parts[start++] ?? '').length + 1;
        if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...parts.slice(start), oldText].join(',');
      }
    }
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(annotations, replicas, replicas + maxSurge)) changed = true;
  return changed;
}
