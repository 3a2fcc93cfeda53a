// The one error the loader throws when no addon loads: every path tried with why it failed, the platform, and
// the two ways out. Modelled on what users of prebuilt addons most often need to know (which file, which ABI).
import { ADDON_NAPI_VERSION, PACKAGE_ROOT, platformArch } from './paths.js';

export interface LoadAttempt {
  path: string;
  reason: string;
}

export class NativeLoadError extends Error {
  readonly code = 'ERR_KMDF_DMA_SIM_NATIVE_LOAD';
  readonly attempts: LoadAttempt[];

  constructor(attempts: LoadAttempt[]) {
    const napi = process.versions.napi ?? 'unknown';
    const lines = [
      'kmdf-dma-sim could not load its native addon.',
      'Tried:',
      ...attempts.map((a) => `  → ${a.path}: ${a.reason}`),
      `Platform ${platformArch()}, Node ${process.version}, Node-API ${napi} (the addon needs Node-API ${ADDON_NAPI_VERSION}).`,
      'Fix it in one of two ways:',
      `  1. use a platform for which the package ships a prebuilt binary (prebuilds/<platform>-<arch>/), or`,
      `  2. build from source: install cmake (3.20+) and a C++20 compiler, then run \`npx cmake-js compile\` in ${PACKAGE_ROOT}.`,
    ];
    super(lines.join('\n'));
    this.name = 'NativeLoadError';
    this.attempts = attempts;
  }
}
