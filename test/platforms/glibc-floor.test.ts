// The Linux prebuilds load on glibc 2.28 or newer (Ubuntu 20.04, Debian 10/11, RHEL 8) and bring their own C++
// runtime: read from the built files, as the dynamic loader will — no symbol version above GLIBC_2.28, no
// GLIBCXX_/CXXABI_/GCC_ version (no libstdc++.so.6 or libgcc_s.so.1), only libc, libm, libpthread, libdl and the
// dynamic loader in DT_NEEDED, and nothing exported but the Node-API entry points (libstdc++'s symbols are local).
// How: cmake/glibc-floor.cmake and native/platform/glibc_floor.cpp.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { elfNeeds, versionAbove } from './support/binaries.js';
import { HOST, REPO_ROOT, TARGETS, describeWith } from './support/tools.js';

const FLOOR = 'GLIBC_2.28';
const ALLOWED_NEEDED = /^(libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|ld-linux-(x86-64\.so\.2|aarch64\.so\.1))$/;
// The typeinfo and vtables of std:: templates the addon instantiates stay visible (vague linkage: libstdc++'s headers
// give them default visibility); anything else would be a leak.
const ALLOWED_EXPORT = /^(napi_register_module_v1|node_api_module_get_api_version_v1|_ZT[ISV]St.*)$/;
const MACHINE: Record<string, string> = { 'linux-x64': 'Advanced Micro Devices X86-64', 'linux-arm64': 'AArch64' };

for (const target of ['linux-x64', 'linux-arm64']) {
  const file = join(REPO_ROOT, 'prebuilds', target, 'kmdf-dma-sim.node');
  const tools = ['readelf', ...(target === HOST ? [] : [TARGETS[target]!.compiler])];

  describeWith(`${target} prebuild: loads on glibc 2.28+ with no C++ runtime of the system`, tools, () => {
    it('was built', () => {
      expect(inject('platformSetup').errors[target]).toBeUndefined();
      expect(existsSync(file), file).toBe(true);
    });

    it(`is an ${MACHINE[target]} shared object`, () => {
      expect(elfNeeds(file).machine).toBe(MACHINE[target]);
    });

    it(`needs no glibc symbol version above ${FLOOR}`, () => {
      const { versions } = elfNeeds(file);
      expect(versions.some((v) => v.version.startsWith('GLIBC_'))).toBe(true);
      expect(versions.filter((v) => v.version.startsWith('GLIBC_') && versionAbove(v.version, FLOOR))).toEqual([]);
    });

    it('needs no libstdc++ or libgcc_s: no GLIBCXX_, CXXABI_ or GCC_ version and neither in DT_NEEDED', () => {
      const { versions, needed } = elfNeeds(file);
      expect(versions.filter((v) => !v.version.startsWith('GLIBC_'))).toEqual([]);
      expect(needed.filter((n) => !ALLOWED_NEEDED.test(n))).toEqual([]);
      expect(needed).toContain('libc.so.6');
    });

    it('exports only its Node-API entry points (libstdc++ and the engine are local)', () => {
      const { exports } = elfNeeds(file);
      expect(exports).toContain('napi_register_module_v1');
      expect(exports.filter((s) => !ALLOWED_EXPORT.test(s))).toEqual([]);
    });
  });
}

describeWith(`the ${HOST} prebuild is the source build`, HOST === 'linux-x64' ? ['strip'] : ['strip', 'a linux-x64 host'], () => {
  it('prebuilds/linux-x64 is build/Release/kmdf-dma-sim.node stripped, byte for byte', () => {
    const source = join(REPO_ROOT, 'build', 'Release', 'kmdf-dma-sim.node');
    const stripped = join(mkdtempSync(join(tmpdir(), 'kmdf-dma-sim-strip-')), 'kmdf-dma-sim.node');
    execFileSync('strip', ['--strip-all', '-o', stripped, source]);
    expect(readFileSync(stripped).equals(readFileSync(join(REPO_ROOT, 'prebuilds', 'linux-x64', 'kmdf-dma-sim.node')))).toBe(true);
  });
});

describeWith('the version check itself', ['readelf'], () => {
  it('sees what the system libstdc++ needs (GLIBC_2.3x and GCC_ versions), so a check that passes means something', () => {
    const libstdcxx = ['/usr/lib/x86_64-linux-gnu/libstdc++.so.6', '/usr/lib/aarch64-linux-gnu/libstdc++.so.6'].find(existsSync);
    expect(libstdcxx, 'no system libstdc++.so.6 to read').toBeDefined();
    const { versions, needed } = elfNeeds(libstdcxx!);
    expect(versions.filter((v) => v.version.startsWith('GLIBC_') && versionAbove(v.version, FLOOR)).length).toBeGreaterThan(0);
    expect(versions.some((v) => v.version.startsWith('GCC_'))).toBe(true);
    expect(needed).toContain('libgcc_s.so.1');
  });
});
