// Exploration speed (issue 11 item 8): seeds per host second for the uart scenarios (examples/uart/explore.ts), in
// this process and on a tinypool pool of 2 workers; and what a seed costs beyond its machine's run — the same bodies
// run SEEDS times with the machines' fixed timing and no explore() around them (baseline, same process), so
// "explored / plain" is the price of the seeded timing model, the perturbed engine paths and coverage counting.
// Medians of ROUNDS [5] rounds after one warm-up.
import { fileURLToPath } from 'node:url';
const { explore, exploreOnWorkers, MachineRandom } = await import('kmdf-dma-sim/explore');
const { scenarios } = await import('../dist/examples/uart/explore.js');

const SEEDS = Number(process.env.SEEDS ?? 60);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const MODULE = fileURLToPath(new URL('../dist/examples/uart/explore.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The bodies with fixed timing: a context whose host options leave the machine's own latencies alone. */
async function plain(body) {
  for (let seed = 1; seed <= SEEDS; seed++) {
    await body({ seed, perturbation: {}, random: new MachineRandom(seed).fork('body'), hostOptions: (o = {}) => o, host: () => { throw new Error('unused'); } });
  }
}

const rows = [];
for (const s of scenarios) {
  const p = [];
  const e = [];
  for (let i = 0; i <= ROUNDS; i++) {
    globalThis.gc?.();
    let t0 = performance.now();
    await plain(s.body);
    const tp = performance.now() - t0;
    globalThis.gc?.();
    t0 = performance.now();
    const r = await explore(s.body, { seeds: SEEDS, perturb: s.perturb, traceDir: null, log: () => {} });
    const te = performance.now() - t0;
    if (r.failures.length > 0) throw new Error(`${s.name}: seed ${r.failures[0].seed} fails`);
    if (i > 0) {
      p.push(tp);
      e.push(te);
    }
  }
  const explored = median(e);
  rows.push({ bench: 'explore uart', metric: `${s.name}: explored / plain run`, value: explored / median(p), unit: 'x' });
  rows.push({ bench: 'explore uart', metric: `${s.name}: seeds per host second, one process`, value: (SEEDS * 1000) / explored, unit: 'seeds/s' });
}
const t0 = performance.now();
let seeds = 0;
for (const s of scenarios) {
  const r = await exploreOnWorkers({ module: MODULE, scenario: s.name, seeds: SEEDS * 4, workers: 2, chunk: 20 });
  seeds += r.seeds.length;
}
rows.push({ bench: 'explore uart', metric: 'all scenarios, seeds per host second, 2 workers (pool start included)', value: (seeds * 1000) / (performance.now() - t0), unit: 'seeds/s' });
console.log(`BENCH_RESULT ${JSON.stringify(rows)}`);
