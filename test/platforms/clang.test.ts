// Debian's clang++ builds all of native/ without a warning (-Wall -Wextra -Werror): the engine and its standalone
// checks with plain CMake, then the addon through cmake-js, as a user with clang would build it. The checks then run
// (all but the benchmark), and the clang-built addon loads and passes its self-check and the glibc floor. GCC builds
// the same sources in every other run (the source build, the prebuilds); MSVC cannot run here (README "Platforms").
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { elfNeeds, versionAbove } from './support/binaries.js';
import { REPO_ROOT, describeWith } from './support/tools.js';

const require = createRequire(import.meta.url);
const CORE = join(REPO_ROOT, 'build', 'clang', 'core');
const ADDON = join(REPO_ROOT, 'build', 'clang', 'addon');

function build(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.status, output.slice(-4000)).toBe(0);
  return output;
}

describeWith('clang++ builds native/ without warnings', ['clang++', 'cmake', 'ninja', 'readelf'], () => {
  it('the engine and every core check, with -Werror, and the checks pass', () => {
    build('cmake', ['-S', '.', '-B', CORE, '-G', 'Ninja', '-DCMAKE_CXX_COMPILER=clang++', '-DKMDF_DMA_SIM_WERROR=ON']);
    const output = build('cmake', ['--build', CORE]);
    expect(output).not.toMatch(/warning:/);
    const checks = readdirSync(CORE).filter((f) => f.startsWith('check_')).sort();
    expect(checks).toContain('check_wide_math');
    for (const check of checks) {
      const result = spawnSync(join(CORE, check), { encoding: 'utf8', timeout: 300_000 });
      expect(result.status, `${check}: ${result.stdout}${result.stderr}`).toBe(0);
      expect(result.stdout).toContain(`${check}: ok`);
    }
  });

  it('the addon through cmake-js, with -Werror; it loads, passes its self-check and keeps the glibc floor', () => {
    const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
    const options = ['--directory', REPO_ROOT, '--out', ADDON, '--CDCMAKE_CXX_COMPILER=clang++', '--CDKMDF_DMA_SIM_WERROR=ON'];
    build(process.execPath, [cmakeJs, 'configure', ...options]);
    const output = build(process.execPath, [cmakeJs, 'build', ...options]);
    expect(output).not.toMatch(/warning:/);
    const file = join(ADDON, 'Release', 'kmdf-dma-sim.node');
    const probe = spawnSync(process.execPath, [join(REPO_ROOT, 'test', 'platforms', 'support', 'probe-addon.cjs'), file], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    expect(JSON.parse(probe.stdout).selfCheck.ok).toBe(true);
    const { versions } = elfNeeds(file);
    expect(versions.filter((v) => !v.version.startsWith('GLIBC_') || versionAbove(v.version, 'GLIBC_2.28'))).toEqual([]);
  });
});
