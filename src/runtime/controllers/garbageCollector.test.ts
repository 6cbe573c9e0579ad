import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { isNotFound } from '../../api/status.ts';
import { createCluster } from '../cluster/createCluster.ts';
import type { Cluster } from '../cluster/clusterTypes.ts';

async function owned(cluster: Cluster, name: string, owners: OwnerReference[], finalizers?: string[]) {
  return cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ownerReferences: owners, ...(finalizers ? { finalizers } : {}) } });
}

async function owner(cluster: Cluster, name: string) {
  const o = await cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: o.metadata.uid, controller: true, blockOwnerDeletion: true };
}

const exists = async (cluster: Cluster, name: string): Promise<boolean> =>
  cluster.client.get('ConfigMap', name, { namespace: 'default' }).then(
    () => true,
    (e: unknown) => {
      if (isNotFound(e)) return false;
      throw e;
    },
  );

describe('garbage collector', () => {
  it('should delete dependents once their owner is deleted in the Background', async () => {
    const cluster = createCluster();
    const ref = await owner(cluster, 'parent');
    await owned(cluster, 'child-1', [ref]);
    await owned(cluster, 'child-2', [ref]);
    await cluster.settle({ quietMs: 2_000 });
    await cluster.client.delete('ConfigMap', 'parent', { namespace: 'default', propagationPolicy: 'Background' });
    expect(await exists(cluster, 'parent')).toBe(false);
    await cluster.settle({ quietMs: 2_000 });
    expect(await exists(cluster, 'child-1')).toBe(false);
    expect(await exists(cluster, 'child-2')).toBe(false);
    await cluster.stop();
  });

  it('should keep the owner in the Foreground until blocking dependents are gone', async () => {
    const cluster = createCluster();
    const ref = await owner(cluster, 'parent');
    await owned(cluster, 'child', [ref], ['example.com/slow']);
    await cluster.settle({ quietMs: 2_000 });
    await cluster.client.delete('ConfigMap', 'parent', { namespace: 'default', propagationPolicy: 'Foreground' });
    await cluster.settle({ quietMs: 2_000 });
    const parent = await cluster.client.get('ConfigMap', 'parent', { namespace: 'default' });
    expect(parent.metadata.finalizers).toEqual(['foregroundDeletion']);
    const child = await cluster.client.get('ConfigMap', 'child', { namespace: 'default' });
    expect(child.metadata.deletionTimestamp).toBeDefined();
    await cluster.client.mutate('ConfigMap', 'child', (d) => void (d.metadata!.finalizers = []), { namespace: 'default' });
    await cluster.settle({ quietMs: 2_000 });
    expect(await exists(cluster, 'child')).toBe(false);
    expect(await exists(cluster, 'parent')).toBe(false);
    await cluster.stop();
  });

  it('should strip owner references and keep dependents when deleting with Orphan', async () => {
    const cluster = createCluster();
    const ref = await owner(cluster, 'parent');
    await owned(cluster, 'child', [ref]);
    await cluster.settle({ quietMs: 2_000 });
    await cluster.client.delete('ConfigMap', 'parent', { namespace: 'default', propagationPolicy: 'Orphan' });
    await cluster.settle({ quietMs: 2_000 });
    expect(await exists(cluster, 'parent')).toBe(false);
    const child = await cluster.client.get('ConfigMap', 'child', { namespace: 'default' });
    expect(child.metadata.ownerReferences).toBeUndefined();
    await cluster.stop();
  });

  it('should collect an object whose owner never existed and keep one with a remaining live owner', async () => {
    const cluster = createCluster();
    const live = await owner(cluster, 'live');
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000' };
    await owned(cluster, 'dangling', [ghost]);
    await owned(cluster, 'half', [ghost, { ...live, controller: false }]);
    await cluster.settle({ quietMs: 2_000 });
    expect(await exists(cluster, 'dangling')).toBe(false);
    const half = await cluster.client.get('ConfigMap', 'half', { namespace: 'default' });
    expect(half.metadata.ownerReferences?.map((r) => r.name)).toEqual(['live']);
    await cluster.stop();
  });

  it('should cascade through several levels', async () => {
    const cluster = createCluster();
    const top = await owner(cluster, 'top');
    const mid = await owned(cluster, 'mid', [top]);
    await owned(cluster, 'leaf', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'mid', uid: mid.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    await cluster.settle({ quietMs: 2_000 });
    await cluster.client.delete('ConfigMap', 'top', { namespace: 'default', propagationPolicy: 'Foreground' });
    await cluster.settle({ quietMs: 5_000 });
    expect(await exists(cluster, 'top')).toBe(false);
    expect(await exists(cluster, 'mid')).toBe(false);
    expect(await exists(cluster, 'leaf')).toBe(false);
    await cluster.stop();
  });
});
