import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { createCluster } from './createCluster.ts';

describe('a node that stops', () => {
  it('should go Unknown after 50 s, have its pods evicted at +300 s, and see them replaced on another node', async () => {
    const c = createCluster({ nodes: 2, seed: 4 });
    await c.apply(`
apiVersion: v1
kind: ReplicationController
metadata: { name: kubia }
spec:
  replicas: 4
  selector: { app: kubia }
  template:
    metadata: { labels: { app: kubia } }
    spec:
      containers: [{ name: kubia, image: luksa/kubia }]
`);
    await c.settle({ quietMs: 10_000 });
    const pods = async (): Promise<Pod[]> => [...(await c.client.list('Pod', { namespace: 'default' })).items];
    const onNode1 = (await pods()).filter((p) => p.spec?.nodeName === 'node-1').map((p) => p.metadata?.name);
    expect(onNode1.length).toBeGreaterThan(0);
    c.nodes.stop('node-1');
    const stoppedAt = c.clock.now();
    await c.waitFor(async () => (await c.client.get('Node', 'node-1')).status?.conditions?.find((x) => x.type === 'Ready')?.status === 'Unknown');
    const unknownAfter = c.clock.now() - stoppedAt;
    expect(unknownAfter).toBeGreaterThanOrEqual(40_000);
    expect(unknownAfter).toBeLessThanOrEqual(61_000);
    const node = await c.client.get('Node', 'node-1');
    expect(node.spec?.taints?.map((t) => `${t.key}:${t.effect}`).sort()).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    const lost = (await pods()).filter((p) => onNode1.includes(p.metadata?.name));
    expect(lost.every((p) => p.status?.conditions?.find((x) => x.type === 'Ready')?.status === 'False')).toBe(true);
    expect(lost.every((p) => p.metadata?.deletionTimestamp === undefined)).toBe(true);
    // DefaultTolerationSeconds gives every pod 300 s on an unreachable node.
    await c.waitFor(async () => (await pods()).filter((p) => onNode1.includes(p.metadata?.name)).every((p) => p.metadata?.deletionTimestamp !== undefined));
    const evictedAfter = c.clock.now() - stoppedAt - unknownAfter;
    expect(evictedAfter).toBeGreaterThanOrEqual(299_000);
    expect(evictedAfter).toBeLessThanOrEqual(301_000);
    await c.settle({ quietMs: 10_000 });
    const live = (await pods()).filter((p) => p.metadata?.deletionTimestamp === undefined);
    expect(live).toHaveLength(4);
    expect(live.every((p) => p.spec?.nodeName === 'node-2' && p.status?.phase === 'Running')).toBe(true);
    // The old pods stay Terminating until their kubelet comes back and confirms.
    c.nodes.start('node-1');
    await c.settle({ quietMs: 10_000 });
    expect((await pods()).filter((p) => onNode1.includes(p.metadata?.name))).toEqual([]);
    await c.stop();
  });
});
