import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import { deploymentController } from '../src/runtime/controllers/deploymentController.ts';
import { replicaSetController } from '../src/runtime/controllers/replicaSetController.ts';
import { startFakeKubelet } from '../src/testing/fakeKubelet.ts';
import { rolloutPause, rolloutResume, setImage } from '../src/workloads/rollout.ts';
import { createMachineCoverage } from './machineCoverage.ts';
import { deploymentRolloutMachine } from './deploymentRolloutMachine.ts';

const coverage = createMachineCoverage(deploymentRolloutMachine);

const observed = (reason: string | undefined, status = 'True', extra: { paused?: boolean; complete?: boolean } = {}) => ({
  type: 'rollout.observed' as const,
  paused: extra.paused ?? false,
  progressing: reason === undefined ? undefined : { status, reason, message: `${reason} message` },
  complete: extra.complete ?? false,
  available: true,
  revision: '2',
  newReplicaSet: 'kubia-abc',
});

describe('deploymentRolloutMachine', () => {
  it('should move through progressing, complete, paused and failed as the Progressing condition says', () => {
    const a = createActor(deploymentRolloutMachine, { input: { key: 'default/kubia' }, inspect: coverage.observe }).start();
    for (const reason of ['NewReplicaSetCreated', 'FoundNewReplicaSet', 'ReplicaSetUpdated']) {
      a.send(observed(reason));
      expect(a.getSnapshot().value).toBe('progressing');
      expect(a.getSnapshot().context.reason).toBe(reason);
    }
    a.send(observed('NewReplicaSetAvailable'));
    expect(a.getSnapshot().value).toBe('complete');
    a.send(observed('DeploymentPaused', 'Unknown', { paused: true }));
    expect(a.getSnapshot().value).toBe('paused');
    a.send(observed('DeploymentResumed', 'Unknown'));
    expect(a.getSnapshot().value).toBe('progressing');
    a.send(observed('ProgressDeadlineExceeded', 'False'));
    expect(a.getSnapshot().value).toBe('failed');
    a.send(observed('ReplicaSetCreateError', 'False'));
    expect(a.getSnapshot().value).toBe('failed');
  });

  it('should follow DeploymentComplete when there is no progress deadline', () => {
    const a = createActor(deploymentRolloutMachine, { input: { key: 'k' }, inspect: coverage.observe }).start();
    a.send(observed(undefined, 'True', { complete: false }));
    expect(a.getSnapshot().value).toBe('progressing');
    a.send(observed(undefined, 'True', { complete: true }));
    expect(a.getSnapshot().value).toBe('complete');
  });

  it('should be the visible rollout state of a Deployment in a cluster', async () => {
    const deploy = deploymentController({ rollout: deploymentRolloutMachine });
    const cluster = createCluster({ scheduler: { disabled: true }, seed: 8, builtinControllers: ['garbage-collector'], controllers: [deploy, replicaSetController()] });
    await startFakeKubelet(cluster, { readyAfterMs: 2_000, neverReady: (p) => (p.spec?.containers[0]?.image ?? '').endsWith(':bad') });
    await cluster.apply(`apiVersion: apps/v1
kind: Deployment
metadata: {name: kubia}
spec:
  replicas: 2
  progressDeadlineSeconds: 60
  selector: {matchLabels: {app: kubia}}
  template:
    metadata: {labels: {app: kubia}}
    spec: {containers: [{name: nodejs, image: luksa/kubia:v1}]}
`);
    expect(deploy.rollout('default/kubia')?.value).toBe('progressing');
    expect(deploy.rollout('default/kubia')?.context.reason).toBe('ReplicaSetUpdated');
    await cluster.settle({ quietMs: 10_000 });
    expect(deploy.rollout('default/kubia')?.value).toBe('complete');
    expect(deploy.rollout('default/kubia')?.context).toMatchObject({ reason: 'NewReplicaSetAvailable', available: true, revision: '1' });
    await rolloutPause(cluster, 'kubia');
    await cluster.advance(1);
    expect(deploy.rollout('default/kubia')?.value).toBe('paused');
    await rolloutResume(cluster, 'kubia');
    await setImage(cluster, 'kubia', { nodejs: 'luksa/kubia:bad' });
    await cluster.advance(1);
    expect(deploy.rollout('default/kubia')?.value).toBe('progressing');
    await cluster.advance(120_000);
    expect(deploy.rollout('default/kubia')?.value).toBe('failed');
    expect(deploy.rollout('default/kubia')?.context.reason).toBe('ProgressDeadlineExceeded');
    await cluster.stop();
  });

  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
