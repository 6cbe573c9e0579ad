import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { forbidden } from '../src/api/status.ts';
import type { AdmissionPlugin } from '../src/apiserver/admission.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import { replicaSetController } from '../src/runtime/controllers/replicaSetController.ts';
import { startFakeKubelet } from '../src/testing/fakeKubelet.ts';
import { createMachineCoverage } from './machineCoverage.ts';
import { replicaSetMachine } from './replicaSetMachine.ts';

const coverage = createMachineCoverage(replicaSetMachine);

const outcome = (desired: number, active: number, failure?: 'FailedCreate' | 'FailedDelete') => ({ type: 'replicas.reconciled' as const, desired, active, ready: active, available: active, failure, message: failure ? 'refused' : undefined });

describe('replicaSetMachine', () => {
  it('should follow the reconcile outcomes: scalingUp, steady, scalingDown, failedToCreate', () => {
    const a = createActor(replicaSetMachine, { input: { key: 'default/kubia' }, inspect: coverage.observe }).start();
    expect(a.getSnapshot().value).toBe('steady');
    a.send(outcome(3, 0));
    expect(a.getSnapshot().value).toBe('scalingUp');
    a.send(outcome(3, 3));
    expect(a.getSnapshot().value).toBe('steady');
    a.send(outcome(1, 3));
    expect(a.getSnapshot().value).toBe('scalingDown');
    a.send(outcome(5, 1, 'FailedCreate'));
    expect(a.getSnapshot().value).toBe('failedToCreate');
    expect(a.getSnapshot().context).toMatchObject({ desired: 5, active: 1, lastError: 'refused' });
    a.send(outcome(5, 5));
    expect(a.getSnapshot().value).toBe('steady');
    expect(a.getSnapshot().context.lastError).toBeUndefined();
  });

  it('should treat a failed delete as scaling down, not as a create failure', () => {
    const a = createActor(replicaSetMachine, { input: { key: 'k' }, inspect: coverage.observe }).start();
    a.send(outcome(1, 3, 'FailedDelete'));
    expect(a.getSnapshot().value).toBe('scalingDown');
  });

  it('should be the visible state of a ReplicaSet in a cluster: failedToCreate under a quota, then steady', async () => {
    let limit = 2;
    const quota: AdmissionPlugin = {
      name: 'TestQuota',
      validate(req) {
        if (req.operation !== 'CREATE' || req.resource.kind !== 'Pod') return;
        const used = cluster.api.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'default' }).items.length;
        if (used >= limit) throw forbidden('pods', req.name, `exceeded quota: pods, requested: pods=1, used: pods=${used}, limited: pods=${limit}`);
      },
    };
    const rs = replicaSetController({ lifecycle: replicaSetMachine });
    const cluster = createCluster({ scheduler: { disabled: true }, seed: 3, builtinControllers: false, controllers: [rs], admission: [quota] });
    await startFakeKubelet(cluster, { readyAfterMs: 1_000 });
    const manifest: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'kubia', namespace: 'default' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'kubia' } }, template: { metadata: { labels: { app: 'kubia' } }, spec: { containers: [{ name: 'c', image: 'luksa/kubia' }] } } },
    };
    await cluster.client.create(manifest);
    await cluster.advance(1);
    expect(rs.lifecycle('default/kubia')?.value).toBe('failedToCreate');
    expect(rs.lifecycle('default/kubia')?.context.lastError).toMatch(/exceeded quota/);
    limit = 10;
    await cluster.settle({ quietMs: 30_000 });
    expect(rs.lifecycle('default/kubia')?.value).toBe('steady');
    expect(rs.lifecycle('default/kubia')?.context).toMatchObject({ desired: 4, active: 4, ready: 4, available: 4 });
    await cluster.client.mutate('ReplicaSet', 'kubia', (d: ReplicaSet) => void ((d.spec as { replicas?: number }).replicas = 1), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(rs.lifecycle('default/kubia')?.context).toMatchObject({ desired: 1, active: 1 });
    expect(rs.lifecycle('default/kubia')?.value).toBe('steady');
    await cluster.client.delete('ReplicaSet', 'kubia', { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect(rs.lifecycle('default/kubia')).toBeUndefined();
    await cluster.stop();
  });

  it('should reach every state and transition of the machine', () => {
    const r = coverage.report();
    expect(r.states.missing).toEqual([]);
    expect(r.transitions.missing).toEqual([]);
  });
});
