import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import { kubiaCluster } from '../testing/kubiaFixtures.ts';

const rc = (name: string, replicas: number, image: string, port: number, env = '') => `apiVersion: v1
kind: ReplicationController
metadata: { name: ${name} }
spec:
  replicas: ${replicas}
  selector: { name: ${name} }
  template:
    metadata: { labels: { name: ${name} } }
    spec:
      containers:
      - name: ${name}
        image: ${image}
        ports: [{ containerPort: ${port} }]${env}
`;
const svc = (name: string, port: number, extra = '') => `apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec: { selector: { name: ${name} }, ports: [{ port: ${port}${extra} }] }
`;
const ENV = `
        env: [{ name: GET_HOSTS_FROM, value: env }]`;

describe('GuestBook service links', () => {
  it('should give REDIS_MASTER_* variables only to pods created after the redis-master Service', async () => {
    const { cluster } = await kubiaCluster();
    await cluster.apply(rc('redis-master', 1, 'kubeguide/redis-master', 6379));
    // The frontend comes before the redis-master Service: its pods lack the variables.
    await cluster.apply(rc('frontend', 3, 'kubeguide/guestbook-php-frontend', 80, ENV));
    await cluster.settle({ quietMs: 5_000 });
    await cluster.apply(svc('redis-master', 6379));
    await cluster.apply(rc('redis-slave', 2, 'kubeguide/guestbook-redis-slave', 6379, ENV));
    await cluster.apply(svc('redis-slave', 6379));
    await cluster.apply(svc('frontend', 80, ', nodePort: 30001').replace('spec: {', 'spec: { type: NodePort,'));
    await cluster.settle({ quietMs: 5_000 });
    const master = await cluster.client.get<'Service', Service>('Service', 'redis-master', { namespace: 'default' });
    const pods = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default' })).items;
    const envOf = (p: Pod) => cluster.network.environment(p, p.spec?.containers[0]?.name ?? '');
    for (const p of pods.filter((x) => x.metadata?.labels?.['name'] === 'redis-slave')) {
      expect(envOf(p)).toMatchObject({ GET_HOSTS_FROM: 'env', REDIS_MASTER_SERVICE_HOST: master.spec?.clusterIP, REDIS_MASTER_SERVICE_PORT: '6379', KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' });
    }
    const frontends = pods.filter((x) => x.metadata?.labels?.['name'] === 'frontend');
    expect(frontends).toHaveLength(3);
    for (const p of frontends) {
      expect(envOf(p)['REDIS_MASTER_SERVICE_HOST']).toBeUndefined();
      expect(envOf(p)['KUBERNETES_SERVICE_HOST']).toBe('10.96.0.1');
    }
    // Recreating the frontend pods fixes it.
    await cluster.client.deleteCollection('Pod', { namespace: 'default', labelSelector: 'name=frontend' });
    await cluster.settle({ quietMs: 5_000 });
    const fresh = (await cluster.client.list<'Pod', Pod>('Pod', { namespace: 'default', labelSelector: 'name=frontend' })).items;
    expect(fresh.length).toBeGreaterThan(0);
    for (const p of fresh) expect(envOf(p)['REDIS_MASTER_SERVICE_HOST']).toBe(master.spec?.clusterIP);
    // Endpoints with 1, 2 and 3 addresses; the frontend on every node's port 30001.
    for (const [name, n] of [['redis-master', 1], ['redis-slave', 2], ['frontend', 3]] as const) {
      const ep = await cluster.client.get('Endpoints', name, { namespace: 'default' });
      expect((ep as { subsets?: { addresses?: unknown[] }[] }).subsets?.[0]?.addresses).toHaveLength(n);
    }
    expect(cluster.network.request({ from: 'external', to: '192.168.49.3:30001' })).toMatchObject({ ok: true, status: 200 });
    await cluster.stop();
  });
});
