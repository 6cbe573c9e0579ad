import { afterEach, describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { createCluster } from '../cluster/createCluster.ts';
import type { Cluster } from '../cluster/clusterTypes.ts';
import { readyNode } from '../../testing/fakeKubelet.ts';
import { cordon, drain, uncordon } from './drain.ts';
import type { DrainOptions, DrainResult } from './drain.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const S = 1000;
const owner = (kind: string, name: string): OwnerReference[] => [{ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller: true }];

async function world() {
  const c = createCluster({ builtinControllers: false, scheduler: { disabled: true } });
  cluster = c;
  const t0 = c.clock.now();
  await c.client.create(readyNode('node-1', {}, t0));
  const addPod = (name: string, extra: { labels?: Record<string, string>; ownerReferences?: OwnerReference[]; annotations?: Record<string, string>; spec?: Partial<PodSpec> } = {}) =>
    c.client.create<Pod>({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', ...(extra.labels ? { labels: extra.labels } : {}), ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}), ...(extra.annotations ? { annotations: extra.annotations } : {}) },
      spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }], ...extra.spec },
    });
  const node = () => c.api.get<Node & { metadata: { name: string } }>({ apiVersion: 'v1', kind: 'Node' }, 'node-1');
  const exists = (name: string) => c.api.list({ apiVersion: 'v1', kind: 'Pod' }).items.some((p) => p.metadata.name === name);
  const advanceTo = (seconds: number) => c.advance(t0 + seconds * S - c.clock.now());
  // Settles the drain promise without leaving a rejection unhandled while time moves.
  const start = (opts: Omit<DrainOptions, 'clock'>) => drain(c.client, 'node-1', { clock: c.clock, ...opts }).then((r): DrainResult | Error => r, (e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  return { c, t0, addPod, node, exists, advanceTo, start };
}

describe('cordon and uncordon', () => {
  it('should mark the node unschedulable and let the node lifecycle controller add the unschedulable taint', async () => {
    const w = await world();
    expect((await cordon(w.c.client, 'node-1')).message).toBe('node/node-1 cordoned');
    await w.advanceTo(1);
    expect(w.node().spec?.unschedulable).toBe(true);
    expect(w.node().spec?.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect((await cordon(w.c.client, 'node-1')).message).toBe('node/node-1 already cordoned');
    expect((await uncordon(w.c.client, 'node-1')).message).toBe('node/node-1 uncordoned');
    await w.advanceTo(2);
    expect(w.node().spec?.unschedulable).toBeUndefined();
    expect(w.node().spec?.taints).toBeUndefined();
    expect((await uncordon(w.c.client, 'node-1')).changed).toBe(false);
  });
});

describe('drain', () => {
  it('should refuse pods that declare no controller without force, with kubectl message, and evict nothing', async () => {
    const w = await world();
    await w.addPod('x');
    await w.addPod('y');
    await w.addPod('web-1', { ownerReferences: owner('ReplicaSet', 'web') });
    const outcome = await w.start({});
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toBe('cannot delete Pods that declare no controller (use --force to override): default/x, default/y');
    expect(w.node().spec?.unschedulable).toBe(true);
    expect(w.c.api.list({ apiVersion: 'v1', kind: 'Pod' }).items.filter((p) => p.metadata.deletionTimestamp === undefined)).toHaveLength(3);
  });

  it('should retry an eviction a PodDisruptionBudget blocks every 5 s until the budget allows it', async () => {
    const w = await world();
    await w.addPod('web-1', { labels: { app: 'web' }, ownerReferences: owner('ReplicaSet', 'web') });
    await w.c.client.create<PodDisruptionBudget>({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
    const result = w.start({ gracePeriodSeconds: 0 });
    await w.advanceTo(12);
    expect(w.exists('web-1')).toBe(true);
    await w.c.client.mutate('PodDisruptionBudget', 'web', (d: PodDisruptionBudget) => void ((d as { status?: PodDisruptionBudget['status'] }).status = { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, observedGeneration: 1 }), { namespace: 'default', subresource: 'status' });
    await w.advanceTo(14.9);
    expect(w.exists('web-1')).toBe(true);
    await w.advanceTo(15);
    expect(w.exists('web-1')).toBe(false);
    const done = await result;
    if (done instanceof Error) throw done;
    const retry = 'error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.';
    expect(done.evicted).toEqual(['default/web-1']);
    expect(done.log).toEqual(['node/node-1 cordoned', ...Array.from({ length: 3 }, () => ['evicting pod default/web-1', retry]).flat(), 'evicting pod default/web-1', 'pod/web-1 evicted', 'node/node-1 drained']);
  });

  it('should give up on a budget that never allows the eviction after the timeout', async () => {
    const w = await world();
    await w.addPod('web-1', { labels: { app: 'web' }, ownerReferences: owner('ReplicaSet', 'web') });
    await w.c.client.create<PodDisruptionBudget>({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'default' }, spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } } });
    const result = w.start({ timeoutMs: 20 * S });
    await w.advanceTo(30);
    expect(await result).toEqual(new Error('error when evicting pods/"web-1" -n "default": global timeout reached: 20s'));
    expect(w.exists('web-1')).toBe(true);
  });

  it('should skip mirror and DaemonSet pods with ignoreDaemonSets, and evict unmanaged ones with force', async () => {
    const w = await world();
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent' }] } } },
    };
    await w.c.client.create(ds);
    await w.addPod('agent-x', { labels: { app: 'agent' }, ownerReferences: owner('DaemonSet', 'agent') });
    await w.addPod('static-node-1', { annotations: { 'kubernetes.io/config.mirror': 'abc' } });
    await w.addPod('scratch', { spec: { volumes: [{ name: 'tmp', emptyDir: {} }] }, ownerReferences: owner('ReplicaSet', 'web') });
    await w.addPod('loner');

    const refused = await w.start({ force: true });
    expect((refused as Error).message).toBe('[cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/agent-x, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch]');

    const done = await w.start({ force: true, ignoreDaemonSets: true, deleteEmptyDirData: true, gracePeriodSeconds: 0 });
    if (done instanceof Error) throw done;
    expect([...done.evicted].sort()).toEqual(['default/loner', 'default/scratch']);
    // As kubectl, a later filter's verdict replaces the local-storage warning of a managed pod.
    expect(done.log[1]).toBe('Warning: ignoring DaemonSet-managed Pods: default/agent-x; deleting Pods that declare no controller: default/loner');
    expect(w.exists('agent-x') && w.exists('static-node-1')).toBe(true);
  });
});
