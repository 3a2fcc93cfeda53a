// The same seeds give the same results whether they run in one process, on worker processes (tinypool), or split
// into shards (issue 11 item 5): failures and coverage counts are compared exactly. Also the CLI,
// `kmdf-dma-sim explore <example>` (issue 11 item 7): the coverage table, replay lines, exit statuses.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explore, exploreOnWorkers, mergeCoverage, type CoverageReport } from 'kmdf-dma-sim/explore';

const UART = fileURLToPath(new URL('../../dist/examples/uart/explore.js', import.meta.url));
const FAILING = fileURLToPath(new URL('./fixtures/failing-scenarios.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/kmdf-dma-sim.js', import.meta.url));
const CANCEL = 'uart: a cancelled write reports exactly what left';

const counts = (c: CoverageReport) => Object.fromEntries(c.rows.filter((r) => r.hits > 0).map((r) => [r.point, r.hits]));

describe('seeds split any way give the same results', () => {
  it('one process, two workers and three shards agree on failures and coverage', async () => {
    const mod = (await import(UART)) as typeof import('../../examples/uart/explore.js');
    const scenario = mod.scenarios.find((s) => s.name === CANCEL)!;
    const direct = await explore(scenario.body, { seeds: 30, perturb: scenario.perturb, traceDir: null, log: () => {} });
    const inProcess = await exploreOnWorkers({ module: UART, scenario: CANCEL, seeds: 30, workers: 0, chunk: 7 });
    const workers = await exploreOnWorkers({ module: UART, scenario: CANCEL, seeds: 30, workers: 2, chunk: 4 });
    const shards = await Promise.all([1, 2, 3].map((index) => exploreOnWorkers({ module: UART, scenario: CANCEL, seeds: 30, workers: 0, shard: { index, count: 3 } })));
    expect(direct.failures).toEqual([]);
    expect(counts(direct.coverage)).not.toEqual({});
    for (const r of [inProcess, workers]) {
      expect(r.seeds).toEqual(direct.seeds);
      expect(r.failures).toEqual([]);
      expect(counts(r.coverage)).toEqual(counts(direct.coverage));
    }
    expect(shards.flatMap((s) => s.seeds).sort((a, b) => a - b)).toEqual(direct.seeds);
    expect(counts(mergeCoverage(shards.map((s) => s.coverage)))).toEqual(counts(direct.coverage));
  });

  it('failing seeds are the same on workers and in shards', async () => {
    const one = await exploreOnWorkers({ module: FAILING, scenario: 'fails on multiples of 7', seeds: 40, workers: 0, shrink: false });
    const two = await exploreOnWorkers({ module: FAILING, scenario: 'fails on multiples of 7', seeds: 40, workers: 2, chunk: 3, shrink: false });
    const shards = await Promise.all([1, 2].map((index) => exploreOnWorkers({ module: FAILING, scenario: 'fails on multiples of 7', seeds: 40, workers: 0, shard: { index, count: 2 }, shrink: false })));
    expect(one.failures.map((f) => f.seed)).toEqual([7, 14, 21, 28, 35]);
    expect(two.failures.map((f) => [f.seed, f.error])).toEqual(one.failures.map((f) => [f.seed, f.error]));
    expect(shards.flatMap((s) => s.failures.map((f) => f.seed)).sort((a, b) => a - b)).toEqual([7, 14, 21, 28, 35]);
  });
});

describe('kmdf-dma-sim explore', () => {
  it('explore uart --seeds 200 runs every scenario and prints the coverage table', () => {
    const out = execFileSync(process.execPath, [CLI, 'explore', 'uart', '--seeds', '200'], { encoding: 'utf8' });
    expect(out).toMatch(/^ok {3}uart: a write and a read at once keep every byte: 200 seeds, 0 failed$/m);
    expect(out).toMatch(/^ok {3}uart: a cancelled write reports exactly what left: 200 seeds, 0 failed$/m);
    expect(out).toMatch(/^coverage: \d+ of \d+ points reached$/m);
    expect(out).toMatch(/^txn: Initialized -> Transfer +[\d,]+ +kmdf$/m);
    expect(out).toMatch(/never/);
  });

  it('a failing scenario prints each failing seed with its replay line and exits 1; the replay runs that seed', () => {
    const r = spawnSync(process.execPath, [CLI, 'explore', FAILING, '--seeds', '20', '--no-shrink'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^FAIL fails on multiples of 7: 20 seeds, 2 failed$/m);
    expect(r.stdout).toMatch(/^ok {3}never fails: 20 seeds, 0 failed$/m);
    const replay = `KMDF_DMA_SIM_SEED=14 npx kmdf-dma-sim explore ${FAILING} --scenario "fails on multiples of 7"`;
    expect(r.stdout).toContain(`replay: ${replay}`);
    const again = spawnSync(process.execPath, [CLI, 'explore', FAILING, '--scenario', 'fails on multiples of 7', '--no-shrink'], { encoding: 'utf8', env: { ...process.env, KMDF_DMA_SIM_SEED: '14' } });
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/^FAIL fails on multiples of 7: 1 seeds, 1 failed$/m);
    expect(again.stdout).toContain('seed 14: Error: seed 14 is a multiple of 7');
  });

  it('bad arguments are named, with exit status 2', () => {
    for (const [args, text] of [
      [['explore', 'uart', '--seeds', '0'], /"--seeds" must be a whole number >= 1; received '0' \[ERR_OUT_OF_RANGE\]/],
      [['explore', 'uart', '--shard', '3/2'], /"--shard" must be k\/n/],
      [["explore", "nosuch"], /"example" must be one of uart, spi, audio-ring, sercx2-uart, sercx2-ring/],
      [['explore', 'uart', '--scenario', 'nope'], /"--scenario" must name one of/],
    ] as const) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(text);
    }
  });
});
