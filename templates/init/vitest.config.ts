// vitest for a kmdf-dma-sim project. The simulator is a native addon: test files run in forked child processes
// (pool 'forks'), each with its own addon instance, so a native fault in one file cannot take the others down.
// The setup file registers kmdf-dma-sim's timing matchers (toCompleteAt, toCompleteWithin, toCompleteWithStatus,
// toHaveReceived).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    setupFiles: ['kmdf-dma-sim/vitest/setup'],
  },
});
