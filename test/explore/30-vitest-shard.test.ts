// `vitest --shard=k/n` with ExploreShardSequencer (kmdf-dma-sim/vitest/sequencer): an exploration file runs on every
// shard, each shard exploring its own seeds (together: every seed once), while the other files are split by vitest.
// Runs a child vitest per shard over test/explore/fixtures/shard.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('./fixtures/shard/', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

it('each shard explores its share of the seeds and runs its share of the other files', () => {
  const out = mkdtempSync(join(tmpdir(), 'kmdf-shard-'));
  try {
    const files: string[][] = [];
    for (const shard of ['1/2', '2/2']) {
      const before = new Set(readdirSync(out));
      const r = spawnSync(process.execPath, [VITEST, 'run', '--root', ROOT, '--config', join(ROOT, 'vitest.config.ts'), `--shard=${shard}`], {
        encoding: 'utf8', env: { ...process.env, SHARD_OUT: out, KMDF_DMA_SIM_SHARD: '' },
      });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      files.push(readdirSync(out).filter((f) => f.startsWith('file-') && !before.has(f)));
    }
    const first = JSON.parse(readFileSync(join(out, 'explore-1of2.json'), 'utf8')) as number[];
    const second = JSON.parse(readFileSync(join(out, 'explore-2of2.json'), 'utf8')) as number[];
    expect(first).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(second).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    // the other four files: two on each shard, none twice
    expect(files.map((f) => f.length)).toEqual([2, 2]);
    expect([...files[0]!, ...files[1]!].sort()).toEqual(['file-a', 'file-b', 'file-c', 'file-d']);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
