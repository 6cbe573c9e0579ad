import type { KubeObject } from '../api/meta.ts';

/** The type of a watch event, as on the Kubernetes wire. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/**
 * One event of a watch stream: `{ type, object }`. For BOOKMARK, `object` carries only
 * `metadata.resourceVersion` (and the `k8s.io/initial-events-end` annotation after initial events).
 * @public
 */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: WatchEventType;
  readonly object: T;
}
