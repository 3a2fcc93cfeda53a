// Native addons run in forked child processes (pool 'forks'): worker_threads would share one process and
// its loaded addon between test files, hiding per-instance bugs and making a native crash take everything down.
// test/platforms/ has its own config (vitest.platforms.config.ts, `npm run test:platforms`): it needs wine, qemu and
// cross compilers and takes minutes.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/platforms/**'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
