import { Observable } from 'rxjs';
import type { KubeObject, StoredObject } from '../api/meta.ts';
import type { ResourceInfo } from '../api/resourceInfo.ts';
import { apiVersionOf } from '../api/resourceInfo.ts';
import { badRequest, gone, StatusError } from '../api/status.ts';
import type { Clock, TimerId } from '../runtime/sim/clock.ts';
import type { Store, StoreEvent } from '../store/storeTypes.ts';
import { Dispatcher } from './dispatcher.ts';
import { compileFilter } from './objectFilter.ts';
import type { ObjectFilter } from './objectFilter.ts';
import type { WatchOptions } from './requestOptions.ts';
import type { WatchEvent } from './watchTypes.ts';

interface Watcher {
  readonly resource: string;
  readonly filter: ObjectFilter;
  paused: boolean;
  last: number;
  emit(event: WatchEvent): void;
  fail(error: StatusError): void;
}

/** The annotation on the BOOKMARK that ends the initial events of a `sendInitialEvents` watch. */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/**
 * Fans committed store events out to watches, in revision order, through one trampoline, so
 * every watcher sees events of one key in order, none twice and none skipped.
 * @internal
 */
export class WatchHub {
  readonly dispatcher = new Dispatcher();
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly unsubscribe: () => void;
  private readonly store: Store;
  private readonly clock: Clock;

  constructor(store: Store, clock: Clock) {
    this.store = store;
    this.clock = clock;
    this.unsubscribe = store.subscribe((e) => this.dispatcher.enqueue(() => this.fanOut(e)));
  }

  /** Number of open watches. */
  count(): number {
    let n = 0;
    for (const s of this.watchers.values()) n += s.size;
    return n;
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.watchers.values()) for (const w of [...set]) w.fail(new StatusError(503, 'ServiceUnavailable', 'apiserver is shutting down'));
    this.watchers.clear();
  }

  /** Ends open watches with an error (410 Gone by default): fault injection and compaction. */
  expire(resource?: string, error: StatusError = gone(0, this.store.compactedRevision() + 1)): number {
    let n = 0;
    for (const [r, set] of this.watchers) {
      if (resource !== undefined && r !== resource) continue;
      for (const w of [...set]) {
        w.fail(error);
        n++;
      }
    }
    return n;
  }

  watch(info: ResourceInfo, storageKey: string, opts: WatchOptions): Observable<WatchEvent> {
    const filter = compileFilter(info, opts);
    const rvText = opts.resourceVersion ?? '';
    if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`invalid resource version "${rvText}"`);
    const initial = rvText === '' || rvText === '0' || opts.sendInitialEvents === true;
    if (opts.sendInitialEvents === true && opts.resourceVersionMatch !== 'NotOlderThan') {
      throw badRequest('sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan');
    }
    const apiVersion = apiVersionOf(info);
    return new Observable<WatchEvent>((subscriber) => {
      const timers: TimerId[] = [];
      const set = this.watchers.get(storageKey) ?? new Set<Watcher>();
      this.watchers.set(storageKey, set);
      const watcher: Watcher = {
        resource: storageKey,
        filter,
        paused: true,
        last: 0,
        emit: (e) => subscriber.next(e),
        fail: (err) => subscriber.error(err),
      };
      set.add(watcher);
      const bookmark = (annotations?: Record<string, string>): WatchEvent => ({
        type: 'BOOKMARK',
        object: { apiVersion, kind: info.kind, metadata: { resourceVersion: String(watcher.last), ...(annotations ? { annotations } : {}) } },
      });
      this.dispatcher.enqueue(() => {
        if (subscriber.closed) return;
        try {
          if (initial) {
            const { items, revision } = this.store.list(storageKey, info.namespaced ? opts.namespace : undefined);
            watcher.last = revision;
            for (const o of items) if (filter(o)) subscriber.next({ type: 'ADDED', object: o });
            if (opts.sendInitialEvents === true) subscriber.next(bookmark({ [INITIAL_EVENTS_END_ANNOTATION]: 'true' }));
          } else {
            const from = Number(rvText);
            const current = this.store.revision();
            if (from > current) throw new StatusError(504, 'Timeout', `Too large resource version: ${from}, current: ${current}`);
            const events = this.store.eventsAfter(from, storageKey);
            watcher.last = from;
            for (const e of events) this.deliver(watcher, e);
            watcher.last = Math.max(watcher.last, current);
          }
          watcher.paused = false;
        } catch (err) {
          subscriber.error(err);
        }
      });
      if (opts.allowWatchBookmarks === true) {
        const every = opts.bookmarkIntervalMs ?? 60_000;
        const tick = (): void => {
          this.dispatcher.enqueue(() => {
            if (subscriber.closed || watcher.paused) return;
            watcher.last = Math.max(watcher.last, this.store.revision());
            subscriber.next(bookmark());
          });
          timers[0] = this.clock.setTimeout(tick, every);
        };
        timers[0] = this.clock.setTimeout(tick, every);
      }
      if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0) {
        timers[1] = this.clock.setTimeout(() => subscriber.complete(), opts.timeoutSeconds * 1000);
      }
      return () => {
        set.delete(watcher);
        if (set.size === 0) this.watchers.delete(storageKey);
        for (const t of timers) this.clock.clearTimeout(t);
      };
    });
  }

  private fanOut(event: StoreEvent): void {
    const set = this.watchers.get(event.resource);
    if (set === undefined) return;
    for (const w of set) {
      if (w.paused) continue;
      this.deliver(w, event);
    }
  }

  private deliver(w: Watcher, event: StoreEvent): void {
    if (event.revision <= w.last) return;
    w.last = event.revision;
    const now = event.type !== 'DELETED' && w.filter(event.object);
    const before = event.prev !== undefined && w.filter(event.prev);
    if (event.type === 'DELETED') {
      if (before) w.emit({ type: 'DELETED', object: event.object });
    } else if (now && (event.type === 'ADDED' || !before)) {
      w.emit({ type: 'ADDED', object: event.object });
    } else if (now) {
      w.emit({ type: 'MODIFIED', object: event.object });
    } else if (before) {
      // The object left the selector: watchers see it go, at this revision.
      w.emit({ type: 'DELETED', object: withResourceVersion(event.prev, event.revision) });
    }
  }
}

function withResourceVersion(obj: StoredObject, revision: number): KubeObject {
  return Object.freeze({ ...obj, metadata: Object.freeze({ ...obj.metadata, resourceVersion: String(revision) }) });
}
