#!/usr/bin/env node
// Prints the closing line CI reads, `tests: N passed, N failed`, from one or more vitest JSON reports (the
// README's test command, then the platform runs), and exits non-zero if any test failed, any run failed, or a
// report is missing (a crash counts as a failure).
// usage: node scripts/ci-summary.js <report.json> <vitest exit status> [<report.json> <exit status>]...
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let anyStatusBad = false;
for (let i = 0; i < args.length; i += 2) {
  const reportPath = args[i];
  const status = Number(args[i + 1] ?? '1');
  let runPassed = 0;
  let runFailed = 0;
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    runPassed = report.numPassedTests ?? 0;
    runFailed = report.numFailedTests ?? 0;
    const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0);
    runFailed += brokenFiles.length;
    for (const f of brokenFiles) console.error(`test file failed to run: ${f.name}: ${(f.message ?? '').split('\n')[0]}`);
  } catch (error) {
    console.error(`no vitest report at ${reportPath}: ${error.message}`);
    runFailed = Math.max(runFailed, 1);
  }
  if (status !== 0 && runFailed === 0) runFailed = 1;
  if (status !== 0) anyStatusBad = true;
  passed += runPassed;
  failed += runFailed;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && !anyStatusBad ? 0 : 1);
