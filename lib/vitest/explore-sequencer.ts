/**
 * `kmdf-dma-sim/vitest/sequencer`: vitest --shard for exploration suites.
 * @module vitest/sequencer
 */
// vitest --shard for explorations (issue 11 item 5): vitest's own sharding splits test FILES across machines, which
// would run each exploration file's seeds on one machine only. ExploreShardSequencer keeps vitest's split for every
// other file and, for exploration files, runs them on every shard with KMDF_DMA_SIM_SHARD=k/n set, so each shard
// explores its own share of the seeds (lib/explore/seeds.ts: every n-th seed from the k-th). Use it in
// vitest.config.ts: `test: { sequence: { sequencer: ExploreShardSequencer } }`, then `vitest --shard=k/n` as usual.
// Which files explore: names ending in explore.test.* (EXPLORE_FILE), or set your own with exploreShardSequencer().
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The exploration files' names by default: `explore.test.ts`, `uart.explore.test.ts`, ... */
export const EXPLORE_FILE = /(^|[\\/.])explore\.test\.[cm]?[jt]s$/;

/** A sequencer class that treats files matching `pattern` as exploration files (see the file comment). */
export function exploreShardSequencer(pattern: RegExp = EXPLORE_FILE): typeof BaseSequencer {
  return class ExploreShardSequencer extends BaseSequencer {
    override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
      const { index, count } = this.ctx.config.shard!;
      // The forks are started after sharding and inherit this process's environment.
      process.env.KMDF_DMA_SIM_SHARD = `${index}/${count}`;
      const explores = files.filter((f) => pattern.test(f.moduleId));
      const others = files.filter((f) => !pattern.test(f.moduleId));
      return [...explores, ...(others.length > 0 ? await super.shard(others) : [])];
    }
  };
}

/**
 * The sequencer for `vitest --shard` over exploration suites, with the default pattern (EXPLORE_FILE): set it as
 * `test.sequence.sequencer` in vitest's config, then shard as usual.
 */
export const ExploreShardSequencer = exploreShardSequencer();
