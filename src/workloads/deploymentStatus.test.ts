import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { rfc3339 } from '../apiserver/timestamps.ts';
import { deploymentTimedOut, setDeploymentCondition } from './deploymentConditions.ts';
import { calculateDeploymentStatus, nextRolloutStatus, pausedConditionsStatus } from './deploymentStatus.ts';

const T0 = Date.parse('2025-01-01T00:00:00Z');

const dep = (over: Partial<Deployment['status']> = {}, spec: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  metadata: { name: 'kubia', generation: 2 },
  spec: { replicas: 3, selector: {}, template: {}, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, ...spec },
  status: { observedGeneration: 2, replicas: 3, updatedReplicas: 1, readyReplicas: 3, availableReplicas: 3, ...over },
});

const rs = (name: string, replicas: number, available: number): ReplicaSet => ({ metadata: { name, uid: name }, spec: { replicas, selector: {} }, status: { replicas, readyReplicas: available, availableReplicas: available } });

describe('calculateDeploymentStatus', () => {
  it('should sum ReplicaSet statuses and set Available from replicas − maxUnavailable', () => {
    const s = calculateDeploymentStatus([rs('old', 1, 1), rs('new', 3, 1)], rs('new', 3, 1), dep(), T0);
    expect(s).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 2 });
    expect(s.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    const ok = calculateDeploymentStatus([rs('new', 3, 3)], rs('new', 3, 3), dep(), T0);
    expect(ok.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
  });
});

describe('nextRolloutStatus', () => {
  it('should report ReplicaSetUpdated progress, then NewReplicaSetAvailable once complete', () => {
    const d = dep({ conditions: [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: 'Created new replica set "kubia-1"', lastUpdateTime: rfc3339(T0), lastTransitionTime: rfc3339(T0) }] });
    const progressing = nextRolloutStatus([rs('old', 1, 1), rs('kubia-1', 3, 2)], rs('kubia-1', 3, 2), d, T0 + 5_000).status;
    const p = progressing.conditions?.find((c) => c.type === 'Progressing');
    expect(p).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: 'ReplicaSet "kubia-1" is progressing.', lastTransitionTime: rfc3339(T0), lastUpdateTime: rfc3339(T0 + 5_000) });
    const done = nextRolloutStatus([rs('old', 0, 0), rs('kubia-1', 3, 3)], rs('kubia-1', 3, 3), { ...d, status: progressing }, T0 + 9_000).status;
    expect(done.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "kubia-1" has successfully progressed.' });
  });

  it('should time out after progressDeadlineSeconds without progress, and requeue for it before', () => {
    const d = dep({ updatedReplicas: 3, availableReplicas: 2, readyReplicas: 2, replicas: 4, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: 'x', lastUpdateTime: rfc3339(T0), lastTransitionTime: rfc3339(T0) }] });
    const all = [rs('old', 1, 1), rs('kubia-1', 3, 1)];
    const early = nextRolloutStatus(all, all[1], d, T0 + 100_000);
    expect(early.requeueAfterMs).toBe(501_000);
    expect(deploymentTimedOut(d, d.status ?? {}, T0 + 600_000)).toBe(false);
    const late = nextRolloutStatus(all, all[1], d, T0 + 600_001).status;
    expect(late.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "kubia-1" has timed out progressing.' });
  });

  it('should carry a ReplicaFailure of the new ReplicaSet over', () => {
    const newRS: ReplicaSet = { ...rs('kubia-1', 3, 0), status: { replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: rfc3339(T0) }] } };
    const s = nextRolloutStatus([newRS], newRS, dep(), T0).status;
    expect(s.conditions?.find((c) => c.type === 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate', message: 'quota', lastUpdateTime: rfc3339(T0) });
  });
});

describe('pausedConditionsStatus', () => {
  it('should set DeploymentPaused and DeploymentResumed as Unknown, and leave a timeout alone', () => {
    const paused = pausedConditionsStatus(dep({}, { paused: true }), T0);
    expect(paused?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    const resumed = pausedConditionsStatus({ ...dep(), status: paused ?? {} }, T0);
    expect(resumed?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' });
    const timedOut = dep({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }, { paused: true });
    expect(pausedConditionsStatus(timedOut, T0)).toBeUndefined();
  });

  it('should keep lastTransitionTime when a condition changes reason but not status', () => {
    const status = { conditions: [{ type: 'Available', status: 'True', reason: 'A', lastTransitionTime: 'then', lastUpdateTime: 'then' }] };
    setDeploymentCondition(status, { type: 'Available', status: 'True', reason: 'B', lastTransitionTime: 'now', lastUpdateTime: 'now' });
    expect(status.conditions).toEqual([{ type: 'Available', status: 'True', reason: 'B', lastTransitionTime: 'then', lastUpdateTime: 'now' }]);
  });
});
