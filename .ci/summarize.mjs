// Reads vitest's JSON report and prints one line: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from 'node:fs';

const [file, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? '0');
if (!existsSync(file)) {
  // Lint or typecheck failed before any test ran: that is one failure, not a pass.
  console.log(`0 passed, ${status === 0 ? 0 : 1} failed`);
  process.exit(status === 0 ? 1 : status);
}
const report = JSON.parse(readFileSync(file, 'utf8'));
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedNames = [];
for (const suite of report.testResults ?? []) {
  if ((suite.assertionResults ?? []).length === 0 && suite.status === 'failed') failed++;
  for (const t of suite.assertionResults ?? []) {
    if (t.status === 'passed') passed++;
    else if (t.status === 'failed') failed++;
    else {
      skipped++;
      skippedNames.push(`${suite.name.replace(process.cwd() + '/', '')}: ${t.fullName}`);
    }
  }
}
for (const s of skippedNames) console.log(`skipped (reason in its title): ${s}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
