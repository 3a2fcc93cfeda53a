// The V8 code cache of the two chunks every program loads (scripts/bundle-scripts.js, scripts/code-cache.js,
// dist/bundle/script-chunk.js; issue 14 item 3): a fresh node on the built package starts them from the cache the
// build wrote, a node whose V8 flags differ (so V8 refuses the cache) and KMDF_DMA_SIM_CODE_CACHE=off compile them
// from source, and all three print the uart demo byte for byte alike. A node of another platform, architecture or
// version is never offered the cache (V8 took the x64 cache on arm64 and crashed): code-cache.json names the runtime
// that made it; the platform runs (test/platforms/tarball.test.ts) run the demos from the tarball on arm64 and
// Windows.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scriptChunkStatusIn } from '../helpers/package-stage.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/bundle/', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/kmdf-dma-sim.js', import.meta.url));

/** The script-chunk status of a fresh node on this checkout that imported the package root. */
function statusOf(flags: string[], env: Record<string, string> = {}): Record<string, string> {
  return scriptChunkStatusIn(ROOT, { cwd: ROOT, flags, env: { ...process.env, ...env } });
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
    // Made by this node, on this platform.
    expect(JSON.parse(readFileSync(`${BUNDLE}code-cache.json`, 'utf8'))).toEqual({
      node: process.version, v8: process.versions.v8, platform: process.platform, arch: process.arch,
    });
  });

  it('is offered only to the runtime that made it: another node, V8, platform or architecture compiles from source', async () => {
    const { cacheFits, runtimeOf } = (await import(new URL('script-chunk.js', `file://${BUNDLE}`).href)) as {
      cacheFits(made: unknown, runtime: Record<string, string>): boolean;
      runtimeOf(): Record<string, string>;
    };
    const here = runtimeOf();
    expect(cacheFits({ ...here }, here)).toBe(true);
    for (const [field, other] of [['arch', 'arm64'], ['platform', 'win32'], ['node', 'v20.0.0'], ['v8', '11.3.0']] as const) {
      expect(cacheFits({ ...here, [field]: other === here[field] ? `${other}-x` : other }, here), field).toBe(false);
    }
    expect(cacheFits({ ...here, extra: 'field' }, here)).toBe(false);
    expect(cacheFits(null, here)).toBe(false);
    expect(cacheFits('x64', here)).toBe(false);
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
