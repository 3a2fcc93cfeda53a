// Issue 14 item 3 "Cold start": what a short test file pays before its first assertion, each figure taken in fresh
// `node` processes (nothing compiled, nothing cached):
// - `import('kmdf-dma-sim')` (the package root, resolved through package.json "exports" as a user gets it) and
//   `import('kmdf-dma-sim/sim')` (the simulator layer alone), alternating one process each, IMPORT_RUNS [11] of each;
//   the rows are medians of the host milliseconds from just before the import() to its promise settling (node's own
//   bootstrap, the same for both, is left out);
// - the first 5 MiB of 4 KiB fragments through the KMDF path (fragments-path.js, TX FIFO port) in a fresh process,
//   COLD_RUNS [5] processes, median round trips per host second: the README's "first 5 MiB after the process starts"
//   row, alone in its process so no earlier benchmark has warmed V8; and the CPU time the process spent on them (the
//   steadier figure when the 2-core VM is overcommitted and wall time mostly measures waiting for a core).
// It measures the checkout it sits in (the package name resolves to this checkout by self-reference), so
// `node bench/compare.js <other checkout> cold-start` pairs it against another built checkout holding this file and
// this fragments-path.js (which imports the package by name: there it gets that checkout's package root).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const checkout = join(here, '..');
const IMPORT_RUNS = Math.max(1, Number(process.env.IMPORT_RUNS ?? 11));
const COLD_RUNS = Math.max(1, Number(process.env.COLD_RUNS ?? 5));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One fresh process that imports `specifier` and prints the host milliseconds the import took. Run from the
// checkout so the bare specifier resolves to it (a package may import itself by name through its "exports").
function importMs(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log('IMPORT_MS ' + (performance.now() - t));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: checkout, encoding: 'utf8' });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('IMPORT_MS '));
  if (r.status !== 0 || !line) throw new Error(`import('${specifier}') failed (exit ${r.status}): ${r.stderr}`);
  return Number(line.slice('IMPORT_MS '.length));
}

// The first 5 MiB in a fresh process: fragments.bench.js with no measured rounds after its 5 cold writes (WARMUP=5,
// ROUNDS=0), so the process ends right after them; its cold row is the figure.
function first5MiB() {
  const r = spawnSync(process.execPath, [join(here, 'fragments.bench.js')], {
    cwd: checkout, encoding: 'utf8', env: { ...process.env, WARMUP: '5', ROUNDS: '0' },
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (r.status !== 0 || !line) throw new Error(`fragments.bench.js failed (exit ${r.status}): ${r.stderr}`);
  const rows = JSON.parse(line.slice('BENCH_RESULT '.length));
  const rate = rows.find((x) => x.metric === 'cold: first 5 MiB after start, round trips').value;
  const cpu = rows.find((x) => x.metric === 'cold: first 5 MiB after start, process CPU time')?.value ?? NaN;
  return { rate, cpu };
}

const root = [];
const sim = [];
for (let i = 0; i < IMPORT_RUNS; i++) {
  // Alternate which goes first so a drift of the shared VM falls on both alike.
  if (i % 2 === 0) {
    root.push(importMs('kmdf-dma-sim'));
    sim.push(importMs('kmdf-dma-sim/sim'));
  } else {
    sim.push(importMs('kmdf-dma-sim/sim'));
    root.push(importMs('kmdf-dma-sim'));
  }
}
const cold = [];
for (let i = 0; i < COLD_RUNS; i++) cold.push(first5MiB());

const rootMs = median(root);
const simMs = median(sim);
const coldRate = median(cold.map((c) => c.rate));
const coldCpu = median(cold.map((c) => c.cpu));
console.log(`import('kmdf-dma-sim'): median ${rootMs.toFixed(1)} ms of ${root.map((x) => x.toFixed(1)).join(', ')}`);
console.log(`import('kmdf-dma-sim/sim'): median ${simMs.toFixed(1)} ms of ${sim.map((x) => x.toFixed(1)).join(', ')}`);
console.log(`first 5 MiB after start: median ${Math.round(coldRate)} round trips/s of ${cold.map((c) => Math.round(c.rate)).join(', ')}`);
console.log(`first 5 MiB after start: median ${coldCpu.toFixed(1)} ms of process CPU time of ${cold.map((c) => c.cpu.toFixed(1)).join(', ')}`);
console.log('BENCH_RESULT ' + JSON.stringify([
  { bench: 'cold start', metric: "import('kmdf-dma-sim') in a fresh process (median)", value: rootMs, unit: 'ms' },
  { bench: 'cold start', metric: "import('kmdf-dma-sim/sim') in a fresh process (median)", value: simMs, unit: 'ms' },
  { bench: 'cold start', metric: 'root import / sim import, same run', value: rootMs / simMs, unit: 'x' },
  { bench: 'cold start', metric: 'first 5 MiB of 4 KiB fragments after start: round trips (median)', value: coldRate, unit: '/host s' },
  { bench: 'cold start', metric: 'first 5 MiB of 4 KiB fragments after start: process CPU time (median)', value: coldCpu, unit: 'ms' },
]));
