import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import { createCluster } from '../../runtime/cluster/createCluster.ts';
import type { Cluster } from '../../runtime/cluster/clusterTypes.ts';
import { createClusterView } from '../clusterView.ts';
import type { InvariantFactory } from '../harnessTypes.ts';
import { atMostOneControllerOwner } from './atMostOneControllerOwner.ts';
import { noOvercommittedNode } from './noOvercommittedNode.ts';
import { onePodPerOrdinal } from './onePodPerOrdinal.ts';
import { ownedCountBound } from './ownedCountBound.ts';
import { phaseNeverGoesBack } from './phaseNeverGoesBack.ts';
import { resourceVersionMonotonic } from './resourceVersionMonotonic.ts';
import { rolloutSurgeBound } from './rolloutSurgeBound.ts';

// Runs invariants over every commit of a bare cluster (no controllers), collecting violations.
function watch(factories: readonly InvariantFactory[]): { cluster: Cluster; violations: string[] } {
  const cluster = createCluster({ builtinControllers: false, scheduler: { disabled: true } });
  const view = createClusterView(cluster);
  const invariants = factories.map((f) => f());
  const violations: string[] = [];
  cluster.api.store.subscribe((change) => {
    for (const inv of invariants) {
      const v = inv.onChange?.(change, view) ?? inv.check?.(view);
      if (v !== undefined) violations.push(`${inv.name}: ${v}`);
    }
  });
  return { cluster, violations };
}

const pod = (name: string, extra: Partial<Pod> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...extra.metadata }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra.spec } });

async function replicaSet(cluster: Cluster, name: string, replicas: number, owner?: KubeObject): Promise<ReplicaSet> {
  return cluster.client.create<ReplicaSet>({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ...(owner !== undefined ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind ?? '', name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '', controller: true }] } : {}) },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  });
}

const ownedBy = (o: KubeObject): NonNullable<NonNullable<Pod['metadata']>['ownerReferences']> => [{ apiVersion: o.apiVersion ?? '', kind: o.kind ?? '', name: o.metadata?.name ?? '', uid: o.metadata?.uid ?? '', controller: true }];

describe('harness invariants', () => {
  it('ownedCountBound should flag the create that goes past the bound, not the ones before', async () => {
    const { cluster, violations } = watch([ownedCountBound({ owner: 'ReplicaSet', owned: 'Pod', max: (rs) => (rs as ReplicaSet).spec?.replicas ?? 1 })]);
    const rs = await replicaSet(cluster, 'web', 2);
    await cluster.client.create(pod('web-1', { metadata: { ownerReferences: ownedBy(rs) } }));
    await cluster.client.create(pod('web-2', { metadata: { ownerReferences: ownedBy(rs) } }));
    expect(violations).toEqual([]);
    await cluster.client.create(pod('web-3', { metadata: { ownerReferences: ownedBy(rs) } }));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain('ReplicaSet web has 3 active Pod objects after web-3 was created, at most 2 allowed');
    await cluster.stop();
  });

  it('atMostOneControllerOwner should flag a controller reference with a uid that does not exist', async () => {
    const { cluster, violations } = watch([atMostOneControllerOwner()]);
    const rs = await replicaSet(cluster, 'web', 1);
    await cluster.client.create(pod('good', { metadata: { ownerReferences: ownedBy(rs) } }));
    expect(violations).toEqual([]);
    await cluster.client.create(pod('stale', { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'old-uid', controller: true }] } }));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain(`uid old-uid, which does not exist (web now has uid ${rs.metadata?.uid ?? ''})`);
    await cluster.stop();
  });

  it('phaseNeverGoesBack should flag Running → Pending and Succeeded → Failed, not Pending → Running', async () => {
    const { cluster, violations } = watch([phaseNeverGoesBack()]);
    const p = await cluster.client.create(pod('p'));
    const running = await cluster.client.updateStatus({ ...p, status: { phase: 'Running' } });
    expect(violations).toEqual([]);
    const back = await cluster.client.updateStatus({ ...running, status: { phase: 'Pending' } });
    expect(violations).toEqual(['status.phase never goes back: Pod default/p: status.phase went back from Running to Pending']);
    const done = await cluster.client.updateStatus({ ...back, status: { phase: 'Succeeded' } });
    await cluster.client.updateStatus({ ...done, status: { phase: 'Failed' } });
    expect(violations[1]).toContain('changed from Succeeded to Failed after finishing');
    await cluster.stop();
  });

  it('onePodPerOrdinal should flag two active pods of one owner with the same ordinal label', async () => {
    const { cluster, violations } = watch([onePodPerOrdinal()]);
    const rs = await replicaSet(cluster, 'db', 2);
    await cluster.client.create(pod('db-0', { metadata: { ownerReferences: ownedBy(rs), labels: { 'apps.kubernetes.io/pod-index': '0' } } }));
    await cluster.client.create(pod('db-1', { metadata: { ownerReferences: ownedBy(rs), labels: { 'apps.kubernetes.io/pod-index': '1' } } }));
    expect(violations).toEqual([]);
    await cluster.client.create(pod('db-0-again', { metadata: { ownerReferences: ownedBy(rs), labels: { 'apps.kubernetes.io/pod-index': '0' } } }));
    expect(violations[0]).toContain('has 2 active pods with ordinal 0: db-0, db-0-again');
    await cluster.stop();
  });

  it('noOvercommittedNode should flag the binding that goes past allocatable cpu', async () => {
    const { cluster, violations } = watch([noOvercommittedNode()]);
    await cluster.client.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } } } as KubeObject);
    const big = (name: string): Pod => pod(name, { spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '600m' } } }] } });
    await cluster.client.create(big('a'));
    await cluster.client.create(big('b'));
    await cluster.client.bind('default', 'a', 'n1');
    expect(violations).toEqual([]);
    await cluster.client.bind('default', 'b', 'n1');
    expect(violations).toEqual(['no overcommitted node: node n1: pods request 1200m cpu, allocatable is 1000m (after binding b)']);
    await cluster.stop();
  });

  it('rolloutSurgeBound should flag ReplicaSets of a Deployment scaled past replicas + maxSurge', async () => {
    const { cluster, violations } = watch([rolloutSurgeBound()]);
    const d = await cluster.client.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KubeObject);
    await replicaSet(cluster, 'web-old', 4, d);
    const fresh = await replicaSet(cluster, 'web-new', 1, d);
    expect(violations).toEqual([]);
    await cluster.client.update({ ...fresh, spec: { ...fresh.spec, replicas: 2 } } as ReplicaSet);
    expect(violations[0]).toContain('its ReplicaSets ask for 6 pods after web-new grew, at most 4 + maxSurge 1 allowed');
    await cluster.stop();
  });

  it('resourceVersionMonotonic should hold over ordinary writes and flag a revision that does not grow', () => {
    const inv = resourceVersionMonotonic()();
    const obj = (rv: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', resourceVersion: rv } });
    expect(inv.onChange?.({ type: 'ADDED', resource: 'configmaps', key: 'default/x', object: obj('5') as never, prev: undefined, revision: 5 }, undefined as never)).toBeUndefined();
    expect(inv.onChange?.({ type: 'MODIFIED', resource: 'configmaps', key: 'default/x', object: obj('7') as never, prev: obj('5') as never, revision: 7 }, undefined as never)).toBeUndefined();
    expect(inv.onChange?.({ type: 'MODIFIED', resource: 'configmaps', key: 'default/x', object: obj('6') as never, prev: obj('7') as never, revision: 6 }, undefined as never)).toBe('revision 6 committed after 7');
  });
});
