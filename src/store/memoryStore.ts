import { freeze, produce } from 'immer';
import type { StoredObject } from '../api/meta.ts';
import { gone } from '../api/status.ts';
import { StoreConflictError } from './storeTypes.ts';
import type { Store, StoreEvent, StoreEventType } from './storeTypes.ts';

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** Most events kept for watches to resume from (default 100,000). */
  readonly historyLimit?: number;
  /** Events older than this many ms of cluster time are compacted (default 5 minutes, like kube-apiserver's etcd compaction). */
  readonly historyMs?: number;
  /** Cluster time, for time-based compaction. */
  readonly now?: () => number;
}

interface HistoryEntry {
  readonly event: StoreEvent;
  readonly at: number;
}

function namespaceOf(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
}

/**
 * The in-memory store: one global revision (an object's resourceVersion is the revision of its last
 * change, as a decimal string), per-resource maps split by namespace, and a bounded history of
 * events for watches; a watch from before the history answers 410 Gone.
 * @public
 */
export class MemoryStore implements Store {
  private rev = 0;
  private compacted = 0;
  private readonly data = new Map<string, Map<string, Map<string, StoredObject>>>();
  private readonly counts = new Map<string, number>();
  private history: HistoryEntry[] = [];
  private historyStart = 0;
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  // Listeners that write while being notified must not make later listeners see revisions out of order.
  private readonly outbox: StoreEvent[] = [];
  private notifying = false;
  private readonly historyLimit: number;
  private readonly historyMs: number;
  private readonly now: () => number;

  constructor(options: MemoryStoreOptions = {}) {
    this.historyLimit = options.historyLimit ?? 100_000;
    this.historyMs = options.historyMs ?? 5 * 60_000;
    this.now = options.now ?? (() => 0);
  }

  revision(): number {
    return this.rev;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  get(resource: string, key: string): StoredObject | undefined {
    return this.data.get(resource)?.get(namespaceOf(key))?.get(key);
  }

  list(resource: string, namespace?: string): { items: StoredObject[]; revision: number } {
    const byNs = this.data.get(resource);
    const items: StoredObject[] = [];
    if (byNs !== undefined) {
      if (namespace !== undefined && namespace !== '') {
        const m = byNs.get(namespace);
        if (m !== undefined) for (const o of m.values()) items.push(o);
      } else {
        for (const m of byNs.values()) for (const o of m.values()) items.push(o);
      }
    }
    items.sort((a, b) => compareKeys(a, b));
    return { items, revision: this.rev };
  }

  count(resource: string): number {
    return this.counts.get(resource) ?? 0;
  }

  resources(): string[] {
    return [...this.data.keys()].filter((r) => (this.counts.get(r) ?? 0) > 0).sort();
  }

  create(resource: string, key: string, object: StoredObject): StoredObject {
    if (this.get(resource, key) !== undefined) throw new StoreConflictError('exists', `${resource} ${key} already exists`);
    return this.commit('ADDED', resource, key, object, undefined);
  }

  update(resource: string, key: string, object: StoredObject, expectedRevision?: string): StoredObject {
    const prev = this.get(resource, key);
    if (prev === undefined) throw new StoreConflictError('missing', `${resource} ${key} not found`);
    if (expectedRevision !== undefined && prev.metadata.resourceVersion !== expectedRevision) {
      throw new StoreConflictError('stale', `${resource} ${key} is at ${prev.metadata.resourceVersion}, not ${expectedRevision}`);
    }
    return this.commit('MODIFIED', resource, key, object, prev);
  }

  delete(resource: string, key: string, expectedRevision?: string): StoredObject {
    const prev = this.get(resource, key);
    if (prev === undefined) throw new StoreConflictError('missing', `${resource} ${key} not found`);
    if (expectedRevision !== undefined && prev.metadata.resourceVersion !== expectedRevision) {
      throw new StoreConflictError('stale', `${resource} ${key} is at ${prev.metadata.resourceVersion}, not ${expectedRevision}`);
    }
    return this.commit('DELETED', resource, key, prev, prev);
  }

  eventsAfter(after: number, resource?: string): StoreEvent[] {
    if (after < this.compacted) throw gone(after, this.compacted + 1);
    const out: StoreEvent[] = [];
    // History is ordered by revision: binary-search the first event after `after`.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.history[mid] as HistoryEntry).event.revision <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const e = (this.history[i] as HistoryEntry).event;
      if (resource === undefined || e.resource === resource) out.push(e);
    }
    return out;
  }

  compact(revision: number): void {
    const target = Math.min(revision, this.rev);
    while (this.historyStart < this.history.length && (this.history[this.historyStart] as HistoryEntry).event.revision <= target) this.historyStart++;
    if (target > this.compacted) this.compacted = target;
    if (this.historyStart > 1024 && this.historyStart * 2 > this.history.length) {
      this.history = this.history.slice(this.historyStart);
      this.historyStart = 0;
    }
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(type: StoreEventType, resource: string, key: string, object: StoredObject, prev: StoredObject | undefined): StoredObject {
    const revision = ++this.rev;
    const rv = String(revision);
    const stored = freeze(
      produce(object, (d) => {
        d.metadata.resourceVersion = rv;
      }),
      true,
    );
    const ns = namespaceOf(key);
    let byNs = this.data.get(resource);
    if (byNs === undefined) {
      byNs = new Map();
      this.data.set(resource, byNs);
    }
    let m = byNs.get(ns);
    if (m === undefined) {
      m = new Map();
      byNs.set(ns, m);
    }
    if (type === 'DELETED') {
      m.delete(key);
      if (m.size === 0) byNs.delete(ns);
      this.counts.set(resource, (this.counts.get(resource) ?? 1) - 1);
    } else {
      if (type === 'ADDED') this.counts.set(resource, (this.counts.get(resource) ?? 0) + 1);
      m.set(key, stored);
    }
    const event: StoreEvent = Object.freeze({ type, resource, key, object: stored, prev, revision });
    const now = this.now();
    this.history.push({ event, at: now });
    this.trimHistory(now);
    this.notify(event);
    return stored;
  }

  private notify(event: StoreEvent): void {
    this.outbox.push(event);
    if (this.notifying) return;
    this.notifying = true;
    let failure: unknown;
    let failed = false;
    try {
      for (let i = 0; i < this.outbox.length; i++) {
        const e = this.outbox[i] as StoreEvent;
        for (const l of this.listeners) {
          try {
            l(e);
          } catch (err) {
            if (!failed) {
              failed = true;
              failure = err;
            }
          }
        }
      }
    } finally {
      this.outbox.length = 0;
      this.notifying = false;
    }
    if (failed) throw failure;
  }

  private trimHistory(now: number): void {
    const live = this.history.length - this.historyStart;
    let drop = this.historyStart + Math.max(0, live - this.historyLimit);
    while (drop < this.history.length && now - (this.history[drop] as HistoryEntry).at > this.historyMs) drop++;
    if (drop > this.historyStart) this.compact((this.history[drop - 1] as HistoryEntry).event.revision);
  }
}

function compareKeys(a: StoredObject, b: StoredObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name;
  const mb = b.metadata.name;
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}
