// The packed tarball on every shipped platform, installed the way npm installs it for a user: `npm pack` (prepack
// builds all three prebuilds) must hold linux-x64, linux-arm64 and win32-x64 and what a source build needs; the
// tarball installed with `npm install --ignore-scripts` (no install script, as npm is moving to) and with no
// compiler on PATH must, on each platform's own node (native, qemu-aarch64, wine), load its own
// prebuilds/<platform>-<arch>/ build — never build/ — pass the self-check, and print the three demos byte for byte
// as this clone prints them on linux-x64 (line ends aside: console output on Windows ends lines with \r\n).
// With no prebuild for the platform, the loader's NativeLoadError names what the package ships and how to build.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { NPM_INSTALL_FLAGS, failingToolchain, freshProject, packInPlace, run, tarballEntries } from '../helpers/package-stage.js';
import { runNodeOn, windowsPath } from './support/runtimes.js';
import { HOST, REPO_ROOT, TARGETS, describeWith, toolsFor } from './support/tools.js';

const PLATFORMS = ['linux-x64', 'linux-arm64', 'win32-x64'];
const DEMOS = ['uart', 'spi', 'audio-ring'];
const PROBE = join(REPO_ROOT, 'test', 'platforms', 'support', 'probe-package.mjs');
const compilers = PLATFORMS.filter((p) => p !== HOST).map((p) => TARGETS[p]!.compiler);

let tarball = '';
let project = '';
let pkg = '';
let noCompiler: ReturnType<typeof failingToolchain>;
const reference = new Map<string, string>();

/** A path as `target`'s node sees it. */
const seen = (target: string, path: string) => (target.startsWith('win32') ? windowsPath(path) : path);

function install(into: string): string {
  run('npm', ['install', tarball, '--ignore-scripts', ...NPM_INSTALL_FLAGS], {
    cwd: into, env: { ...process.env, PATH: `${noCompiler.bin}${delimiter}${process.env.PATH}` },
  });
  return join(into, 'node_modules', 'kmdf-dma-sim');
}

describeWith('the packed tarball on linux-x64, linux-arm64 and win32-x64', ['tar', ...compilers], () => {
  beforeAll(() => {
    tarball = packInPlace();
    noCompiler = failingToolchain();
    project = freshProject();
    pkg = install(project);
    for (const demo of DEMOS) {
      reference.set(demo, run(process.execPath, [join(REPO_ROOT, 'bin', 'kmdf-dma-sim.js'), 'demo', demo], { cwd: REPO_ROOT }));
    }
  });

  it('holds the three prebuilds, the CMake files and the platform sources, and no build output', () => {
    const entries = tarballEntries(tarball);
    expect(entries.filter((e) => e.startsWith('prebuilds/')).sort()).toEqual(PLATFORMS.map((p) => `prebuilds/${p}/kmdf-dma-sim.node`).sort());
    for (const file of ['CMakeLists.txt', 'cmake/glibc-floor.cmake', 'cmake/node-api-mingw.cmake', 'cmake/toolchains/win32-x64.cmake',
      'native/platform/glibc_floor.cpp', 'native/platform/win_delay_load_hook.cpp', 'native/core/wide_math.h', 'scripts/install.js']) {
      expect(entries).toContain(file);
    }
    expect(entries.filter((e) => /^(build|test|bench)\//.test(e))).toEqual([]);
  });

  it('installs with --ignore-scripts and no compiler, building nothing', () => {
    expect(existsSync(join(pkg, 'prebuilds', HOST, 'kmdf-dma-sim.node'))).toBe(true);
    expect(existsSync(join(pkg, 'build'))).toBe(false);
    expect(readdirSync(noCompiler.calls)).toEqual([]);
  });

  for (const target of PLATFORMS) {
    describeWith(`installed, on ${target}${target === HOST ? '' : ` (${TARGETS[target]!.runner![0]})`}`, toolsFor(target), () => {
      it('its install script finds the prebuild loads and builds nothing', () => {
        const result = runNodeOn(target, [seen(target, join(pkg, 'scripts', 'install.js'))], {
          cwd: pkg, env: { PATH: `${noCompiler.bin}${delimiter}${process.env.PATH}` },
        });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.replaceAll('\\', '/')).toMatch(new RegExp(`using the prebuilt binary .*prebuilds/${target}/kmdf-dma-sim\\.node`));
        expect(existsSync(join(pkg, 'build'))).toBe(false);
        expect(readdirSync(noCompiler.calls)).toEqual([]);
      });

      it(`loads prebuilds/${target}/kmdf-dma-sim.node, never build/, and passes the self-check`, () => {
        const result = runNodeOn(target, [seen(target, PROBE), seen(target, pkg)], { cwd: project });
        expect(result.status, result.stderr).toBe(0);
        const report = JSON.parse(result.stdout.trim());
        expect(report.error).toBeUndefined();
        expect(report.platform).toBe(target);
        expect(report.path.replaceAll('\\', '/')).toMatch(new RegExp(`node_modules/kmdf-dma-sim/prebuilds/${target}/kmdf-dma-sim\\.node$`));
        expect(report.selfCheck.ok).toBe(true);
      });

      it('prints the three demos exactly as linux-x64 does in this clone', () => {
        for (const demo of DEMOS) {
          const result = runNodeOn(target, [seen(target, join(pkg, 'bin', 'kmdf-dma-sim.js')), 'demo', demo], { cwd: project });
          expect(result.status, result.stderr).toBe(0);
          expect(result.stdout.replaceAll('\r\n', '\n'), `demo ${demo} on ${target}`).toBe(reference.get(demo));
          expect(result.stdout).toMatch(/data check +every (byte|period) arrived intact, in order/);
        }
      });
    });
  }

  it(`without a prebuild for ${HOST}, NativeLoadError names the platforms the package ships and how to build from source`, () => {
    const bare = install(freshProject());
    rmSync(join(bare, 'prebuilds', HOST), { recursive: true, force: true });
    const result = runNodeOn(HOST, [PROBE, bare]);
    expect(result.status, result.stderr).toBe(0);
    const { error } = JSON.parse(result.stdout.trim());
    expect(error.code).toBe('ERR_KMDF_DMA_SIM_NATIVE_LOAD');
    expect(error.shippedPlatforms).toEqual(PLATFORMS.filter((p) => p !== HOST).sort());
    expect(error.message).toContain(`ships prebuilt binaries for: ${PLATFORMS.filter((p) => p !== HOST).sort().join(', ')}.`);
    expect(error.message).toContain('npm rebuild kmdf-dma-sim');
    expect(error.message).toMatch(/CMake 3\.20\+ and a C\+\+20 compiler/);
    expect(error.attempts.map((a: { reason: string }) => a.reason)).toEqual(['not found', 'not found']);
  });
});
