// itExplores(name, body, options): exploration in one line of a vitest suite (issue 11 item 3). The body runs once per
// seed (lib/explore); the test fails if any seed fails, and its message names the first failing seed, the one-line
// replay (KMDF_DMA_SIM_SEED=<seed> npx vitest run <file> -t "<name>"), the smallest perturbation that still fails and
// the failing run's trace files. After the file's last test, the coverage of its explorations is printed as a table
// and written as JSON (test-results/explore/<file>.coverage.json), so what a suite never reached is visible.
// (The table is of the whole file: printed once, after its last exploration.)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, it } from 'vitest';
import { explore, type ExploreBody, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { coverageTable, mergeCoverage, type CoverageReport } from '../explore/coverage-report.js';

/**
 * Options of itExplores: those of explore() (without name and file, which come from the test) and the test's time
 * limit.
 */
export type ItExploresOptions = Omit<ExploreOptions, 'name' | 'file'> & {
  /** The test's time limit in ms [10 minutes: an exploration runs many machines]. */
  timeout?: number;
};

const reports = new Map<string, CoverageReport[]>();
// Each test file has its own copy of this module (vitest isolates files), so these count the file's explorations:
// the table is printed once, after the file's last one.
let registered = 0;
let finished = 0;

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The failure message of an exploration. */
export function explorationMessage(result: ExploreResult): string {
  const f = result.failures[0]!;
  const lines = [
    `${result.failures.length} of ${result.seeds.length} seeds failed; the first is seed ${f.seed}:`,
    `  ${describeError(f.error).split('\n').join('\n  ')}`,
    `replay it with: ${f.replay}`,
  ];
  if (f.shrunk !== undefined) lines.push(`smallest perturbation that still fails: ${JSON.stringify(f.shrunk)}`);
  if (f.traceFiles && f.traceFiles.length > 0) lines.push(`trace of the failing run:\n${f.traceFiles.map((t) => `  ${relative(process.cwd(), t)}`).join('\n')}`);
  if (result.failures.length > 1) lines.push(`other failing seeds: ${result.failures.slice(1, 20).map((x) => x.seed).join(', ')}${result.failures.length > 21 ? ', ...' : ''}`);
  return lines.join('\n');
}

/** A vitest test that explores `body` over seeds (see the file comment). */
export function itExplores(name: string, body: ExploreBody, options: ItExploresOptions = {}): void {
  const { timeout = 600_000, ...explored } = options;
  registered++;
  let done: { file: string; coverage: CoverageReport } | null = null;
  it(name, async (ctx) => {
    const file = ctx.task.file?.filepath;
    const names: string[] = [];
    for (let s: { name: string; suite?: unknown } | undefined = ctx.task; s; s = (s as { suite?: { name: string; suite?: unknown } }).suite) {
      if (s.name) names.unshift(s.name);
    }
    const relativeFile = file ? relative(process.cwd(), file) : undefined;
    const fullName = names.filter((n, i) => !(i === 0 && n === relativeFile)).join(' ');
    const result = await explore(body, { ...explored, name: fullName, file: relativeFile });
    if (relativeFile) done = { file: relativeFile, coverage: result.coverage };
    if (result.failures.length > 0) throw new Error(explorationMessage(result));
  }, timeout);
  // Registered when the test is collected (hooks cannot be made inside a running test): after the suite, this test's
  // coverage joins its file's report.
  afterAll(() => {
    finished++;
    if (done === null) return;
    const list = reports.get(done.file) ?? [];
    list.push(done.coverage);
    reports.set(done.file, list);
    const merged = mergeCoverage(list);
    const out = join(process.cwd(), 'test-results', 'explore', `${done.file.replace(/[^A-Za-z0-9._-]+/g, '_')}.coverage.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(merged, null, 2) + '\n');
    if (finished === registered) process.stderr.write(`\n${done.file}: the coverage of its explorations (${relative(process.cwd(), out)})\n${coverageTable(merged)}\n`);
  });
}
