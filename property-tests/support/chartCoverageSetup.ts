import { afterAll, inject } from 'vitest';
import { processCoverage } from '../../src/inspect/coverage.ts';
import { writeCoverageFragment } from '../../src/inspect/coverageFiles.ts';

// Each test file runs in its own process: what its tests recorded with `recordCoverage()` is written
// as one fragment, merged by chartCoverageGlobal.ts once the whole run is over.
afterAll(() => {
  const fragment = processCoverage();
  const dir = inject('chartCoverageDir');
  if (fragment !== undefined && dir !== undefined) writeCoverageFragment(dir, `${process.pid}-${Object.keys(fragment).join('_').slice(0, 60)}`, fragment);
});

declare module 'vitest' {
  export interface ProvidedContext {
    chartCoverageDir?: string;
  }
}
