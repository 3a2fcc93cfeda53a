// A copy of the repository's test suites laid out for another platform's Node: the sources the suites import
// (lib/, the suites, their helpers, and dist/ compiled from that lib/ here, for the suites whose child processes
// import the built package), the lockfile installed with that platform's optional packages (`npm ci --os --cpu`,
// so vitest's bundler finds its win32 or arm64 binary), and the target's prebuild in prebuilds/, which the loader
// picks by platform and arch. vitest then runs in that folder under wine or qemu.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PLATFORM_DIR } from './runtimes.js';
import { REPO_ROOT } from './tools.js';

const BINARY = 'kmdf-dma-sim.node';

export function makeSuiteStage(target: string, suites: string[]): string {
  const stage = join(PLATFORM_DIR, `suites-${target}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'test'), { recursive: true });
  const top = ['package.json', 'package-lock.json', 'vitest.config.ts', 'test-groups.ts', 'tsconfig.json', 'tsconfig.build.json', 'lib'];
  for (const entry of top) {
    cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
  }
  for (const entry of [...suites, 'test/helpers']) {
    mkdirSync(dirname(join(stage, entry)), { recursive: true });
    cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
  }
  mkdirSync(join(stage, 'prebuilds', target), { recursive: true });
  cpSync(join(REPO_ROOT, 'prebuilds', target, BINARY), join(stage, 'prebuilds', target, BINARY));
  const [os, cpu] = target.split('-') as [string, string];
  execFileSync('npm', ['ci', `--os=${os}`, `--cpu=${cpu}`, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: stage, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8',
  });
  // Its own dist/ (not a copy of the repository's, which `npm pack` in tarball.test.ts may be rewriting meanwhile).
  execFileSync(process.execPath, [join(stage, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], {
    cwd: stage, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return stage;
}

/** The test files of `suites` (folders or single files, relative to the repository), as vitest names them. */
export function suiteFiles(suites: string[]): string[] {
  return suites.flatMap((entry) => (entry.endsWith('.test.ts') ? [entry]
    : readdirSync(join(REPO_ROOT, entry)).filter((f) => f.endsWith('.test.ts')).map((f) => `${entry}/${f}`))).sort();
}

/** How many tests `suites` hold, as vitest collects them here on linux (`vitest list`, nothing run). */
export function countTests(suites: string[]): number {
  const out = join(PLATFORM_DIR, `list-${process.pid}.json`);
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'list', ...suites, `--json=${out}`], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const count = (JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length;
  rmSync(out, { force: true });
  return count;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  skipped: number;
  /** Test files that ran, relative to the stage, forward slashes. */
  files: string[];
  /** Each failed test's full name and first message line. */
  failures: string[];
}

/** Reads vitest's JSON report (--reporter=json --outputFile=...) from the stage. */
export function readSuiteReport(stage: string, file: string): SuiteReport {
  const path = join(stage, file);
  if (!existsSync(path)) throw new Error(`vitest wrote no report at ${path}`);
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
  };
  const marker = `/${basename(stage)}/`;
  const rel = (name: string) => {
    const n = name.replaceAll('\\', '/');
    return n.slice(n.lastIndexOf(marker) + marker.length);
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length,
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    files: report.testResults.map((f) => rel(f.name)).sort(),
    failures: report.testResults.flatMap((f) => [
      ...(f.status === 'failed' && f.assertionResults.length === 0 ? [`${rel(f.name)}: ${(f.message ?? '').split('\n')[0]}`] : []),
      ...f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.fullName}: ${(a.failureMessages?.[0] ?? '').split('\n')[0]}`),
    ]),
  };
}
