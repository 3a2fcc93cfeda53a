// Where the native addon may live, in the order the loader tries them (prebuildify's layout first, then a
// source build by cmake-js). One module so the loader, the install script's logic and the tests agree.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the addon: the cmake target's OUTPUT_NAME and prebuildify's name for a Node-API build. */
export const BINARY_FILE = 'kmdf-dma-sim.node';

/** Environment variable that names an addon file to load instead of searching. */
export const BINARY_ENV = 'KMDF_DMA_SIM_BINARY';

/** The Node-API version the addon is built for (CMakeLists.txt, package.json "binary.napi_versions"). */
export const ADDON_NAPI_VERSION = 8;

/** The package root: this file is lib/native/paths.ts (sources) or dist/native/paths.js (built), two levels down. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const platformArch = (): string => `${process.platform}-${process.arch}`;

/** `bindings`' try list: each entry is joined after replacing known keys by their values. */
export const TRY_LIST: string[][] = [
  ['module_root', 'prebuilds', 'platform_arch', 'bindings'],
  ['module_root', 'build', 'Release', 'bindings'],
];

/** The concrete paths of TRY_LIST for this process. */
export function candidatePaths(root: string = PACKAGE_ROOT): string[] {
  return [join(root, 'prebuilds', platformArch(), BINARY_FILE), join(root, 'build', 'Release', BINARY_FILE)];
}
