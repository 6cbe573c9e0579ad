import { describe, expect, it } from 'vitest';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { forbidden } from '../../api/status.ts';
import type { AdmissionPlugin } from '../../apiserver/admission.ts';
import { createCluster } from '../cluster/createCluster.ts';
import { startFakeKubelet } from '../../testing/fakeKubelet.ts';
import { replicaSetController, replicationController } from './replicaSetController.ts';

const KUBIA_RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia-rc
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      name: kubia
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - containerPort: 8080
`;

const KUBIA_RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: kubia-rs
spec:
  replicas: 3
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia-container
        image: luksa/kubia
`;

async function setup(seed = 1) {
  const rc = replicationController();
  const rs = replicaSetController();
  const cluster = createCluster({ scheduler: { disabled: true }, seed, builtinControllers: ['namespace', 'garbage-collector'], controllers: [rc, rs] });
  await startFakeKubelet(cluster, { nodes: ['node-1', 'node-2'], readyAfterMs: 2_000 });
  const pods = async (): Promise<Pod[]> => (await cluster.client.list('Pod', { namespace: 'default' })).items.filter((p) => p.metadata.deletionTimestamp === undefined);
  return { cluster, rc, rs, pods };
}

describe('replicationController', () => {
  it('should keep exactly replicas pods and report SuccessfulCreate events (kubia-rc)', async () => {
    const { cluster, pods } = await setup();
    await cluster.apply(KUBIA_RC);
    await cluster.settle({ quietMs: 5_000 });
    const list = await pods();
    expect(list).toHaveLength(3);
    for (const p of list) {
      expect(p.metadata?.name).toMatch(/^kubia-rc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ReplicationController', name: 'kubia-rc', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
      expect(p.status?.phase).toBe('Running');
    }
    const obj = await cluster.client.get<'ReplicationController', ReplicationController>('ReplicationController', 'kubia-rc', { namespace: 'default' });
    expect(obj.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const created = cluster.events().filter((e) => e.reason === 'SuccessfulCreate');
    expect(created.map((e) => e.message).sort()).toEqual(list.map((p) => `Created pod: ${p.metadata?.name}`).sort());
    expect(created.every((e) => e.source?.component === 'replication-controller')).toBe(true);
    await cluster.stop();
  });

  it('should recreate a deleted pod and scale up and down', async () => {
    const { cluster, pods } = await setup(2);
    await cluster.apply(KUBIA_RC);
    await cluster.settle({ quietMs: 5_000 });
    const victim = (await pods())[0]?.metadata?.name ?? '';
    await cluster.client.delete('Pod', victim, { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    const after = await pods();
    expect(after).toHaveLength(3);
    expect(after.map((p) => p.metadata?.name)).not.toContain(victim);
    await cluster.client.mutate('ReplicationController', 'kubia-rc', (d: ReplicationController) => void ((d.spec ??= {}).replicas = 10), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(await pods()).toHaveLength(10);
    await cluster.client.mutate('ReplicationController', 'kubia-rc', (d: ReplicationController) => void ((d.spec ??= {}).replicas = 3), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(await pods()).toHaveLength(3);
    expect(cluster.events().filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(7);
    await cluster.stop();
  });

  it('should adopt a matching orphan and delete the newest pod, and release a pod whose labels stop matching', async () => {
    const { cluster, pods } = await setup(3);
    await cluster.client.create<Pod>({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kubia-manual', namespace: 'default', labels: { env: 'testing', name: 'kubia-manual' } }, spec: { containers: [{ name: 'kubia', image: 'luksa/kubia' }] } });
    await cluster.settle({ quietMs: 5_000 });
    await cluster.advance(3 * 3600_000);
    await cluster.apply(KUBIA_RC);
    await cluster.settle({ quietMs: 5_000 });
    const rcPods = (await pods()).filter((p) => p.metadata?.name !== 'kubia-manual');
    // The youngest RC pod: recreate one so ages differ.
    await cluster.advance(5 * 60_000);
    await cluster.client.delete('Pod', rcPods[0]?.metadata?.name ?? '', { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    const before = await pods();
    const youngest = [...before].filter((p) => p.metadata?.name !== 'kubia-manual').sort((a, b) => (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''))[0];
    await cluster.client.mutate('Pod', 'kubia-manual', (d: Pod) => void ((d.metadata ??= {}).labels = { ...(d.metadata.labels ?? {}), app: 'kubia' }), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    const after = await pods();
    expect(after.map((p) => p.metadata?.name)).toContain('kubia-manual');
    expect(after.map((p) => p.metadata?.name)).not.toContain(youngest?.metadata?.name);
    expect(after).toHaveLength(3);
    const manual = after.find((p) => p.metadata?.name === 'kubia-manual');
    expect(manual?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicationController', name: 'kubia-rc', controller: true });
    // Removing the label orphans it, and a replacement is created.
    await cluster.client.mutate('Pod', 'kubia-manual', (d: Pod) => void ((d.metadata ??= {}).labels = { env: 'testing' }), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    const released = await cluster.client.get('Pod', 'kubia-manual', { namespace: 'default' });
    expect(released.metadata.ownerReferences).toBeUndefined();
    expect((await pods()).filter((p) => p.metadata?.labels?.['app'] === 'kubia')).toHaveLength(3);
    await cluster.stop();
  });
});

describe('replicaSetController', () => {
  it('should run kubia-rs with a matchLabels selector and write the full status', async () => {
    const { cluster, pods } = await setup(4);
    await cluster.apply(KUBIA_RS);
    await cluster.settle({ quietMs: 5_000 });
    expect(await pods()).toHaveLength(3);
    const obj = await cluster.client.get<'ReplicaSet', ReplicaSet>('ReplicaSet', 'kubia-rs', { namespace: 'default' });
    expect(obj.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(cluster.events().filter((e) => e.reason === 'SuccessfulCreate').every((e) => e.source?.component === 'replicaset-controller')).toBe(true);
    await cluster.stop();
  });

  it('should slow-start creations, stop at a refused pod and report ReplicaFailure FailedCreate until the quota allows', async () => {
    let limit = 2;
    let attempts = 0;
    const quota: AdmissionPlugin = {
      name: 'TestQuota',
      validate(req) {
        if (req.operation !== 'CREATE' || req.resource.kind !== 'Pod') return;
        attempts++;
        const used = req.oldObject === undefined ? (cluster.api.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).items.length) : 0;
        if (used >= limit) throw forbidden('pods', req.name, `exceeded quota: objects, requested: pods=1, used: pods=${used}, limited: pods=${limit}`);
      },
    };
    const rs = replicaSetController();
    const cluster = createCluster({ scheduler: { disabled: true }, seed: 5, builtinControllers: ['namespace', 'garbage-collector'], controllers: [rs], admission: [quota] });
    await cluster.apply(KUBIA_RS.replace('replicas: 3', 'replicas: 10'));
    await cluster.advance(1);
    // Batches 1 then 2: the second batch has a failure, so the remaining 7 are never tried; later
    // syncs (woken by the pod and status events) each stop after one refused pod.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThan(10);
    const failed = await cluster.client.get<'ReplicaSet', ReplicaSet>('ReplicaSet', 'kubia-rs', { namespace: 'default' });
    expect(failed.status?.replicas).toBe(2);
    const cond = failed.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(cond).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(cond?.message).toMatch(/^pods "kubia-rs-[a-z0-9]{5}" is forbidden: exceeded quota: objects, requested: pods=1, used: pods=2, limited: pods=2$/);
    const ev = cluster.events().filter((e) => e.reason === 'FailedCreate');
    expect(ev).toHaveLength(attempts - 2);
    expect(ev[0]?.type).toBe('Warning');
    expect(ev[0]?.message).toMatch(/^Error creating: pods "kubia-rs-[a-z0-9]{5}" is forbidden: exceeded quota: objects, requested: pods=1, used: pods=2, limited: pods=2$/);
    limit = 100;
    await cluster.settle({ quietMs: 30_000 });
    const ok = await cluster.client.get<'ReplicaSet', ReplicaSet>('ReplicaSet', 'kubia-rs', { namespace: 'default' });
    expect(ok.status?.replicas).toBe(10);
    expect(ok.status?.conditions).toBeUndefined();
    await cluster.stop();
  });
});
