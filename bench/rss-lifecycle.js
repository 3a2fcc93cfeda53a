// The RSS curve of a lifecycle loop (issue 13 item 7): builds and tears down machines in a loop and prints the
// process's resident set size (process.memoryUsage().rss, the OS's count) every `--every` cycles. Not a timing
// benchmark: it measures what the allocator gives back. test/lifecycle/rss.test.ts runs it in child processes with
// a bound; run it by hand for the curve (needs `npm run build`, node's --expose-gc, and V8's young generation pinned
// at the size it grows to under this load, so V8 enlarging it part-way — +16 MiB, a few thousand Kernels in, at a
// moment that depends on timing — is not counted as memory the simulator kept):
//
//   node --expose-gc --min-semi-space-size=16 --max-semi-space-size=16 bench/rss-lifecycle.js --machine kernel
//
// --machine  sim:    new Simulator(), 64 KiB RAM, a TX FIFO port, a memory-to-memory copy and a short run
//            kernel: new Kernel() (lib/hal: 16 MiB of system RAM) and a short run
//            host:   the UART example's TestHost machine (driver loaded, device started, a file open) writing 64 bytes
// --end      dispose: each machine is disposed; drop: each is only dropped and left to the garbage collector
// --cycles   how many machines after the warm-up [100000]; --every: a sample every N [cycles / 20]
// --warmup   at least this many machines first [2000], then more while V8's heap is still growing (see below)
// --collect  every N cycles the loop runs gc() and turns the event loop twice (Node-API runs finalizers only then:
//            that is when a dropped simulator's native memory can go) [500]
// --sync     the loop never turns the event loop (a synchronous test body): gc() only, so Node-API finalizers never
//            run and only what dispose() frees can go
// --json     prints one line `RSS_RESULT <json>` at the end: {machine, end, cycles, startMiB, endMiB, maxMiB, samples}.
import { parseArgs } from 'node:util';
import { setImmediate as turn } from 'node:timers/promises';
import { Simulator } from 'kmdf-dma-sim/sim';
import { Kernel } from 'kmdf-dma-sim/hal';
import { createUartMachine } from '../dist/examples/uart/machine.js';

const { values } = parseArgs({
  options: {
    machine: { type: 'string', default: 'sim' },
    end: { type: 'string', default: 'dispose' },
    cycles: { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '2000' },
    every: { type: 'string' },
    collect: { type: 'string', default: '500' },
    sync: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

if (typeof globalThis.gc !== 'function') {
  console.error('rss-lifecycle: run node with --expose-gc');
  process.exit(2);
}
/** The V8 flags every caller passes (see above). */
const V8_FLAGS = ['--expose-gc', '--min-semi-space-size=16', '--max-semi-space-size=16'];
if (!process.execArgv.some((a) => a.startsWith('--min-semi-space-size'))) {
  console.error(`rss-lifecycle: note: without ${V8_FLAGS.slice(1).join(' ')} V8 may grow its heap part-way`);
}
const count = (name) => {
  const n = Number(values[name]);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`rss-lifecycle: --${name} must be a positive integer (got ${values[name]})`);
    process.exit(2);
  }
  return n;
};
const cycles = count('cycles');
const warmup = count('warmup');
const collectEvery = count('collect');
const every = values.every === undefined ? Math.max(1, Math.floor(cycles / 20)) : count('every');

const MiB = 1 << 20;
const PAYLOAD = Uint8Array.from({ length: 64 }, (_, i) => i);

/** One machine built, used a little and returned (the caller disposes or drops it). */
const BUILD = {
  sim() {
    const sim = new Simulator();
    const ram = sim.addMemory({ base: 0, size: 64 * 1024 });
    sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', requestLine: 0, depth: 16, elementWidth: 4, rate: 3 });
    ram.bytes.fill(0x5a, 0, 4096);
    sim.dma.programMemoryToMemory({ channel: 1, source: 0, destination: 0x8000, length: 4096, width: 4 });
    sim.runFor(2000);
    return sim;
  },
  kernel() {
    const kernel = new Kernel();
    kernel.runFor(1000);
    return kernel;
  },
  host() {
    const machine = createUartMachine();
    machine.host.runUntilComplete(machine.file.write(PAYLOAD));
    return machine.host;
  },
};

const build = BUILD[values.machine];
if (!build) {
  console.error(`rss-lifecycle: --machine must be one of ${Object.keys(BUILD).join(', ')}`);
  process.exit(2);
}
if (values.end !== 'dispose' && values.end !== 'drop') {
  console.error('rss-lifecycle: --end must be dispose or drop');
  process.exit(2);
}
const dispose = values.end === 'dispose';

async function collect() {
  globalThis.gc();
  if (values.sync) return;
  await turn();
  await turn();
  globalThis.gc();
}

function cycle() {
  const machine = build();
  if (dispose) machine.dispose();
}

const rss = () => process.memoryUsage().rss / MiB;

// The warm-up runs at least --warmup cycles, then on in chunks of half that while V8's own heap (heapTotal) still grew
// in the last chunk (JIT code, old-space growth: V8 sizing itself, not memory the simulator failed to return), at
// most ten more chunks.
const heapTotal = () => process.memoryUsage().heapTotal;
let warmed = 0;
const warm = async (n) => {
  for (let i = 1; i <= n; i++) {
    cycle();
    if (i % collectEvery === 0) await collect();
  }
  await collect();
  warmed += n;
};
await warm(warmup);
for (let chunk = 0; chunk < 10; chunk++) {
  const before = heapTotal();
  await warm(Math.max(1, Math.floor(warmup / 2)));
  if (heapTotal() <= before) break;
}
const startMiB = rss();
const samples = [[0, startMiB]];
const started = process.hrtime.bigint();
if (!values.json) console.log(`${values.machine} / ${values.end}${values.sync ? ' / sync' : ''}: after ${warmed} warm-up cycles RSS ${startMiB.toFixed(1)} MiB`);
for (let i = 1; i <= cycles; i++) {
  cycle();
  if (i % collectEvery === 0 || i % every === 0 || i === cycles) await collect();
  if (i % every === 0 || i === cycles) {
    const now = rss();
    samples.push([i, now]);
    if (!values.json) {
      const m = process.memoryUsage();
      console.log(`${String(i).padStart(8)} cycles  RSS ${now.toFixed(1).padStart(7)} MiB  (${(now - startMiB).toFixed(1).padStart(5)})` +
        `  JS heap ${(m.heapTotal / MiB).toFixed(1)} MiB, external ${(m.external / MiB).toFixed(1)} MiB`);
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const endMiB = samples[samples.length - 1][1];
const maxMiB = Math.max(...samples.map((s) => s[1]));
const result = { machine: values.machine, end: values.end, sync: values.sync, warmup: warmed, cycles, startMiB, endMiB, maxMiB, seconds, samples };
if (values.json) console.log('RSS_RESULT ' + JSON.stringify(result));
else console.log(`end ${endMiB.toFixed(1)} MiB (${(endMiB - startMiB).toFixed(1)}), max ${maxMiB.toFixed(1)} MiB, ${seconds.toFixed(1)} s`);
