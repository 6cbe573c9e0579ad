import { describe, it, expect } from 'vitest';
import type { AnyActorRef } from 'xstate';
import type { Event, Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster, ClusterOptions } from '../src/runtime/cluster/clusterTypes.ts';
import { makeNode, makePod, type NodeOptions, type PodOptions } from '../src/scheduler/fixtures.ts';
import { formatDecision } from '../src/scheduler/formatDecision.ts';
import { SIMULATOR_ANNOTATION_PREFIX } from '../src/scheduler/schedulingDecision.ts';
import { schedulerDecisions } from './schedulerDecisions.ts';

// Nodes are made by hand (no kubelet here): Ready, with allocatable cpu/memory/pods. Without
// heartbeats the node lifecycle controller would mark them unreachable, so its grace period is long.
async function start(options: ClusterOptions = {}, nodes: Record<string, NodeOptions> = {}): Promise<Cluster> {
  const cluster = createCluster({ seed: 11, builtinControllers: false, nodeMonitorGracePeriodMs: 24 * 3_600_000, ...options });
  for (const [name, o] of Object.entries(nodes)) await cluster.client.create(makeNode(name, o));
  await cluster.advance(0);
  return cluster;
}

// A pod as a user would post it: no uid, no status.
function pendingPod(name: string, o: PodOptions = {}): Pod {
  const { metadata, spec } = makePod(name, o);
  const { uid: _uid, ...meta } = metadata ?? {};
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, ...(spec === undefined ? {} : { spec }) };
}

async function createPod(cluster: Cluster, name: string, o: PodOptions = {}): Promise<Pod> {
  const created = await cluster.client.create(pendingPod(name, o));
  await cluster.advance(0);
  return created;
}

const getPod = (cluster: Cluster, name: string): Promise<Pod> => cluster.client.get<'Pod', Pod>('Pod', name, { namespace: 'default' });
const nodeOf = async (cluster: Cluster, name: string): Promise<string | undefined> => (await getPod(cluster, name)).spec?.nodeName;
const condition = async (cluster: Cluster, name: string, type: string) => (await getPod(cluster, name)).status?.conditions?.find((c) => c.type === type);
const eventsFor = (cluster: Cluster, name: string, reason?: string): Event[] => cluster.events().filter((e) => e.involvedObject.name === name && (reason === undefined || e.reason === reason));
const failedCount = (cluster: Cluster, name: string): number => eventsFor(cluster, name, 'FailedScheduling').reduce((n, e) => n + (e.count ?? 1), 0);

describe('kube-scheduler actor', () => {
  it('should bind a pod to the node it fits and record the Scheduled event', async () => {
    const cluster = await start({}, { 'node-1': { cpu: '1' }, 'node-2': { cpu: '4' } });
    await createPod(cluster, 'web-1', { cpu: '2' });
    expect(await nodeOf(cluster, 'web-1')).toBe('node-2');
    expect((await condition(cluster, 'web-1', 'PodScheduled'))?.status).toBe('True');
    const [ev] = eventsFor(cluster, 'web-1');
    expect(ev).toMatchObject({ type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node-2', source: { component: 'default-scheduler' } });
    const actor = cluster.root.system.get('kube-scheduler') as AnyActorRef;
    expect(actor.getSnapshot().value).toEqual({ running: { loop: 'idle', wakeup: 'unarmed' } });
    expect(actor.getSnapshot().context).toMatchObject({ attempts: 1, scheduled: 1, unschedulable: 0 });
    await cluster.stop();
  });

  it('should mark an unschedulable pod and bind it as soon as a node with room is added', async () => {
    const cluster = await start({}, { 'node-1': { cpu: '1' } });
    await createPod(cluster, 'big', { cpu: '2' });
    const message = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..';
    expect(await condition(cluster, 'big', 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(eventsFor(cluster, 'big')).toMatchObject([{ type: 'Warning', reason: 'FailedScheduling', message, source: { component: 'default-scheduler' } }]);
    expect(await nodeOf(cluster, 'big')).toBeUndefined();
    await cluster.advance(60_000);
    expect(failedCount(cluster, 'big')).toBe(1);
    const t = cluster.clock.now();
    await cluster.client.create(makeNode('node-2', { cpu: '4' }));
    await cluster.advance(0);
    expect(await nodeOf(cluster, 'big')).toBe('node-2');
    expect(cluster.clock.now()).toBe(t);
    expect((await condition(cluster, 'big', 'PodScheduled'))?.status).toBe('True');
    await cluster.stop();
  });

  it('should bind an unschedulable pod once a pod on the node is deleted', async () => {
    const cluster = await start({}, { 'node-1': { cpu: '2' } });
    await createPod(cluster, 'a', { cpu: '1500m' });
    await createPod(cluster, 'b', { cpu: '1' });
    expect(await nodeOf(cluster, 'a')).toBe('node-1');
    expect((await condition(cluster, 'b', 'PodScheduled'))?.reason).toBe('Unschedulable');
    await cluster.client.delete('Pod', 'a', { namespace: 'default', gracePeriodSeconds: 0 });
    // The deletion moves b out of the unschedulable pool into backoff (1 s after its first attempt).
    await cluster.advance(999);
    expect(await nodeOf(cluster, 'b')).toBeUndefined();
    await cluster.advance(1);
    expect(await nodeOf(cluster, 'b')).toBe('node-1');
    await cluster.stop();
  });

  it('should leave pods that name another scheduler alone', async () => {
    const cluster = await start({}, { 'node-1': {} });
    await createPod(cluster, 'mine', { spec: { schedulerName: 'my-scheduler' } });
    await cluster.settle();
    const pod = await getPod(cluster, 'mine');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.conditions ?? []).toEqual([]);
    expect(eventsFor(cluster, 'mine')).toEqual([]);
    await cluster.stop();
  });

  it('should preempt a lower-priority pod, nominate the node and bind once the victim is gone', async () => {
    const cluster = await start({}, { 'node-1': { cpu: '2' } });
    await cluster.apply('apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: high }\nvalue: 1000\n');
    await createPod(cluster, 'low', { cpu: '1500m' });
    const hi = await createPod(cluster, 'hi', { cpu: '1', spec: { priorityClassName: 'high' } });
    expect(hi.spec?.priority).toBe(1000);
    const low = await getPod(cluster, 'low');
    expect(low.metadata?.deletionTimestamp).toBeDefined();
    expect(low.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
    expect(eventsFor(cluster, 'low', 'Preempted')).toMatchObject([{ type: 'Normal', message: `Preempted by pod ${hi.metadata?.uid ?? ''} on node node-1` }]);
    const pending = await getPod(cluster, 'hi');
    expect(pending.status?.nominatedNodeName).toBe('node-1');
    expect(pending.spec?.nodeName).toBeUndefined();
    // A successful preemption adds no PostFilter message to the FitError.
    expect(eventsFor(cluster, 'hi', 'FailedScheduling').map((e) => e.message)).toEqual(['0/1 nodes are available: 1 Insufficient cpu.']);
    // The victim's kubelet would finish it; none runs here, so it goes now.
    await cluster.client.delete('Pod', 'low', { namespace: 'default', gracePeriodSeconds: 0 });
    await cluster.advance(1000);
    expect(await nodeOf(cluster, 'hi')).toBe('node-1');
    await cluster.stop();
  });

  it('should place pods the same way for the same seed', async () => {
    const placement = async (): Promise<string[]> => {
      const nodes = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`node-${n}`, { cpu: '4' }]));
      const cluster = await start({ seed: 5 }, nodes);
      for (let i = 0; i < 12; i++) await cluster.client.create(pendingPod(`p-${i}`, { cpu: '500m' }));
      await cluster.advance(0);
      const out = await Promise.all(Array.from({ length: 12 }, (_, i) => nodeOf(cluster, `p-${i}`)));
      await cluster.stop();
      return out.map((n) => n ?? '');
    };
    const first = await placement();
    expect(first.every((n) => n.startsWith('node-'))).toBe(true);
    expect(await placement()).toEqual(first);
  });

  it('should retry after 1, 2, 4, 8 and then every 10 seconds of cluster time while no node exists', async () => {
    const cluster = await start();
    await createPod(cluster, 'p');
    expect(eventsFor(cluster, 'p')).toMatchObject([{ reason: 'FailedScheduling', message: 'no nodes available to schedule pods' }]);
    expect((await condition(cluster, 'p', 'PodScheduled'))?.reason).toBe('Unschedulable');
    const seen: number[] = [];
    for (const step of [999, 1, 1999, 1, 3999, 1, 7999, 1, 9999, 1, 10_000]) {
      await cluster.advance(step);
      seen.push(failedCount(cluster, 'p'));
    }
    expect(seen).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7]);
    await cluster.stop();
  });

  it('should retry a pod in the unschedulable pool after 5 minutes without a helpful event', async () => {
    const cluster = await start({}, { 'node-1': { cpu: '1' } });
    await createPod(cluster, 'big', { cpu: '2' });
    await cluster.advance(5 * 60_000);
    expect(failedCount(cluster, 'big')).toBe(1);
    await cluster.advance(1);
    expect(failedCount(cluster, 'big')).toBe(2);
    await cluster.stop();
  });

  it('should keep decision records and write them as simulator annotations when asked', async () => {
    const cluster = await start({ scheduler: { recordDecisions: true } }, { 'node-1': { cpu: '1' }, 'node-2': { cpu: '4' } });
    await createPod(cluster, 'web-1', { cpu: '500m' });
    const decision = schedulerDecisions(cluster).get('default/web-1');
    expect(decision?.selectedNode).toBe(await nodeOf(cluster, 'web-1'));
    expect(Object.keys(decision?.filter ?? {}).sort()).toEqual(['node-1', 'node-2']);
    expect(decision?.finalScore['node-2']?.['TaintToleration']).toBe(300);
    const annotations = (await getPod(cluster, 'web-1')).metadata?.annotations ?? {};
    expect(annotations[`${SIMULATOR_ANNOTATION_PREFIX}selected-node`]).toBe(decision?.selectedNode);
    expect(JSON.parse(annotations[`${SIMULATOR_ANNOTATION_PREFIX}filter-result`] ?? '{}')).toEqual(decision?.filter);
    expect(formatDecision(decision!)).toContain(`Pod default/web-1: scheduled on ${decision?.selectedNode ?? ''}`);
    await cluster.stop();
  });

  it('should spread a ReplicaSet over kubelet nodes until they are full, then report the rest unschedulable', async () => {
    const cluster = createCluster({ seed: 3, nodes: [{ name: 'node-1', cpu: '1' }, { name: 'node-2', cpu: '1' }] });
    await cluster.apply(`apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: 5
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: nginx, resources: { requests: { cpu: 400m } } }] }
`);
    await cluster.settle();
    const pods = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default' })).items;
    const perNode = (n: string): number => pods.filter((p) => p.spec?.nodeName === n && p.status?.phase === 'Running').length;
    expect([perNode('node-1'), perNode('node-2')]).toEqual([2, 2]);
    const pending = pods.filter((p) => p.spec?.nodeName === undefined);
    expect(pending).toHaveLength(1);
    expect(pending[0]?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..',
    );
    await cluster.stop();
  });

  it('should reject a pod a Permit plugin keeps waiting once its timeout passes', async () => {
    const gate = { name: 'Gate', permit: () => ({ status: { code: 'Wait' as const, reasons: [] }, timeoutMs: 5000 }) };
    const profile = { schedulerName: 'default-scheduler', plugins: [{ name: 'PrioritySort' }, { name: 'Gate' }, { name: 'DefaultBinder' }] };
    const cluster = await start({ scheduler: { plugins: { Gate: () => gate }, profiles: [profile] } }, { 'node-1': {} });
    await createPod(cluster, 'p');
    await cluster.advance(4999);
    expect(eventsFor(cluster, 'p')).toEqual([]);
    await cluster.advance(1);
    const message = 'rejected due to timeout after waiting 5s at plugin Gate';
    expect(eventsFor(cluster, 'p')).toMatchObject([{ reason: 'FailedScheduling', message }]);
    expect(await condition(cluster, 'p', 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(await nodeOf(cluster, 'p')).toBeUndefined();
    await cluster.stop();
  });

  it('should run user plugins by name in a custom profile and run no scheduler when disabled', async () => {
    const onlyEven = { name: 'OnlyEven', filter: (_c: unknown, _p: Pod, ni: { name: string }) => (ni.name.endsWith('2') ? undefined : { code: 'Unschedulable' as const, reasons: ['odd node'] }) };
    const cluster = await start(
      { scheduler: { plugins: { OnlyEven: () => onlyEven }, profiles: [{ schedulerName: 'even', plugins: [{ name: 'PrioritySort' }, { name: 'OnlyEven' }, { name: 'DefaultBinder' }] }] } },
      { 'node-1': {}, 'node-2': {}, 'node-3': {} },
    );
    await createPod(cluster, 'e', { spec: { schedulerName: 'even' } });
    await createPod(cluster, 'd');
    expect(await nodeOf(cluster, 'e')).toBe('node-2');
    expect(await nodeOf(cluster, 'd')).toBeUndefined();
    await cluster.stop();
    const none = await start({ scheduler: { disabled: true } }, { 'node-1': {} });
    await createPod(none, 'p');
    expect(none.root.system.get('kube-scheduler')).toBeUndefined();
    expect(await nodeOf(none, 'p')).toBeUndefined();
    await none.stop();
  });
});
