// `npm test`: every suite but the slow lifecycle files and the platform runs (test-groups.ts says which run owns
// which file). Native addons run in forked child processes (pool 'forks'): worker_threads would share one process
// and its loaded addon between test files, hiding per-instance bugs and making a native crash take everything down.
import { configDefaults, defineConfig } from 'vitest/config';
import { ALL_TESTS, LIFECYCLE_TESTS, PLATFORM_TESTS } from './test-groups.js';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ALL_TESTS,
    exclude: [...configDefaults.exclude, ...PLATFORM_TESTS, ...LIFECYCLE_TESTS],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
