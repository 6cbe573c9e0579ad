import { describe, expect, it } from 'vitest';
import { createCluster } from './createCluster.ts';

describe('image profiles', () => {
  // Readiness follows the probe (a container without one is ready once running), and the probe follows the profile.
  it('should give every pod of an image the profile: readiness delay, HTTP answer, logs', async () => {
    const c = createCluster({
      nodes: 1,
      imageProfiles: { 'luksa/kubia': { readiness: { delaySeconds: 20 }, http: { status: 200, body: "You've hit {{hostname}}\n" }, logs: [{ afterSeconds: 0, line: 'Kubia server starting...' }] } },
    });
    await c.client.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kubia-manual', labels: { app: 'kubia' } }, spec: { containers: [{ name: 'kubia', image: 'luksa/kubia', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 8080 } } }] } });
    const t0 = c.clock.now();
    await c.waitFor({ type: 'Pod', name: 'kubia-manual', namespace: 'default', condition: 'Ready' });
    expect(c.clock.now() - t0).toBeGreaterThanOrEqual(20_000);
    expect(c.logs('kubia-manual')).toContain('Kubia server starting...');
    const pod = await c.client.get('Pod', 'kubia-manual', { namespace: 'default' });
    // Pod IPs are reachable inside the cluster (here from the node), not from outside.
    expect(c.network.request({ from: 'external', to: `${pod.status?.podIP ?? ''}:8080` })).toMatchObject({ ok: false });
    const answer = c.network.request({ from: { node: 'node-1' }, to: `${pod.status?.podIP ?? ''}:8080` });
    expect(answer).toMatchObject({ ok: true, status: 200, body: "You've hit kubia-manual\n" });
    await c.stop();
  });
});
