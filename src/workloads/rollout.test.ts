import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { deploymentStatusLine } from './rollout.ts';

const d = (status: NonNullable<Deployment['status']>, generation = 2): Deployment => ({ metadata: { name: 'kubia', generation }, spec: { replicas: 3, selector: {}, template: {} }, status });

describe('deploymentStatusLine', () => {
  it('should print the lines kubectl rollout status prints', () => {
    expect(deploymentStatusLine(d({ observedGeneration: 1 })).message).toBe('Waiting for deployment spec update to be observed...');
    expect(deploymentStatusLine(d({ observedGeneration: 2, replicas: 4, updatedReplicas: 1 })).message).toBe('Waiting for deployment "kubia" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(deploymentStatusLine(d({ observedGeneration: 2, replicas: 4, updatedReplicas: 3 })).message).toBe('Waiting for deployment "kubia" rollout to finish: 1 old replicas are pending termination...');
    expect(deploymentStatusLine(d({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message).toBe('Waiting for deployment "kubia" rollout to finish: 2 of 3 updated replicas are available...');
    expect(deploymentStatusLine(d({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }))).toEqual({ message: 'deployment "kubia" successfully rolled out', done: true });
  });

  it('should fail like kubectl once the progress deadline is exceeded', () => {
    expect(() => deploymentStatusLine(d({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }))).toThrow('deployment "kubia" exceeded its progress deadline');
  });
});
