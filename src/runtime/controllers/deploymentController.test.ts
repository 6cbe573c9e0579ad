import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../cluster/createCluster.ts';
import { startFakeKubelet } from '../../testing/fakeKubelet.ts';
import { deploymentStatusLine, rolloutHistory, rolloutStatus, rolloutUndo, setImage } from '../../workloads/rollout.ts';
import { isPodAvailable } from '../../workloads/podConditions.ts';
import { deploymentController } from './deploymentController.ts';
import { replicaSetController } from './replicaSetController.ts';

const KUBIA = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubia
  annotations:
    kubernetes.io/change-cause: kubectl create --filename=kubia-deployment-v1.yaml --record=true
spec:
  replicas: 3
  minReadySeconds: 10
  progressDeadlineSeconds: 120
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      name: kubia
      labels:
        app: kubia
    spec:
      containers:
      - image: luksa/kubia:v1
        name: nodejs
`;

async function setup(seed: number) {
  const deploy = deploymentController();
  const cluster = createCluster({ scheduler: { disabled: true }, seed, builtinControllers: ['namespace', 'garbage-collector'], controllers: [deploy, replicaSetController()] });
  await startFakeKubelet(cluster, { nodes: ['node-1', 'node-2'], readyAfterMs: 3_000, neverReady: (p) => (p.spec?.containers[0]?.image ?? '').endsWith(':v3') });
  const client = cluster.client;
  const getD = () => client.get<'Deployment', Deployment>('Deployment', 'kubia', { namespace: 'default' });
  const livePods = async (): Promise<Pod[]> => (await client.list('Pod', { namespace: 'default' })).items.filter((p) => p.metadata.deletionTimestamp === undefined);
  const rsList = async (): Promise<ReplicaSet[]> => [...(await client.list<'ReplicaSet', ReplicaSet>('ReplicaSet', { namespace: 'default' })).items];
  return { cluster, deploy, client, getD, livePods, rsList };
}

describe('deploymentController', () => {
  it('should create kubia-<hash> with revision 1 and reach Complete once pods are available', async () => {
    const { cluster, getD, livePods, rsList } = await setup(11);
    await cluster.apply(KUBIA);
    await cluster.advance(1_000);
    const early = await getD();
    expect(early.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    await cluster.settle({ quietMs: 20_000 });
    const [rs] = await rsList();
    expect(rs?.metadata?.name).toMatch(/^kubia-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    const hash = rs?.metadata?.labels?.['pod-template-hash'] ?? '';
    expect(rs?.metadata?.name).toBe(`kubia-${hash}`);
    expect(rs?.spec?.selector.matchLabels).toEqual({ app: 'kubia', 'pod-template-hash': hash });
    expect(rs?.metadata?.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'kubernetes.io/change-cause': 'kubectl create --filename=kubia-deployment-v1.yaml --record=true',
    });
    const pods = await livePods();
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.metadata?.name).toMatch(new RegExp(`^kubia-${hash}-[a-z0-9]{5}$`));
    const d = await getD();
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "kubia-${hash}" has successfully progressed.` });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(deploymentStatusLine(d)).toEqual({ message: 'deployment "kubia" successfully rolled out', done: true });
    expect(cluster.events().find((e) => e.reason === 'ScalingReplicaSet')?.message).toBe(`Scaled up replica set kubia-${hash} to 3`);
    await cluster.stop();
  });

  it('should roll v1 → v2 within maxSurge 1 / maxUnavailable 0 and keep the old ReplicaSet at 0', async () => {
    const { cluster, getD, livePods, rsList } = await setup(12);
    await cluster.apply(KUBIA);
    await cluster.settle({ quietMs: 20_000 });
    expect(await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:v2' })).toBe('deployment.apps/kubia image updated');
    const lines = new Set<string>();
    let maxPods = 0;
    let minAvailable = Infinity;
    for (let i = 0; i < 120; i++) {
      await cluster.advance(500);
      const pods = await livePods();
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, pods.filter((p) => isPodAvailable(p, 10, cluster.clock.now())).length);
      const line = await rolloutStatus(cluster, 'kubia');
      lines.add(line.message);
      if (line.done) break;
    }
    expect(maxPods).toBe(4);
    expect(minAvailable).toBe(3);
    expect([...lines]).toContain('deployment "kubia" successfully rolled out');
    expect([...lines].some((l) => /^Waiting for deployment "kubia" rollout to finish: \d out of 3 new replicas have been updated\.\.\.$/.test(l))).toBe(true);
    const d = await getD();
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const all = await rsList();
    expect(all).toHaveLength(2);
    const old = all.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1');
    expect(old?.spec?.replicas).toBe(0);
    expect((await livePods()).every((p) => p.spec?.containers[0]?.image === 'luksa/kubia:v2')).toBe(true);
    await cluster.stop();
  });

  it('should time out a bad v3 that never becomes ready, and undo it back to v2 as revision 4', async () => {
    const { cluster, getD, livePods } = await setup(13);
    await cluster.apply(KUBIA);
    await cluster.settle({ quietMs: 20_000 });
    await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:v2' });
    await cluster.settle({ quietMs: 20_000 });
    await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:v3' });
    await cluster.waitFor(async () => (await getD()).status?.conditions?.some((c) => c.reason === 'ProgressDeadlineExceeded') === true, { timeoutMs: 10 * 60_000 });
    const failed = await getD();
    expect(failed.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    await expect(rolloutStatus(cluster, 'kubia')).rejects.toThrow('deployment "kubia" exceeded its progress deadline');
    // Availability never dropped: the bad pod only surged.
    expect((await livePods()).filter((p) => p.spec?.containers[0]?.image === 'luksa/kubia:v2')).toHaveLength(3);
    expect(await rolloutUndo(cluster, 'kubia')).toBe('deployment.apps/kubia rolled back');
    await cluster.settle({ quietMs: 20_000 });
    const d = await getD();
    expect(d.spec?.template.spec?.containers[0]?.image).toBe('luksa/kubia:v2');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('4');
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    const history = await rolloutHistory(cluster, 'kubia');
    expect(history).toBe('deployment.apps/kubia \nREVISION  CHANGE-CAUSE\n1         kubectl create --filename=kubia-deployment-v1.yaml --record=true\n3         kubectl create --filename=kubia-deployment-v1.yaml --record=true\n4         kubectl create --filename=kubia-deployment-v1.yaml --record=true\n');
    expect((await livePods()).map((p) => p.spec?.containers[0]?.image)).toEqual(['luksa/kubia:v2', 'luksa/kubia:v2', 'luksa/kubia:v2']);
    await cluster.stop();
  });
});
