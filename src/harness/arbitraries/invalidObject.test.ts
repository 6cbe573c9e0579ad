import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidQuantity } from '../../api/quantity.ts';
import type { Cluster } from '../../runtime/cluster/clusterTypes.ts';
import { badQuantity, type InvalidObject } from './breaker.ts';
import { breakPlan, INVALID_KINDS } from './invalidBreakers.ts';
import { broken, invalidObject } from './invalidObject.ts';
import { TEST_NAMESPACE, tryCreate, withTestCluster } from './testCluster.ts';

async function expectRefused(cluster: Cluster, { object, field, problem }: InvalidObject): Promise<void> {
  const outcome = await tryCreate(cluster, object);
  if (!('error' in outcome)) throw new Error(`accepted although broken (${problem}, ${field}): ${JSON.stringify(object)}`);
  const { error } = outcome;
  expect(error.code, `${problem}: ${error.message}`).toBe(422);
  expect(error.status.details?.kind).toBe(object.kind);
  const fields = (error.status.details?.causes ?? []).map((c) => c.field);
  expect(fields, `${problem}: ${error.message}`).toContain(field);
}

describe('invalidObject', () => {
  for (const kind of INVALID_KINDS) {
    it(`should break ${kind}s in every way it knows, each refused with 422 naming the field`, async () => {
      const plan = breakPlan(kind, TEST_NAMESPACE);
      await withTestCluster(async (cluster) => {
        for (const breaker of plan.breakers) {
          await fc.assert(
            fc.asyncProperty(broken(plan, [breaker]), async (bad) => {
              await expectRefused(cluster, bad);
            }),
            { numRuns: 12 },
          );
        }
      });
    });
  }

  it('should mix kinds and ways of breaking them', async () => {
    await withTestCluster(async (cluster) => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(invalidObject(undefined, { namespace: TEST_NAMESPACE }), async (bad) => {
          seen.add(bad.object.kind ?? '');
          await expectRefused(cluster, bad);
        }),
        { numRuns: 100 },
      );
      expect(seen.size).toBeGreaterThan(1);
    });
    await withTestCluster(async (cluster) => {
      await fc.assert(
        fc.asyncProperty(invalidObject(['Service', 'Node'], { namespace: TEST_NAMESPACE }), async (bad) => {
          expect(['Service', 'Node']).toContain(bad.object.kind);
          await expectRefused(cluster, bad);
        }),
        { numRuns: 50 },
      );
    });
  });

  it('should only use quantity strings the parser refuses', () => {
    for (const q of fc.sample(badQuantity, { numRuns: 100, seed: 1 })) expect(isValidQuantity(q), q).toBe(false);
  });
});
