// Several busy memory-to-memory channels under round-robin priority (issue 14 item 2): 2, 4, 8, 16 and 32 channels
// started together, each copying its own 32 MiB / N (32-bit, bursts of 4), so every round grants one burst of each
// (TIMING.md soc rule 2). Simulated cycles per host second, target >= 400 M for every channel count; beside it the
// same work under fixed priority (one channel after the other), for scale.
import { Simulator } from '../dist/index.js';

const MiB = 1 << 20;
const TOTAL = 32 * MiB;
const ROUNDS = 3;

function simulate(channels, priority) {
  const sim = new Simulator({ channels: 32, timing: { priority } });
  const src = sim.addMemory({ base: 0, size: TOTAL });
  sim.addMemory({ base: TOTAL, size: TOTAL });
  src.bytes.fill(0xa5);
  const each = TOTAL / channels;
  let cycles = 0;
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = sim.cycle;
    const t0 = process.hrtime.bigint();
    for (let c = 0; c < channels; c++) {
      sim.dma.programMemoryToMemory({ channel: c, source: c * each, destination: TOTAL + c * each, length: each, width: 4 });
    }
    let done = 0;
    while (done < channels) {
      const r = sim.runUntil(start + 1e12, { discardEvents: true });
      if (r.stoppedBy !== 'interrupt') throw new Error(`stopped by ${r.stoppedBy}`);
      while (sim.dma.handleInterrupt() !== null) done++;
    }
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    cycles = sim.cycle - start;
  }
  sim.dispose();
  return { cycles, seconds: best };
}

const rows = [];
const bench = 'm2m round-robin 32 MiB';
let simulated = 0;
for (const n of [2, 4, 8, 16, 32]) {
  const rr = simulate(n, 'round-robin');
  simulated = rr.cycles;
  rows.push({ bench, metric: `${n} channels, round-robin: cycles / host s`, value: rr.cycles / rr.seconds, unit: 'cycles/s', target: { op: '>=', value: 400e6 } });
}
for (const n of [2, 32]) {
  const fixed = simulate(n, 'fixed');
  rows.push({ bench, metric: `${n} channels, fixed priority: cycles / host s`, value: fixed.cycles / fixed.seconds, unit: 'cycles/s' });
}
rows.push({ bench, metric: 'simulated cycles (32 channels, round-robin)', value: simulated, unit: 'cycles' });
console.log('BENCH_RESULT ' + JSON.stringify(rows));
