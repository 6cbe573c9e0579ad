import { describe, expect, it } from 'vitest';
import { readManifests } from '../../cli/runCommand.ts';
import { createCluster } from './createCluster.ts';

describe('the seeds GuestBook', () => {
  it('should run 1+2+3 pods behind three Services and answer through NodePort 30001 on every node', async () => {
    // The frontend's HTTP answer comes from the behaviour annotation in examples/guestbook/03-frontend.yaml.
    const c = createCluster({ nodes: 3, seed: 11 });
    await c.apply(readManifests(['examples/guestbook']));
    const result = await c.settle();
    expect(result.settled).toBe(true);
    const pods = (await c.client.list('Pod', { namespace: 'default' })).items;
    expect(pods).toHaveLength(6);
    expect(pods.every((p) => p.status?.phase === 'Running' && p.spec?.nodeName !== undefined)).toBe(true);
    const endpoints = await c.client.list('Endpoints', { namespace: 'default' });
    const count = (name: string): number => endpoints.items.find((e) => e.metadata.name === name)?.subsets?.[0]?.addresses?.length ?? 0;
    expect([count('redis-master'), count('redis-slave'), count('frontend')]).toEqual([1, 2, 3]);
    const nodes = (await c.client.list('Node')).items;
    for (const n of nodes) {
      const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
      const answer = c.network.request({ from: 'external', to: `${ip}:30001` });
      expect(answer.ok).toBe(true);
      if (answer.ok) expect(answer.body).toMatch(/^Guestbook frontend on frontend-[a-z0-9]{5}$/);
    }
    // Pods created after redis-master's Service see its address in their environment.
    const slave = pods.find((p) => p.metadata.name.startsWith('redis-slave'))!;
    const env = c.network.environment(slave, 'slave');
    const svc = await c.client.get('Service', 'redis-master', { namespace: 'default' });
    expect(env['REDIS_MASTER_SERVICE_HOST']).toBe(svc.spec?.clusterIP);
    expect(env['REDIS_MASTER_SERVICE_PORT']).toBe('6379');
    await c.stop();
  });
});
