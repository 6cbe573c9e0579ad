import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { toMermaid } from '../inspect/toMermaid.ts';
import { toScxml } from '../inspect/toScxml.ts';
import { main } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

describe('kubeactors charts', () => {
  it('should print one machine as Mermaid by default', async () => {
    const r = await run('charts', 'pod');
    expect(r.code).toBe(0);
    expect(r.out).toBe(toMermaid(catalogue.find((e) => e.name === 'pod')!.machine));
  });

  it('should print every machine as one JSON document keyed by name', async () => {
    const r = await run('charts', '--format', 'json');
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out) as object)).toEqual(catalogue.map((e) => e.name));
  });

  it('should find a machine by its machine id too', async () => {
    const r = await run('charts', 'kube-scheduler', '--format', 'scxml');
    expect(r.code).toBe(0);
    expect(r.out).toBe(toScxml(catalogue.find((e) => e.name === 'scheduler')!.machine));
  });

  it('should write one file per machine under --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeactors-charts-'));
    try {
      const r = await run('charts', '--format', 'dot', '--out', dir);
      expect(r.code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(catalogue.map((e) => `${e.name}.dot`).sort());
      expect(readFileSync(join(dir, 'reconciler.dot'), 'utf8')).toMatch(/^digraph "reconciler" \{/);
      expect(r.out.trim().split('\n')).toHaveLength(catalogue.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should reject an unknown machine or format with exit code 1', async () => {
    const a = await run('charts', 'nope');
    expect(a.code).toBe(1);
    expect(a.err).toContain('no statechart named "nope"; known: cluster, apiServer');
    const b = await run('charts', '--format', 'png');
    expect(b.code).toBe(1);
    expect(b.err).toContain('unknown format "png": use mermaid, dot, json, scxml or markdown');
  });
});
