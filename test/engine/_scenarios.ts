// Seeded pseudo-random engine scenarios shared by the equivalence tests (95: fast paths on vs off; 99: tracing on vs
// off, and the trace itself with fast paths on vs off). Each scenario drives one Simulator through a random but
// deterministic sequence of programs, runs, interrupts, cancels, flushes, faults and port setter calls, and records
// everything observable into a Trace (a plain array compared with toEqual): event lists, stop cycles, channel and
// port statuses, DMA counters, tx bytes, memory, and the stats that are not about work done; the last entry is the
// activities count (work done, which may differ). With `traced`, the scenario's Simulator records a hardware trace
// from its construction, and the trace is pushed just before the activities entry.
import { Simulator, type FifoPort, type SimulatorOptions, type TraceOptions } from '../../lib/index.js';
import { attempt, codeOf, RAM, rng, runTo, snapshot, type Rng, type Trace, type Width } from './_scenario-kit.js';
import { pacedStream, roundRobinMem } from './_scenarios-streams.js';

export type { Trace } from './_scenario-kit.js';

/** The trace options scenarios start with, or null (set by scenario()). */
let tracing: TraceOptions | null = null;

function created(sim: Simulator): Simulator {
  if (tracing) sim.trace.start(tracing);
  return sim;
}

function makeSim(r: Rng, fastPaths: boolean, i8237: boolean): Simulator {
  const options: SimulatorOptions = i8237
    ? { profile: 'i8237', fastPaths, timing: { compressedTiming: r.chance(0.3), rotatingPriority: r.chance(0.3) } }
    : (() => {
        const fifoDepth = r.pick([1, 2, 4, 8, 16]);
        return {
          fastPaths,
          timing: {
            fifoDepth,
            burstLength: r.int(1, fifoDepth),
            burstSetup: r.int(0, 2),
            arbitrationCycles: r.int(0, 2),
            interruptLatency: r.int(0, 2),
            requestLatency: r.int(0, 3),
            priority: r.chance(0.3) ? ('round-robin' as const) : ('fixed' as const),
          },
        };
      })();
  return created(new Simulator(options));
}

/** Memory to memory: widths, bursts, lengths, overlap, wait states, faults, cancels, two channels at once. */
function memToMem(r: Rng, fastPaths: boolean, trace: Trace): Simulator {
  const i8237 = r.chance(0.15);
  const sim = makeSim(r, fastPaths, i8237);
  sim.addMemory({ base: 0, size: RAM / 2, readWait: r.pick([0, 0, 1, 3]), writeWait: r.pick([0, 0, 1, 2]) });
  sim.addMemory({ base: RAM / 2, size: RAM / 2, readWait: r.pick([0, 0, 2]), writeWait: r.pick([0, 0, 1]) });
  const data = new Uint8Array(RAM);
  for (let i = 0; i < RAM; i++) data[i] = (i * 13 + 7 + (i >> 8)) & 0xff;
  sim.poke(0, data);
  const nch = i8237 ? 1 : r.int(1, 3);
  const channels: number[] = [];
  for (let k = 0; k < nch; k++) {
    const width: Width = i8237 ? 1 : r.pick([1, 2, 4, 8] as const);
    const length = width * r.int(1, r.chance(0.5) ? 24 : 600);
    const source = width * r.int(0, Math.max(0, (RAM - length) / width - 1));
    const destination = r.chance(0.2)
      ? Math.min(RAM - length, source + width * r.int(-8, 8))
      : width * r.int(0, Math.max(0, (RAM - length) / width - 1));
    const channel = i8237 ? 0 : k;
    channels.push(channel);
    if (i8237) channels.push(1);
    if (!i8237 && r.chance(0.3)) {
      attempt(trace, 'cfg-burst', () => sim.dma.configureChannel(channel, 5, r.int(1, 16)));
    }
    if (!i8237 && r.chance(0.2)) attempt(trace, 'cfg-prio', () => sim.dma.configureChannel(channel, 6, r.int(0, 3)));
    const burst = r.chance(0.4) ? r.int(0, 4) : undefined;
    attempt(trace, 'm2m', () =>
      sim.dma.programMemoryToMemory({ channel, source, destination: Math.max(0, destination), length, width, burst }),
    );
  }
  if (r.chance(0.25)) sim.injectBusFault(r.int(0, RAM - 1));
  if (r.chance(0.1)) sim.injectBusFault(r.int(0, RAM - 1));
  let cycle = 0;
  const steps = r.int(2, 12);
  for (let s = 0; s < steps; s++) {
    cycle += r.chance(0.3) ? r.int(1, 40) : r.int(50, 3000);
    runTo(sim, trace, cycle, r);
    snapshot(sim, trace, channels, []);
    if (r.chance(0.1)) attempt(trace, 'cancel', () => sim.dma.cancelTransfer(r.pick(channels)));
    if (r.chance(0.1)) sim.clearBusFaults();
    if (r.chance(0.1)) sim.injectBusFault(r.int(0, RAM - 1));
    if (r.chance(0.15) && !i8237) {
      const width: Width = r.pick([1, 2, 4, 8] as const);
      const length = width * r.int(1, 300);
      attempt(trace, 'm2m-again', () =>
        sim.dma.programMemoryToMemory({
          channel: r.pick(channels),
          source: width * r.int(0, (RAM - length) / width),
          destination: width * r.int(0, (RAM - length) / width),
          length,
          width,
          burst: r.chance(0.5) ? r.int(1, 4) : undefined,
        }),
      );
    }
  }
  return sim;
}

/** A device port (tx or rx) served by a channel: widths, rates, watermarks, depths, streaming, errors, stalls... */
function portScenario(r: Rng, fastPaths: boolean, trace: Trace, tx: boolean): Simulator {
  const i8237 = r.chance(0.15);
  const sim = makeSim(r, fastPaths, i8237);
  sim.addMemory({ base: 0, size: RAM, readWait: r.pick([0, 0, 0, 1]), writeWait: r.pick([0, 0, 0, 1]) });
  const data = new Uint8Array(RAM);
  for (let i = 0; i < RAM; i++) data[i] = (i * 29 + 3 + (i >> 7)) & 0xff;
  sim.poke(0, data);
  const width: Width = i8237 ? 1 : r.pick([1, 2, 4, 8] as const);
  const depth = r.pick([1, 2, 4, 8, 16, 64]);
  const channel = i8237 ? r.int(0, 3) : r.int(0, 7);
  const line = i8237 ? channel : r.int(0, 31);
  const rate = r.chance(0.5)
    ? 1
    : r.pick([2, 3, 7, { numerator: 3, denominator: 2 }, { numerator: 5, denominator: 3 }, { numerator: 7, denominator: 4 }]);
  const pushed = !tx && r.chance(0.6);
  const port = sim.addFifoPort({
    address: 0x20000,
    direction: tx ? 'tx' : 'rx',
    elementWidth: width,
    depth,
    rate,
    requestLine: r.chance(0.95) ? line : null,
    watermark: r.int(1, depth),
    requestRule: r.chance(0.25) ? 'single' : 'burst',
    dmaEnable: r.chance(0.85),
    deviceEnable: r.chance(0.9),
    txStreaming: tx && r.chance(0.2),
    txCaptureLimit: r.pick([0, width, 16, 64, 1 << 20, 1 << 20]),
    readWait: r.pick([0, 0, 0, 1]),
    writeWait: r.pick([0, 0, 0, 1]),
    rxSource: pushed ? 'pushed' : 'pattern',
    pattern: !pushed && r.chance(0.5) ? Array.from({ length: r.int(1, 20) }, (_, i) => (i * 41 + 9) & 0xff) : undefined,
    interrupt: r.chance(0.25) ? { line: 3, mask: r.int(0, 15), threshold: r.int(0, depth) } : undefined,
  });
  const ports = [port];
  if (r.chance(0.15)) port.injectError(r.int(0, 200));
  if (r.chance(0.15)) port.injectStall(r.int(0, 200), r.int(1, 30));
  if (r.chance(0.15)) port.injectStallAt(r.int(1, 800), r.int(1, 30));
  if (!tx && r.chance(0.2)) port.setIdleTimeout(r.int(1, 50));
  const program = (tag: string) => {
    const nsg = r.int(1, 3);
    const sg: { address: number; length: number }[] = [];
    let at = width * r.int(0, 64);
    for (let i = 0; i < nsg; i++) {
      const length = width * r.int(1, r.chance(0.5) ? 16 : 200);
      if (at + length > RAM) break;
      sg.push({ address: at, length });
      at += length + width * r.int(0, 8);
    }
    if (sg.length === 0) sg.push({ address: 0, length: width });
    if (r.chance(0.1)) sim.injectBusFault(r.int(0, at));
    attempt(trace, tag, () =>
      sim.dma.programChannel({
        channel,
        requestLine: line,
        sg,
        deviceAddress: 0x20000,
        direction: tx ? 'memory-to-device' : 'device-to-memory',
        width,
        demandMode: r.chance(0.8),
        loop: r.chance(0.2),
      }),
    );
  };
  if (!i8237 && r.chance(0.3)) attempt(trace, 'cfg-burst', () => sim.dma.configureChannel(channel, 5, r.int(1, 16)));
  if (!i8237 && r.chance(0.2)) attempt(trace, 'cfg-wm', () => sim.dma.configureChannel(channel, 1, width * r.int(0, 8)));
  if (i8237 && r.chance(0.4)) attempt(trace, 'cfg-mode', () => sim.dma.configureChannel(channel, 16, r.int(0, 4)));
  program('program');
  let cycle = 0;
  const steps = r.int(3, 25);
  for (let s = 0; s < steps; s++) {
    if (pushed && r.chance(0.7)) {
      const bytes = new Uint8Array(width * r.int(1, depth + 2)).map((_, i) => (i * 17 + s * 5 + cycle) & 0xff);
      attempt(trace, 'push', () => port.push(bytes));
    }
    cycle += r.chance(0.3) ? r.int(1, 10) : r.int(10, 400);
    runTo(sim, trace, cycle, r);
    snapshot(sim, trace, [channel], ports);
    if (tx && r.chance(0.3)) trace.push(['readTx', Array.from(port.readTx(r.chance(0.5) ? undefined : r.int(0, 64)))]);
    if (tx && r.chance(0.05)) port.clearTx();
    if (r.chance(0.1)) port.setDmaEnable(r.chance(0.7));
    if (r.chance(0.06)) port.setDeviceEnable(r.chance(0.8));
    if (tx && r.chance(0.06)) port.setTxStreaming(r.chance(0.5));
    if (r.chance(0.06)) attempt(trace, 'wm', () => port.setWatermark(r.int(1, depth)));
    if (r.chance(0.06)) {
      port.setInterrupt(r.chance(0.4) ? null : { line: 3, mask: r.int(0, 15), threshold: r.int(0, depth) });
    }
    if (r.chance(0.05)) port.clearStatus(r.int(0, 0xff));
    if (r.chance(0.05)) port.injectError(r.int(0, 300));
    if (r.chance(0.05)) port.injectStallAt(cycle + r.int(1, 100), r.int(1, 20));
    if (r.chance(0.06)) attempt(trace, 'cancel', () => sim.dma.cancelTransfer(channel));
    if (r.chance(0.05)) attempt(trace, 'flush', () => sim.dma.flushChannel(channel));
    if (r.chance(0.08)) program('reprogram');
    if (r.chance(0.04)) sim.clearBusFaults();
  }
  if (tx) trace.push(['readTx-end', Array.from(port.readTx())]);
  return sim;
}

/**
 * Several soc channels at once on peripheral devices — the inline service and the peripheral block path
 * (soc_device_fast_path.cpp): memory-mapped device regions (fixed device address, in its own RAM region or inside the
 * transfer's RAM) with non-demand or demand channels, demand-mode tx and rx ports of various rates, depths,
 * watermarks and capture limits; wait states, bus faults (also on the device address), loops with notification
 * thresholds, priorities, cancels and flushes mid-transfer, timers, runs sliced at random targets, small event
 * buffers.
 */
function peripherals(r: Rng, fastPaths: boolean, trace: Trace): Simulator {
  const fifoDepth = r.pick([4, 8, 16, 16, 32]);
  const sim = created(new Simulator({
    fastPaths,
    eventBufferRecords: r.chance(0.2) ? r.int(1, 8) : 4096,
    timing: {
      fifoDepth,
      burstLength: r.chance(0.5) ? fifoDepth : r.int(1, fifoDepth),
      burstSetup: r.int(0, 2),
      arbitrationCycles: r.int(0, 2),
      interruptLatency: r.int(0, 2),
      requestLatency: r.int(0, 3),
      priority: r.chance(0.3) ? ('round-robin' as const) : ('fixed' as const),
    },
  }));
  sim.addMemory({ base: 0, size: RAM, readWait: r.pick([0, 0, 0, 1, 2]), writeWait: r.pick([0, 0, 0, 1]) });
  const SINK = 0x10000;
  sim.addMemory({ base: SINK, size: 0x100, readWait: r.pick([0, 0, 1, 3]), writeWait: r.pick([0, 0, 1, 2]) });
  const data = new Uint8Array(RAM);
  for (let i = 0; i < RAM; i++) data[i] = (i * 53 + 11 + (i >> 6)) & 0xff;
  sim.poke(0, data);
  sim.poke(SINK, new Uint8Array(0x100).map((_, i) => (i * 7 + 1) & 0xff));
  const nch = r.int(1, 4);
  const channels: number[] = [];
  const ports: FifoPort[] = [];
  const programs: ((tag: string) => void)[] = [];
  for (let k = 0; k < nch; k++) {
    const channel = r.int(0, 7);
    if (channels.includes(channel)) continue;
    channels.push(channel);
    const kind = r.pick(['ram', 'ram', 'tx', 'tx', 'rx'] as const);
    const width: Width = r.pick([1, 2, 4, 8, 8] as const);
    const line = r.int(0, 31);
    let deviceAddress: number;
    let port: FifoPort | undefined;
    if (kind === 'ram') {
      deviceAddress = r.chance(0.8) ? SINK + width * r.int(0, 0x100 / width - 1) : width * r.int(0, RAM / width - 1);
    } else {
      deviceAddress = 0x20000 + 0x100 * k;
      const depth = r.pick([4, 16, 64, 64]);
      port = sim.addFifoPort({
        address: deviceAddress,
        direction: kind,
        elementWidth: r.chance(0.95) ? width : r.pick([1, 2, 4, 8] as const),
        depth,
        rate: r.pick([1, 1, 1, 2, 3, 16, { numerator: 3, denominator: 2 }, { numerator: 33, denominator: 2 }]),
        requestLine: r.chance(0.95) ? line : null,
        watermark: r.int(1, depth),
        requestRule: r.chance(0.1) ? 'single' : 'burst',
        dmaEnable: r.chance(0.95),
        deviceEnable: r.chance(0.8),
        txStreaming: kind === 'tx' && r.chance(0.1),
        txCaptureLimit: r.pick([0, width, 12, 20, 36, 100, 300, 1 << 20, 1 << 20]),
        writeWait: r.pick([0, 0, 0, 1, 2]),
        readWait: r.pick([0, 0, 0, 1]),
        interrupt: r.chance(0.1) ? { line: 3, mask: r.int(1, 15), threshold: r.int(0, depth) } : undefined,
      });
      ports.push(port);
      if (r.chance(0.1)) port.injectError(r.int(0, 300));
      if (r.chance(0.1)) port.injectStallAt(r.int(1, 2000), r.int(1, 40));
      if (kind === 'rx' && r.chance(0.2)) port.setIdleTimeout(r.int(1, 60));
    }
    if (r.chance(0.4)) attempt(trace, 'cfg-burst', () => sim.dma.configureChannel(channel, 5, r.int(1, fifoDepth)));
    if (r.chance(0.3)) attempt(trace, 'cfg-wm', () => sim.dma.configureChannel(channel, 1, width * r.int(0, 8)));
    if (r.chance(0.3)) attempt(trace, 'cfg-prio', () => sim.dma.configureChannel(channel, 6, r.int(0, 3)));
    if (r.chance(0.3)) attempt(trace, 'cfg-notify', () => sim.dma.configureChannel(channel, 2, r.int(1, 700)));
    const program = (tag: string) => {
      const nsg = r.int(1, 3);
      const sg: { address: number; length: number }[] = [];
      let at = width * r.int(0, 300);
      for (let i = 0; i < nsg; i++) {
        const length = width * r.int(1, r.chance(0.3) ? 40 : 900);
        if (at + length > RAM) break;
        sg.push({ address: at, length });
        at += length + width * r.int(0, 64);
      }
      if (sg.length === 0) sg.push({ address: 0, length: width });
      attempt(trace, tag, () =>
        sim.dma.programChannel({
          channel,
          requestLine: line,
          sg,
          deviceAddress,
          direction:
            kind === 'rx' || (kind === 'ram' && r.chance(0.3)) ? 'device-to-memory' : 'memory-to-device',
          width,
          demandMode: kind === 'ram' ? r.chance(0.15) : r.chance(0.85),
          loop: r.chance(0.3),
        }),
      );
    };
    programs.push(program);
    program('program');
  }
  if (r.chance(0.2)) sim.injectBusFault(r.int(0, RAM - 1));
  if (r.chance(0.1)) sim.injectBusFault(SINK + r.int(0, 0xff));
  let cycle = 0;
  const steps = r.int(2, 14);
  for (let s = 0; s < steps; s++) {
    cycle += r.chance(0.3) ? r.int(1, 60) : r.int(60, 4000);
    if (r.chance(0.3)) sim.schedule(cycle - r.int(0, Math.min(50, cycle - sim.cycle - 1)), s);
    runTo(sim, trace, cycle, r);
    snapshot(sim, trace, channels, ports);
    for (const port of ports) {
      if (port.direction === 'tx' && r.chance(0.3)) trace.push(['readTx', port.id, Array.from(port.readTx())]);
    }
    trace.push(['sink', Array.from(sim.peek(SINK, 0x100))]);
    if (r.chance(0.12)) attempt(trace, 'cancel', () => sim.dma.cancelTransfer(r.pick(channels)));
    if (r.chance(0.05)) attempt(trace, 'flush', () => sim.dma.flushChannel(r.pick(channels)));
    if (r.chance(0.15)) r.pick(programs)('reprogram');
    if (r.chance(0.08)) sim.clearBusFaults();
    if (r.chance(0.08)) sim.injectBusFault(r.chance(0.5) ? SINK + r.int(0, 0xff) : r.int(0, RAM - 1));
    if (ports.length && r.chance(0.08)) r.pick(ports).setDmaEnable(r.chance(0.7));
    if (ports.length && r.chance(0.2)) r.pick(ports).setDeviceEnable(r.chance(0.6));
    if (ports.length && r.chance(0.1)) r.pick(ports).clearTx();
    if (ports.length && r.chance(0.05)) attempt(trace, 'wm', () => r.pick(ports).setWatermark(r.int(1, 4)));
  }
  for (const port of ports) if (port.direction === 'tx') trace.push(['readTx-end', port.id, Array.from(port.readTx())]);
  trace.push(['sink-end', Array.from(sim.peek(SINK, 0x100))]);
  return sim;
}

/**
 * A tx port refilled while its device runs one element per cycle from a nearly full FIFO: the quiet rate-1 runs
 * then start at a level above the run's length (the elements sent within the run are all old ones), with the capture
 * limit reached in the middle of a run.
 */
function refill(r: Rng, fastPaths: boolean, trace: Trace): Simulator {
  const burst = r.pick([2, 4, 8, 16]);
  const sim = created(new Simulator({ fastPaths, timing: { fifoDepth: 16, burstLength: burst, burstSetup: r.int(0, 1) } }));
  sim.addMemory({ base: 0, size: RAM });
  sim.poke(0, new Uint8Array(RAM).map((_, i) => (i * 31 + 5) & 0xff));
  const width: Width = r.pick([1, 4, 8] as const);
  const port = sim.addFifoPort({
    address: 0x20000,
    direction: 'tx',
    elementWidth: width,
    depth: 64,
    rate: 1,
    requestLine: 2,
    watermark: r.int(1, 24),
    deviceEnable: false,
    dmaEnable: true,
    txCaptureLimit: r.pick([width * r.int(1, 300) + r.int(0, width - 1), 1 << 20]),
  });
  attempt(trace, 'program', () =>
    sim.dma.programChannel({
      channel: 1,
      requestLine: 2,
      sg: [{ address: 0, length: width * r.int(100, 1500) }],
      deviceAddress: 0x20000,
      direction: 'memory-to-device',
      width,
      demandMode: r.chance(0.8),
      loop: r.chance(0.3),
    }),
  );
  let cycle = 0;
  for (let s = 0; s < 6; s++) {
    cycle += r.int(100, 3000);
    runTo(sim, trace, cycle, r);
    snapshot(sim, trace, [1], [port]);
    if (r.chance(0.5)) trace.push(['readTx', Array.from(port.readTx())]);
    port.setDeviceEnable(s % 2 === 0);
  }
  trace.push(['readTx-end', Array.from(port.readTx())]);
  return sim;
}

export function scenario(seed: number, fastPaths: boolean, traced?: TraceOptions): Trace {
  const r = rng(seed);
  const trace: Trace = [];
  const kind = r.f();
  let sim: Simulator;
  tracing = traced ?? null;
  try {
    if (kind < 0.2) sim = memToMem(r, fastPaths, trace);
    else if (kind < 0.44) sim = portScenario(r, fastPaths, trace, kind < 0.36);
    else if (kind < 0.72) sim = peripherals(r, fastPaths, trace);
    else if (kind < 0.8) sim = refill(r, fastPaths, trace);
    else if (kind < 0.9) sim = pacedStream(r, fastPaths, trace, created);
    else sim = roundRobinMem(r, fastPaths, trace, created);
  } catch (e) {
    // Scenario set-up refused (an option combination out of range): the same for both, recorded.
    trace.push(['setup', codeOf(e)]);
    return trace;
  }
  const { records, deviceElements, dmaBeats } = sim.stats;
  trace.push(['end', sim.cycle, { records, deviceElements, dmaBeats }]);
  trace.push(['memory', Array.from(sim.peek(0, RAM))]);
  if (traced) {
    // The hardware trace rides along as the last-but-one entry (without the raw record count: the block paths that
    // stay on while tracing, like the quiet tx runs, write fewer records for the same canonical changes).
    const { records: _records, ...hardware } = sim.trace.stop();
    trace.push(['hardware-trace', hardware]);
  }
  trace.push(['activities', sim.stats.activities]);
  sim.dispose();
  return trace;
}

