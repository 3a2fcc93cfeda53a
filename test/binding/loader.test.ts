// The loader: finds the built addon, skipping a candidate that exists but does not load, and when it cannot load
// one it throws NativeLoadError naming every path tried, the platform and Node-API version, the platforms the
// package ships prebuilt binaries for, and how to build from source; never a crash.
import { describe, it, expect } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFresh, loadNative, loadedNativePath, locateNative } from '../../lib/native/loader.js';
import { NativeLoadError } from '../../lib/native/load-error.js';
import { BINARY_ENV, BINARY_FILE, candidatePaths, platformArch } from '../../lib/native/paths.js';
import { selfCheck } from '../../lib/index.js';

function loadError(env: NodeJS.ProcessEnv, root?: string): NativeLoadError {
  try {
    loadFresh(env, root);
  } catch (error) {
    expect(error).toBeInstanceOf(NativeLoadError);
    return error as NativeLoadError;
  }
  throw new Error('expected the load to fail');
}

describe('loader', () => {
  it('loads the built addon and runs its self-check', () => {
    const native = loadNative();
    expect(native.napiVersion).toBe(8);
    const report = selfCheck();
    expect(report.version).toBe(native.version);
  });

  it('the self-check runs the TIMING.md worked example on the real engine (641 / 642 cycles)', () => {
    const result = loadNative().selfCheck();
    expect(result.summary).toBe('soc m2m 1024 B in 641 cycles: last write at cycle 641, interrupt line at cycle 642, data verified');
    expect(result.ok).toBe(true);
  });

  it(`${BINARY_ENV} naming a missing file gives the diagnostic error`, () => {
    const missing = join(tmpdir(), 'no-such-dir', 'kmdf-dma-sim.node');
    const error = loadError({ [BINARY_ENV]: missing });
    expect(error.code).toBe('ERR_KMDF_DMA_SIM_NATIVE_LOAD');
    expect(error.attempts).toEqual([{ path: missing, reason: 'not found' }]);
    expect(error.message).toContain(missing);
    expect(error.message).toContain(`${process.platform}-${process.arch}`);
    expect(error.message).toContain(`Node-API ${process.versions.napi}`);
    expect(error.message).toContain('npm rebuild kmdf-dma-sim');
    expect(error.message).toMatch(/prebuilt binaries for/);
  });

  it(`${BINARY_ENV} naming a file that is not an addon gives the diagnostic error`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmdf-dma-sim-bad-'));
    const junk = join(dir, 'kmdf-dma-sim.node');
    writeFileSync(junk, 'this is not a shared object\n');
    const error = loadError({ [BINARY_ENV]: junk });
    expect(error.attempts).toHaveLength(1);
    expect(error.attempts[0]!.reason).toMatch(/exists but failed to load/);
    expect(error.message).toContain(junk);
  });

  it(`${BINARY_ENV} naming a loadable module that is not this addon is refused`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kmdf-dma-sim-other-'));
    const other = join(dir, 'other.cjs');
    writeFileSync(other, 'module.exports = { hello: 1 };\n');
    const error = loadError({ [BINARY_ENV]: other });
    expect(error.attempts[0]!.reason).toMatch(/not the kmdf-dma-sim addon/);
  });

  it('says which platforms the package ships and how to build from source when none is for this one', () => {
    const root = mkdtempSync(join(tmpdir(), 'kmdf-dma-sim-foreign-'));
    for (const other of ['win32-x64', 'linux-arm64', 'darwin-arm64'].filter((p) => p !== platformArch())) {
      mkdirSync(join(root, 'prebuilds', other), { recursive: true });
      writeFileSync(join(root, 'prebuilds', other, BINARY_FILE), 'a binary for another platform\n');
    }
    mkdirSync(join(root, 'prebuilds', 'empty-folder'));
    const error = loadError({}, root);
    expect(error.attempts).toEqual([
      { path: join(root, 'prebuilds', platformArch(), BINARY_FILE), reason: 'not found' },
      { path: join(root, 'build', 'Release', BINARY_FILE), reason: 'not found' },
    ]);
    expect(error.shippedPlatforms).toEqual(['darwin-arm64', 'linux-arm64', 'win32-x64'].filter((p) => p !== platformArch()));
    expect(error.message).toContain(`ships prebuilt binaries for: ${error.shippedPlatforms.join(', ')}.`);
    expect(error.message).toContain('npm rebuild kmdf-dma-sim');
    expect(error.message).toMatch(/CMake 3\.20\+ and a C\+\+20 compiler/);
    expect(error.message).toMatch(/Visual Studio Build Tools/);
  });

  it('a prebuild that exists but does not load does not stop the search: the source build loads', () => {
    const built = candidatePaths().find((p) => existsSync(p))!;
    const root = mkdtempSync(join(tmpdir(), 'kmdf-dma-sim-fallback-'));
    mkdirSync(join(root, 'prebuilds', platformArch()), { recursive: true });
    writeFileSync(join(root, 'prebuilds', platformArch(), BINARY_FILE), 'not a shared object (a prebuild for an older libc, say)\n');
    mkdirSync(join(root, 'build', 'Release'), { recursive: true });
    copyFileSync(built, join(root, 'build', 'Release', BINARY_FILE));
    const located = locateNative({}, root);
    expect(located.path).toBe(join(root, 'build', 'Release', BINARY_FILE));
    expect(located.binding.selfCheck().ok).toBe(true);
  });

  it('says which file it loaded (the KMDF_DMA_SIM_BINARY override when set: the sanitizer run sets it)', () => {
    const override = process.env[BINARY_ENV];
    if (override) expect(loadedNativePath()).toBe(override);
    else expect(candidatePaths()).toContain(loadedNativePath());
  });
});
