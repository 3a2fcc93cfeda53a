// Against a peer and the host (issue 14 items 1 and 4): the same DMA work in wokwi's rp2040js (a TypeScript RP2040
// whose DMA moves data in zero simulated time, one clock alarm per transfer) and here, in one process, alternating
// rounds (the best of each), printed as ratios first — this kmdf-dma-sim run's wall time over the peer's, lower is
// better — and absolute figures after. A host memcpy of the same bytes stands beside memory-to-memory.
//  - paced: 10,000 request-paced single 32-bit transfers, one every 100 clocks. rp2040js: channel 0 paced by DMA
//    pacing timer 0 (X/Y = 1/100). Here: a depth-1 tx FIFO port draining one element per 100 cycles, single request
//    rule, a demand-mode channel — with the API's default options (events delivered; request-line edges are not
//    among the default kinds) and with discardEvents. Target: <= 0.1x rp2040js with the defaults.
//  - m2m: 1 MiB memory to memory, 32-bit. rp2040js: 262,144 permanently requested transfers reading a 32 KiB ring (its
//    SRAM is 264 KiB; one channel rings only one side, so it writes one fixed word). Here: programMemoryToMemory of
//    1 MiB (two-cycle bursts of 4, TIMING.md).
import { RP2040 } from 'rp2040js';
import { Simulator } from '../dist/index.js';

const ROUNDS = 7;
const TRANSFERS = 10_000;
const PERIOD = 100;
const MiB = 1 << 20;

const DMA_BASE = 0x5000_0000;
const CH0_READ_ADDR = 0x000, CH0_WRITE_ADDR = 0x004, CH0_TRANS_COUNT = 0x008, CH0_CTRL_TRIG = 0x00c, TIMER0 = 0x420;
const EN = 1 << 0, INCR_READ = 1 << 4, INCR_WRITE = 1 << 5, DATA_SIZE_WORD = 2 << 2;
const TREQ_SHIFT = 15, TREQ_TIMER0 = 59, TREQ_PERMANENT = 63, CHAIN_SHIFT = 11, RING_SHIFT = 6;
const SRAM = 0x2000_0000;

/** One rp2040js DMA run: programs channel 0, ticks the clock until it is done; returns the seconds it took. */
function rp2040Run(ctrl, count, read, write, timer0) {
  const mcu = new RP2040();
  const reg = (offset, value) => mcu.writeUint32(DMA_BASE + offset, value);
  if (timer0 !== undefined) reg(TIMER0, timer0);
  reg(CH0_READ_ADDR, read);
  reg(CH0_WRITE_ADDR, write);
  reg(CH0_TRANS_COUNT, count);
  const t0 = process.hrtime.bigint();
  reg(CH0_CTRL_TRIG, ctrl | EN | (0 << CHAIN_SHIFT)); // CHAIN_TO itself: no chaining
  // far past the last transfer: TRANSFERS * PERIOD clocks at 125 MHz is 8 ms
  mcu.clock.tick(1e9);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const left = mcu.readUint32(DMA_BASE + CH0_TRANS_COUNT);
  if (left !== 0) throw new Error(`rp2040js: ${left} transfers left`);
  return seconds;
}

const rp2040Paced = () => rp2040Run(DATA_SIZE_WORD | INCR_READ | INCR_WRITE | (TREQ_TIMER0 << TREQ_SHIFT), TRANSFERS, SRAM, SRAM + 0x10000, (1 << 16) | PERIOD);
// The read side wraps in a 32 KiB ring (RING_SIZE 15, RING_SEL clear); the write side stays on one word.
const rp2040M2m = () => rp2040Run(DATA_SIZE_WORD | INCR_READ | (15 << RING_SHIFT) | (TREQ_PERMANENT << TREQ_SHIFT), MiB / 4, SRAM, SRAM + 0x10000);

/** The paced stream here: returns seconds, and checks every word arrived. */
function ourPaced(runOptions) {
  const sim = new Simulator();
  const ram = sim.addMemory({ base: 0x8000_0000, size: TRANSFERS * 4 });
  for (let i = 0; i < ram.bytes.length; i++) ram.bytes[i] = i & 0xff;
  const port = sim.addFifoPort({
    address: 0x4000_0000, direction: 'tx', requestLine: 1, depth: 1, elementWidth: 4, rate: PERIOD,
    requestRule: 'single', dmaEnable: true, txCaptureLimit: TRANSFERS * 4,
  });
  const t0 = process.hrtime.bigint();
  sim.dma.programChannel({
    channel: 0, requestLine: 1, sg: [{ address: 0x8000_0000, length: TRANSFERS * 4 }], deviceAddress: 0x4000_0000,
    direction: 'memory-to-device', width: 4, demandMode: true, loop: false,
  });
  let events = 0;
  for (;;) {
    const r = sim.runFor(1e9, runOptions);
    events += r.events.length;
    if (r.stoppedBy === 'interrupt') break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sim.dma.channelStatus(0).state !== 'done') throw new Error('kmdf-dma-sim: the paced transfer did not finish');
  if (port.status.dmaElements !== TRANSFERS) throw new Error(`kmdf-dma-sim: ${port.status.dmaElements} elements`);
  sim.dispose();
  return { seconds, events };
}

function ourM2m() {
  const sim = new Simulator();
  sim.addMemory({ base: 0, size: 2 * MiB });
  const t0 = process.hrtime.bigint();
  sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: MiB, length: MiB, width: 4 });
  let r;
  do r = sim.runFor(1e9); while (r.stoppedBy !== 'interrupt');
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  sim.dispose();
  return seconds;
}

const a = Buffer.alloc(MiB, 0x5a);
const b = Buffer.alloc(MiB);
const memcpy = () => {
  const t0 = process.hrtime.bigint();
  a.copy(b);
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

const best = { peerPaced: Infinity, paced: Infinity, pacedDiscard: Infinity, peerM2m: Infinity, m2m: Infinity, memcpy: Infinity };
let pacedEvents = 0;
for (let round = 0; round < ROUNDS; round++) {
  best.peerPaced = Math.min(best.peerPaced, rp2040Paced());
  const p = ourPaced(undefined);
  pacedEvents = p.events;
  best.paced = Math.min(best.paced, p.seconds);
  best.pacedDiscard = Math.min(best.pacedDiscard, ourPaced({ discardEvents: true }).seconds);
  best.peerM2m = Math.min(best.peerM2m, rp2040M2m());
  best.m2m = Math.min(best.m2m, ourM2m());
  best.memcpy = Math.min(best.memcpy, memcpy());
}

const bench = 'peers';
const rows = [
  { bench, metric: 'paced 10,000 x 32-bit, default options: time / rp2040js time', value: best.paced / best.peerPaced, unit: 'x', target: { op: '<=', value: 0.1 } },
  { bench, metric: 'paced, discardEvents: time / rp2040js time', value: best.pacedDiscard / best.peerPaced, unit: 'x' },
  { bench, metric: 'm2m 1 MiB: time / rp2040js time', value: best.m2m / best.peerM2m, unit: 'x' },
  { bench, metric: 'm2m 1 MiB: time / host memcpy time', value: best.m2m / best.memcpy, unit: 'x' },
  { bench, metric: 'paced: rp2040js', value: best.peerPaced * 1e3, unit: 'ms' },
  { bench, metric: 'paced: kmdf-dma-sim, default options', value: best.paced * 1e3, unit: 'ms' },
  { bench, metric: 'paced: events delivered (default kinds)', value: pacedEvents, unit: 'events' },
  { bench, metric: 'paced: kmdf-dma-sim, discardEvents', value: best.pacedDiscard * 1e3, unit: 'ms' },
  { bench, metric: 'm2m 1 MiB: rp2040js', value: best.peerM2m * 1e3, unit: 'ms' },
  { bench, metric: 'm2m 1 MiB: kmdf-dma-sim', value: best.m2m * 1e3, unit: 'ms' },
  { bench, metric: 'm2m 1 MiB: host memcpy (Buffer.copy)', value: best.memcpy * 1e3, unit: 'ms' },
];
console.log('BENCH_RESULT ' + JSON.stringify(rows));
