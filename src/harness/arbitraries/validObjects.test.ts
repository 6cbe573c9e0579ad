import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../api/meta.ts';
import type { Cluster } from '../../runtime/cluster/clusterTypes.ts';
import { configMap } from './configMap.ts';
import { deployment } from './deployment.ts';
import { node } from './node.ts';
import { pod } from './pod.ts';
import { replicaSet } from './replicaSet.ts';
import { service } from './service.ts';
import { remove, TEST_NAMESPACE, tryCreate, withTestCluster } from './testCluster.ts';

const RUNS = 60;
const namespace = TEST_NAMESPACE;

// The API server stores what it was given plus defaults: every generated field is there unchanged.
// Pods are the exception the admission chain makes: it appends the not-ready/unreachable tolerations.
function expectKept(stored: KubeObject, generated: KubeObject): void {
  if (generated.kind === 'Pod') {
    const { tolerations, ...spec } = (generated as Pod).spec ?? { containers: [] };
    expect(stored).toMatchObject({ ...generated, spec });
    expect((stored as Pod).spec?.tolerations?.slice(0, tolerations?.length ?? 0)).toEqual(tolerations ?? []);
    return;
  }
  expect(stored).toMatchObject(generated);
}

async function acceptsAll<T extends KubeObject>(arb: fc.Arbitrary<T>, check?: (stored: T, generated: T) => void): Promise<void> {
  await withTestCluster(async (cluster: Cluster) => {
    await fc.assert(
      fc.asyncProperty(arb, async (obj) => {
        const outcome = await tryCreate(cluster, obj);
        if ('error' in outcome) throw new Error(`refused: ${outcome.error.message}`);
        expectKept(outcome.stored, obj);
        check?.(outcome.stored, obj);
        await remove(cluster, outcome.stored);
      }),
      { numRuns: RUNS },
    );
  });
}

describe('valid arbitraries', () => {
  it('should make Pods the API server accepts and stores unchanged but for defaults', async () => {
    await acceptsAll(pod({ namespace }));
  });

  it('should honour the pod spec options', async () => {
    await acceptsAll(pod({ namespace, containers: 3, resources: true, restartPolicy: ['Never', 'OnFailure'] }), (stored) => {
      expect(stored.spec?.containers).toHaveLength(3);
      expect(stored.spec?.containers.every((c) => c.resources !== undefined)).toBe(true);
      expect(['Never', 'OnFailure']).toContain(stored.spec?.restartPolicy);
    });
    await acceptsAll(pod({ namespace, containers: { min: 1, max: 1 }, resources: false }), (stored) => {
      expect(stored.spec?.containers).toHaveLength(1);
      expect(stored.spec?.containers[0]?.resources).toBeUndefined();
    });
  });

  it('should make Deployments the API server accepts', async () => {
    await acceptsAll(deployment({ namespace }));
    await acceptsAll(deployment({ namespace, strategy: 'Recreate', replicas: { min: 2, max: 4 } }), (stored) => {
      expect(stored.spec?.strategy?.type).toBe('Recreate');
      expect(stored.spec?.replicas).toBeGreaterThanOrEqual(2);
    });
  });

  it('should make ReplicaSets the API server accepts', async () => {
    await acceptsAll(replicaSet({ namespace }));
  });

  it('should make Services the API server accepts', async () => {
    await acceptsAll(service({ namespace }));
    await acceptsAll(service({ namespace, type: 'NodePort', selector: { app: 'web' } }), (stored) => {
      expect(stored.spec?.ports?.every((p) => typeof p.nodePort === 'number')).toBe(true);
      expect(stored.spec?.selector).toEqual({ app: 'web' });
    });
  });

  it('should make ConfigMaps the API server accepts', async () => {
    await acceptsAll(configMap({ namespace }));
  });

  it('should make Nodes the API server accepts', async () => {
    await acceptsAll(node());
    await acceptsAll(node({ taints: true }), (stored) => expect(stored.spec?.taints?.length).toBeGreaterThan(0));
  });
});
