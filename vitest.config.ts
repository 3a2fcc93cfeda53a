// Native addons run in forked child processes (pool 'forks'): worker_threads would share one process and
// its loaded addon between test files, hiding per-instance bugs and making a native crash take everything down.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
