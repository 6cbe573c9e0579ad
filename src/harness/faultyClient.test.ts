import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { WatchEvent } from '../apiserver/watchTypes.ts';
import { StatusError } from '../api/status.ts';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import { drainMicrotasks } from '../runtime/sim/drain.ts';
import { createFaultState, createFaultyClient } from './faultyClient.ts';

const cm = (name: string, v = '1'): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { v } });
const codeOf = async (p: Promise<unknown>): Promise<number | string> => p.then(() => 'ok', (e: unknown) => (e instanceof StatusError ? e.code : String(e)));

function setup() {
  const cluster = createCluster({ builtinControllers: false, scheduler: { disabled: true } });
  const state = createFaultState();
  const crashes: number[] = [];
  const writes: string[] = [];
  const faulty = createFaultyClient(cluster.client, { state, onCrash: () => crashes.push(cluster.clock.now()), onWrite: (verb, type, obj) => writes.push(`${verb} ${type} ${obj?.metadata?.name ?? ''}`) });
  return { cluster, state, faulty, client: faulty.client, crashes, writes };
}

describe('createFaultyClient', () => {
  it('should fail the next writes with 409 without applying them, then let writes through', async () => {
    const { cluster, state, client } = setup();
    state.requestFaults.push({ kind: 'conflict', remaining: 1 });
    expect(await codeOf(client.create(cm('a')))).toBe(409);
    expect(await codeOf(cluster.client.get('ConfigMap', 'a', { namespace: 'default' }))).toBe(404);
    expect(await codeOf(client.create(cm('a')))).toBe('ok');
    await cluster.stop();
  });

  it('should apply a timed-out write and still answer 504', async () => {
    const { cluster, state, client, writes } = setup();
    state.requestFaults.push({ kind: 'timeout', remaining: 1 });
    expect(await codeOf(client.create(cm('t')))).toBe(504);
    expect(await codeOf(cluster.client.get('ConfigMap', 't', { namespace: 'default' }))).toBe('ok');
    expect(writes).toEqual(['create configmaps t']);
    await cluster.stop();
  });

  it('should refuse only creates for quota, and reads and writes for 5xx/429', async () => {
    const { cluster, state, client } = setup();
    await cluster.client.create(cm('q'));
    state.requestFaults.push({ kind: 'quota', remaining: 1 });
    expect(await codeOf(client.get('ConfigMap', 'q', { namespace: 'default' }))).toBe('ok');
    expect(await codeOf(client.create(cm('q2')))).toBe(403);
    state.requestFaults.push({ kind: 'throttle', remaining: 1 }, { kind: 'unavailable', remaining: 1 });
    expect(await codeOf(client.list('ConfigMap'))).toBe(429);
    expect([500, 503]).toContain(await codeOf(client.get('ConfigMap', 'q', { namespace: 'default' })));
    expect(await codeOf(client.get('ConfigMap', 'q', { namespace: 'default' }))).toBe('ok');
    await cluster.stop();
  });

  it('should answer reads from an old revision while the view is stale', async () => {
    const { cluster, state, client } = setup();
    const first = await cluster.client.create(cm('s', 'old'));
    await cluster.client.update({ ...first, data: { v: 'new' } });
    await cluster.client.create(cm('later'));
    state.staleRevision = Number(first.metadata.resourceVersion);
    const got = await client.get<'ConfigMap', ConfigMap>('ConfigMap', 's', { namespace: 'default' });
    expect(got.data?.['v']).toBe('old');
    expect(await codeOf(client.get('ConfigMap', 'later', { namespace: 'default' }))).toBe(404);
    expect((await client.list('ConfigMap', { namespace: 'default' })).items.map((c) => c.metadata.name)).toEqual(['s']);
    state.staleRevision = undefined;
    expect((await client.list('ConfigMap', { namespace: 'default' })).items.map((c) => c.metadata.name)).toEqual(['later', 's']);
    await cluster.stop();
  });

  it('should crash after the armed number of applied writes, before the answer arrives', async () => {
    const { cluster, state, client, crashes } = setup();
    state.crashAfterWrites = 2;
    expect(await codeOf(client.create(cm('c1')))).toBe('ok');
    expect(crashes).toHaveLength(0);
    const second = client.create(cm('c2'));
    await drainMicrotasks();
    expect(crashes).toHaveLength(1);
    expect(await codeOf(cluster.client.get('ConfigMap', 'c2', { namespace: 'default' }))).toBe('ok');
    // A crashed process never hears back: the fault layer is killed by the crash handler.
    expect(state.crashAfterWrites).toBeUndefined();
    void second;
    await cluster.stop();
  });

  it('should hold, coalesce, and drop-then-410 watch events', async () => {
    const { cluster, state, faulty, client } = setup();
    const seen: string[] = [];
    const errors: unknown[] = [];
    const sub = client.watch('ConfigMap', { namespace: 'default', resourceVersion: String(cluster.api.store.revision()) }).subscribe({
      next: (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata?.name ?? ''} ${(e.object as ConfigMap).data?.['v'] ?? ''}`),
      error: (e: unknown) => errors.push(e),
    });
    state.watchMode = 'coalesce';
    const a = await cluster.client.create(cm('w', '1'));
    const b = await cluster.client.update({ ...a, data: { v: '2' } });
    await cluster.client.update({ ...b, data: { v: '3' } });
    await drainMicrotasks();
    expect(seen).toEqual([]);
    expect(faulty.held()).toBe(3);
    state.watchMode = 'live';
    faulty.release('coalesce');
    expect(seen).toEqual(['MODIFIED w 3']);
    state.watchMode = 'drop';
    await cluster.client.create(cm('x'));
    await drainMicrotasks();
    state.watchMode = 'live';
    faulty.release('drop');
    expect(seen).toEqual(['MODIFIED w 3']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as StatusError).code).toBe(410);
    sub.unsubscribe();
    await cluster.stop();
  });

  it('should refuse everything once killed', async () => {
    const { cluster, faulty, client } = setup();
    faulty.kill();
    expect(await codeOf(client.create(cm('k')))).toMatch(/stopped/);
    expect(() => client.watch('ConfigMap').subscribe({ error: () => undefined })).not.toThrow();
    await cluster.stop();
  });
});
