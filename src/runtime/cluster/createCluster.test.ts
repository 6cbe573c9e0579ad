import { describe, expect, it } from 'vitest';
import type { AnyActorRef } from 'xstate';
import type { Cluster } from './clusterTypes.ts';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isNotFound } from '../../api/status.ts';
import { defineController } from '../controller/defineController.ts';
import { TerminalError } from '../controller/reconcileTypes.ts';
import type { VirtualClock } from '../sim/virtualClock.ts';
import { createCluster } from './createCluster.ts';

const actor = (cluster: Cluster, id: string): AnyActorRef | undefined => cluster.root.system.get(id) as AnyActorRef | undefined;

const cm = (name: string, extra: Partial<ConfigMap> = {}): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: {}, ...extra });

describe('createCluster', () => {
  it('should run the API server and controller manager as actors of one system', async () => {
    const cluster = createCluster({ seed: 7 });
    await cluster.settle();
    expect(actor(cluster, 'kube-apiserver')?.getSnapshot().value).toBe('serving');
    expect(actor(cluster, 'kube-controller-manager')?.getSnapshot().value).toBe('leading');
    expect(actor(cluster, 'controller/garbage-collector')?.getSnapshot().value).toEqual({ running: 'idle' });
    expect(actor(cluster, 'controller/namespace')?.getSnapshot().value).toEqual({ running: 'idle' });
    await cluster.stop();
  });

  it('should apply multi-document YAML like kubectl apply (created, configured, unchanged)', async () => {
    const cluster = createCluster();
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n`;
    expect((await cluster.apply(yaml)).map((r) => r.action)).toEqual(['created', 'created']);
    expect((await cluster.apply(yaml)).map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    const changed = await cluster.apply(yaml.replace('k: v', 'k: w'));
    expect(changed.map((r) => r.action)).toEqual(['configured', 'unchanged']);
    expect((await cluster.client.get('ConfigMap', 'a', { namespace: 'default' })).data).toEqual({ k: 'w' });
    await cluster.stop();
  });

  it('should keep fields others set and drop fields removed from the manifest on re-apply', async () => {
    const cluster = createCluster();
    await cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {mine: "1", gone: "1"}\n`);
    await cluster.client.mutate('ConfigMap', 'a', (d) => void (d.metadata!.labels!['theirs'] = '1'), { namespace: 'default' });
    await cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {mine: "2"}\n`);
    expect((await cluster.client.get('ConfigMap', 'a', { namespace: 'default' })).metadata.labels).toEqual({ mine: '2', theirs: '1' });
    await cluster.stop();
  });

  it('should name the document and field of a bad manifest', async () => {
    const cluster = createCluster();
    await expect(cluster.apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n`)).rejects.toThrow('error applying object 2 (Widget "w"): no matches for kind "Widget" in version "v1"');
    await expect(cluster.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "Bad_Name"\n')).rejects.toThrow(/metadata\.name: Invalid value: "Bad_Name"/);
    await expect(cluster.apply('a: [1\n')).rejects.toThrow(/document 1/);
    await cluster.stop();
  });

  it('should run a user controller: reconcile, requeueAfter on the clock, and events', async () => {
    const seen: string[] = [];
    const greeter = defineController({
      name: 'greeter',
      for: 'ConfigMap',
      async reconcile(req, ctx) {
        const obj = ctx.lister<ConfigMap>('ConfigMap').get(req.namespace, req.name);
        if (obj === undefined || req.name.startsWith('kube-')) return {};
        seen.push(`${req.key}@${ctx.clock.now() - start}`);
        if (obj.data?.['greeting'] === undefined) {
          await ctx.client.mutate('ConfigMap', req.name, (d) => void ((d.data ??= {})['greeting'] = 'hello'), { namespace: req.namespace ?? 'default' });
          await ctx.recorder.event(obj, 'Normal', 'Greeted', `said hello to ${req.name}`);
          return {};
        }
        return obj.data['again'] === 'yes' ? {} : { requeueAfterMs: 60_000 };
      },
    });
    const cluster = createCluster({ controllers: [greeter] });
    const start = cluster.clock.now();
    await cluster.client.create(cm('x'));
    await cluster.settle({ quietMs: 5_000 });
    expect((await cluster.client.get('ConfigMap', 'x', { namespace: 'default' })).data).toEqual({ greeting: 'hello' });
    expect(cluster.events().map((e) => `${e.reason}:${e.involvedObject.name}:${e.source?.component}`)).toEqual(['Greeted:x:greeter-controller']);
    const at = (s: string): number => Number(s.split('@')[1]);
    const before = seen.length;
    const last = at(seen.at(-1)!);
    await cluster.advance(60_000);
    expect(seen.length).toBe(before + 1);
    expect(at(seen.at(-1)!) - last).toBe(60_000);
    await cluster.stop();
  });

  it('should requeue a failing reconcile with exponential backoff and drop a terminal one', async () => {
    const attempts: number[] = [];
    let start = 0;
    const flaky = defineController({
      name: 'flaky',
      for: 'ConfigMap',
      reconcile(req, ctx) {
        if (req.name !== 'f' && req.name !== 't') return Promise.resolve({});
        if (req.name === 't') return Promise.reject(new TerminalError('cannot ever work'));
        attempts.push(ctx.clock.now() - start);
        if (attempts.length < 5) return Promise.reject(new Error('not yet'));
        return Promise.resolve({});
      },
    });
    const cluster = createCluster({ controllers: [flaky] });
    start = cluster.clock.now();
    await cluster.client.create(cm('f'));
    await cluster.client.create(cm('t'));
    await cluster.settle({ quietMs: 1_000 });
    expect(attempts).toEqual([0, 5, 15, 35, 75]);
    const snapshot = actor(cluster, 'controller/flaky')?.getSnapshot() as { context: { failures: number; lastError?: string } };
    expect(snapshot.context.failures).toBe(5);
    expect(cluster.events().some((e) => e.reason === 'ReconcileError' && e.involvedObject.name === 't' && e.message === 'cannot ever work')).toBe(true);
    await cluster.stop();
  });

  it('should release every timer and watch when stopped', async () => {
    const cluster = createCluster({ leaderElection: true });
    await cluster.client.create(cm('x'));
    await cluster.settle();
    expect(cluster.api.openWatches()).toBeGreaterThan(0);
    await cluster.stop();
    expect(cluster.api.openWatches()).toBe(0);
    expect((cluster.clock as VirtualClock).pendingTimers()).toBe(0);
  });

  it('should be deterministic: the same seed gives the same objects', async () => {
    const run = async (seed: number) => {
      const cluster = createCluster({ seed });
      await cluster.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } });
      await cluster.settle();
      const out = JSON.stringify(cluster.api.list({ apiVersion: 'v1', kind: 'ConfigMap' }).items);
      await cluster.stop();
      return out;
    };
    expect(await run(3)).toBe(await run(3));
    expect(await run(3)).not.toBe(await run(4));
  });

  it('should elect one leader among two controller managers sharing a Lease', async () => {
    const cluster = createCluster({ leaderElection: true });
    await cluster.settle();
    const lease = await cluster.client.get('Lease', 'kube-controller-manager', { namespace: 'kube-system' });
    expect(lease.spec?.holderIdentity).toMatch(/^kube-controller-manager_/);
    expect(lease.spec?.leaseDurationSeconds).toBe(15);
    await cluster.stop();
  });

  it('should delete a namespace with its content through the namespace controller', async () => {
    const cluster = createCluster();
    await cluster.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await cluster.client.create(cm('a', { metadata: { name: 'a', namespace: 'team' } }));
    await cluster.client.create(cm('b', { metadata: { name: 'b', namespace: 'team', finalizers: ['example.com/slow'] } }));
    await cluster.client.delete('Namespace', 'team');
    await cluster.settle({ quietMs: 5_000 });
    const ns = await cluster.client.get('Namespace', 'team');
    expect(ns.status?.phase).toBe('Terminating');
    await expect(cluster.client.create(cm('c', { metadata: { name: 'c', namespace: 'team' } }))).rejects.toThrow('configmaps "c" is forbidden: unable to create new content in namespace team because it is being terminated');
    await cluster.client.mutate('ConfigMap', 'b', (d) => void (d.metadata!.finalizers = []), { namespace: 'team' });
    await cluster.settle({ quietMs: 10_000 });
    await expect(cluster.client.get('Namespace', 'team')).rejects.toSatisfy(isNotFound);
    await cluster.stop();
  });
});

describe('cluster.waitFor', () => {
  it('should wait for a condition, a field value or a deletion like kubectl wait, and say which one timed out', async () => {
    const cluster = createCluster();
    await cluster.client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w' } });
    const marks: string[] = [];
    const setLater = (ms: number, fn: () => Promise<unknown>, mark: string): void => {
      cluster.clock.setTimeout(() => void fn().then(() => marks.push(mark)), ms);
    };
    setLater(5_000, () => cluster.client.mutate('Namespace', 'w', (d) => void (d.metadata!.labels = { ready: 'yes' })), 'labelled');
    await cluster.waitFor({ type: 'Namespace', name: 'w', field: 'metadata.labels.ready', value: 'yes' });
    expect(marks).toEqual(['labelled']);
    setLater(5_000, () => cluster.client.delete('Namespace', 'w'), 'deleted');
    await cluster.waitFor({ type: 'Namespace', name: 'w', deleted: true });
    await expect(cluster.waitFor({ type: 'Namespace', name: 'default', condition: 'Ready' }, { timeoutMs: 10_000 })).rejects.toThrow('waitFor (namespaces/default condition Ready=True): condition not met after 10000 ms of cluster time');
    await cluster.stop();
  });
});
