// Busy memory-to-memory, one channel, 64 MiB (issue 3 "Speed"): simulated cycles per host second and bytes per
// host second, beside a plain host memcpy (Buffer.copy) of the same 64 MiB in the same process.
// Targets: >= 400 M simulated cycles/s and >= 25 % of memcpy's bytes/s.
import { Simulator } from '../dist/index.js';

const MiB = 1 << 20;
const LENGTH = 64 * MiB;
const ROUNDS = 5;

function best(fn) {
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return min;
}

// Host memcpy baseline: Buffer.copy of 64 MiB between two warm buffers.
const a = Buffer.alloc(LENGTH, 0x5a);
const b = Buffer.alloc(LENGTH);
const memcpySeconds = best(() => a.copy(b));

function simulate(width, burst) {
  const sim = new Simulator();
  const src = sim.addMemory({ base: 0, size: LENGTH });
  sim.addMemory({ base: LENGTH, size: LENGTH });
  src.bytes.fill(0xa5);
  let cycles = 0;
  const seconds = best(() => {
    const start = sim.cycle;
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: LENGTH, length: LENGTH, width, burst });
    let r;
    do {
      r = sim.runUntil(start + 1e12, { discardEvents: true });
    } while (r.stoppedBy !== 'interrupt');
    while (sim.dma.handleInterrupt() !== null);
    cycles = r.cycle - start;
  });
  sim.dispose();
  return { cycles, seconds };
}

const rows = [];
const memcpyRate = LENGTH / memcpySeconds;
rows.push({ bench: 'm2m 64 MiB', metric: 'host memcpy (Buffer.copy)', value: memcpyRate / MiB, unit: 'MiB/s' });
for (const [width, burst] of [[4, 4], [8, 4]]) {
  const { cycles, seconds } = simulate(width, burst);
  const label = `width ${width}, burst ${burst}`;
  rows.push({ bench: 'm2m 64 MiB', metric: `${label}: simulated cycles`, value: cycles, unit: 'cycles' });
  rows.push({ bench: 'm2m 64 MiB', metric: `${label}: cycles / host s`, value: cycles / seconds, unit: 'cycles/s', target: { op: '>=', value: 400e6 } });
  rows.push({ bench: 'm2m 64 MiB', metric: `${label}: bytes / host s`, value: LENGTH / seconds / MiB, unit: 'MiB/s' });
  rows.push({ bench: 'm2m 64 MiB', metric: `${label}: share of memcpy`, value: (LENGTH / seconds / memcpyRate) * 100, unit: '%', target: { op: '>=', value: 25 } });
}
console.log('BENCH_RESULT ' + JSON.stringify(rows));
