// `npm run test:lifecycle`: the install tests and the RSS bounds (test-groups.ts), slow because they pack and build
// the package and run 100,000-machine loops in child processes. CI runs this beside `npm test` (.ci/run). Native
// addons run in forked child processes (see vitest.config.ts).
import { defineConfig } from 'vitest/config';
import { LIFECYCLE_TESTS } from './test-groups.js';

export default defineConfig({
  test: {
    pool: 'forks',
    // Both files at once: each spends most of its time in child processes (npm, a compiler, the RSS loops).
    maxWorkers: 2,
    include: LIFECYCLE_TESTS,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
