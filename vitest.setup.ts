import fc from 'fast-check';

// The seed is explicit: CI draws a fresh one per run and prints it; a failure replays with DEFAULT_SEED=<n>.
const raw = process.env['DEFAULT_SEED'];
if (raw !== undefined && raw !== '') {
  fc.configureGlobal({ seed: Number(raw), numRuns: Number(process.env['FC_NUM_RUNS'] ?? 100) });
} else if (process.env['CI'] === 'true') {
  throw new Error('DEFAULT_SEED must be set in CI (see .ci/run)');
}
