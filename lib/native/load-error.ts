// The one error the loader throws when no addon loads: every path tried with why it failed, the platform, which
// platforms the package ships prebuilt binaries for, and how to build one from source. Modelled on what users of
// prebuilt addons most often need to know (which file, which ABI, what to install).
import { ADDON_NAPI_VERSION, PACKAGE_ROOT, platformLabel, shippedPlatforms } from './paths.js';

export interface LoadAttempt {
  path: string;
  reason: string;
}

export class NativeLoadError extends Error {
  readonly code = 'ERR_KMDF_DMA_SIM_NATIVE_LOAD';
  readonly attempts: LoadAttempt[];
  /** The platforms (`<platform>-<arch>`) this copy of the package has a prebuilt binary for. */
  readonly shippedPlatforms: string[];

  constructor(attempts: LoadAttempt[], root: string = PACKAGE_ROOT) {
    const napi = process.versions.napi ?? 'unknown';
    const shipped = shippedPlatforms(root);
    const lines = [
      'kmdf-dma-sim could not load its native addon.',
      'Tried:',
      ...attempts.map((a) => `  → ${a.path}: ${a.reason}`),
      `Platform ${platformLabel()}, Node ${process.version}, Node-API ${napi} (the addon needs Node-API ${ADDON_NAPI_VERSION}).`,
      `This package ships prebuilt binaries for: ${shipped.length ? shipped.join(', ') : 'none (this copy has no prebuilds/ folder)'}.`,
      'Fix it in one of two ways:',
      '  1. use one of those platforms (Node 20.17+ on glibc 2.28+ for Linux), or',
      '  2. build it from source: install CMake 3.20+ and a C++20 compiler (Linux: g++ 10+ or clang++ 12+ and ninja or ' +
        'make; Windows: Visual Studio Build Tools with "Desktop development with C++"; macOS: Xcode command line tools), ' +
        `then run \`npm rebuild kmdf-dma-sim\` (in a clone of the repository: \`npm run build:native\`). Package root: ${root}.`,
    ];
    super(lines.join('\n'));
    this.name = 'NativeLoadError';
    this.attempts = attempts;
    this.shippedPlatforms = shipped;
  }
}
