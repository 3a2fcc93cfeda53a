// The platform runs (`npm run test:platforms`; CI runs them through scripts/ci/platforms.sh): each shipped prebuild
// is built and then run on its platform — win32-x64 under wine, linux-arm64 under qemu-aarch64 — and checked for
// what it needs from the system; the packed tarball is installed and run on all three. Slow (minutes) and in need
// of cross compilers, wine and qemu, so not part of `npm test`. The global setup builds the prebuilds and fetches
// the foreign Node builds once. Native addons run in forked child processes (see vitest.config.ts). Two files at a
// time even on two cores: most of a file's time is a child (qemu, wine, a compiler) that leaves a core idle.
import { defineConfig } from 'vitest/config';
import { PLATFORM_TESTS } from './test-groups.js';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    include: PLATFORM_TESTS,
    globalSetup: ['test/platforms/global-setup.ts'],
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
