import type { KubeObject } from '../api/meta.ts';

/** Options every write accepts. */
export interface WriteOptions {
  /** `All` validates and admits but stores nothing (`?dryRun=All`). */
  readonly dryRun?: 'All';
  /** The field manager recorded for the write (`?fieldManager=`). */
  readonly fieldManager?: string;
  /** Who is asking (authorization hooks, audit). */
  readonly user?: string;
}

/** Options of create. */
export interface CreateOptions extends WriteOptions {
  /** The namespace of the request URL; must agree with the object's, if it has one. */
  readonly namespace?: string;
}

/** Options of update. */
export interface UpdateOptions extends WriteOptions {
  /** `status` to write only `.status`; `scale` is served by the scale methods. */
  readonly subresource?: 'status';
}

/** The patch formats the API server applies. */
export type PatchType = 'json' | 'merge' | 'strategic';

/** Options of patch. */
export interface PatchOptions extends WriteOptions {
  readonly namespace?: string;
  readonly type: PatchType;
  readonly subresource?: 'status';
}

/** How dependents are handled when an owner is deleted. */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** Options of delete and deletecollection (`DeleteOptions`). */
export interface DeleteOptions extends WriteOptions {
  readonly namespace?: string;
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: PropagationPolicy;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
}

/** Options of list and deletecollection. */
export interface ListOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

/** Options of watch. */
export interface WatchOptions {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Events strictly after this revision; unset or `"0"` starts with synthetic ADDED events for current objects. */
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'NotOlderThan';
  readonly allowWatchBookmarks?: boolean;
  /** With `resourceVersionMatch: NotOlderThan`: initial ADDED events, then a BOOKMARK marked `k8s.io/initial-events-end`. */
  readonly sendInitialEvents?: boolean;
  /** The watch completes after this many seconds of cluster time. */
  readonly timeoutSeconds?: number;
  /** Interval of BOOKMARK events when `allowWatchBookmarks` (default 60 s, as kube-apiserver). */
  readonly bookmarkIntervalMs?: number;
}

/** A list answer (`PodList`, …). */
export interface ObjectList<T extends KubeObject = KubeObject> {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly resourceVersion: string; readonly continue?: string; readonly remainingItemCount?: number };
  readonly items: readonly T[];
}
