// Lifecycle memory (issue 13 item 7): after a warm-up, building and tearing down machines in a loop leaves the
// process's resident set (process.memoryUsage().rss: an OS count, not a timing) within 20 MB of where it started —
// whether each machine is disposed or only dropped and garbage-collected. Each case is a child process running
// bench/rss-lifecycle.js (the script that prints the curve) with --expose-gc, so no other test's heap is measured.
//
// What it guards: RAM regions and the event block used to come from calloc, which glibc serves from the heap once a
// freed large block has raised its mmap threshold — zero-filled by hand, every page resident, never given back — and
// dispose() freed nothing until Node-API got round to the finalizers (main before this: +2.1 GB per 10,000 synchronous
// create/dispose cycles, 8 GB after 1,500 Kernels). Now large blocks are mapped pages (native/core/page_allocator.h)
// and dispose() frees the engine and the lent blocks at once.
//
// This file (in `npm run test:lifecycle`, not `npm test`: test-groups.ts) does the 100,000 cycles for the
// Simulator and fewer for the heavier machines (a Kernel with its 16 MiB of RAM, the UART example's TestHost);
// scripts/ci/lifecycle-full.sh runs 100,000 of each in CI.
// Skipped under the sanitizer run: ASan keeps freed memory in quarantine on purpose, so RSS says nothing there.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulator } from '../../lib/index.js';
import { simulatorEventWords } from '../../lib/sim/simulator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../bench/rss-lifecycle.js', import.meta.url));
const BOUND_BYTES = 20e6;
const MiB = 1 << 20;
/** --expose-gc, and V8's young generation pinned at its full size (bench/rss-lifecycle.js: its growth part-way is
 *  V8 sizing itself, at a moment that depends on timing, not memory the simulator kept). */
const NODE_FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'];
const SANITIZED = /lib(asan|clang_rt\.asan)/.test(process.env.LD_PRELOAD ?? '');

interface RssResult {
  startMiB: number;
  endMiB: number;
  maxMiB: number;
  samples: [number, number][];
}

function curve(args: string[]): RssResult {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, SCRIPT, '--json', ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 300_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.startsWith('RSS_RESULT '));
  expect(line, r.stdout).toBeDefined();
  return JSON.parse(line!.slice('RSS_RESULT '.length)) as RssResult;
}

/** The curve as text, for the failure message. */
const shape = (r: RssResult): string => r.samples.map(([n, v]) => `${n}:${v.toFixed(1)}`).join(' ');

function expectFlat(r: RssResult): void {
  expect((r.endMiB - r.startMiB) * MiB, `RSS MiB by cycle: ${shape(r)}`).toBeLessThanOrEqual(BOUND_BYTES);
  expect((r.maxMiB - r.startMiB) * MiB, `RSS MiB by cycle: ${shape(r)}`).toBeLessThanOrEqual(BOUND_BYTES);
}

describe.skipIf(SANITIZED)('RSS after many machines', () => {
  it('100,000 Simulators created, used and disposed', { timeout: 300_000 }, () => {
    expectFlat(curve(['--machine', 'sim', '--end', 'dispose', '--cycles', '100000', '--every', '10000']));
  });

  it('100,000 Simulators dropped and collected', { timeout: 300_000 }, () => {
    expectFlat(curve(['--machine', 'sim', '--end', 'drop', '--cycles', '100000', '--every', '10000']));
  });

  it('20,000 Kernels (16 MiB of RAM each) disposed, 2,000 dropped and collected', { timeout: 300_000 }, () => {
    expectFlat(curve(['--machine', 'kernel', '--end', 'dispose', '--cycles', '20000', '--every', '2000']));
    expectFlat(curve(['--machine', 'kernel', '--end', 'drop', '--cycles', '2000', '--every', '500', '--warmup', '1000']));
  });

  it('2,000 UART TestHost machines disposed, 1,000 dropped and collected', { timeout: 300_000 }, () => {
    expectFlat(curve(['--machine', 'host', '--end', 'dispose', '--cycles', '2000', '--every', '500', '--warmup', '1000']));
    expectFlat(curve(['--machine', 'host', '--end', 'drop', '--cycles', '1000', '--every', '250', '--warmup', '1000']));
  });

  it('dispose() gives the memory back at once, even in a loop that never lets finalizers run', { timeout: 300_000 }, () => {
    // Node-API runs finalizers only when the event loop turns, so a synchronous loop keeps each Simulator's few
    // Node-API records (its wrap, functions and buffer holders: about 5 KiB) until it ends; its RAM, event block and
    // engine must not wait with them (they did: 213 KiB a cycle).
    const cycles = 5000;
    const r = curve(['--machine', 'sim', '--end', 'dispose', '--sync', '--cycles', String(cycles), '--every', '1000']);
    expect(((r.endMiB - r.startMiB) * MiB) / cycles, `RSS MiB by cycle: ${shape(r)}`).toBeLessThanOrEqual(16 * 1024);
  });
});

describe('dispose() takes back what the addon lent', () => {
  it('the RAM view, the event block and the program block read as length 0 after it (freed, so detached first)', () => {
    const sim = new Simulator();
    const ram = sim.addMemory({ base: 0, size: 1 << 20 });
    ram.bytes.fill(1);
    sim.dma.programMemoryToMemory({ channel: 1, source: 0, destination: 0x8000, length: 256, width: 4 });
    sim.runFor(1000);
    const words = simulatorEventWords(sim);
    const bytes = ram.bytes;
    expect([words.length > 0, bytes.length]).toEqual([true, 1 << 20]);
    sim.dispose();
    expect([words.length, bytes.length, words[0], bytes[0]]).toEqual([0, 0, undefined, undefined]);
  });
});
