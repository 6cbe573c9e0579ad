import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'actors/**/*.test.ts', 'machines/**/*.test.ts', 'property-tests/**/*.test.ts', 'examples/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts', './property-tests/support/chartCoverageSetup.ts'],
    // Statechart coverage: tests opt in with recordCoverage(); the run's figures go to test-artifacts/chart-coverage.json.
    globalSetup: ['./property-tests/support/chartCoverageGlobal.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI reads the JSON report to print its "N passed, N failed" line.
    reporters: process.env['CI'] === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-results.json' },
  },
});
