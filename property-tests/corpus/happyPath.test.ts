import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/api/meta.ts';
import { controllerOf } from '../../src/api/meta.ts';
import { isNotFound } from '../../src/api/status.ts';
import type { ClusterView, ControllerCase, Invariant } from '../../src/harness/harnessTypes.ts';
import { createCluster } from '../../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../../src/runtime/cluster/clusterTypes.ts';
import { corpusCases } from './index.ts';
import type { Pool, PoolSpec, StoredPool } from './poolResource.ts';
import { isTerminating, POOL_GROUP, POOL_TYPE, poolManifest, poolResource } from './poolResource.ts';

const NS = 'default';

function viewOf(cluster: Cluster): ClusterView {
  const list = (type: Parameters<ClusterView['list']>[0], namespace?: string): KubeObject[] =>
    [...cluster.api.list(cluster.client.resource(type), namespace !== undefined ? { namespace } : {}).items];
  return {
    list,
    get(type, namespace, name) {
      try {
        return cluster.api.get(cluster.client.resource(type), name, namespace);
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
    ownedBy: (owner, type) => list(type, owner.metadata?.namespace).filter((o) => controllerOf(o)?.uid === owner.metadata?.uid),
    isA: (obj, type) => {
      const info = cluster.client.resource(type);
      const apiVersion = obj.apiVersion ?? '';
      return obj.kind === info.kind && (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '') === info.group;
    },
    now: () => cluster.clock.now(),
  };
}

/** Runs a case's controller through the user operations the harness generates, with no fault, checking `matches` and the invariants after each. */
async function happyPath(subject: ControllerCase): Promise<void> {
  const { options } = subject;
  const cluster = createCluster({
    seed: 3,
    resources: [poolResource],
    controllers: [subject.controller],
    builtinControllers: options.cluster?.builtinControllers ?? ['garbage-collector', 'namespace'],
  });
  const view = viewOf(cluster);
  const invariants: Invariant[] = (options.invariants ?? []).map((make) => make());
  const violations: string[] = [];
  const unsubscribe = cluster.api.store.subscribe((change) => {
    for (const inv of invariants) {
      const v = inv.onChange?.(change, view);
      if (v !== undefined) violations.push(`${inv.name}: ${v}`);
    }
  });
  const pools = (): StoredPool[] => view.list(POOL_TYPE, NS) as StoredPool[];
  const converged = async (step: string): Promise<void> => {
    // Settle, then let timers a controller set (readiness delays, retries of blocked names) fire, and settle again.
    await cluster.settle({ quietMs: 3_000, timeoutMs: 120_000 });
    await cluster.advance(15_000);
    const settled = await cluster.settle({ quietMs: 3_000, timeoutMs: 120_000 });
    expect(settled.pending, `${step}: still busy`).toEqual([]);
    for (const pool of pools()) {
      expect(isTerminating(pool), `${step}: pool ${pool.metadata.name} is stuck being deleted`).toBe(false);
      expect(options.matches(pool, view), `${step}: pool ${pool.metadata.name}`).toBe(true);
    }
    for (const inv of invariants) {
      const v = inv.check?.(view);
      if (v !== undefined) violations.push(`${inv.name}: ${v}`);
    }
    expect(violations, step).toEqual([]);
  };
  const edit = async (name: string, recipe: (spec: PoolSpec) => void): Promise<void> => {
    await cluster.client.mutate<typeof POOL_TYPE, Pool>(POOL_TYPE, name, (d) => recipe(d.spec), { namespace: NS });
  };
  const nothingLeftOf = (name: string): void => {
    const left = view
      .list('ConfigMap', NS)
      .filter((c) => Object.entries(c.metadata?.labels ?? {}).some(([k, v]) => v === name && (k === 'pool' || k.startsWith(`${POOL_GROUP}/`))))
      .map((c) => c.metadata?.name);
    expect(left, `objects left behind by deleted pool ${name}`).toEqual([]);
  };

  await cluster.client.create(poolManifest('a', { replicas: 2 }));
  await cluster.client.create(poolManifest('b', { replicas: 1, image: 'app:v2' }));
  await converged('create');
  expect(view.list('ConfigMap', NS).filter((c) => c.metadata?.labels?.['pool'] === 'a')).toHaveLength(2);

  await edit('a', (s) => void (s.replicas = 4));
  await converged('scale a up');
  await cluster.client.updateScale(POOL_TYPE, 'a', 1, { namespace: NS });
  await converged('scale a down through the scale subresource');
  await edit('a', (s) => void (s.image = 'app:v2'));
  await converged('update image of a');
  await edit('b', (s) => void (s.replicas = 0));
  await converged('scale b to zero');
  await edit('b', (s) => {
    s.replicas = 3;
    s.image = 'app:v3';
  });
  await converged('scale b up with a new image');

  await cluster.client.delete(POOL_TYPE, 'a', { namespace: NS });
  await converged('delete a');
  expect(view.get(POOL_TYPE, NS, 'a')).toBeUndefined();
  nothingLeftOf('a');
  await cluster.client.create(poolManifest('a', { replicas: 3, image: 'app:v3' }));
  await converged('recreate a');

  for (const name of ['a', 'b']) await cluster.client.delete(POOL_TYPE, name, { namespace: NS });
  await converged('delete all');
  expect(pools()).toEqual([]);
  nothingLeftOf('a');
  nothingLeftOf('b');
  unsubscribe();
  await cluster.stop();
}

describe('bug corpus', () => {
  it('should hold at least 12 cases with distinct names and controllers', () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(corpusCases.map((c) => c.name)).size).toBe(corpusCases.length);
    const controllers = corpusCases.flatMap((c) => [c.buggy.controller.name, c.correct.controller.name]);
    expect(new Set(controllers).size).toBe(controllers.length);
    for (const c of corpusCases) {
      expect(c.buggy.options, c.name).toBe(c.correct.options);
      expect(c.buggy.options.faults?.length ?? 0, c.name).toBeGreaterThan(0);
      expect(c.buggy.options.scalePath, c.name).toBe('replicas');
    }
  });

  for (const c of corpusCases) {
    it(`should converge without faults: ${c.name} (buggy)`, () => happyPath(c.buggy));
    it(`should converge without faults: ${c.name} (correct twin)`, () => happyPath(c.correct));
  }
});
