// Profiling aid: npx tsx --cpu-prof bench/profileCreate.ts (not part of npm run bench).
import { ApiServer } from '../src/apiserver/apiServer.ts';
import { createBuiltinStrategy } from '../src/apiserver/builtinStrategy.ts';
import { createIdSource } from '../src/runtime/sim/ids.ts';
import { createRng } from '../src/runtime/sim/rng.ts';
import { VirtualClock } from '../src/runtime/sim/virtualClock.ts';

const clock = new VirtualClock();
const api = new ApiServer({ clock, ids: createIdSource(createRng(1)), strategy: createBuiltinStrategy() });
const t = process.hrtime.bigint();
for (let i = 0; i < 20_000; i++) api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } });
console.log(`${Number(process.hrtime.bigint() - t) / 1e6} ms for 20,000 pods`);
