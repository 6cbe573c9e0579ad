import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoverageFragment, CoverageReport } from './coverage.ts';

/** Writes a fragment as `<dir>/<name>.json` (one per test process). */
export function writeCoverageFragment(dir: string, name: string, fragment: CoverageFragment): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  writeFileSync(file, `${JSON.stringify(fragment)}\n`);
  return file;
}

/** Every fragment under `dir` (none when it does not exist). */
export function readCoverageFragments(dir: string): CoverageFragment[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CoverageFragment);
}

/** Writes the report as pretty JSON, creating the folder. */
export function writeCoverageReport(file: string, report: CoverageReport): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
