import { Subject } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import type { KubeObject, ObjectKey } from '../api/meta.ts';
import { objectKey } from '../api/meta.ts';
import { isGone } from '../api/status.ts';
import type { WatchEvent } from '../apiserver/watchTypes.ts';
import type { Clock, TimerId } from '../runtime/sim/clock.ts';
import type { Client, TypeRef } from './client.ts';
import type { Indexers } from './indexFuncs.ts';
import { DEFAULT_INDEXERS } from './indexFuncs.ts';
import { createIndexer } from './indexer.ts';
import type { Indexer } from './indexer.ts';
import { createLister } from './lister.ts';
import type { Lister } from './lister.ts';

/**
 * What an informer tells its handlers (client-go's ResourceEventHandler): `deleted` with
 * `finalStateUnknown` is a tombstone from a relist (the object vanished while no watch was open).
 * @public
 */
export type InformerEvent<T extends KubeObject = KubeObject> =
  | { readonly type: 'added'; readonly object: T }
  | { readonly type: 'updated'; readonly object: T; readonly old: T }
  | { readonly type: 'deleted'; readonly object: T; readonly finalStateUnknown?: boolean };

/** Handler callbacks; each is optional. */
export interface InformerHandler<T extends KubeObject = KubeObject> {
  onAdd?(obj: T): void;
  onUpdate?(old: T, obj: T): void;
  onDelete?(obj: T, finalStateUnknown: boolean): void;
}

/** Options of {@link createSharedInformer}. */
export interface SharedInformerOptions {
  readonly client: Client;
  readonly type: TypeRef;
  readonly clock: Clock;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Periodic resync: every handler gets `onUpdate(obj, obj)` for every cached object (0 = never, the default). */
  readonly resyncMs?: number;
  readonly indexers?: Indexers;
  /** Wait before relisting after a failure other than 410 (default 1 s, doubling to 30 s). */
  readonly retryMs?: number;
  /**
   * Fault-injection seam: sees every watch event and returns what the informer should process
   * instead (drop, delay by holding, coalesce). Default: the event itself.
   */
  readonly interceptWatchEvent?: (event: WatchEvent) => readonly WatchEvent[];
}

/**
 * A shared informer (client-go semantics): list, then watch from the list's resourceVersion, into an
 * indexed cache; on 410 Gone it relists and emits tombstones for objects that vanished.
 * @public
 */
export interface SharedInformer<T extends KubeObject = KubeObject> {
  readonly indexer: Indexer<T>;
  readonly lister: Lister<T>;
  /** Every change applied to the cache, in order. */
  readonly events$: Observable<InformerEvent<T>>;
  hasSynced(): boolean;
  /** Resolves once the first list has been applied. */
  whenSynced(): Promise<void>;
  lastSyncResourceVersion(): string;
  /** Registers handlers; objects already cached are replayed as `onAdd` (client-go does the same). */
  addEventHandler(handler: InformerHandler<T>): () => void;
  /** How many times the informer listed (1 + relists). */
  listCount(): number;
  start(): void;
  stop(): void;
  /** Drops the watch and relists now (as after a 410). */
  relist(): void;
}

/** Creates a {@link SharedInformer}; call `start()` to list and watch. */
export function createSharedInformer<T extends KubeObject = KubeObject>(options: SharedInformerOptions): SharedInformer<T> {
  const { client, clock } = options;
  const indexer = createIndexer<T>((options.indexers ?? DEFAULT_INDEXERS));
  const lister = createLister(indexer);
  const events = new Subject<InformerEvent<T>>();
  const handlers = new Set<InformerHandler<T>>();
  let synced = false;
  let started = false;
  let stopped = false;
  let lastRv = '';
  let lists = 0;
  let generation = 0;
  let watch: Subscription | undefined;
  let retryTimer: TimerId | undefined;
  let resyncTimer: TimerId | undefined;
  let retryDelay = options.retryMs ?? 1000;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((r) => (resolveSynced = r));
  const query = {
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    ...(options.labelSelector !== undefined ? { labelSelector: options.labelSelector } : {}),
    ...(options.fieldSelector !== undefined ? { fieldSelector: options.fieldSelector } : {}),
  };

  const emit = (e: InformerEvent<T>): void => {
    for (const h of [...handlers]) {
      if (e.type === 'added') h.onAdd?.(e.object);
      else if (e.type === 'updated') h.onUpdate?.(e.old, e.object);
      else h.onDelete?.(e.object, e.finalStateUnknown === true);
    }
    events.next(e);
  };

  const apply = (we: WatchEvent): void => {
    const obj = we.object as T;
    const rv = obj.metadata?.resourceVersion;
    if (rv) lastRv = rv;
    if (we.type === 'BOOKMARK') return;
    const key = objectKey(obj);
    const old = indexer.get(key);
    if (we.type === 'DELETED') {
      indexer.delete(key);
      emit({ type: 'deleted', object: obj });
    } else if (old === undefined) {
      indexer.add(obj);
      emit({ type: 'added', object: obj });
    } else {
      indexer.update(obj);
      emit({ type: 'updated', object: obj, old });
    }
  };

  const scheduleRetry = (): void => {
    clock.clearTimeout(retryTimer);
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined;
      relistNow();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30_000);
  };

  const startWatch = (gen: number): void => {
    watch?.unsubscribe();
    const intercept = options.interceptWatchEvent;
    watch = client.watch(options.type, { ...query, resourceVersion: lastRv, allowWatchBookmarks: true }).subscribe({
      next: (e) => {
        if (gen !== generation) return;
        if (intercept === undefined) apply(e);
        else for (const x of intercept(e)) apply(x);
      },
      error: (err: unknown) => {
        if (gen !== generation || stopped) return;
        watch = undefined;
        if (isGone(err)) relistNow();
        else scheduleRetry();
      },
      complete: () => {
        if (gen !== generation || stopped) return;
        startWatch(gen);
      },
    });
  };

  const relistNow = (): void => {
    if (stopped) return;
    const gen = ++generation;
    watch?.unsubscribe();
    watch = undefined;
    lists++;
    client.list(options.type, query).then(
      (list) => {
        if (gen !== generation || stopped) return;
        retryDelay = options.retryMs ?? 1000;
        const items = list.items as unknown as T[];
        const seen = new Set<ObjectKey>();
        const changes: InformerEvent<T>[] = [];
        for (const obj of items) {
          const key = objectKey(obj);
          seen.add(key);
          const old = indexer.get(key);
          if (old === undefined) changes.push({ type: 'added', object: obj });
          else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) changes.push({ type: 'updated', object: obj, old });
        }
        for (const old of indexer.list()) {
          if (!seen.has(objectKey(old))) changes.push({ type: 'deleted', object: old, finalStateUnknown: true });
        }
        indexer.replace(items);
        lastRv = list.metadata.resourceVersion;
        for (const c of changes) emit(c);
        if (!synced) {
          synced = true;
          resolveSynced();
        }
        startWatch(gen);
      },
      (_err: unknown) => {
        if (gen !== generation || stopped) return;
        scheduleRetry();
      },
    );
  };

  const resync = (): void => {
    const every = options.resyncMs ?? 0;
    if (every <= 0) return;
    resyncTimer = clock.setTimeout(() => {
      if (stopped) return;
      for (const obj of indexer.list()) emit({ type: 'updated', object: obj, old: obj });
      resync();
    }, every);
  };

  return {
    indexer,
    lister,
    events$: events.asObservable(),
    hasSynced: () => synced,
    whenSynced: () => syncedPromise,
    lastSyncResourceVersion: () => lastRv,
    listCount: () => lists,
    addEventHandler(handler) {
      handlers.add(handler);
      if (handler.onAdd !== undefined) for (const obj of indexer.list()) handler.onAdd(obj);
      return () => handlers.delete(handler);
    },
    start() {
      if (started) return;
      started = true;
      relistNow();
      resync();
    },
    stop() {
      stopped = true;
      generation++;
      watch?.unsubscribe();
      watch = undefined;
      clock.clearTimeout(retryTimer);
      clock.clearTimeout(resyncTimer);
      handlers.clear();
      events.complete();
    },
    relist() {
      if (!stopped && started) relistNow();
    },
  };
}
