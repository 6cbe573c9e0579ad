// npm run bench: measures the engine on this machine. Figures are medians of several runs; compare ratios within one run.
import { performance } from 'node:perf_hooks';
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../src/apiserver/builtinStrategy.ts';
import { createClient } from '../src/client/client.ts';
import { createSharedInformer } from '../src/client/sharedInformer.ts';
import { createCluster } from '../src/runtime/cluster/createCluster.ts';
import { defineController } from '../src/runtime/controller/defineController.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';
import { MemoryStore } from '../src/store/memoryStore.ts';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function measure(name: string, unit: string, once: () => Promise<number> | number): Promise<Figure> {
  const values: number[] = [];
  for (let i = 0; i < RUNS; i++) values.push(await once());
  return { name, value: median(values), unit };
}

function api(strategy = false) {
  const clock = new VirtualClock();
  return new ApiServer({ clock, ids: createIdSource(createRng(1)), store: new MemoryStore({ now: () => clock.now() }), ...(strategy ? { strategy: createBuiltinStrategy() } : {}) });
}

const pod = (i: number) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: `a${i % 10}` } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });

const figures: Figure[] = [];

figures.push(
  await measure('API server creates (ConfigMap, no validation)', 'objects/s', () => {
    const a = api();
    const n = 20_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${i}` }, data: { k: 'v' } });
    return n / ((performance.now() - t) / 1000);
  }),
);

figures.push(
  await measure('API server creates (Pod, defaulting + validation)', 'objects/s', () => {
    const a = api(true);
    const n = 10_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) a.create(pod(i));
    return n / ((performance.now() - t) / 1000);
  }),
);

figures.push(
  await measure('watch fan-out to 10 watchers', 'events delivered/s', () => {
    const a = api();
    let delivered = 0;
    for (let w = 0; w < 10; w++) a.watch({ apiVersion: 'v1', kind: 'ConfigMap' }, { resourceVersion: '1' }).subscribe(() => void delivered++);
    const n = 10_000;
    const t = performance.now();
    for (let i = 0; i < n; i++) a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${i}` } });
    return delivered / ((performance.now() - t) / 1000);
  }),
);

figures.push(
  await measure('informer list + sync of 50,000 objects', 'ms', async () => {
    const a = api();
    for (let i = 0; i < 50_000; i++) a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${i}` } });
    const clock = new VirtualClock();
    const inf = createSharedInformer({ client: createClient(a), clock, type: 'ConfigMap' });
    const t = performance.now();
    inf.start();
    await inf.whenSynced();
    const ms = performance.now() - t;
    inf.stop();
    return ms;
  }),
);

figures.push(
  await measure('controller reconciles through a cluster (1,000 objects, each reconciled and written once)', 'reconciles/s', async () => {
    const ctrl = defineController({
      name: 'touch',
      for: 'ConfigMap',
      async reconcile(req, ctx) {
        const o = ctx.lister('ConfigMap').get(req.namespace, req.name);
        if (o === undefined || (o as { data?: Record<string, string> }).data?.['done'] === 'y') return {};
        await ctx.client.mutate('ConfigMap', req.name, (d) => void (d.data = { done: 'y' }), { namespace: req.namespace ?? 'default' });
        return {};
      },
    });
    const cluster = createCluster({ controllers: [ctrl], builtinControllers: false });
    await cluster.settle({ quietMs: 1000 });
    const n = 1000;
    const t = performance.now();
    for (let i = 0; i < n; i++) await cluster.client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${i}` } });
    await cluster.settle({ quietMs: 1000 });
    const secs = (performance.now() - t) / 1000;
    await cluster.stop();
    return (2 * n) / secs;
  }),
);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
{
  const a = api();
  for (let i = 0; i < 50_000; i++) a.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c-${i}`, labels: { app: 'x' } }, data: { k: 'v' } });
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  // Read the store after measuring so it cannot be collected before the measurement.
  figures.push({ name: `store heap per small object (${a.store.count('configmaps')} ConfigMaps, with history)`, value: Math.round((heapAfter - heapBefore) / 50_000), unit: 'bytes' });
}

console.log(`kubeactors benchmarks (Node ${process.version}, median of ${RUNS} runs)`);
for (const f of figures) console.log(`${f.name.padEnd(100)} ${f.value.toFixed(f.value < 100 ? 1 : 0).padStart(10)} ${f.unit}`);
