// `npm test`: every suite but the slow lifecycle files and the platform runs (test-groups.ts says which run owns
// which file). Native addons run in forked child processes (pool 'forks'): worker_threads would share one process
// and its loaded addon between test files, hiding per-instance bugs and making a native crash take everything down.
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { ALL_TESTS, LIFECYCLE_TESTS, PLATFORM_TESTS } from './test-groups.js';

export default defineConfig({
  test: {
    pool: 'forks',
    // vitest's default is one fewer worker than cores, which on the 2-core machines this runs on is one file at a
    // time; a file spends much of its time importing and in child processes, so two at a time is ~1.6x faster here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    include: ALL_TESTS,
    exclude: [...configDefaults.exclude, ...PLATFORM_TESTS, ...LIFECYCLE_TESTS],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
