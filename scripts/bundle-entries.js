// The entries of the one rolldown build of scripts/bundle.js: chunk name (dist/bundle/<name>.js, the files
// package.json "exports" and bin/ load) → the tsc output module in dist/ it bundles. Its own module so that
// test/lifecycle/bundle.test.ts reads the same table without running the build.
/** Chunk name → the tsc output module it bundles. */
export const ENTRIES = {
  index: 'index.js',
  sim: 'sim/index.js',
  hal: 'hal/index.js',
  kmdf: 'kmdf/index.js',
  sercx2: 'sercx2/index.js',
  host: 'host/index.js',
  explore: 'explore/index.js',
  trace: 'trace/index.js',
  vitest: 'vitest/index.js',
  'vitest-sequencer': 'vitest/explore-sequencer.js',
  'vitest-setup': 'vitest/setup.js',
  'demo-report': 'cli/demo-report.js',
  'cli-main': 'cli/main.js',
  // pool.ts starts workers on new URL('./worker.js', import.meta.url): the worker is this chunk.
  worker: 'explore/worker.js',
};
