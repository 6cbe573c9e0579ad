import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'actors/**/*.test.ts', 'machines/**/*.test.ts', 'property-tests/**/*.test.ts', 'examples/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI reads the JSON report to print its "N passed, N failed" line.
    reporters: process.env['CI'] === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-results.json' },
  },
});
