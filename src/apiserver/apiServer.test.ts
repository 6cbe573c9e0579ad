import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { firstValueFrom, take, toArray } from 'rxjs';
import { isStatusError, StatusError } from '../api/status.ts';
import { MemoryStore } from '../store/memoryStore.ts';
import { VirtualClock } from '../runtime/sim/virtualClock.ts';
import { createRng } from '../runtime/sim/rng.ts';
import { createIdSource } from '../runtime/sim/ids.ts';
import { ApiServer } from './apiServer.ts';
import type { WatchEvent } from './watchTypes.ts';

function setup(historyLimit?: number) {
  const clock = new VirtualClock();
  const store = new MemoryStore({ now: () => clock.now(), ...(historyLimit !== undefined ? { historyLimit } : {}) });
  const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), store });
  return { clock, api, store };
}

const cm = (name: string, data: Record<string, string> = {}, ns?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(ns ? { namespace: ns } : {}) }, data });
const pod = (name: string, nodeName?: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('ApiServer', () => {
  it('should start with the system namespaces', () => {
    const { api } = setup();
    expect(api.list({ apiVersion: 'v1', kind: 'Namespace' }).items.map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('should assign uid, creationTimestamp, generation and a resourceVersion on create', () => {
    const { api, store } = setup();
    const created = api.create(cm('a'));
    expect(created.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.namespace).toBe('default');
    expect(created.metadata.resourceVersion).toBe(String(store.revision()));
    expect(Object.isFrozen(created)).toBe(true);
    expect(Object.isFrozen(created.metadata)).toBe(true);
  });

  it('should generate names from generateName', () => {
    const { api } = setup();
    const a = api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } });
    expect(a.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('should refuse a duplicate with AlreadyExists and a missing namespace with NotFound', () => {
    const { api } = setup();
    api.create(cm('a'));
    const dup = statusOf(() => api.create(cm('a')));
    expect(dup.code).toBe(409);
    expect(dup.reason).toBe('AlreadyExists');
    expect(dup.message).toBe('configmaps "a" already exists');
    const ns = statusOf(() => api.create(cm('b', {}, 'nope')));
    expect(ns.code).toBe(404);
    expect(ns.message).toBe('namespaces "nope" not found');
  });

  it('should conflict on a stale resourceVersion', () => {
    const { api } = setup();
    const a = api.create(cm('a'));
    api.update({ ...a, data: { x: '1' } });
    const e = statusOf(() => api.update({ ...a, data: { x: '2' } }));
    expect(e.code).toBe(409);
    expect(e.message).toBe('Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('should bump generation only when the spec changes', () => {
    const { api } = setup();
    const p = api.create(pod('p'));
    const labelled = api.update({ ...p, metadata: { ...p.metadata, labels: { a: 'b' } } });
    expect(labelled.metadata.generation).toBe(1);
    const changed = api.mutate<Pod>({ apiVersion: 'v1', kind: 'Pod' }, 'p', 'default', (d) => {
      d.spec!.activeDeadlineSeconds = 5;
    });
    expect(changed.metadata.generation).toBe(2);
    const status = api.update({ ...changed, status: { phase: 'Running' } }, { subresource: 'status' });
    expect(status.metadata.generation).toBe(2);
    expect(status.status?.phase).toBe('Running');
  });

  it('should ignore status on the main resource and spec on the status subresource', () => {
    const { api } = setup();
    const p = api.create({ ...pod('p'), status: { phase: 'Running' } });
    expect(p.status?.phase).toBe('Pending');
    const u = api.update({ ...p, status: { phase: 'Failed' } });
    expect(u.status?.phase).toBe('Pending');
    const s = api.update({ ...p, spec: { ...p.spec!, activeDeadlineSeconds: 9 }, status: { phase: 'Running' } }, { subresource: 'status' });
    expect(s.spec?.activeDeadlineSeconds).toBeUndefined();
    expect(s.status?.phase).toBe('Running');
  });

  it('should not write a new revision for a no-op update', () => {
    const { api, store } = setup();
    const a = api.create(cm('a', { k: 'v' }));
    const before = store.revision();
    const same = api.update({ ...a });
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    expect(store.revision()).toBe(before);
  });

  it('should keep an object with finalizers until they are removed', () => {
    const { api } = setup();
    api.create({ ...cm('f'), metadata: { name: 'f', finalizers: ['example.com/hold'] } });
    const marked = api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'f', { namespace: 'default' });
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(api.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'f', 'default').metadata.deletionTimestamp).toBeDefined();
    const added = statusOf(() => api.mutate({ apiVersion: 'v1', kind: 'ConfigMap' }, 'f', 'default', (d) => void d.metadata!.finalizers!.push('more')));
    expect(added.code).toBe(422);
    api.mutate({ apiVersion: 'v1', kind: 'ConfigMap' }, 'f', 'default', (d) => {
      d.metadata!.finalizers = [];
    });
    expect(() => api.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'f', 'default')).toThrow('configmaps "f" not found');
  });

  it('should delete a scheduled pod gracefully and an unscheduled pod at once', () => {
    const { api, clock } = setup();
    api.create(pod('unbound'));
    api.delete({ apiVersion: 'v1', kind: 'Pod' }, 'unbound', { namespace: 'default' });
    expect(() => api.get({ apiVersion: 'v1', kind: 'Pod' }, 'unbound', 'default')).toThrow(/not found/);
    api.create(pod('bound', 'node-1'));
    clock.advance(5000);
    const marked = api.delete({ apiVersion: 'v1', kind: 'Pod' }, 'bound', { namespace: 'default' });
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(marked.metadata.deletionTimestamp).toBe('2025-01-01T00:00:35Z');
    const shorter = api.delete({ apiVersion: 'v1', kind: 'Pod' }, 'bound', { namespace: 'default', gracePeriodSeconds: 10 });
    expect(shorter.metadata.deletionGracePeriodSeconds).toBe(10);
    api.delete({ apiVersion: 'v1', kind: 'Pod' }, 'bound', { namespace: 'default', gracePeriodSeconds: 0 });
    expect(() => api.get({ apiVersion: 'v1', kind: 'Pod' }, 'bound', 'default')).toThrow(/not found/);
  });

  it('should add the foregroundDeletion and orphan finalizers for those propagation policies', () => {
    const { api } = setup();
    api.create(cm('fg'));
    api.create(cm('or'));
    expect(api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'fg', { namespace: 'default', propagationPolicy: 'Foreground' }).metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'or', { namespace: 'default', propagationPolicy: 'Orphan' }).metadata.finalizers).toEqual(['orphan']);
  });

  it('should check delete preconditions', () => {
    const { api } = setup();
    api.create(cm('a'));
    const e = statusOf(() => api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'a', { namespace: 'default', preconditions: { uid: 'x' } }));
    expect(e.code).toBe(409);
    expect(e.message).toContain('Precondition failed: UID in precondition: x');
  });

  it('should refuse objects over the size limit with 413', () => {
    const { api } = setup();
    const e = statusOf(() => api.create(cm('big', { blob: 'x'.repeat(1_600_000) })));
    expect(e.code).toBe(413);
  });

  it('should refuse unknown kinds', () => {
    const { api } = setup();
    const e = statusOf(() => api.create({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } }));
    expect(e.code).toBe(404);
    expect(e.message).toBe('no matches for kind "Widget" in version "v1"');
  });

  it('should list at an exact past revision and page with continue tokens', () => {
    const { api } = setup();
    for (const n of ['a', 'b', 'c', 'd']) api.create(cm(n));
    const at = api.list({ apiVersion: 'v1', kind: 'ConfigMap' }).metadata.resourceVersion;
    api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'b', { namespace: 'default' });
    api.create(cm('e'));
    const past = api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion: at, resourceVersionMatch: 'Exact' });
    expect(past.items.map((i) => i.metadata.name)).toEqual(['a', 'b', 'c', 'd']);
    const page1 = api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { limit: 2 });
    expect(page1.items.map((i) => i.metadata.name)).toEqual(['a', 'c']);
    expect(page1.metadata.remainingItemCount).toBe(2);
    api.create(cm('b2'));
    const page2 = api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { limit: 2, continue: page1.metadata.continue! });
    expect(page2.items.map((i) => i.metadata.name)).toEqual(['d', 'e']);
    expect(page2.metadata.continue).toBeUndefined();
  });

  it('should replay a watch from a resourceVersion and fail with 410 when compacted', async () => {
    const { api } = setup(3);
    const a = api.create(cm('a'));
    const events: WatchEvent[] = [];
    const sub = api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion: a.metadata.resourceVersion }).subscribe((e) => events.push(e));
    api.update({ ...a, data: { x: '1' } });
    api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'a', { namespace: 'default' });
    sub.unsubscribe();
    expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    for (const n of ['b', 'c', 'd', 'e']) api.create(cm(n));
    const err = await firstValueFrom(api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion: a.metadata.resourceVersion })).catch((e: unknown) => e);
    expect(isStatusError(err)).toBe(true);
    expect((err as StatusError).code).toBe(410);
    expect((err as StatusError).message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('should start a watch without resourceVersion with synthetic ADDED events', async () => {
    const { api } = setup();
    api.create(cm('a'));
    api.create(cm('b'));
    const events = await firstValueFrom(api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }).pipe(take(2), toArray()));
    expect(events.map((e) => [e.type, e.object.metadata?.name])).toEqual([['ADDED', 'a'], ['ADDED', 'b']]);
  });

  it('should deliver events in order to every watcher even when a watcher writes while handling one', () => {
    const { api } = setup();
    const seenA: string[] = [];
    const seenB: string[] = [];
    const ref = { apiVersion: 'v1', kind: 'ConfigMap' };
    api.watch(ref, { resourceVersion: String(api.store.revision()) }).subscribe((e) => {
      seenA.push(`${e.type}:${e.object.metadata?.name}`);
      if (e.object.metadata?.name === 'first') api.create(cm('second'));
    });
    api.watch(ref, { resourceVersion: String(api.store.revision()) }).subscribe((e) => seenB.push(`${e.type}:${e.object.metadata?.name}`));
    api.create(cm('first'));
    expect(seenA).toEqual(['ADDED:first', 'ADDED:second']);
    expect(seenB).toEqual(['ADDED:first', 'ADDED:second']);
  });

  it('should send BOOKMARK events on the clock when asked', () => {
    const { api, clock } = setup();
    const events: WatchEvent[] = [];
    const sub = api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { allowWatchBookmarks: true, resourceVersion: '1' }).subscribe((e) => events.push(e));
    clock.advance(60_000);
    sub.unsubscribe();
    expect(events.at(-1)?.type).toBe('BOOKMARK');
    expect(events.at(-1)?.object.metadata?.resourceVersion).toBe(String(api.store.revision()));
    expect(api.openWatches()).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('should end sendInitialEvents with an initial-events-end bookmark', () => {
    const { api } = setup();
    api.create(cm('a'));
    const events: WatchEvent[] = [];
    api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan', resourceVersion: '' }).subscribe((e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(events[1]?.object.metadata?.annotations).toEqual({ 'k8s.io/initial-events-end': 'true' });
  });

  it('should send DELETED when an object leaves a watch selector and ADDED when it enters', () => {
    const { api } = setup();
    const a = api.create({ ...cm('a'), metadata: { name: 'a', labels: { app: 'x' } } });
    const events: string[] = [];
    api.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'app=x', resourceVersion: a.metadata.resourceVersion }).subscribe((e) => events.push(e.type));
    const b = api.update({ ...a, metadata: { ...a.metadata, labels: { app: 'y' } } });
    api.update({ ...b, metadata: { ...b.metadata, labels: { app: 'x' } } });
    expect(events).toEqual(['DELETED', 'ADDED']);
  });

  it('should apply patches of every type', () => {
    const { api } = setup();
    api.create(cm('p', { a: '1' }));
    const ref = { apiVersion: 'v1', kind: 'ConfigMap' };
    expect(api.patch(ref, 'p', { data: { b: '2' } }, { type: 'merge', namespace: 'default' })['data' as never]).toEqual({ a: '1', b: '2' });
    expect(api.patch(ref, 'p', [{ op: 'remove', path: '/data/a' }], { type: 'json', namespace: 'default' })['data' as never]).toEqual({ b: '2' });
    expect(api.patch(ref, 'p', '{"data":{"c":"3"}}', { type: 'strategic', namespace: 'default' })['data' as never]).toEqual({ b: '2', c: '3' });
    expect(statusOf(() => api.patch(ref, 'p', '{nope', { type: 'merge', namespace: 'default' })).code).toBe(400);
  });

  it('should not store anything on dryRun', () => {
    const { api, store } = setup();
    const rev = store.revision();
    const out = api.create(cm('dry'), { dryRun: 'All' });
    expect(out.metadata.name).toBe('dry');
    expect(store.revision()).toBe(rev);
    expect(() => api.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'dry', 'default')).toThrow(/not found/);
  });
});

describe('ApiServer subresources', () => {
  it('should serve and write the scale subresource', () => {
    const { api } = setup();
    api.create({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { replicas: 2, selector: { app: 'x' }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } });
    const ref = { apiVersion: 'v1', kind: 'ReplicationController' };
    const scale = api.getScale(ref, 'rc', 'default');
    expect(scale).toMatchObject({ apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=x' } });
    const after = api.updateScale(ref, 'rc', { spec: { replicas: 5 } }, { namespace: 'default' });
    expect(after.spec.replicas).toBe(5);
    expect(statusOf(() => api.updateScale(ref, 'rc', { metadata: { resourceVersion: scale.metadata.resourceVersion! }, spec: { replicas: 1 } }, { namespace: 'default' })).code).toBe(409);
    expect(statusOf(() => api.getScale({ apiVersion: 'v1', kind: 'ConfigMap' }, 'x', 'default')).code).toBe(404);
  });

  it('should bind a pod once, with the PodScheduled condition', () => {
    const { api } = setup();
    api.create(pod('p'));
    const bound = api.bind('default', 'p', 'node-1') as unknown as Pod;
    expect(bound.spec?.nodeName).toBe('node-1');
    expect(bound.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
    const again = statusOf(() => api.bind('default', 'p', 'node-2'));
    expect(again.code).toBe(409);
    expect(again.message).toContain('is already assigned to node "node-1"');
  });

  it('should refuse an eviction that would violate a PodDisruptionBudget with 429', () => {
    const { api } = setup();
    api.create({ ...pod('p', 'n1'), metadata: { name: 'p', labels: { app: 'x' } } });
    api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'x' } } } });
    const e = statusOf(() => api.evict('default', 'p'));
    expect(e.code).toBe(429);
    expect(e.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.");
    const pdb = api.get({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' }, 'pdb', 'default');
    api.update({ ...pdb, status: { disruptionsAllowed: 1, observedGeneration: 1, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } } as never, { subresource: 'status' });
    const evicted = api.evict('default', 'p');
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
  });
});
