import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { catalogue } from '../../machines/catalogue.ts';
import { buildCoverageReport, formatCoverageTable } from '../../src/inspect/coverage.ts';
import { readCoverageFragments, writeCoverageReport } from '../../src/inspect/coverageFiles.ts';

/** Where this run's fragments go (one folder per run, so concurrent runs do not mix). */
const runDir = join(process.cwd(), 'test-artifacts', 'chart-coverage', `run-${process.pid}`);

/** Vitest global setup: gives the test processes the fragments folder. */
export function setup(project: TestProject): void {
  rmSync(runDir, { recursive: true, force: true });
  project.provide('chartCoverageDir', runDir);
}

/** Vitest global teardown: merges every fragment of the run into test-artifacts/chart-coverage.json and prints the table. */
export function teardown(): void {
  const fragments = readCoverageFragments(runDir);
  rmSync(runDir, { recursive: true, force: true });
  if (fragments.length === 0) return;
  const report = buildCoverageReport(catalogue, fragments);
  writeCoverageReport(join(process.cwd(), 'test-artifacts', 'chart-coverage.json'), report);
  process.stdout.write(`\nStatechart coverage (${fragments.length} test files opted in with recordCoverage()):\n${formatCoverageTable(report)}`);
}
