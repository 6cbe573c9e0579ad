import { describe, expect, it } from 'vitest';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { isAlreadyExists } from '../../api/status.ts';
import { createCluster } from '../cluster/createCluster.ts';
import { defineController } from './defineController.ts';

// A controller that makes two objects per ConfigMap `src-*`, with an await between the two writes.
const twoWrites = defineController({
  name: 'two-writes',
  for: 'ConfigMap',
  async reconcile(req, ctx) {
    if (!/^src-[a-z]$/.test(req.name)) return {};
    const lister = ctx.lister<ConfigMap>('ConfigMap');
    for (const suffix of ['first', 'second']) {
      const name = `${req.name}-${suffix}`;
      if (lister.get(req.namespace, name) !== undefined) continue;
      try {
        await ctx.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: req.namespace ?? 'default' } });
      } catch (e) {
        if (!isAlreadyExists(e)) throw e;
      }
    }
    return {};
  },
});

describe('controller crash between two writes', () => {
  it('should converge after being killed right after its first write, with no duplicate work lost', async () => {
    const cluster = createCluster({ controllers: [twoWrites], builtinControllers: false });
    let crashes = 0;
    // Kill the controller the moment its first write lands: the second write of that reconcile never happens.
    cluster.api.store.subscribe((e) => {
      if (e.type === 'ADDED' && e.key.endsWith('-first') && crashes < 3) {
        crashes++;
        cluster.controllers.restart('two-writes');
      }
    });
    for (const n of ['src-a', 'src-b', 'src-c']) await cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n } });
    await cluster.settle({ quietMs: 5_000 });
    expect(crashes).toBe(3);
    const names = (await cluster.client.list('ConfigMap', { namespace: 'default' })).items.map((c) => c.metadata.name).filter((n) => n.startsWith('src-')).sort();
    expect(names).toEqual(['src-a', 'src-a-first', 'src-a-second', 'src-b', 'src-b-first', 'src-b-second', 'src-c', 'src-c-first', 'src-c-second']);
    const snap = cluster.root.system.get('controller/two-writes') as { getSnapshot(): { value: unknown } };
    expect(snap.getSnapshot().value).toEqual({ running: 'idle' });
    await cluster.stop();
  });
});

describe('two controller managers', () => {
  it('should run controllers only in the Lease holder, and fail over when it stops', async () => {
    const cluster = createCluster({ controllerManagers: 2, builtinControllers: false, controllers: [twoWrites] });
    await cluster.settle({ quietMs: 5_000 });
    const state = (id: string): unknown => (cluster.root.system.get(id) as { getSnapshot(): { value: unknown } } | undefined)?.getSnapshot().value;
    const states = [state('kube-controller-manager'), state('kube-controller-manager-2')];
    expect(states.filter((s) => s === 'leading')).toHaveLength(1);
    expect(states.filter((s) => s === 'standby')).toHaveLength(1);
    const leader = states[0] === 'leading' ? 'kube-controller-manager' : 'kube-controller-manager-2';
    const other = leader === 'kube-controller-manager' ? 'kube-controller-manager-2' : 'kube-controller-manager';
    const lease = await cluster.client.get('Lease', 'kube-controller-manager', { namespace: 'kube-system' });
    expect(lease.spec?.holderIdentity?.startsWith(`${leader}_`)).toBe(true);
    cluster.root.send({ type: 'component.stop', id: leader });
    await cluster.advance(20_000);
    expect(state(other)).toBe('leading');
    const after = await cluster.client.get('Lease', 'kube-controller-manager', { namespace: 'kube-system' });
    expect(after.spec?.holderIdentity?.startsWith(`${other}_`)).toBe(true);
    expect(after.spec?.leaseTransitions).toBe(1);
    await cluster.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'src-z' } });
    await cluster.settle({ quietMs: 5_000 });
    await expect(cluster.client.get('ConfigMap', 'src-z-second', { namespace: 'default' })).resolves.toBeDefined();
    await cluster.stop();
  });
});
