// lib/explore's runner on its own (issue 11 item 3): the machine generator is deterministic and exact, seeds and shards
// split without overlap or gaps, a failing seed is reported with its one-line replay and replays alone under
// KMDF_DMA_SIM_SEED, shrinking keeps only what is needed to fail, results do not depend on the split, and bad input
// is a coded error naming the option.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ExploreError, MachineRandom, explore, parseShard, readResults, seedsOf, shardSeeds, shrinkPerturbation, type PerturbOptions,
} from '../../lib/explore/index.js';
import { checkDraw } from '../../lib/hal/timing-model.js';

/** The first draw of seed 1: pinned (see the test that uses it). */
const PINNED_FIRST_DRAW = 2_442_144_158;

const dir = mkdtempSync(join(tmpdir(), 'kmdf-explore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return `${(e as { code?: string }).code} ${(e as Error).message}`;
  }
}

describe('the machine generator', () => {
  it('is the same sequence for the same seed, different for another, and forks by name', () => {
    const a = new MachineRandom(42);
    const b = new MachineRandom(42);
    const xs = Array.from({ length: 64 }, () => a.nextU32());
    expect(Array.from({ length: 64 }, () => b.nextU32())).toEqual(xs);
    expect(new MachineRandom(43).nextU32()).not.toBe(xs[0]);
    expect(new MachineRandom(42).fork('engine').nextU32()).toBe(new MachineRandom(42).fork('engine').nextU32());
    expect(new MachineRandom(42).fork('engine').nextU32()).not.toBe(new MachineRandom(42).fork('body').nextU32());
    // pinned: a change of the generator changes every explored run, so it must be a visible, deliberate change
    expect(new MachineRandom(1).nextU32()).toBe(PINNED_FIRST_DRAW);
  });

  it('draws every integer of a range, never outside it, about equally often', () => {
    const r = new MachineRandom(7);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[r.int(3, 12) - 3]++;
    for (const c of counts) expect(c).toBeGreaterThan(1_700);
    for (const c of counts) expect(c).toBeLessThan(2_300);
    expect(() => r.int(0, 2 ** 33)).toThrow(RangeError);
    expect(() => new MachineRandom(1.5)).toThrow(RangeError);
  });

  it('a Draw is checked: shapes, ranges, names', () => {
    expect(checkDraw(40, 'isrLatency').fixed).toBe(40);
    const u = checkDraw({ uniform: [40, 400] }, 'isrLatency');
    expect([u.min, u.max, u.fixed]).toEqual([40, 400, null]);
    const r = new MachineRandom(3);
    for (let i = 0; i < 100; i++) expect(u.draw(r)).toBeGreaterThanOrEqual(40);
    expect(codeOf(() => checkDraw({ uniform: [5, 1] }, 'x'))).toMatch(/^ERR_OUT_OF_RANGE "x.uniform"/);
    expect(codeOf(() => checkDraw({ normal: 3 }, 'x'))).toMatch(/^ERR_INVALID_ARGUMENT "x" has an unknown distribution/);
    expect(codeOf(() => checkDraw(-1, 'x'))).toMatch(/^ERR_OUT_OF_RANGE "x"/);
    expect(codeOf(() => checkDraw('40', 'x'))).toMatch(/^ERR_INVALID_ARG_TYPE "x"/);
    const e = checkDraw({ exponential: { mean: 100, max: 1000 } }, 'x');
    for (let i = 0; i < 200; i++) expect(e.draw(r)).toBeLessThanOrEqual(1000);
  });
});

describe('seeds and shards', () => {
  it('N is seeds 1..N; {from, count}; lists; every shard a disjoint part, all of them together every seed', () => {
    expect(seedsOf(5)).toEqual([1, 2, 3, 4, 5]);
    expect(seedsOf({ from: 100, count: 3 })).toEqual([100, 101, 102]);
    expect(seedsOf([9, -4])).toEqual([9, -4]);
    const all = seedsOf(100);
    const parts = [1, 2, 3].map((k) => shardSeeds(all, parseShard(`${k}/3`, 's')));
    expect(parts.flat().sort((a, b) => a - b)).toEqual(all);
    expect(parts.map((p) => p.length)).toEqual([34, 33, 33]);
  });

  it('refuses what is not a seed or a shard, naming it', () => {
    expect(codeOf(() => seedsOf(0))).toMatch(/^ERR_OUT_OF_RANGE "options.seeds"/);
    expect(codeOf(() => seedsOf([1, 2.5]))).toMatch(/^ERR_OUT_OF_RANGE "options.seeds\[1\]"/);
    expect(codeOf(() => seedsOf([2 ** 53]))).toMatch(/^ERR_OUT_OF_RANGE "options.seeds\[0\]"/);
    expect(codeOf(() => seedsOf('10' as never))).toMatch(/^ERR_INVALID_ARG_TYPE "options.seeds"/);
    expect(codeOf(() => parseShard('4/3', '--shard'))).toMatch(/^ERR_INVALID_ARGUMENT "--shard"/);
  });
});

describe('explore()', () => {
  /** A body that fails exactly when its own draw says so: 1 seed in 8, on average. */
  const flaky = (record: number[]) => async (ctx: Parameters<Parameters<typeof explore>[0]>[0]) => {
    const host = ctx.host();
    host.runFor(10);
    record.push(ctx.seed);
    if (ctx.random.int(0, 7) === 0) throw new Error(`seed ${ctx.seed} drew the bad case`);
  };

  it('runs every seed, reports each failing one with its replay line, and replays one seed alone', async () => {
    const seen: number[] = [];
    const lines: string[] = [];
    const r = await explore(flaky(seen), { seeds: 40, name: 'a flaky body', file: 'test/x.test.ts', traceDir: null, log: (l) => lines.push(l), shrink: false });
    expect(r.seeds).toEqual(seedsOf(40));
    expect(r.failures.length).toBeGreaterThan(0);
    const first = r.failures[0]!;
    expect(first.replay).toBe(`KMDF_DMA_SIM_SEED=${first.seed} npx vitest run test/x.test.ts -t "a flaky body"`);
    expect(lines[0]).toContain(first.replay);
    process.env.KMDF_DMA_SIM_SEED = String(first.seed);
    try {
      const again = await explore(flaky([]), { seeds: 40, traceDir: null, log: () => {} });
      expect(again.seeds).toEqual([first.seed]);
      expect(String(again.failures[0]!.error)).toBe(String(first.error));
    } finally {
      delete process.env.KMDF_DMA_SIM_SEED;
    }
  });

  it('gives the same results in one process and split into shards, collected through JSON lines', async () => {
    const whole = join(dir, 'whole.jsonl');
    await explore(flaky([]), { seeds: 30, results: whole, traceDir: null, log: () => {}, shrink: false });
    const parts = [1, 2, 3].map((k) => join(dir, `part${k}.jsonl`));
    for (const [i, file] of parts.entries()) {
      await explore(flaky([]), { seeds: 30, results: file, shard: { index: i + 1, count: 3 }, traceDir: null, log: () => {}, shrink: false });
    }
    expect(readResults(...parts)).toEqual(readResults(whole));
    expect(readResults(whole).length).toBe(30);
  });

  it('stops at the first failure when asked', async () => {
    const seen: number[] = [];
    const r = await explore(flaky(seen), { seeds: 200, stopAtFirst: true, traceDir: null, log: () => {}, shrink: false });
    expect(r.failures.length).toBe(1);
    expect(seen.at(-1)).toBe(r.failures[0]!.seed);
  });

  it('a body that builds no machine is a coded error; so are bad options, before any run', async () => {
    await expect(explore(() => {}, { seeds: 1, log: () => {} })).rejects.toMatchObject({ code: 'ERR_NO_MACHINE' });
    await expect(explore(flaky([]), { seeds: 1.5 })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(explore(flaky([]), { perturb: { rateDrift: 0.5 } })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE', message: expect.stringContaining('options.perturb.rateDrift') });
    await expect(explore(flaky([]), { perturb: { isrJitter: 3 } as never })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT', message: expect.stringContaining('options.perturb.isrJitter') });
    await expect(explore(flaky([]), { perturb: { requestJitter: { uniform: [0, 500] } } })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(explore('body' as never)).rejects.toBeInstanceOf(ExploreError);
  });
});

describe('shrinking', () => {
  it('drops what is not needed to fail and narrows what is', async () => {
    // fails when the ISR latency can reach 300 or more; the other options are noise
    const fails = async (p: PerturbOptions) => {
      const d = p.isrLatency;
      const max = d === undefined ? 40 : typeof d === 'number' ? d : 'uniform' in d ? d.uniform[1] : 40;
      return max >= 300;
    };
    const start: PerturbOptions = { isrLatency: { uniform: [40, 1000] }, dpcLatency: { uniform: [100, 2000] }, rateDrift: 0.02, waitStates: { uniform: [0, 4] } };
    expect(await fails(start)).toBe(true);
    const small = await shrinkPerturbation(start, fails);
    expect(Object.keys(small)).toEqual(['isrLatency']);
    expect(small.isrLatency).toBe(1000); // a fixed value is the smallest form of a distribution
  });
});
