#!/usr/bin/env node
// Prints the closing line CI reads, `tests: N passed, N failed`, from vitest's JSON report, and exits
// non-zero if any test failed, the run failed, or no report was written (a crash counts as a failure).
// usage: node scripts/ci-summary.js <report.json> <vitest exit status>
import { readFileSync } from 'node:fs';

const [reportPath, statusText = '1'] = process.argv.slice(2);
const status = Number(statusText);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0);
  failed += brokenFiles.length;
  for (const f of brokenFiles) console.error(`test file failed to run: ${f.name}: ${(f.message ?? '').split('\n')[0]}`);
} catch (error) {
  console.error(`no vitest report at ${reportPath}: ${error.message}`);
  failed = Math.max(failed, 1);
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && status === 0 ? 0 : 1);
