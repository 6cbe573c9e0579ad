import type { AnyObject } from '../api/meta.ts';
import { describe, expect, it } from 'vitest';
import { ApiServer } from '../apiserver/apiServer.ts';
import { MemoryStore } from '../store/memoryStore.ts';
import { createIdSource } from '../runtime/sim/ids.ts';
import { createRng } from '../runtime/sim/rng.ts';
import { drainMicrotasks } from '../runtime/sim/drain.ts';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { createClient } from './client.ts';
import { createSharedInformer } from './sharedInformer.ts';
import type { InformerEvent } from './sharedInformer.ts';

function setup(historyLimit = 1000) {
  const clock = new VirtualClock();
  const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), store: new MemoryStore({ historyLimit }) });
  return { clock, api, client: createClient(api) };
}

const cm = (name: string, v = '0') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v } });

describe('createSharedInformer', () => {
  it('should list, sync, then follow the watch', async () => {
    const { clock, api, client } = setup();
    api.create(cm('a'));
    const inf = createSharedInformer({ client, clock, type: 'ConfigMap' });
    const events: string[] = [];
    inf.addEventHandler({ onAdd: (o) => events.push(`add:${o.metadata?.name}`), onUpdate: (_o, n) => events.push(`update:${n.metadata?.name}`), onDelete: (o) => events.push(`delete:${o.metadata?.name}`) });
    expect(inf.hasSynced()).toBe(false);
    inf.start();
    await inf.whenSynced();
    await drainMicrotasks();
    expect(inf.hasSynced()).toBe(true);
    api.create(cm('b'));
    api.mutate({ apiVersion: 'v1', kind: 'ConfigMap' }, 'a', 'default', (d: AnyObject) => void (d['data'] = { v: '1' }));
    api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'b', { namespace: 'default' });
    expect(events).toEqual(['add:a', 'add:b', 'update:a', 'delete:b']);
    expect(inf.lister.list().map((o) => o.metadata?.name)).toEqual(['a']);
    expect(inf.lastSyncResourceVersion()).toBe(String(api.store.revision()));
    inf.stop();
    expect(api.openWatches()).toBe(0);
  });

  it('should replay cached objects as adds to handlers added after sync', async () => {
    const { clock, api, client } = setup();
    api.create(cm('a'));
    const inf = createSharedInformer({ client, clock, type: 'ConfigMap' });
    inf.start();
    await inf.whenSynced();
    const added: string[] = [];
    inf.addEventHandler({ onAdd: (o) => added.push(o.metadata?.name ?? '') });
    expect(added).toEqual(['a']);
    inf.stop();
  });

  it('should relist on 410 Gone and replay what changed meanwhile from the list revision', async () => {
    const { clock, api, client } = setup();
    api.create(cm('a'));
    api.create(cm('b'));
    const events: InformerEvent[] = [];
    const inf = createSharedInformer({ client, clock, type: 'ConfigMap' });
    inf.events$.subscribe((e) => events.push(e));
    inf.start();
    await inf.whenSynced();
    events.length = 0;
    api.expireWatches({ apiVersion: 'v1', kind: 'ConfigMap' });
    api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'a', { namespace: 'default' });
    api.create(cm('c'));
    await drainMicrotasks();
    expect(inf.listCount()).toBe(2);
    expect(events.map((e) => `${e.type}:${e.object.metadata?.name}`)).toEqual(['deleted:a', 'added:c']);
    expect(inf.lister.list().map((o) => o.metadata?.name)).toEqual(['b', 'c']);
    inf.stop();
  });

  it('should emit tombstones for objects that vanished while it could not list, retrying on the clock', async () => {
    const { clock, api, client } = setup();
    api.create(cm('a'));
    api.create(cm('b'));
    let failLists = 0;
    const flaky = { ...client, list: ((...args: Parameters<typeof client.list>) => (failLists-- > 0 ? Promise.reject(new Error('connection refused')) : client.list(...args))) as typeof client.list };
    const events: InformerEvent[] = [];
    const inf = createSharedInformer({ client: flaky, clock, type: 'ConfigMap', retryMs: 1000 });
    inf.events$.subscribe((e) => events.push(e));
    inf.start();
    await inf.whenSynced();
    events.length = 0;
    failLists = 1;
    api.expireWatches({ apiVersion: 'v1', kind: 'ConfigMap' });
    await drainMicrotasks();
    api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'a', { namespace: 'default' });
    api.create(cm('c'));
    expect(events).toEqual([]);
    clock.advance(1000);
    await drainMicrotasks();
    expect(inf.listCount()).toBe(3);
    expect(events.map((e) => `${e.type}:${e.object.metadata?.name}${e.type === 'deleted' && e.finalStateUnknown ? '(tombstone)' : ''}`)).toEqual(['added:c', 'deleted:a(tombstone)']);
    expect(inf.lister.list().map((o) => o.metadata?.name)).toEqual(['b', 'c']);
    inf.stop();
  });

  it('should resync every object to handlers on the clock when asked', async () => {
    const { clock, api, client } = setup();
    api.create(cm('a'));
    const inf = createSharedInformer({ client, clock, type: 'ConfigMap', resyncMs: 30_000 });
    let resyncs = 0;
    inf.addEventHandler({ onUpdate: (o, n) => void (o === n && resyncs++) });
    inf.start();
    await inf.whenSynced();
    clock.advance(30_000);
    expect(resyncs).toBe(1);
    clock.advance(30_000);
    expect(resyncs).toBe(2);
    inf.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
