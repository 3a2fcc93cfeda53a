// How much the property fuzzers do, and with which seed (issue 13 item 5). The default is CI's short budget (at
// least 100,000 calls in all, a few seconds); `npm run fuzz` sets KMDF_DMA_SIM_FUZZ=long (at least 10^7 calls), which
// also prints each batch's seed to stderr BEFORE the batch runs, so a crash that takes the process down still names
// the seed that replays it. Replay any failure with KMDF_DMA_SIM_FUZZ_SEED=<seed> (and the same mode).
export const LONG = process.env.KMDF_DMA_SIM_FUZZ === 'long';

/** The seed of the first batch: fixed unless given, so the short budget is the same run every time. */
export const BASE_SEED = (() => {
  const raw = process.env.KMDF_DMA_SIM_FUZZ_SEED;
  if (raw === undefined || raw === '') return 0x5eed;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`KMDF_DMA_SIM_FUZZ_SEED must be a safe integer; got '${raw}'`);
  return seed;
})();

/** Runs `batch(seed)` `count` times with consecutive seeds, naming each seed first in long mode. */
export function batches(name: string, count: number, batch: (seed: number) => void): void {
  for (let i = 0; i < count; i++) {
    const seed = BASE_SEED + i;
    if (LONG) process.stderr.write(`fuzz ${name}: batch ${i + 1}/${count} seed=${seed} (replay: KMDF_DMA_SIM_FUZZ=long KMDF_DMA_SIM_FUZZ_SEED=${seed})\n`);
    batch(seed);
  }
}

/** Calls made by the fuzzers in this process (each property adds what it did). */
export const counter = { calls: 0 };
