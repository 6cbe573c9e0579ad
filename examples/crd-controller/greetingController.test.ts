import { describe, expect, it } from 'vitest';
import { createCluster, isNotFound } from '../../src/index.ts';
import type { Greeting } from './greetingController.ts';
import { greetingController, greetingResource } from './greetingController.ts';

const GREETING = { apiVersion: 'demo.kubeactors.dev/v1', kind: 'Greeting' } as const;

describe('Greeting controller example', () => {
  it('should create an owned ConfigMap, report Ready, follow spec changes and be collected with its owner', async () => {
    const cluster = createCluster({ resources: [greetingResource], controllers: [greetingController] });
    await cluster.apply(`apiVersion: demo.kubeactors.dev/v1\nkind: Greeting\nmetadata:\n  name: world\nspec:\n  name: World\n`);
    await cluster.settle({ quietMs: 5_000 });
    const cm = await cluster.client.get('ConfigMap', 'greeting-world', { namespace: 'default' });
    expect(cm.data).toEqual({ text: 'Hello, World!' });
    const g = await cluster.client.get<typeof GREETING, Greeting>(GREETING, 'world', { namespace: 'default' });
    expect(g.status).toEqual({ phase: 'Ready', configMap: 'greeting-world', observedGeneration: 1 });
    expect(g.spec.message).toBe('Hello');
    await cluster.client.mutate<typeof GREETING, Greeting>(GREETING, 'world', (d) => void (d.spec.message = 'Bonjour'), { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    expect((await cluster.client.get('ConfigMap', 'greeting-world', { namespace: 'default' })).data).toEqual({ text: 'Bonjour, World!' });
    await cluster.client.delete(GREETING, 'world', { namespace: 'default' });
    await cluster.settle({ quietMs: 5_000 });
    await expect(cluster.client.get('ConfigMap', 'greeting-world', { namespace: 'default' })).rejects.toSatisfy(isNotFound);
    await cluster.stop();
  });

  it('should refuse a Greeting that breaks the schema, naming the field', async () => {
    const cluster = createCluster({ resources: [greetingResource], controllers: [greetingController] });
    await expect(cluster.client.create({ ...GREETING, metadata: { name: 'bad' }, spec: { name: 42 } })).rejects.toThrow('Greeting.demo.kubeactors.dev "bad" is invalid: spec.name: Invalid value: 42: spec.name in body must be of type string: "integer"');
    await cluster.stop();
  });

  it('should converge after the controller is restarted mid-way (its memory lost)', async () => {
    const cluster = createCluster({ resources: [greetingResource], controllers: [greetingController] });
    for (let i = 0; i < 5; i++) await cluster.client.create({ ...GREETING, metadata: { name: `g${i}` }, spec: { name: `N${i}` } });
    cluster.controllers.restart('greeting');
    await cluster.settle({ quietMs: 5_000 });
    const cms = await cluster.client.list('ConfigMap', { namespace: 'default' });
    expect(cms.items.map((c) => c.metadata.name).filter((n) => n.startsWith('greeting-')).sort()).toEqual(['greeting-g0', 'greeting-g1', 'greeting-g2', 'greeting-g3', 'greeting-g4']);
    await cluster.stop();
  });
});
