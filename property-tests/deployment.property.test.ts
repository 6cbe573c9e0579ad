import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import type { Cluster } from '../src/runtime/cluster/clusterTypes.ts';
import { deploymentController } from '../src/runtime/controllers/deploymentController.ts';
import { replicaSetController } from '../src/runtime/controllers/replicaSetController.ts';
import { startFakeKubelet } from '../src/testing/fakeKubelet.ts';
import { deploymentComplete } from '../src/workloads/deploymentConditions.ts';
import { deploymentMaxSurge, deploymentMaxUnavailable } from '../src/workloads/fenceposts.ts';
import { isPodActive, isPodAvailable, isPodReady } from '../src/workloads/podConditions.ts';
import { rolloutPause, rolloutResume, rolloutUndo, scale, setImage } from '../src/workloads/rollout.ts';
import { fnv32a } from '../src/workloads/templateHash.ts';

type Op =
  | { readonly kind: 'image'; readonly version: number }
  | { readonly kind: 'scale'; readonly replicas: number }
  | { readonly kind: 'undo' }
  | { readonly kind: 'pause' }
  | { readonly kind: 'resume' }
  | { readonly kind: 'kill'; readonly index: number }
  | { readonly kind: 'restart'; readonly controller: 'deployment' | 'replicaset' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('image' as const), version: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undo' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pause' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'resume' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('kill' as const), index: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restart' as const), controller: fc.constantFrom('deployment' as const, 'replicaset' as const) }) },
);

const configArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    replicas: fc.integer({ min: 1, max: 5 }),
    maxSurge: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('25%', '50%', '0%')),
    maxUnavailable: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('25%', '50%', '0%')),
    minReadySeconds: fc.constantFrom(0, 0, 5),
    recreate: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    ops: fc.array(fc.record({ op: opArb, steps: fc.integer({ min: 0, max: 16 }) }), { minLength: 1, maxLength: 6 }),
  })
  .filter((c) => !(String(c.maxSurge).replace('%', '') === '0' && String(c.maxUnavailable).replace('%', '') === '0'));

const manifest = (c: { replicas: number; maxSurge: number | string; maxUnavailable: number | string; minReadySeconds: number; recreate: boolean }): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'kubia', namespace: 'default' },
  spec: {
    replicas: c.replicas,
    minReadySeconds: c.minReadySeconds,
    selector: { matchLabels: { app: 'kubia' } },
    strategy: c.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable } },
    template: { metadata: { labels: { app: 'kubia' } }, spec: { containers: [{ name: 'nodejs', image: 'luksa/kubia:v0' }] } },
  },
});

async function observe(cluster: Cluster): Promise<{ d: Deployment; pods: Pod[]; rss: ReplicaSet[] }> {
  const d = await cluster.client.get<'Deployment', Deployment>('Deployment', 'kubia', { namespace: 'default' });
  const pods = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default' })).items.filter(isPodActive);
  const rss = [...(await cluster.client.list<'ReplicaSet', ReplicaSet>('ReplicaSet', { namespace: 'default' })).items];
  return { d, pods, rss };
}

describe('Deployment rollouts (property)', () => {
  it('should keep RollingUpdate within maxSurge and maxUnavailable and converge to Complete with exactly replicas pods, controller restarts included', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, async (c) => {
        const cluster = createCluster({ scheduler: { disabled: true }, seed: c.seed, builtinControllers: ['namespace', 'garbage-collector'], controllers: [deploymentController(), replicaSetController()] });
        const delays = (p: Pod): number => (fnv32a(new TextEncoder().encode(`${c.seed}/${p.metadata?.name ?? ''}`)) % 6) * 1_000;
        await startFakeKubelet(cluster, { nodes: ['n1', 'n2'], readyAfterMs: delays, terminationMs: (p) => delays(p) / 2 });
        try {
          await cluster.client.create(manifest(c));
          await cluster.waitFor(async () => {
            const { d } = await observe(cluster);
            return deploymentComplete(d, d.status ?? {});
          }, { timeoutMs: 10 * 60_000, description: 'initial rollout' });
          let armed = true;
          const check = async (): Promise<void> => {
            const { d, pods, rss } = await observe(cluster);
            const complete = deploymentComplete(d, d.status ?? {}) && (d.status?.conditions ?? []).some((x) => x.reason === 'NewReplicaSetAvailable');
            if (!armed) {
              armed = complete;
              return;
            }
            // The bounds are RollingUpdate's; Recreate runs only have to converge.
            if (c.recreate) return;
            const replicas = d.spec?.replicas ?? 1;
            const now = cluster.clock.now();
            // With minReadySeconds > 0 upstream's scale-down ranking cannot tell a ready pod from an
            // available one (its TODO for kubernetes#22065), so cleaning up a ready-but-not-yet-available
            // replica may delete an available one instead: the bound then holds for ready pods.
            const healthy = pods.filter((p) => (c.minReadySeconds === 0 ? isPodAvailable(p, 0, now) : isPodReady(p))).length;
            const ctx = `pods=${pods.length} healthy=${healthy} replicas=${replicas} surge=${deploymentMaxSurge(d)} unavailable=${deploymentMaxUnavailable(d)}`;
            expect(pods.length, ctx).toBeLessThanOrEqual(replicas + deploymentMaxSurge(d));
            expect(healthy, ctx).toBeGreaterThanOrEqual(replicas - deploymentMaxUnavailable(d));
            expect(rss.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0), ctx).toBeLessThanOrEqual(replicas + deploymentMaxSurge(d));
          };
          for (const { op, steps } of c.ops) {
            switch (op.kind) {
              case 'image':
                await setImage(cluster, 'kubia', { nodejs: `luksa/kubia:v${op.version}` });
                break;
              case 'scale':
                armed = false;
                await scale(cluster, 'Deployment', 'kubia', op.replicas);
                break;
              case 'undo':
                await rolloutUndo(cluster, 'kubia').catch(() => undefined);
                break;
              case 'pause':
                await rolloutPause(cluster, 'kubia').catch(() => undefined);
                break;
              case 'resume':
                await rolloutResume(cluster, 'kubia').catch(() => undefined);
                break;
              case 'kill': {
                const { pods } = await observe(cluster);
                const victim = pods[op.index % Math.max(1, pods.length)];
                if (victim !== undefined) {
                  armed = false;
                  await cluster.client.delete('Pod', victim.metadata?.name ?? '', { namespace: 'default' });
                }
                break;
              }
              case 'restart':
                cluster.controllers.restart(op.controller);
                break;
            }
            for (let i = 0; i < steps; i++) {
              await cluster.advance(500);
              await check();
            }
          }
          await rolloutResume(cluster, 'kubia').catch(() => undefined);
          await cluster.waitFor(async () => {
            const { d } = await observe(cluster);
            return deploymentComplete(d, d.status ?? {}) && (d.status?.conditions ?? []).some((x) => x.reason === 'NewReplicaSetAvailable');
          }, { timeoutMs: 20 * 60_000, description: 'final rollout' });
          await cluster.settle({ quietMs: 15_000 });
          const { d, pods } = await observe(cluster);
          const replicas = d.spec?.replicas ?? 1;
          expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
          expect(pods).toHaveLength(replicas);
          const image = d.spec?.template.spec?.containers[0]?.image;
          expect(pods.every((p) => p.spec?.containers[0]?.image === image)).toBe(true);
          expect(pods.every((p) => isPodAvailable(p, c.minReadySeconds, cluster.clock.now()))).toBe(true);
        } finally {
          await cluster.stop();
        }
      }),
      { numRuns: 25, seed: 4242, endOnFailure: true },
    );
  }, 120_000);
});
