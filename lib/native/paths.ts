// Where the native addon may live, in the order the loader tries them: the prebuilt binary for this platform
// (prebuildify's layout, prebuilds/<platform>-<arch>/) first, then a source build by cmake-js (build/Release/).
// The Linux prebuilds are built for glibc, so on musl (Alpine) only the source build is a candidate. One module
// so the loader, its error message and the tests agree.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// detect-libc is CommonJS: importing it from ESM starts node's CJS loader and its export lexer, a few ms of every
// import of the package (issue 14 item 3). It is needed only when the addon is located, so it is required then.
const require = createRequire(import.meta.url);
let detectLibc: typeof import('detect-libc') | undefined;

/** File name of the addon: the cmake target's OUTPUT_NAME and the prebuild's name (prebuildify's, for Node-API). */
export const BINARY_FILE = 'kmdf-dma-sim.node';

/** Environment variable that names an addon file to load instead of searching. */
export const BINARY_ENV = 'KMDF_DMA_SIM_BINARY';

/** The Node-API version the addon is built for (CMakeLists.txt, package.json "binary.napi_versions"). */
export const ADDON_NAPI_VERSION = 8;

/** The package root: this file is lib/native/paths.ts (sources) or dist/native/paths.js (built), two levels down. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const platformArch = (): string => `${process.platform}-${process.arch}`;

/** True on a Linux whose C library is musl: the glibc prebuilds must not be loaded there. */
export function isMuslLinux(): boolean {
  if (process.platform !== 'linux') return false;
  detectLibc ??= require('detect-libc') as typeof import('detect-libc');
  return detectLibc.familySync() === detectLibc.MUSL;
}

/** This platform as the error message names it: `linux-x64`, or `linux-x64 (musl)`. */
export function platformLabel(): string {
  return isMuslLinux() ? `${platformArch()} (musl)` : platformArch();
}

export interface Candidate {
  path: string;
  /** Why this path is not tried on this machine; absent when it is tried. */
  skipped?: string;
}

/** Every place the loader looks, in order, with the ones this platform must not load marked as skipped. */
export function candidates(root: string = PACKAGE_ROOT): Candidate[] {
  const prebuild = join(root, 'prebuilds', platformArch(), BINARY_FILE);
  const source = join(root, 'build', 'Release', BINARY_FILE);
  if (isMuslLinux()) return [{ path: prebuild, skipped: 'skipped: the Linux prebuilds are built for glibc, this is musl' }, { path: source }];
  return [{ path: prebuild }, { path: source }];
}

/** The paths the loader tries on this machine (candidates that are not skipped). */
export function candidatePaths(root: string = PACKAGE_ROOT): string[] {
  return candidates(root).filter((c) => !c.skipped).map((c) => c.path);
}

/** The platforms this copy of the package ships a prebuilt binary for (folders of prebuilds/ that hold one). */
export function shippedPlatforms(root: string = PACKAGE_ROOT): string[] {
  let dirs: string[];
  try {
    dirs = readdirSync(join(root, 'prebuilds'));
  } catch {
    return [];
  }
  return dirs.filter((d) => existsSync(join(root, 'prebuilds', d, BINARY_FILE))).sort();
}
