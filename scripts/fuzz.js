#!/usr/bin/env node
// `npm run fuzz`: the property fuzzers of test/fuzz in their long mode (at least 10^7 calls; budget.ts). Each batch's
// seed is printed to stderr before it runs, so a crash that takes the process down still names the seed to replay
// (KMDF_DMA_SIM_FUZZ=long KMDF_DMA_SIM_FUZZ_SEED=<seed> npx vitest run test/fuzz). Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const args = [vitest, 'run', 'test/fuzz', '--testTimeout=86400000', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KMDF_DMA_SIM_FUZZ: 'long' },
});
if (result.status !== 0) {
  process.stderr.write('fuzz: failed — the last "seed=" line above (or fast-check\'s counterexample) replays it\n');
}
process.exit(result.status ?? 1);
