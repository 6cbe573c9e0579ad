import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';
import type { Scheduler } from 'fast-check';
import type { KubeObject } from '../api/meta.ts';
import { objectKey } from '../api/meta.ts';
import { StatusError, conflict, forbidden, gone, internalError, isGone, notFound, serviceUnavailable, tooManyRequests } from '../api/status.ts';
import type { WatchEvent } from '../apiserver/watchTypes.ts';
import type { Client, TypeRef } from '../client/client.ts';

/** A request fault waiting for the controller's next request(s). */
export interface RequestFault {
  readonly kind: 'conflict' | 'unavailable' | 'throttle' | 'timeout' | 'quota';
  /** Matching requests let through first (so the fault can land on any write of a reconcile). */
  skip?: number;
  remaining: number;
}

/** How the controller's watches behave right now. */
export type WatchMode = 'live' | 'hold' | 'coalesce' | 'drop';

/** What the controller under test sees and does: its client, its watches, its crash point. */
export interface FaultState {
  requestFaults: RequestFault[];
  /** When set, reads are answered from this store revision (a lagging API server). */
  staleRevision: number | undefined;
  watchMode: WatchMode;
  /** Crash once this many more writes have been applied (undefined: no crash armed). */
  crashAfterWrites: number | undefined;
  /** How long a crashed controller stays down before it is restarted. */
  restartAfterMs: number;
}

/** Creates a {@link FaultState} with no fault active. */
export function createFaultState(): FaultState {
  return { requestFaults: [], staleRevision: undefined, watchMode: 'live', crashAfterWrites: undefined, restartAfterMs: 0 };
}

/** Options of {@link createFaultyClient}. */
export interface FaultyClientOptions {
  readonly state: FaultState;
  /** fast-check's scheduler: every response and watch delivery goes through it (absent: delivered at once). */
  readonly scheduler?: Scheduler<unknown>;
  /** Called when an armed crash point is reached, after the write was applied and before its answer arrives. */
  readonly onCrash?: () => void;
  /** Called after every write the server applied (for operation summaries): verb and object. */
  readonly onWrite?: (verb: 'create' | 'update' | 'delete', type: string, obj: KubeObject | undefined) => void;
}

/** The controller-side end of the fault layer. */
export interface FaultyClient {
  readonly client: Client;
  /** Requests sent and not yet answered (the controller's outstanding work). */
  inFlight(): number;
  /** Watch events held back (by `hold`, `coalesce` or the scheduler). */
  held(): number;
  /** After a watch-mode change: deliver held events (coalesced in `coalesce` mode) or, after `drop`, end watches with 410. */
  release(previous: WatchMode): void;
  /** Ends every open watch with 410 Gone (the informers relist). */
  expireWatches(): void;
  /** Every request fails from now on and nothing more is delivered (a crashed process). */
  kill(): void;
}

interface HeldWatch {
  readonly queue: ({ readonly event: WatchEvent } | { readonly error: unknown } | { readonly complete: true })[];
  scheduled: boolean;
  dropped: boolean;
  closed: boolean;
  readonly label: string;
  readonly deliver: (item: HeldWatch['queue'][number]) => void;
}

// How a request names its type in labels (the scheduler report, fault messages).
const typeName = (type: TypeRef): string => (typeof type === 'string' ? type : type.kind);

const WRITE_FAULT_KINDS: ReadonlySet<RequestFault['kind']> = new Set(['conflict', 'timeout', 'quota']);

/**
 * Wraps the client the controller under test uses with the harness's faults: request failures,
 * stale reads, held/coalesced/dropped watch events, crash points, and (with a fast-check
 * scheduler) an order chosen by the scheduler for every response and watch delivery.
 * @internal
 */
export function createFaultyClient(base: Client, options: FaultyClientOptions): FaultyClient {
  const { state, scheduler } = options;
  let dead = false;
  let inFlight = 0;
  const watches = new Set<HeldWatch>();

  const takeFault = (write: boolean, create = false): RequestFault['kind'] | undefined => {
    const f = state.requestFaults.find((x) => x.remaining > 0 && (x.kind === 'quota' ? create : write || !WRITE_FAULT_KINDS.has(x.kind)));
    if (f === undefined) return undefined;
    if ((f.skip ?? 0) > 0) {
      f.skip = (f.skip ?? 0) - 1;
      return undefined;
    }
    f.remaining--;
    state.requestFaults = state.requestFaults.filter((x) => x.remaining > 0);
    return f.kind;
  };

  // An answer travels back through the scheduler, so answers and watch events interleave as it decides.
  const answer = <T>(p: Promise<T>, label: string): Promise<T> => {
    inFlight++;
    // Settle into a value first: a rejection waiting for the scheduler must not count as unhandled.
    const outcome = p.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const routed = scheduler === undefined ? outcome : scheduler.schedule(outcome, label);
    return new Promise<T>((resolve, reject) => {
      void routed.then((o) => {
        inFlight--;
        if (dead) return;
        if (o.ok) resolve(o.value);
        else reject(o.error instanceof Error ? o.error : new Error(String(o.error)));
      });
    });
  };

  const faultError = (kind: RequestFault['kind'], what: string, resource: string, name: string): StatusError => {
    if (kind === 'conflict') return conflict(resource, name);
    if (kind === 'quota') return forbidden(resource, name, `exceeded quota: harness-quota, requested: count/${resource}=1, used: count/${resource}=10, limited: count/${resource}=10`);
    if (kind === 'throttle') return tooManyRequests();
    if (kind === 'timeout') return new StatusError(504, 'Timeout', `Timeout: request did not complete within requested timeout - context deadline exceeded (${what})`);
    return what.length % 2 === 0 ? internalError(`etcdserver: request timed out (${what})`) : serviceUnavailable();
  };

  const resourceOf = (type: TypeRef | KubeObject): string => {
    try {
      return base.resource(typeof type === 'object' && 'metadata' in type ? ((type).kind ?? '') : (type as TypeRef)).plural;
    } catch {
      return 'objects';
    }
  };

  const write = <T>(verb: 'create' | 'update' | 'delete', type: string, name: string, label: string, run: () => Promise<T>): Promise<T> => {
    if (dead) return Promise.reject(new Error('controller was stopped; request not sent'));
    const fault = takeFault(true, verb === 'create');
    if (fault !== undefined && fault !== 'timeout') return answer(Promise.reject(faultError(fault, label, type, name)), `${label} (${fault})`);
    const p = run();
    const applied = p.then(
      (obj) => {
        options.onWrite?.(verb, type, (obj ?? undefined));
        return obj;
      },
      (e: unknown) => Promise.reject(e instanceof Error ? e : new Error(String(e))),
    );
    if (state.crashAfterWrites !== undefined) {
      // The crash point counts writes the server applied; the crash lands before the answer arrives.
      void applied.then(
        () => {
          if (state.crashAfterWrites === undefined || dead) return;
          if (state.crashAfterWrites <= 1) {
            state.crashAfterWrites = undefined;
            options.onCrash?.();
          } else state.crashAfterWrites--;
        },
        () => undefined,
      );
    }
    if (fault === 'timeout') return answer(applied.then(() => Promise.reject(faultError('timeout', label, type, name))), `${label} (timeout)`);
    return answer(applied, label);
  };

  const read = <T>(label: string, run: () => Promise<T>): Promise<T> => {
    if (dead) return Promise.reject(new Error('controller was stopped; request not sent'));
    const fault = takeFault(false);
    if (fault !== undefined) return answer(Promise.reject(faultError(fault, label, 'objects', '')), `${label} (${fault})`);
    return answer(run(), label);
  };

  // Reads at an old revision: a list at that revision (Exact), or the live answer when history no longer has it.
  const staleList = <T>(type: TypeRef, opts: Record<string, unknown>, live: () => Promise<T>): Promise<T> => {
    const rev = state.staleRevision;
    if (rev === undefined || (opts['resourceVersion'] !== undefined && opts['resourceVersion'] !== '' && opts['resourceVersion'] !== '0')) return live();
    return (base.list(type, { ...opts, resourceVersion: String(rev), resourceVersionMatch: 'Exact' }) as unknown as Promise<T>).catch((e: unknown) => (isGone(e) ? live() : Promise.reject(e instanceof Error ? e : new Error(String(e)))));
  };

  const scheduleDelivery = (w: HeldWatch): void => {
    if (w.scheduled || w.closed || w.queue.length === 0 || state.watchMode === 'hold' || state.watchMode === 'coalesce') return;
    if (scheduler === undefined) {
      while (w.queue.length > 0 && !w.closed) w.deliver(w.queue.shift() as HeldWatch['queue'][number]);
      return;
    }
    w.scheduled = true;
    void scheduler.schedule(Promise.resolve(), w.label).then(() => {
      w.scheduled = false;
      if (dead || w.closed) return;
      const item = w.queue.shift();
      if (item !== undefined) w.deliver(item);
      scheduleDelivery(w);
    });
  };

  const coalesce = (w: HeldWatch): void => {
    const last = new Map<string, number>();
    w.queue.forEach((item, i) => {
      if ('event' in item) last.set(item.event.type === 'BOOKMARK' ? '\u0000bookmark' : objectKey(item.event.object), i);
    });
    const keep = w.queue.filter((item, i) => !('event' in item) || last.get(item.event.type === 'BOOKMARK' ? '\u0000bookmark' : objectKey(item.event.object)) === i);
    w.queue.splice(0, w.queue.length, ...keep);
  };

  const client: Client = {
    resource: (t) => base.resource(t),
    resources: () => base.resources(),
    create: (obj, opts) => write('create', resourceOf(obj), obj.metadata?.name ?? obj.metadata?.generateName ?? '', `create ${obj.kind} ${obj.metadata?.name ?? `${obj.metadata?.generateName ?? ''}*`}`, () => base.create(obj, opts)),
    update: (obj, opts) => write('update', resourceOf(obj), obj.metadata?.name ?? '', `update ${obj.kind} ${obj.metadata?.name ?? ''}`, () => base.update(obj, opts)),
    updateStatus: (obj, opts) => write('update', resourceOf(obj), obj.metadata?.name ?? '', `update ${obj.kind} ${obj.metadata?.name ?? ''}/status`, () => base.updateStatus(obj, opts)),
    mutate: ((type: TypeRef, name: string, recipe: never, opts?: never) =>
      write('update', resourceOf(type), name, `update ${typeName(type)} ${name}`, () => base.mutate(type, name, recipe, opts))) as Client['mutate'],
    patch: ((type: TypeRef, name: string, patch: unknown, opts: never) => write('update', resourceOf(type), name, `patch ${typeName(type)} ${name}`, () => base.patch(type, name, patch, opts))) as Client['patch'],
    delete: ((type: TypeRef, name: string, opts?: never) => write('delete', resourceOf(type), name, `delete ${typeName(type)} ${name}`, () => base.delete(type, name, opts))) as Client['delete'],
    deleteCollection: ((type: TypeRef, opts?: never) => write('delete', resourceOf(type), '', `deletecollection ${typeName(type)}`, () => base.deleteCollection(type, opts))) as Client['deleteCollection'],
    updateScale: (type, name, replicas, opts) => write('update', resourceOf(type), name, `scale ${typeName(type)} ${name}`, () => base.updateScale(type, name, replicas, opts)),
    bind: (ns, pod, node, opts) => write('update', 'pods', pod, `bind ${pod} → ${node}`, () => base.bind(ns, pod, node, opts)),
    evict: (ns, pod, opts) => write('delete', 'pods', pod, `evict ${pod}`, () => base.evict(ns, pod, opts)),
    finalizeNamespace: ((name: string, finalizers: readonly string[]) => write('update', 'namespaces', name, `finalize namespace ${name}`, () => base.finalizeNamespace(name, finalizers))),
    get: ((type: TypeRef, name: string, opts?: { namespace?: string }) =>
      read(`get ${typeName(type)} ${name}`, () =>
        state.staleRevision === undefined
          ? base.get(type, name, opts)
          : staleList(type, { ...(opts?.namespace !== undefined ? { namespace: opts.namespace } : {}), fieldSelector: `metadata.name=${name}` }, () => base.list(type, { ...opts, fieldSelector: `metadata.name=${name}` })).then((list) => {
              const item = (list as unknown as { items: KubeObject[] }).items[0];
              if (item === undefined) throw notFound(resourceOf(type), name);
              return item;
            }),
      )) as Client['get'],
    list: ((type: TypeRef, opts?: Record<string, unknown>) => read(`list ${typeName(type)}`, () => staleList(type, opts ?? {}, () => base.list(type, opts)))) as Client['list'],
    getScale: (type, name, opts) => read(`get ${typeName(type)} ${name}/scale`, () => base.getScale(type, name, opts)),
    watch: ((type: TypeRef, opts?: Record<string, unknown>) =>
      new Observable<WatchEvent>((subscriber) => {
        if (dead) {
          subscriber.error(new Error('controller was stopped; watch not opened'));
          return undefined;
        }
        const w: HeldWatch = {
          queue: [],
          scheduled: false,
          dropped: false,
          closed: false,
          label: `watch ${typeName(type)}`,
          deliver: (item) => {
            if ('event' in item) subscriber.next(item.event);
            else if ('error' in item) {
              w.closed = true;
              subscriber.error(item.error);
            } else {
              w.closed = true;
              subscriber.complete();
            }
          },
        };
        watches.add(w);
        // A watch opened against a lagging server starts from the lagging revision's history.
        const inner: Subscription = base.watch(type, opts).subscribe({
          next: (event) => {
            if (state.watchMode === 'drop') {
              w.dropped = true;
              return;
            }
            w.queue.push({ event });
            scheduleDelivery(w);
          },
          error: (error: unknown) => {
            w.queue.push({ error });
            scheduleDelivery(w);
          },
          complete: () => {
            w.queue.push({ complete: true });
            scheduleDelivery(w);
          },
        });
        return () => {
          w.closed = true;
          watches.delete(w);
          inner.unsubscribe();
        };
      })) as Client['watch'],
  };

  return {
    client,
    inFlight: () => inFlight,
    held: () => [...watches].reduce((n, w) => n + w.queue.length, 0),
    release(previous) {
      for (const w of [...watches]) {
        if (previous === 'coalesce') coalesce(w);
        if (previous === 'drop' && w.dropped && !w.closed) {
          w.queue.length = 0;
          w.queue.push({ error: gone('0', 'events missed') });
        }
        scheduleDelivery(w);
      }
    },
    expireWatches() {
      for (const w of [...watches]) {
        if (w.closed) continue;
        w.queue.length = 0;
        w.queue.push({ error: gone('0', 'compacted') });
        w.scheduled = false;
        // 410 ends the watch at once, whatever mode the watch is in.
        const item = w.queue.shift();
        if (item !== undefined) w.deliver(item);
      }
    },
    kill() {
      dead = true;
      for (const w of watches) w.closed = true;
      watches.clear();
    },
  };
}
