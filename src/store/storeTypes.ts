import type { StoredObject } from '../api/meta.ts';

/** The type of a change in the store (BOOKMARK exists only on watch streams). */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One committed change: which resource and key, the object after the change (for DELETED, the last
 * state with the deletion's resourceVersion), the object before it, and the global revision.
 * @public
 */
export interface StoreEvent {
  readonly type: StoreEventType;
  /** Storage key of the resource type: `pods`, `apps/deployments`. */
  readonly resource: string;
  /** `namespace/name` or `name`. */
  readonly key: string;
  readonly object: StoredObject;
  readonly prev: StoredObject | undefined;
  readonly revision: number;
}

/**
 * What a storage backend must do. The default is {@link MemoryStore}; a real etcd backend can
 * implement the same interface. Objects handed in are stored as given (already frozen, with
 * `metadata.resourceVersion` set by the store); objects handed out are frozen.
 * @public
 */
export interface Store {
  /** The current global revision (the last committed change). */
  revision(): number;
  /** The oldest revision a watch may start from (anything older answers 410 Gone). */
  compactedRevision(): number;
  get(resource: string, key: string): StoredObject | undefined;
  /** Objects of a resource, sorted by key, optionally in one namespace, at the current revision. */
  list(resource: string, namespace?: string): { items: StoredObject[]; revision: number };
  count(resource: string): number;
  /** Creates `key`; throws if it exists (the API server checks first and maps to AlreadyExists). */
  create(resource: string, key: string, object: StoredObject): StoredObject;
  /** Replaces `key` if its current resourceVersion equals `expectedRevision` (when given). */
  update(resource: string, key: string, object: StoredObject, expectedRevision?: string): StoredObject;
  /** Removes `key` if its current resourceVersion equals `expectedRevision` (when given). */
  delete(resource: string, key: string, expectedRevision?: string): StoredObject;
  /** Committed events with revision greater than `after`, for one resource (or all). Throws 410 when compacted. */
  eventsAfter(after: number, resource?: string): StoreEvent[];
  /** Drops history up to and including `revision`. */
  compact(revision: number): void;
  /** Registers a listener for every committed change, called in revision order. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** Resource keys that hold at least one object. */
  resources(): string[];
}

/** Thrown by a {@link Store} when a precondition or existence check fails. */
export class StoreConflictError extends Error {
  readonly code: 'exists' | 'missing' | 'stale';
  constructor(code: 'exists' | 'missing' | 'stale', message: string) {
    super(message);
    this.name = 'StoreConflictError';
    this.code = code;
  }
}
