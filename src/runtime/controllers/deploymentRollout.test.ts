import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../cluster/createCluster.ts';
import { startFakeKubelet } from '../../testing/fakeKubelet.ts';
import { isPodReady } from '../../workloads/podConditions.ts';
import { rolloutHistory, rolloutPause, rolloutRestart, rolloutResume, rolloutUndo, scale, setImage } from '../../workloads/rollout.ts';
import { deploymentController } from './deploymentController.ts';
import { replicaSetController } from './replicaSetController.ts';

const deployment = (spec: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubia
spec:
${spec}
  selector:
    matchLabels:
      app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - image: luksa/kubia:v1
        name: nodejs
`;

async function setup(seed: number, yaml: string) {
  const deploy = deploymentController();
  const cluster = createCluster({ scheduler: { disabled: true }, seed, builtinControllers: ['namespace', 'garbage-collector'], controllers: [deploy, replicaSetController()] });
  await startFakeKubelet(cluster, { nodes: ['node-1', 'node-2'], readyAfterMs: 2_000, terminationMs: 3_000 });
  await cluster.apply(yaml);
  await cluster.settle({ quietMs: 10_000 });
  const getD = () => cluster.client.get<'Deployment', Deployment>('Deployment', 'kubia', { namespace: 'default' });
  const pods = async (): Promise<Pod[]> => [...(await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default' })).items];
  const rss = async (): Promise<ReplicaSet[]> => [...(await cluster.client.list<'ReplicaSet', ReplicaSet>('ReplicaSet', { namespace: 'default' })).items];
  const image = (p: Pod): string => p.spec?.containers[0]?.image ?? '';
  return { cluster, deploy, getD, pods, rss, image };
}

describe('Deployment rollouts', () => {
  it('should terminate every old pod before creating new ones with Recreate', async () => {
    const { cluster, pods, image } = await setup(31, deployment('  replicas: 3\n  strategy:\n    type: Recreate'));
    await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:v2' });
    let sawNoReady = false;
    for (let i = 0; i < 40; i++) {
      await cluster.advance(250);
      const all = await pods();
      // No v2 pod exists while any v1 pod (terminating included) is still around.
      expect(all.some((p) => image(p) === 'luksa/kubia:v1') && all.some((p) => image(p) === 'luksa/kubia:v2')).toBe(false);
      if (all.filter(isPodReady).length === 0) sawNoReady = true;
    }
    await cluster.settle({ quietMs: 10_000 });
    expect(sawNoReady).toBe(true);
    expect((await pods()).map(image)).toEqual(['luksa/kubia:v2', 'luksa/kubia:v2', 'luksa/kubia:v2']);
    await cluster.stop();
  });

  it('should hold a paused rollout, refuse undo while paused, and roll on resume', async () => {
    const { cluster, getD, pods, image } = await setup(32, deployment('  replicas: 2'));
    expect(await rolloutPause(cluster, 'kubia')).toBe('deployment.apps/kubia paused');
    await expect(rolloutPause(cluster, 'kubia')).rejects.toThrow('deployments.apps "kubia" is already paused');
    await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:v2' });
    await cluster.settle({ quietMs: 10_000 });
    expect((await pods()).map(image)).toEqual(['luksa/kubia:v1', 'luksa/kubia:v1']);
    const paused = await getD();
    expect(paused.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    await expect(rolloutUndo(cluster, 'kubia')).rejects.toThrow('no rollout history found for deployment "kubia"');
    await expect(rolloutUndo(cluster, 'kubia', 'default', 1)).rejects.toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    await expect(rolloutRestart(cluster, 'kubia')).rejects.toThrow("can't restart paused deployment (run rollout resume first)");
    expect(await rolloutResume(cluster, 'kubia')).toBe('deployment.apps/kubia resumed');
    await cluster.settle({ quietMs: 10_000 });
    expect((await pods()).map(image)).toEqual(['luksa/kubia:v2', 'luksa/kubia:v2']);
    expect((await getD()).status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    await cluster.stop();
  });

  it('should scale proportionally when scaled in the middle of a rollout', async () => {
    const { cluster, rss } = await setup(33, deployment('  replicas: 10\n  strategy:\n    rollingUpdate:\n      maxSurge: 3\n      maxUnavailable: 2'));
    // A rollout that cannot finish: v2 never becomes ready.
    await cluster.client.mutate('Deployment', 'kubia', (d: Deployment) => void ((d.spec?.template.spec?.containers[0] as { image?: string }).image = 'luksa/kubia:v2'), { namespace: 'default' });
    await cluster.advance(1_000);
    const before = await rss();
    const size = (img: string, list: ReplicaSet[]): number => list.find((r) => r.spec?.template?.spec?.containers[0]?.image === img)?.spec?.replicas ?? -1;
    // Upstream's documented example: 10 replicas, surge 3, unavailable 2 → old 8, new 5.
    expect([size('luksa/kubia:v1', before), size('luksa/kubia:v2', before)]).toEqual([8, 5]);
    expect(await scale(cluster, 'Deployment', 'kubia', 15)).toBe('deployment.apps/kubia scaled');
    await cluster.advance(1);
    const after = await rss();
    // 13 → 18 (15 + 3): 8 × 18/13 ≈ 11, 5 × 18/13 ≈ 7.
    expect([size('luksa/kubia:v1', after), size('luksa/kubia:v2', after)]).toEqual([11, 7]);
    expect(after.every((r) => r.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'] === '15' && r.metadata.annotations['deployment.kubernetes.io/max-replicas'] === '18')).toBe(true);
    await cluster.stop();
  });

  it('should keep revisionHistoryLimit old ReplicaSets, restart with restartedAt, and undo to a revision', async () => {
    const { cluster, getD, rss, pods, image } = await setup(34, deployment('  replicas: 1\n  revisionHistoryLimit: 2'));
    for (const v of ['v2', 'v3', 'v4']) {
      await setImage(cluster, 'kubia', { nodejs: `luksa/kubia:${v}` });
      await cluster.settle({ quietMs: 10_000 });
    }
    const revs = (await rss()).map((r) => r.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort();
    expect(revs).toEqual(['2', '3', '4']);
    expect(await rolloutRestart(cluster, 'kubia')).toBe('deployment.apps/kubia restarted');
    await cluster.settle({ quietMs: 10_000 });
    const restarted = await getD();
    expect(restarted.spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(restarted.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('5');
    expect(await rolloutUndo(cluster, 'kubia', 'default', 3)).toBe('deployment.apps/kubia rolled back');
    await cluster.settle({ quietMs: 10_000 });
    expect((await pods()).filter((p) => p.metadata?.deletionTimestamp === undefined).map(image)).toEqual(['luksa/kubia:v3']);
    const rs3 = (await rss()).find((r) => r.spec?.template?.spec?.containers[0]?.image === 'luksa/kubia:v3');
    expect(rs3?.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '6', 'deployment.kubernetes.io/revision-history': '3' });
    await expect(rolloutUndo(cluster, 'kubia', 'default', 1)).rejects.toThrow('unable to find specified revision 1 in history');
    expect(await rolloutUndo(cluster, 'kubia', 'default', 6)).toBe('deployment.apps/kubia skipped rollback (current template already matches revision 6)');
    expect(await rolloutHistory(cluster, 'kubia')).toBe('deployment.apps/kubia \nREVISION  CHANGE-CAUSE\n4         <none>\n5         <none>\n6         <none>\n');
    expect(await rolloutHistory(cluster, 'kubia', 'default', 6)).toContain('Image:\tluksa/kubia:v3');
    await cluster.stop();
  });
});
