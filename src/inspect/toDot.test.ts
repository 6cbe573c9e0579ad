import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../machines/catalogue.ts';
import { sampleChartMachine } from '../testing/sampleChartMachine.ts';
import { toDot } from './toDot.ts';

const dot = ['/usr/bin/dot', '/usr/local/bin/dot'].find((p) => existsSync(p));

function check(text: string): void {
  expect(text.startsWith('digraph "')).toBe(true);
  expect((text.match(/\{/g) ?? []).length).toBe((text.match(/\}/g) ?? []).length);
  const declared = new Set([...text.matchAll(/^\s*([A-Za-z][A-Za-z0-9_]*) \[/gm)].map((m) => m[1]));
  for (const m of text.matchAll(/^\s*([A-Za-z][A-Za-z0-9_]*) -> ([A-Za-z][A-Za-z0-9_]*)/gm)) {
    expect(declared.has(m[1]), m[1]).toBe(true);
    expect(declared.has(m[2]), m[2]).toBe(true);
  }
}

describe('toDot', () => {
  it('should draw compound states as clusters, parallel ones dashed, finals double, and labelled edges', () => {
    const text = toDot(sampleChartMachine);
    check(text);
    expect(text).toContain('subgraph cluster_busy {');
    expect(text).toContain('label="busy (parallel)";');
    expect(text).toContain('style="rounded,dashed";');
    expect(text).toContain('done [label="done", peripheries=2];');
    expect(text).toContain('busy_work_step1 -> busy_work_step2 [label="after 10s"];');
    expect(text).toContain('busy_work_step2 -> busy_work_step3 [label="always [ready]", style=dashed];');
    expect(text).toContain('idle -> busy__anchor [label="start [ok]", lhead=cluster_busy];');
    expect(text).toContain('root__note [shape=note, fontsize=10, label="invoke worker"];');
    expect(text).toContain('idle -> idle [label="ping", style=dotted];');
  });

  it('should produce well-formed graphs for every catalogued machine', () => {
    for (const e of catalogue) check(toDot(e.machine));
  });

  it.skipIf(dot === undefined)(`should be accepted by Graphviz without warnings${dot === undefined ? ' (skipped: Graphviz dot is not installed)' : ''}`, () => {
    for (const e of [{ name: 'sample', machine: sampleChartMachine }, ...catalogue]) {
      const run = spawnSync(dot ?? 'dot', ['-Tsvg'], { input: toDot(e.machine), encoding: 'utf8' });
      expect(run.status, e.name).toBe(0);
      expect(run.stderr, e.name).toBe('');
      expect(run.stdout, e.name).toContain('<svg');
    }
  });
});
