// The V8 code cache of the two chunks every program loads (scripts/bundle-scripts.js, scripts/code-cache.js,
// dist/bundle/script-chunk.js; issue 14 item 3): a fresh node on the built package starts them from the cache the
// build wrote, a node whose V8 flags differ (so V8 refuses the cache) and KMDF_DMA_SIM_CODE_CACHE=off compile them
// from source, and all three print the uart demo byte for byte alike.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/kmdf-dma-sim.js', import.meta.url));

/** The script-chunk status of a fresh node that imported the package root, run with `flags` and `env`. */
function statusOf(flags: string[], env: Record<string, string> = {}): Record<string, string> {
  const source = `
    await import('kmdf-dma-sim');
    const { scriptChunkStatus } = await import(${JSON.stringify(new URL('script-chunk.js', `file://${BUNDLE}`).href)});
    console.log(JSON.stringify(scriptChunkStatus()));
  `;
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', source], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string>;
}

function demo(flags: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(process.execPath, [...flags, CLI, 'demo', 'uart'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the code cache of the script chunks', () => {
  const scripts = readdirSync(BUNDLE).filter((f) => f.endsWith('.script.js')).sort();

  it('covers the simulator and framework chunks, each with its cache beside it', () => {
    expect(scripts.map((f) => f.replace(/-[\w-]{8}\.script\.js$/, ''))).toEqual(['framework', 'sim-core']);
    const caches = readdirSync(BUNDLE).filter((f) => f.endsWith('.script.cache')).sort();
    expect(caches).toEqual(scripts.map((f) => f.replace(/\.js$/, '.cache')));
  });

  it('is taken by a fresh node on the package, refused by one with other V8 flags, skipped when turned off', () => {
    const accepted = statusOf([]);
    expect(Object.keys(accepted).sort()).toEqual(scripts);
    expect(Object.values(accepted)).toEqual(['accepted', 'accepted']);
    expect(Object.values(statusOf(['--no-opt']))).toEqual(['rejected', 'rejected']);
    expect(Object.values(statusOf([], { KMDF_DMA_SIM_CODE_CACHE: 'off' }))).toEqual(['none', 'none']);
  });

  it('changes nothing a program sees: the uart demo prints the same with, without and refused', () => {
    const withCache = demo([]);
    expect(withCache).toContain('kmdf-dma-sim demo uart');
    expect(demo([], { KMDF_DMA_SIM_CODE_CACHE: 'off' })).toBe(withCache);
    expect(demo(['--no-opt'])).toBe(withCache);
  });
});
