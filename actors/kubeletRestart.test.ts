import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../src/api/meta.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';

type PodObject = Pod & KubeObject;

const pod = (name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, annotations?: Record<string, string>): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], ...spec },
  });

const get = (c: Cluster, name: string): Promise<PodObject> => c.client.get('Pod', name, { namespace: 'default' });

// Every status the API server stores for the pod from now on.
function recordWrites(c: Cluster, name: string, from: string | undefined): { writes: PodObject[]; stop: () => void } {
  const writes: PodObject[] = [];
  const sub = c.client
    .watch('Pod', { namespace: 'default', fieldSelector: `metadata.name=${name}`, ...(from !== undefined ? { resourceVersion: from } : {}) })
    .subscribe((e) => {
      if (e.type === 'MODIFIED' || e.type === 'ADDED') writes.push(e.object);
    });
  return { writes, stop: () => sub.unsubscribe() };
}

const waitingReasons = (p: PodObject): string[] =>
  [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].flatMap((s: ContainerStatus) => (s.state?.waiting?.reason !== undefined ? [s.state.waiting.reason] : []));

// What the container runtime would still show of a container after a kubelet restart.
const kept = (s: ContainerStatus | undefined) => ({ state: s?.state, lastState: s?.lastState, restartCount: s?.restartCount, containerID: s?.containerID, image: s?.image });

async function restartKubelet(c: Cluster, downMs: number): Promise<void> {
  c.nodes.stop('node-1');
  await c.advance(downMs);
  c.nodes.start('node-1');
  await c.advance(1);
}

// How many times the kubelet recorded `reason` with `message` (repeats are aggregated into `count`).
async function events(c: Cluster, reason: string, message: string): Promise<number> {
  const list = await c.client.list('Event', { namespace: 'default' });
  return list.items.filter((e) => e.reason === reason && e.message === message).reduce((n, e) => n + (e.count ?? 1), 0);
}

describe('kubelet restart', () => {
  it('should keep pods\' container state across a kubelet restart', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('keep'));
    await c.waitFor({ type: 'Pod', name: 'keep', namespace: 'default', condition: 'Ready' });
    await c.advance(30_000);
    // One crash: the container restarts at once (no back-off before the first restart).
    expect(c.injectPodEvent('default', 'keep', { type: 'container.exited', container: 'app', exitCode: 2 })).toBe(true);
    await c.waitFor(async () => {
      const s = (await get(c, 'keep')).status?.containerStatuses?.[0];
      return s?.restartCount === 1 && s.state?.running !== undefined && s.ready === true;
    });
    await c.advance(45_000);
    const before = await get(c, 'keep');
    const app = before.status?.containerStatuses?.[0];
    expect(app?.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const started = await events(c, 'Started', 'Started container app');
    expect(started).toBe(2);

    const watch = recordWrites(c, 'keep', before.metadata?.resourceVersion);
    await restartKubelet(c, 20_000);
    await c.settle({ quietMs: 5_000 });
    const right = await get(c, 'keep');
    expect(kept(right.status?.containerStatuses?.[0])).toEqual(kept(app));
    expect(right.status?.containerStatuses?.[0]).toMatchObject({ ready: true, started: true });
    expect(right.status?.podIP).toBe(before.status?.podIP);
    expect(right.status?.startTime).toBe(before.status?.startTime);
    expect(right.status?.phase).toBe('Running');

    await c.advance(120_000);
    const later = await get(c, 'keep');
    expect(kept(later.status?.containerStatuses?.[0])).toEqual(kept(app));
    expect(later.status?.podIP).toBe(before.status?.podIP);
    expect(later.status?.startTime).toBe(before.status?.startTime);
    // The restarted kubelet derived the very status it had written (a no-op write) and never showed
    // the container being created; the next crash is its first change, seen by the same watch (the
    // new instance is created then: that is when ContainerCreating shows).
    expect(watch.writes).toEqual([]);
    expect(await events(c, 'Started', 'Started container app')).toBe(started);
    c.injectPodEvent('default', 'keep', { type: 'container.exited', container: 'app', exitCode: 3 });
    await c.waitFor(async () => (await get(c, 'keep')).status?.containerStatuses?.[0]?.restartCount === 2);
    watch.stop();
    expect(watch.writes.length).toBeGreaterThan(0);
    expect(watch.writes.at(-1)?.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(3);
    await c.stop();
  });

  it('should keep a CrashLoopBackOff container\'s restartCount and resume its back-off', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }, { 'behavior.kubeactors.dev/app': '{"startSeconds": 1}' }));
    // Instances 0–3 have run; the kubelet now waits out the 40 s back-off after instance 3.
    await c.waitFor(async () => {
      const s = (await get(c, 'crash')).status?.containerStatuses?.[0];
      return s?.restartCount === 3 && s.state?.waiting?.reason === 'CrashLoopBackOff';
    }, { timeoutMs: 600_000 });
    const before = await get(c, 'crash');
    const app = before.status?.containerStatuses?.[0];
    expect(app?.state?.waiting?.message).toMatch(/^back-off 40s restarting failed container=app /);
    const finished3 = Date.parse(app?.lastState?.terminated?.finishedAt ?? '');

    await restartKubelet(c, 10_000);
    const right = await get(c, 'crash');
    expect(kept(right.status?.containerStatuses?.[0])).toEqual(kept(app));

    // Instance 4 starts when the 40 s back-off from instance 3's end is over (creating it takes 1 s) …
    await c.waitFor(async () => (await get(c, 'crash')).status?.containerStatuses?.[0]?.restartCount === 4, { timeoutMs: 600_000 });
    const t4 = (await get(c, 'crash')).status?.containerStatuses?.[0];
    const started4 = Date.parse(t4?.state?.running?.startedAt ?? t4?.lastState?.terminated?.startedAt ?? '');
    expect((started4 - finished3) / 1000 - 1).toBeGreaterThanOrEqual(39);
    expect((started4 - finished3) / 1000 - 1).toBeLessThanOrEqual(41);
    // … and the back-off goes on doubling: 80 s after instance 4, not 10 s as after a reset.
    await c.waitFor(async () => (await get(c, 'crash')).status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff', { timeoutMs: 600_000 });
    expect((await get(c, 'crash')).status?.containerStatuses?.[0]?.state?.waiting?.message).toMatch(/^back-off 1m20s restarting/);
    await c.stop();
  });

  it('should not run a completed init container again after a kubelet restart', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('init', { initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] }] }));
    await c.waitFor({ type: 'Pod', name: 'init', namespace: 'default', condition: 'Ready' });
    await c.advance(10_000);
    const before = await get(c, 'init');
    const setup = before.status?.initContainerStatuses?.[0];
    expect(setup?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const initialized = before.status?.conditions?.find((x) => x.type === 'Initialized');

    const watch = recordWrites(c, 'init', before.metadata?.resourceVersion);
    await restartKubelet(c, 15_000);
    await c.settle({ quietMs: 5_000 });
    await c.advance(60_000);
    watch.stop();
    const after = await get(c, 'init');
    expect(kept(after.status?.initContainerStatuses?.[0])).toEqual(kept(setup));
    expect(kept(after.status?.containerStatuses?.[0])).toEqual(kept(before.status?.containerStatuses?.[0]));
    expect(after.status?.conditions?.find((x) => x.type === 'Initialized')).toEqual(initialized);
    expect(watch.writes.flatMap(waitingReasons)).toEqual([]);
    expect(await events(c, 'Started', 'Started container setup')).toBe(1);
    expect(await events(c, 'Started', 'Started container app')).toBe(1);
    await c.stop();
  });

  it('should restart with the spec\'s image a container whose image changed while the kubelet was down', async () => {
    const c = createCluster({ nodes: 1 });
    await c.client.create(pod('img'));
    await c.waitFor({ type: 'Pod', name: 'img', namespace: 'default', condition: 'Ready' });
    c.nodes.stop('node-1');
    await c.advance(5_000);
    await c.client.mutate('Pod', 'img', (d) => {
      const app = d.spec?.containers[0];
      if (app !== undefined) app.image = 'busybox:1.37';
    }, { namespace: 'default' });
    c.nodes.start('node-1');
    await c.waitFor(async () => (await get(c, 'img')).status?.containerStatuses?.[0]?.state?.running?.startedAt !== undefined && (await get(c, 'img')).status?.containerStatuses?.[0]?.restartCount === 1);
    const app = (await get(c, 'img')).status?.containerStatuses?.[0];
    expect(app?.image).toBe('docker.io/library/busybox:1.37');
    expect(app?.lastState?.terminated).toBeDefined();
    expect(await events(c, 'Killing', 'Container app definition changed, will be restarted')).toBe(1);
    await c.stop();
  });
});
