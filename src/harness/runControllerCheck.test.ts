import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../inspect/traceFile.ts';
import fc from 'fast-check';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../api/meta.ts';
import { isAlreadyExists, isNotFound } from '../api/status.ts';
import { defineController } from '../runtime/controller/defineController.ts';
import { defineResource } from '../runtime/resources/defineResource.ts';
import { runControllerCheck } from './runControllerCheck.ts';
import type { CheckOptions } from './harnessTypes.ts';

const pools = defineResource({
  group: 'smoke.kubeactors.dev',
  version: 'v1',
  kind: 'Pool',
  subresources: { status: true },
  schema: { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer', minimum: 0, maximum: 5 } } }, status: { type: 'object', properties: { replicas: { type: 'integer' } } } } },
});

type Pool = KubeObject & { spec: { replicas: number }; status?: { replicas?: number } };

const members = (pool: KubeObject, all: readonly KubeObject[]): KubeObject[] => all.filter((c) => c.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === pool.metadata?.uid));

function poolController(swallowErrors: boolean) {
  return defineController({
    name: swallowErrors ? 'pool-swallow' : 'pool-correct',
    for: pools,
    owns: ['ConfigMap'],
    async reconcile(req, ctx) {
      const pool = ctx.lister<Pool>(pools).get(req.namespace, req.name);
      if (pool === undefined || pool.metadata?.deletionTimestamp !== undefined) return {};
      try {
        const want = pool.spec.replicas;
        for (let i = 0; i < want; i++) {
          const name = `${req.name}-${i}`;
          if (ctx.lister<ConfigMap>('ConfigMap').get(req.namespace, name) !== undefined) continue;
          try {
            await ctx.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: req.namespace ?? 'default', ownerReferences: [{ apiVersion: 'smoke.kubeactors.dev/v1', kind: 'Pool', name: req.name, uid: pool.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }] } });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        for (const cm of members(pool, ctx.lister<ConfigMap>('ConfigMap').list({ namespace: req.namespace }))) {
          const idx = Number(cm.metadata?.name?.slice(req.name.length + 1));
          if (idx >= want) {
            try {
              await ctx.client.delete('ConfigMap', cm.metadata?.name ?? '', { namespace: req.namespace ?? 'default' });
            } catch (e) {
              if (!isNotFound(e)) throw e;
            }
          }
        }
        const live = await ctx.client.get<typeof pools, Pool>(pools, req.name, { namespace: req.namespace ?? 'default' });
        if (live.status?.replicas !== want) await ctx.client.updateStatus({ ...live, status: { replicas: want } });
      } catch (e) {
        if (swallowErrors) return {};
        throw e;
      }
      return {};
    },
  });
}

const options: CheckOptions = {
  resource: pools,
  spec: fc.record({ replicas: fc.integer({ min: 0, max: 3 }) }),
  scalePath: 'replicas',
  matches: (pool, view) => {
    const want = (pool as Pool).spec.replicas;
    const have = members(pool, view.list('ConfigMap', pool.metadata?.namespace)).filter((c) => c.metadata?.deletionTimestamp === undefined).length;
    if (have !== want) return `want ${want} members, have ${have}`;
    if ((pool as Pool).status?.replicas !== want) return `status.replicas is ${String((pool as Pool).status?.replicas)}, want ${want}`;
    return true;
  },
  runs: 8,
  maxCommands: 6,
};

describe('runControllerCheck', () => {
  it('should pass a correct controller under every default fault', async () => {
    const r = await runControllerCheck(poolController(false), options);
    expect(r.ok, r.report).toBe(true);
    expect(r.runs).toBe(8);
  }, 120_000);

  it('should find a controller that swallows errors, shrink it, and report seed, path, steps, replay and trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-trace-'));
    try {
      const r = await runControllerCheck(poolController(true), { ...options, runs: 60, traceDir: dir });
      expect(r.ok).toBe(false);
      expect(r.violation).toMatch(/not eventually stable/);
      // Shrunk: one fault and the create it hits are enough.
      expect(r.steps.filter((s) => !s.startsWith('—')).length).toBeLessThanOrEqual(3);
      expect(r.steps.some((s) => /^(create|delete and recreate) a/.test(s))).toBe(true);
      expect(r.report).toContain(`seed: ${r.seed}, path: "${r.path ?? ''}"`);
      expect(r.report).toMatch(/replay: KUBEACTORS_SEED=-?\d+ KUBEACTORS_PATH="[\d:]+"/);
      expect(r.traceFile).toBeDefined();
      const records = readTrace(r.traceFile as string);
      expect(records.some((x) => x.actor === 'controller/pool-swallow' && x.kind === 'transition')).toBe(true);
      // The printed seed, path and replay path run the failing case again, first time.
      const replayPath = /replayPath: "([^"]*)"/.exec(r.report)?.[1];
      const again = await runControllerCheck(poolController(true), { ...options, seed: r.seed, path: r.path ?? '', ...(replayPath !== undefined ? { replayPath } : {}), traceDir: false });
      expect(again.ok).toBe(false);
      expect(again.runs).toBe(1);
      expect(again.violation).toBe(r.violation);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('runControllerCheck world faults', () => {
  it('should pass a level-triggered controller whose children are deleted behind its back, and skip the differential then', async () => {
    const r = await runControllerCheck(poolController(false), { ...options, faults: ['childKill'], runs: 10 });
    expect(r.ok, r.report).toBe(true);
  }, 60_000);

  it('should find a controller that creates its children only when the pool is created', async () => {
    const onlyOnCreate = defineController({
      name: 'pool-create-once',
      for: pools,
      owns: ['ConfigMap'],
      async reconcile(req, ctx) {
        const pool = ctx.lister<Pool>(pools).get(req.namespace, req.name);
        // The bug: children are made once, while the status is still empty, and never again.
        if (pool === undefined || pool.status?.replicas !== undefined) return {};
        for (let i = 0; i < pool.spec.replicas; i++) {
          try {
            await ctx.client.create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${req.name}-${i}`, namespace: req.namespace ?? 'default', ownerReferences: [{ apiVersion: 'smoke.kubeactors.dev/v1', kind: 'Pool', name: req.name, uid: pool.metadata?.uid ?? '', controller: true }] } });
          } catch (e) {
            if (!isAlreadyExists(e)) throw e;
          }
        }
        const live = await ctx.client.get<typeof pools, Pool>(pools, req.name, { namespace: req.namespace ?? 'default' });
        if (live.status?.replicas !== pool.spec.replicas) await ctx.client.updateStatus({ ...live, status: { replicas: pool.spec.replicas } });
        return {};
      },
    });
    const r = await runControllerCheck(onlyOnCreate, { ...options, faults: ['childKill'], operations: ['create'], runs: 100, traceDir: false });
    expect(r.ok).toBe(false);
    expect(r.steps.some((s) => s.startsWith('delete owned object'))).toBe(true);
  }, 60_000);
});

describe('runControllerCheck defaults', () => {
  it('should generate specs from the custom resource schema when no spec arbitrary is given', async () => {
    const seen: unknown[] = [];
    const spy = defineController({ name: 'spec-spy', for: pools, reconcile: (req, ctx) => (seen.push(ctx.lister<Pool>(pools).get(req.namespace, req.name)?.spec), Promise.resolve({})) });
    const r = await runControllerCheck(spy, { resource: pools, matches: () => true, runs: 5, faults: [], operations: ['create', 'update'] });
    expect(r.ok, r.report).toBe(true);
    const replicas = seen.filter((s): s is { replicas: number } => typeof (s as { replicas?: unknown } | undefined)?.replicas === 'number').map((s) => s.replicas);
    expect(replicas.length).toBeGreaterThan(0);
    expect(replicas.every((n) => Number.isInteger(n) && n >= 0 && n <= 5)).toBe(true);
  }, 60_000);

  it('should refuse a built-in primary type without a spec arbitrary', async () => {
    await expect(runControllerCheck(poolController(false), { resource: 'Deployment', matches: () => true, runs: 1 })).rejects.toThrow(/give a `spec` arbitrary/);
  });
});
