import type { AnyObject } from '../src/api/meta.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { MemoryStore } from '../src/store/memoryStore.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { drainMicrotasks } from '../src/runtime/sim/drain.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { createClient } from '../src/client/client.ts';
import { createSharedInformer } from '../src/client/sharedInformer.ts';
import { objectKey } from '../src/api/meta.ts';

type Op = { op: 'create' | 'update' | 'delete'; name: string; value: number } | { op: 'expire' } | { op: 'drain' };

const names = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constantFrom('create' as const, 'update' as const, 'delete' as const), name: names, value: fc.nat(9) }),
  fc.constant({ op: 'expire' as const }),
  fc.constant({ op: 'drain' as const }),
);

describe('SharedInformer contract', () => {
  it('should hold exactly the store content after settling, under random writes and injected 410s, with per-key states a subsequence of the store history', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (ops, historyLimit) => {
        const clock = new VirtualClock();
        const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), store: new MemoryStore({ historyLimit }) });
        const client = createClient(api);
        const ref = { apiVersion: 'v1', kind: 'ConfigMap' };
        const storeHistory = new Map<string, string[]>();
        api.store.subscribe((e) => {
          if (e.resource !== 'configmaps') return;
          const list = storeHistory.get(e.key) ?? [];
          list.push(e.type === 'DELETED' ? 'gone' : e.object.metadata.resourceVersion);
          storeHistory.set(e.key, list);
        });
        const seen = new Map<string, string[]>();
        const inf = createSharedInformer({ client, clock, type: 'ConfigMap' });
        inf.events$.subscribe((e) => {
          const key = objectKey(e.object);
          const list = seen.get(key) ?? [];
          list.push(e.type === 'deleted' ? 'gone' : (e.object.metadata?.resourceVersion ?? ''));
          seen.set(key, list);
        });
        inf.start();
        for (const o of ops) {
          try {
            if (o.op === 'create') api.create({ ...ref, metadata: { name: o.name }, data: { v: String(o.value) } });
            else if (o.op === 'update') api.mutate(ref, o.name, 'default', (d: AnyObject) => void (d['data'] = { v: String(o.value) }));
            else if (o.op === 'delete') api.delete(ref, o.name, { namespace: 'default' });
            else if (o.op === 'expire') api.expireWatches(ref);
            else await drainMicrotasks();
          } catch {
            // AlreadyExists / NotFound are part of random operation sequences.
          }
        }
        for (let i = 0; i < 5; i++) await drainMicrotasks();
        const cached = inf.lister.list().map((x) => `${x.metadata?.name}@${x.metadata?.resourceVersion}`).sort();
        const stored = api.list(ref).items.map((x) => `${x.metadata.name}@${x.metadata.resourceVersion}`).sort();
        expect(cached).toEqual(stored);
        for (const [key, states] of seen) {
          const history = ['gone', ...(storeHistory.get(key) ?? [])];
          let i = 0;
          for (const s of states) {
            while (i < history.length && history[i] !== s) i++;
            expect(i, `${key}: ${states.join(',')} is not a subsequence of ${history.join(',')}`).toBeLessThan(history.length);
          }
        }
        inf.stop();
      }),
      { numRuns: 150 },
    );
  });
});
