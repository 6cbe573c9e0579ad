import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../cluster/createCluster.ts';
import { startFakeKubelet } from '../../testing/fakeKubelet.ts';
import { daemonSetController } from './daemonSetController.ts';

const SSD_MONITOR = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ssd-monitor
spec:
  selector:
    matchLabels:
      app: ssd-monitor
  template:
    metadata:
      labels:
        app: ssd-monitor
    spec:
      nodeSelector:
        disk: ssd
      containers:
      - name: main
        image: luksa/ssd-monitor
`;

async function setup(seed: number, nodes: string[] = ['minikube']) {
  const cluster = createCluster({ scheduler: { disabled: true }, seed, builtinControllers: ['namespace', 'garbage-collector'], controllers: [daemonSetController()] });
  const kubelet = await startFakeKubelet(cluster, { nodes, readyAfterMs: 2_000 });
  const pods = async (): Promise<Pod[]> => (await cluster.client.list('Pod', { namespace: 'default' })).items.filter((p) => p.metadata.deletionTimestamp === undefined);
  const ds = () => cluster.client.get<'DaemonSet', DaemonSet>('DaemonSet', 'ssd-monitor', { namespace: 'default' });
  const label = (node: string, labels: Record<string, string | undefined>) =>
    cluster.client.mutate('Node', node, (d: Node) => {
      const l = { ...(d.metadata?.labels ?? {}) };
      for (const [k, v] of Object.entries(labels)) if (v === undefined) delete l[k];
      else l[k] = v;
      (d.metadata ??= {}).labels = l;
    });
  return { cluster, kubelet, pods, ds, label };
}

describe('daemonSetController', () => {
  it('should follow the disk=ssd label on nodes (ssd-monitor)', async () => {
    const { cluster, kubelet, pods, ds, label } = await setup(21);
    await cluster.apply(SSD_MONITOR);
    await cluster.settle({ quietMs: 5_000 });
    expect(await pods()).toHaveLength(0);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0, numberMisscheduled: 0, observedGeneration: 1 });
    await label('minikube', { disk: 'ssd' });
    await cluster.advance(500);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 0, updatedNumberScheduled: 1, numberAvailable: 0 });
    await cluster.settle({ quietMs: 5_000 });
    const [pod] = await pods();
    expect(pod?.metadata?.name).toMatch(/^ssd-monitor-[a-z0-9]{5}$/);
    expect(pod?.spec?.nodeName).toBe('minikube');
    expect(pod?.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['minikube'] }] }]);
    expect(pod?.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 });
    // A new matching node gets a pod, even when cordoned; a NoSchedule taint keeps it off.
    const n2 = await kubelet.addNode('node-2', { disk: 'ssd' });
    await cluster.client.mutate('Node', n2.metadata.name, (d: Node) => void ((d.spec ??= {}).unschedulable = true));
    await kubelet.addNode('node-3', { disk: 'ssd' });
    await cluster.client.mutate('Node', 'node-3', (d: Node) => void ((d.spec ??= {}).taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    await cluster.settle({ quietMs: 5_000 });
    expect((await pods()).map((p) => p.spec?.nodeName).sort()).toEqual(['minikube', 'node-2']);
    // Relabelling a node removes its pod.
    await label('minikube', { disk: 'hdd' });
    await cluster.settle({ quietMs: 5_000 });
    expect((await pods()).map((p) => p.spec?.nodeName)).toEqual(['node-2']);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0 });
    expect(cluster.events().filter((e) => e.reason === 'SuccessfulDelete' && e.source?.component === 'daemonset-controller')).toHaveLength(1);
    await cluster.stop();
  });

  it('should roll a template change node by node (maxUnavailable 1) and record ControllerRevisions', async () => {
    const { cluster, pods, ds, label } = await setup(22, ['a', 'b', 'c']);
    for (const n of ['a', 'b', 'c']) await label(n, { disk: 'ssd' });
    await cluster.apply(SSD_MONITOR);
    await cluster.settle({ quietMs: 5_000 });
    expect(await pods()).toHaveLength(3);
    await cluster.client.mutate('DaemonSet', 'ssd-monitor', (d: DaemonSet) => {
      const c = d.spec?.template.spec?.containers[0];
      if (c) (c as { image?: string }).image = 'luksa/ssd-monitor:v2';
    }, { namespace: 'default' });
    let minAvailable = 3;
    for (let i = 0; i < 60; i++) {
      await cluster.advance(500);
      const running = (await pods()).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      minAvailable = Math.min(minAvailable, running.length);
    }
    await cluster.settle({ quietMs: 5_000 });
    expect(minAvailable).toBe(2);
    const after = await pods();
    expect(after.map((p) => p.spec?.containers[0]?.image)).toEqual(['luksa/ssd-monitor:v2', 'luksa/ssd-monitor:v2', 'luksa/ssd-monitor:v2']);
    const revisions = (await cluster.client.list<'ControllerRevision', ControllerRevision>('ControllerRevision', { namespace: 'default' })).items;
    expect(revisions.map((r) => r.revision).sort()).toEqual([1, 2]);
    const current = revisions.find((r) => r.revision === 2);
    expect(after.every((p) => p.metadata?.labels?.['controller-revision-hash'] === current?.metadata?.labels?.['controller-revision-hash'])).toBe(true);
    expect((await ds()).status).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    await cluster.stop();
  });

  it('should leave pods alone with OnDelete until they are deleted', async () => {
    const { cluster, pods, ds, label } = await setup(23, ['a', 'b']);
    for (const n of ['a', 'b']) await label(n, { disk: 'ssd' });
    await cluster.apply(SSD_MONITOR.replace('spec:\n  selector:', 'spec:\n  updateStrategy:\n    type: OnDelete\n  selector:'));
    await cluster.settle({ quietMs: 5_000 });
    await cluster.client.mutate('DaemonSet', 'ssd-monitor', (d: DaemonSet) => {
      const c = d.spec?.template.spec?.containers[0];
      if (c) (c as { image?: string }).image = 'luksa/ssd-monitor:v2';
    }, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect((await pods()).map((p) => p.spec?.containers[0]?.image)).toEqual(['luksa/ssd-monitor', 'luksa/ssd-monitor']);
    expect((await ds()).status?.updatedNumberScheduled).toBe(0);
    const victim = (await pods())[0];
    await cluster.client.delete('Pod', victim?.metadata?.name ?? '', { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect((await pods()).map((p) => p.spec?.containers[0]?.image).sort()).toEqual(['luksa/ssd-monitor', 'luksa/ssd-monitor:v2']);
    expect((await ds()).status?.updatedNumberScheduled).toBe(1);
    await cluster.stop();
  });
});
