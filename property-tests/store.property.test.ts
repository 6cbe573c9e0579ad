import type { AnyObject } from '../src/api/meta.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import type { WatchEvent } from '../src/apiserver/watchTypes.ts';
import { MemoryStore } from '../src/store/memoryStore.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { isStatusError } from '../src/api/status.ts';

type Op =
  | { op: 'create' | 'update' | 'delete'; ns: 'default' | 'other'; name: string; v: number }
  | { op: 'staleUpdate'; ns: 'default' | 'other'; name: string; v: number }
  | { op: 'finalize'; ns: 'default' | 'other'; name: string; v: number };

const opArb: fc.Arbitrary<Op> = fc.record({
  op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const, 'staleUpdate' as const, 'finalize' as const),
  ns: fc.constantFrom('default' as const, 'other' as const),
  name: fc.constantFrom('a', 'b', 'c'),
  v: fc.nat(5),
});

const ref = { apiVersion: 'v1', kind: 'ConfigMap' };

function setup() {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, ids: createIdSource(createRng(9)), store: new MemoryStore({ historyLimit: 10_000 }) });
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
  return { clock, api };
}

function run(api: ApiServer, o: Op, onStale: (conflicted: boolean) => void): void {
  try {
    if (o.op === 'create') api.create({ ...ref, metadata: { name: o.name, namespace: o.ns, ...(o.v === 0 ? { finalizers: ['hold'] } : {}) }, data: { v: String(o.v) } });
    else if (o.op === 'update') api.mutate(ref, o.name, o.ns, (d: AnyObject) => void (d['data'] = { v: String(o.v) }));
    else if (o.op === 'delete') api.delete(ref, o.name, { namespace: o.ns });
    else if (o.op === 'finalize') api.mutate(ref, o.name, o.ns, (d: AnyObject) => void (d.metadata!.finalizers = []));
    else {
      const current = api.get(ref, o.name, o.ns);
      api.mutate(ref, o.name, o.ns, (d: AnyObject) => void (d['data'] = { v: `${o.v}x` }));
      try {
        api.update({ ...current, data: { v: 'stale' } });
        onStale(false);
      } catch (e) {
        onStale(isStatusError(e, 'Conflict'));
      }
    }
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}

describe('store and API server invariants', () => {
  it('should give every committed change a strictly greater resourceVersion, per key and globally', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const { api } = setup();
        let last = api.store.revision();
        const perKey = new Map<string, number>();
        api.store.subscribe((e) => {
          expect(e.revision).toBe(last + 1);
          last = e.revision;
          const rv = Number(e.object.metadata.resourceVersion);
          expect(rv).toBe(e.revision);
          expect(rv).toBeGreaterThan(perKey.get(e.key) ?? 0);
          perKey.set(e.key, rv);
        });
        for (const o of ops) run(api, o, () => undefined);
      }),
    );
  });

  it('should always conflict on an update with a stale resourceVersion', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        const { api } = setup();
        for (const o of ops) run(api, o, (conflicted) => expect(conflicted).toBe(true));
      }),
    );
  });

  it('should reproduce the store at any later revision from a list at R plus the watch from R', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { maxLength: 40 }), fc.constantFrom(undefined, 'default'), (before, after, ns) => {
        const { api } = setup();
        for (const o of before) run(api, o, () => undefined);
        const list = api.list(ref, ns ? { namespace: ns } : {});
        const state = new Map(list.items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.metadata.resourceVersion]));
        const sub = api.watch(ref, { resourceVersion: list.metadata.resourceVersion, ...(ns ? { namespace: ns } : {}) }).subscribe((e: WatchEvent) => {
          const key = `${e.object.metadata?.namespace}/${e.object.metadata?.name}`;
          if (e.type === 'DELETED') state.delete(key);
          else if (e.type !== 'BOOKMARK') state.set(key, e.object.metadata?.resourceVersion ?? '');
        });
        for (const o of after) run(api, o, () => undefined);
        sub.unsubscribe();
        const now = new Map(api.list(ref, ns ? { namespace: ns } : {}).items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.metadata.resourceVersion]));
        expect([...state.entries()].sort()).toEqual([...now.entries()].sort());
        // And the list at R is reproducible later, from history.
        const past = api.list(ref, { resourceVersion: list.metadata.resourceVersion, resourceVersionMatch: 'Exact', ...(ns ? { namespace: ns } : {}) });
        expect(past.items).toEqual(list.items);
      }),
    );
  });

  it('should deliver every event exactly once and in revision order to every watcher, whatever writes watchers make while handling events', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(fc.tuple(fc.nat(39), opArb), { maxLength: 10 }), fc.integer({ min: 1, max: 4 }), (ops, reactions, watchers) => {
        const { api } = setup();
        const start = api.store.revision();
        const committed: number[] = [];
        api.store.subscribe((e) => {
          if (e.resource === 'configmaps') committed.push(e.revision);
        });
        const received: number[][] = [];
        const pending = new Map<number, Op[]>();
        for (const [at, op] of reactions) pending.set(at, [...(pending.get(at) ?? []), op]);
        let delivered = 0;
        for (let w = 0; w < watchers; w++) {
          const mine: number[] = [];
          received.push(mine);
          api.watch(ref, { resourceVersion: String(start) }).subscribe((e) => {
            mine.push(Number(e.object.metadata?.resourceVersion));
            // The first watcher writes while handling some events (a controller reacting synchronously).
            if (w === 0) for (const op of pending.get(delivered++) ?? []) run(api, op, () => undefined);
          });
        }
        for (const o of ops) run(api, o, () => undefined);
        for (const r of received) expect(r).toEqual(committed);
      }),
    );
  });
});
