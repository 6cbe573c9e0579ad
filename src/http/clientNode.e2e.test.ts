import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubeConfig, makeInformer } from '@kubernetes/client-node';
import type { Informer, ObjectCache, V1ConfigMap } from '@kubernetes/client-node';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { startApiServer } from './startApiServer.ts';
import type { RunningApiServer } from './startApiServer.ts';

let cluster: Cluster;
let server: RunningApiServer;
let api: CoreV1Api;
let informer: Informer<V1ConfigMap> & ObjectCache<V1ConfigMap>;
const events: string[] = [];
const errors: unknown[] = [];

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; informer events: ${events.join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function cached(): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const cm of informer.list('default')) out[cm.metadata?.name ?? ''] = cm.data?.['v'];
  return out;
}

function stored(): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const cm of cluster.api.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { namespace: 'default' }).items) out[cm.metadata.name] = (cm as { data?: Record<string, string> }).data?.['v'];
  return out;
}

beforeAll(async () => {
  cluster = createCluster({ clock: 'real', startTime: Date.now(), seed: 11 });
  server = await startApiServer(cluster, { port: 0 });
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfigYaml({ server: server.url, token: server.token, certificateAuthority: server.certificateAuthority, namespace: 'default' }));
  api = kc.makeApiClient(CoreV1Api);
  informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => api.listNamespacedConfigMap({ namespace: 'default' }));
  for (const verb of ['add', 'update', 'delete'] as const) informer.on(verb, (o) => events.push(`${verb}:${o.metadata?.name ?? ''}`));
  informer.on('error', (e) => errors.push(e));
  await informer.start();
});

afterAll(async () => {
  await informer.stop();
  await server.close();
  await cluster.stop();
});

describe('@kubernetes/client-node against kubeactors serve', () => {
  it('should create, read, update and delete through the generated client', async () => {
    const created = await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'c1' }, data: { v: '1' } } });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    const read = await api.readNamespacedConfigMap({ name: 'c1', namespace: 'default' });
    expect(read.data).toEqual({ v: '1' });
    const replaced = await api.replaceNamespacedConfigMap({ name: 'c1', namespace: 'default', body: { ...read, data: { v: '2' } } });
    expect(replaced.data).toEqual({ v: '2' });
    await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'c2' }, data: { v: 'x' } } });
    await api.deleteNamespacedConfigMap({ name: 'c2', namespace: 'default' });
    await expect(api.readNamespacedConfigMap({ name: 'c2', namespace: 'default' })).rejects.toMatchObject({ code: 404 });
  });

  it('should keep its ListWatch cache equal to the server through creates, updates and deletes', async () => {
    await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'c3' }, data: { v: '3' } } });
    await api.replaceNamespacedConfigMap({ name: 'c3', namespace: 'default', body: { metadata: { name: 'c3' }, data: { v: '33' } } });
    await api.deleteNamespacedConfigMap({ name: 'c1', namespace: 'default' });
    await until('the cache matches the store', () => JSON.stringify(cached()) === JSON.stringify(stored()));
    expect(cached()).toEqual(stored());
    expect([cached()['c3'], 'c1' in cached()]).toEqual(['33', false]);
    expect(events).toEqual(expect.arrayContaining(['add:c1', 'update:c1', 'add:c3', 'update:c3', 'delete:c1']));
  });

  it('should relist after a forced 410 and catch up with changes made meanwhile', async () => {
    const before = events.length;
    // The watch ends with 410 Gone; the writes that follow happen before the client can relist.
    expect(cluster.api.expireWatches({ apiVersion: 'v1', kind: 'ConfigMap' })).toBeGreaterThanOrEqual(1);
    cluster.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'during', namespace: 'default' }, data: { v: 'd' } });
    cluster.api.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'c3', { namespace: 'default' });
    await until('the cache matches the store after the relist', () => JSON.stringify(cached()) === JSON.stringify(stored()));
    expect(events.slice(before)).toEqual(expect.arrayContaining(['add:during', 'delete:c3']));
    await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after' }, data: { v: 'a' } } });
    await until('the new watch delivers', () => cached()['after'] === 'a');
    expect(errors).toEqual([]);
  });
});
