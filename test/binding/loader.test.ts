// The loader: finds the built addon, and when it cannot load one it throws NativeLoadError naming every path
// tried, the platform and Node-API version, and the two fixes; never a crash.
import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFresh, loadNative } from '../../lib/native/loader.js';
import { NativeLoadError } from '../../lib/native/load-error.js';
import { BINARY_ENV } from '../../lib/native/paths.js';
import { selfCheck } from '../../lib/index.js';

function loadError(env: NodeJS.ProcessEnv): NativeLoadError {
  try {
    loadFresh(env);
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
    expect(error.message).toContain('npx cmake-js compile');
    expect(error.message).toMatch(/prebuilt binary/);
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
});
