import { afterEach, describe, expect, it } from 'vitest';
import { createCluster } from '../runtime/cluster/createCluster.ts';
import type { Cluster } from '../runtime/cluster/clusterTypes.ts';
import { startTracedPod } from '../../machines/testing/tracedPod.ts';
import { createTracer } from './createTracer.ts';
import type { InspectorChart } from './inspectorCharts.ts';
import type { ClusterInspection } from './inspectCluster.ts';
import { startInspector } from './startInspector.ts';
import type { Inspector } from './startInspector.ts';
import { parseTrace } from './traceFile.ts';
import type { TraceRecord } from './traceTypes.ts';

let cluster: Cluster | undefined;
let inspector: Inspector | undefined;
afterEach(async () => {
  await inspector?.close();
  await cluster?.stop();
  inspector = undefined;
  cluster = undefined;
});

async function start(): Promise<{ c: Cluster; i: Inspector }> {
  cluster = createCluster({ tracer: createTracer() });
  inspector = await startInspector(cluster);
  return { c: cluster, i: inspector };
}

// Reads Server-Sent Events until `until` holds for a record (or the budget of reads runs out).
async function readStream(url: string, until: (r: TraceRecord) => boolean, during: () => Promise<void>): Promise<TraceRecord[]> {
  const res = await fetch(url);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const records: TraceRecord[] = [];
  let buffer = '';
  const pending = during();
  for (let reads = 0; reads < 1000 && !records.some(until); reads++) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split('\n\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.startsWith('data: ')) records.push(JSON.parse(p.slice(6)) as TraceRecord);
  }
  await pending;
  await reader.cancel();
  return records;
}

describe('startInspector', () => {
  it('should serve the page and its assets from the package, and nothing else', async () => {
    const { i } = await start();
    expect(i.url).toBe(`http://127.0.0.1:${i.port}/`);
    const page = await fetch(i.url);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<script type="module" src="inspector.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['inspector.js', 'chartView.js', 'traceModel.js', 'inspector.css']) expect((await fetch(`${i.url}${asset}`)).status, asset).toBe(200);
    expect((await fetch(`${i.url}..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${i.url}nope.js`)).status).toBe(404);
  });

  it('should give the charts, the live actors and the trace as JSON', async () => {
    const { c, i } = await start();
    const pod = startTracedPod(c);
    await c.settle();
    const charts = (await (await fetch(`${i.url}api/charts`)).json()) as Record<string, InspectorChart>;
    expect(charts['pod']).toMatchObject({ name: 'pod', models: 'Pod', chart: { id: 'pod' } });
    expect(charts['reconciler']?.chart.root.initial).toBe('waitingForCacheSync');
    const state = (await (await fetch(`${i.url}api/state`)).json()) as ClusterInspection & { records: TraceRecord[] };
    expect(state.actors.find((a) => a.name === 'pod:default/web-1')?.machine).toBe('pod');
    expect(state.records.length).toBe(c.tracer!.records().length);
    const jsonl = await (await fetch(`${i.url}api/trace.jsonl`)).text();
    expect(parseTrace(jsonl)).toEqual(c.tracer!.records());
    pod.stop();
  });

  it('should stream transitions and Kubernetes Events as they happen', async () => {
    const { c, i } = await start();
    const pod = startTracedPod(c);
    const records = await readStream(`${i.url}api/stream`, (r) => r.kind === 'k8s-event', async () => {
      await c.advance(60_000);
      await c.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
      c.api.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1', namespace: 'default' }, involvedObject: { kind: 'ConfigMap', name: 'x', namespace: 'default' }, reason: 'Tested', message: 'hello', type: 'Normal' } as never);
    });
    expect(records.some((r) => r.kind === 'transition' && r.actor === 'pod:default/web-1')).toBe(true);
    expect(records.find((r) => r.kind === 'k8s-event')).toMatchObject({ kind: 'k8s-event', reason: 'Tested', message: 'hello', involved: 'ConfigMap default/x', object: 'default/x' });
    pod.stop();
  });

  it('should refuse a cluster without a tracer', async () => {
    cluster = createCluster();
    await expect(startInspector(cluster)).rejects.toThrow('createCluster({ tracer: createTracer() })');
  });
});
