// Which seeds a run explores (issue 11 items 3 and 5): a count (seeds 1..N), a range, or a list; split across shards by
// index (KMDF_DMA_SIM_SHARD=k/n or the CLI's --shard k/n) so that every seed runs on exactly one shard and the results
// do not depend on how the seeds were split; and KMDF_DMA_SIM_SEED=<seed>, which replays one seed.
import { ExploreError } from './explore-error.js';

/** Seeds to run: a count (1..N), a list, or a range {from, count}. */
export type SeedSpec = number | readonly number[] | { readonly from: number; readonly count: number };

/** One shard of a split run (vitest's --shard=index/count): the seeds it takes. */
export interface Shard {
  /** 1-based, as vitest writes it (--shard=2/4). */
  readonly index: number;
  readonly count: number;
}

function safeSeed(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ExploreError(typeof value === 'number' ? 'ERR_OUT_OF_RANGE' : 'ERR_INVALID_ARG_TYPE', `"${name}" must be a safe integer; received ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

/** The seeds of a spec, in order (a count N is seeds 1..N). */
export function seedsOf(spec: SeedSpec, name = 'options.seeds'): number[] {
  if (typeof spec === 'number') {
    if (!Number.isSafeInteger(spec) || spec < 1 || spec > 10_000_000) {
      throw new ExploreError('ERR_OUT_OF_RANGE', `"${name}" must be a whole number of seeds in [1, 10^7], a list or {from, count}; received ${spec}`);
    }
    return Array.from({ length: spec }, (_, i) => i + 1);
  }
  if (Array.isArray(spec)) {
    if (spec.length === 0) throw new ExploreError('ERR_INVALID_ARGUMENT', `"${name}" must not be empty`);
    return spec.map((s, i) => safeSeed(s, `${name}[${i}]`));
  }
  if (typeof spec === 'object' && spec !== null) {
    const { from, count } = spec as { from: unknown; count: unknown };
    const start = safeSeed(from, `${name}.from`);
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 10_000_000) {
      throw new ExploreError('ERR_OUT_OF_RANGE', `"${name}.count" must be a whole number in [1, 10^7]; received ${String(count)}`);
    }
    if (!Number.isSafeInteger(start + count - 1)) throw new ExploreError('ERR_OUT_OF_RANGE', `"${name}" runs past 2^53 - 1`);
    return Array.from({ length: count }, (_, i) => start + i);
  }
  throw new ExploreError('ERR_INVALID_ARG_TYPE', `"${name}" must be a number of seeds, a list of seeds or {from, count}; received ${spec === null ? 'null' : typeof spec}`);
}

/** Parses 'k/n' (1 <= k <= n). */
export function parseShard(text: string, name: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index >= 1 && index <= count)) {
    throw new ExploreError('ERR_INVALID_ARGUMENT', `"${name}" must be k/n with 1 <= k <= n (as vitest --shard); received '${text}'`);
  }
  return { index, count };
}

/** The seeds of this shard: every seed whose position p (0-based) has p mod n = k - 1. */
export function shardSeeds(seeds: readonly number[], shard: Shard | null): number[] {
  if (shard === null || shard.count === 1) return [...seeds];
  return seeds.filter((_, p) => p % shard.count === shard.index - 1);
}

/** KMDF_DMA_SIM_SHARD from the environment, or null. */
export function environmentShard(env: NodeJS.ProcessEnv = process.env): Shard | null {
  const s = env.KMDF_DMA_SIM_SHARD;
  return s === undefined || s === '' ? null : parseShard(s, 'KMDF_DMA_SIM_SHARD');
}

/** KMDF_DMA_SIM_SEED from the environment (the one-line replay), or null. */
export function environmentSeed(env: NodeJS.ProcessEnv = process.env): number | null {
  const s = env.KMDF_DMA_SIM_SEED;
  if (s === undefined || s === '') return null;
  const n = Number(s);
  if (!/^-?\d+$/.test(s.trim()) || !Number.isSafeInteger(n)) {
    throw new ExploreError('ERR_OUT_OF_RANGE', `"KMDF_DMA_SIM_SEED" must be a safe integer; received '${s}'`);
  }
  return n;
}
