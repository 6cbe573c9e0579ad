// Run budgets of the harness suites: moderate in `npm test`, larger in `npm run test:deep`
// (KUBEACTORS_DEEP=1), which also prints a progress line per run.
const deep = process.env['KUBEACTORS_DEEP'] === '1';

/** Runs, sequence length and progress reporting for one harness check. */
export function harnessBudget(runs: number, maxCommands = 8): { runs: number; maxCommands: number; onProgress?: (line: string) => void } {
  if (!deep) return { runs, maxCommands };
  return {
    runs: runs * 10,
    maxCommands: maxCommands * 2,
    onProgress: (line) => process.stderr.write(`\r${line}          ${line.endsWith('FAILED') ? '\n' : ''}`),
  };
}

/** Whether the deep mode is on (for test time limits). */
export const DEEP = deep;
