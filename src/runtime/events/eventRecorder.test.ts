import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/createCluster.ts';
import { createEventRecorder, EVENT_AGGREGATION_WINDOW_MS } from './eventRecorder.ts';

describe('createEventRecorder', () => {
  it('should aggregate repeats into one Event with count, firstTimestamp and lastTimestamp', async () => {
    const cluster = createCluster({ builtinControllers: false });
    const pod = await cluster.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'subject' } });
    const recorder = createEventRecorder(cluster.client, cluster.clock, 'test-controller', 'node-a');
    await recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await cluster.advance(10_000);
    await recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await cluster.advance(20_000);
    await recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.event(pod, 'Normal', 'Pulled', 'Container image pulled');
    await recorder.flush();
    const events = cluster.events();
    expect(events).toHaveLength(2);
    const backoff = events.find((e) => e.reason === 'BackOff')!;
    expect(backoff).toMatchObject({
      type: 'Warning',
      count: 3,
      firstTimestamp: '2025-01-01T00:00:00Z',
      lastTimestamp: '2025-01-01T00:00:30Z',
      message: 'Back-off restarting failed container',
      involvedObject: { kind: 'ConfigMap', name: 'subject', namespace: 'default', uid: pod.metadata.uid },
      source: { component: 'test-controller', host: 'node-a' },
    });
    expect(backoff.metadata?.name).toMatch(/^subject\.[0-9a-f]+$/);
    await cluster.stop();
  });

  it('should start a new Event once the aggregation window has passed', async () => {
    const cluster = createCluster({ builtinControllers: false });
    const obj = await cluster.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 's' } });
    const recorder = createEventRecorder(cluster.client, cluster.clock, 'c');
    await recorder.event(obj, 'Normal', 'Tick', 'tick');
    await cluster.advance(EVENT_AGGREGATION_WINDOW_MS + 1);
    await recorder.event(obj, 'Normal', 'Tick', 'tick');
    expect(cluster.events().map((e) => e.count)).toEqual([1, 1]);
    await cluster.stop();
  });
});
