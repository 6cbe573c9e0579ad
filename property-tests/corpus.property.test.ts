import { describe, expect, it } from 'vitest';
import { DEFAULT_RUNS, runControllerCheck } from '../src/harness/runControllerCheck.ts';
import { corpusCases } from './corpus/index.ts';
import { DEEP, harnessBudget } from './support/harnessBudget.ts';

// The proof that the harness finds the bugs real controllers have: every deliberately buggy
// controller of the corpus fails within the harness's default budget (DEFAULT_RUNS), and its correct
// twin passes. The runs it took and the shrunk length are printed for each.
const FIND_BUDGET = DEFAULT_RUNS;

describe('bug corpus', () => {
  it('should hold at least 12 cases, each with a source', () => {
    expect(corpusCases.length).toBeGreaterThanOrEqual(12);
    for (const c of corpusCases) expect(c.source.length, c.name).toBeGreaterThan(10);
    expect(new Set(corpusCases.map((c) => c.name)).size).toBe(corpusCases.length);
  });

  for (const c of corpusCases) {
    it(`should find the bug in ${c.name} (${c.bugClass})`, async () => {
      const r = await runControllerCheck(c.buggy.controller, { ...c.buggy.options, runs: FIND_BUDGET, ...(DEEP ? { onProgress: harnessBudget(1).onProgress } : {}) });
      expect(r.ok, `${c.name}: the harness did not find the bug in ${FIND_BUDGET} runs`).toBe(false);
      console.log(`${c.name}: found after ${r.runs} run(s), shrunk ${r.shrinks} time(s) to ${r.steps.filter((s) => !s.startsWith('—')).length} step(s): ${r.violation?.split('\n')[0] ?? ''}`);
    }, DEEP ? 3_600_000 : 300_000);

    it(`should pass the correct twin of ${c.name}`, async () => {
      const r = await runControllerCheck(c.correct.controller, { ...c.correct.options, ...harnessBudget(25), traceDir: false });
      expect(r.ok, r.report).toBe(true);
    }, DEEP ? 3_600_000 : 300_000);
  }
});
