// Two families of the seeded engine scenarios (test/engine/_scenarios.ts) aimed at the block paths of issue 14:
//  - pacedStream: request-paced tx streams (native/core/soc_paced_path.cpp) — a demand-mode channel feeding a tx port
//    whose device takes one element every P cycles — with and without the conditions that path needs (whole and
//    fractional rates, depths, watermarks, single and burst request rules, latencies, wait states, capture limits,
//    loops with notification thresholds, bus faults in the buffer, a second channel now and then, setter calls,
//    cancels, timers, small event buffers and every record selection: 'all', the default, a list);
//  - roundRobinMem: 2 to 32 memory-to-memory channels at once under round-robin (soc_round_robin_path.cpp) — widths,
//    bursts, wait states per region, 1 KiB and region boundaries, buffers that overlap their own or another channel's,
//    faults, cancels, reprograms, a demand-mode peripheral channel beside them, fixed priority now and then.
import type { EventSelection, FifoPort, Simulator, SimEventKind } from '../../lib/index.js';
import { Simulator as Sim } from '../../lib/index.js';
import { attempt, RAM, runTo, snapshot, type Rng, type Trace, type Width } from './_scenario-kit.js';

type Created = (sim: Simulator) => Simulator;

function eventChoice(r: Rng): EventSelection | undefined {
  const lists: SimEventKind[][] = [['irq', 'channel-state'], ['request', 'terminal-count', 'irq'], ['timer']];
  return r.pick<EventSelection | undefined>(['all', 'all', undefined, undefined, r.pick(lists)]);
}

export function pacedStream(r: Rng, fastPaths: boolean, trace: Trace, created: Created): Simulator {
  const fifoDepth = r.pick([1, 2, 4, 8, 16]);
  const sim = created(new Sim({
    fastPaths,
    eventBufferRecords: r.chance(0.25) ? r.int(1, 9) : 4096,
    timing: {
      fifoDepth,
      burstLength: r.int(1, fifoDepth),
      burstSetup: r.int(0, 2),
      arbitrationCycles: r.int(0, 2),
      interruptLatency: r.int(0, 2),
      requestLatency: r.int(0, 3),
      priority: r.chance(0.3) ? 'round-robin' : 'fixed',
    },
  }));
  const events = eventChoice(r);
  sim.addMemory({ base: 0, size: RAM / 2, readWait: r.pick([0, 0, 1, 2]), writeWait: r.pick([0, 0, 1]) });
  sim.addMemory({ base: RAM / 2, size: RAM / 2, readWait: r.pick([0, 0, 1]), writeWait: 0 });
  sim.poke(0, new Uint8Array(RAM).map((_, i) => (i * 37 + 11 + (i >> 9)) & 0xff));
  const width: Width = r.pick([1, 2, 4, 8] as const);
  const depth = r.pick([1, 1, 2, 4, 8, 16]);
  const line = r.int(0, 7);
  const period = r.chance(0.85) ? r.int(6, 300) : r.pick([1, 3, { numerator: 201, denominator: 2 }, { numerator: 70, denominator: 3 }]);
  const port = sim.addFifoPort({
    address: 0x20000,
    direction: 'tx',
    elementWidth: r.chance(0.95) ? width : r.pick([1, 2, 4, 8] as const),
    depth,
    rate: period,
    requestLine: r.chance(0.95) ? line : null,
    watermark: r.chance(0.4) ? depth : r.int(1, depth),
    requestRule: r.chance(0.5) ? 'single' : 'burst',
    dmaEnable: r.chance(0.95),
    deviceEnable: r.chance(0.95),
    txStreaming: r.chance(0.08),
    txCaptureLimit: r.pick([0, width, 40, 200, 1 << 20, 1 << 20, 1 << 20]),
    writeWait: r.pick([0, 0, 0, 1, 2]),
    interrupt: r.chance(0.08) ? { line: 3, mask: r.int(1, 15), threshold: r.int(0, depth) } : undefined,
  });
  const ports: FifoPort[] = [port];
  if (r.chance(0.06)) port.injectError(r.int(0, 400));
  if (r.chance(0.06)) port.injectStallAt(r.int(1, 20000), r.int(1, 300));
  const channels = [r.int(0, 3)];
  const program = (tag: string) => {
    const sg: { address: number; length: number }[] = [];
    let at = width * r.int(0, 200);
    for (let i = r.int(1, 3); i > 0; i--) {
      const length = width * r.int(1, r.chance(0.3) ? 30 : 1200);
      if (at + length > RAM) break;
      sg.push({ address: at, length });
      at += length + width * r.int(0, 16);
    }
    if (sg.length === 0) sg.push({ address: 0, length: width });
    if (r.chance(0.15)) sim.injectBusFault(r.int(0, at));
    attempt(trace, tag, () =>
      sim.dma.programChannel({
        channel: channels[0]!,
        requestLine: line,
        sg,
        deviceAddress: 0x20000,
        direction: 'memory-to-device',
        width,
        demandMode: r.chance(0.92),
        loop: r.chance(0.25),
      }),
    );
  };
  if (r.chance(0.3)) attempt(trace, 'cfg-burst', () => sim.dma.configureChannel(channels[0]!, 5, r.int(1, fifoDepth)));
  if (r.chance(0.3)) attempt(trace, 'cfg-wm', () => sim.dma.configureChannel(channels[0]!, 1, width * r.int(0, 4)));
  if (r.chance(0.3)) attempt(trace, 'cfg-notify', () => sim.dma.configureChannel(channels[0]!, 2, r.int(1, 900)));
  program('program');
  // Now and then a second channel: memory to memory, or a demand channel on the same request line.
  const second = r.pick(['none', 'none', 'none', 'm2m', 'same-line'] as const);
  const secondChannel = channels[0]! + 4;
  const startSecond = () => {
    if (second === 'm2m') {
      attempt(trace, 'm2m', () =>
        sim.dma.programMemoryToMemory({ channel: secondChannel, source: RAM / 2, destination: RAM / 2 + 0x800, length: 4 * r.int(1, 200), width: 4 }),
      );
    } else if (second === 'same-line') {
      attempt(trace, 'same-line', () =>
        sim.dma.programChannel({
          channel: secondChannel, requestLine: line, sg: [{ address: RAM - 0x400, length: width * r.int(1, 64) }],
          deviceAddress: 0x20000, direction: 'memory-to-device', width, demandMode: true, loop: false,
        }),
      );
    }
  };
  if (second !== 'none') channels.push(secondChannel);
  const secondAt = r.int(0, 6);
  let cycle = 0;
  const steps = r.int(3, 14);
  for (let s = 0; s < steps; s++) {
    if (s === secondAt) startSecond();
    cycle += r.chance(0.25) ? r.int(1, 200) : r.int(200, 60000);
    if (r.chance(0.25)) sim.schedule(cycle - r.int(0, Math.min(500, cycle - sim.cycle - 1)), s);
    runTo(sim, trace, cycle, r, events);
    snapshot(sim, trace, channels, ports);
    if (r.chance(0.4)) trace.push(['readTx', Array.from(port.readTx(r.chance(0.5) ? undefined : r.int(0, 64)))]);
    if (r.chance(0.05)) port.clearTx();
    if (r.chance(0.06)) port.setDmaEnable(r.chance(0.7));
    if (r.chance(0.06)) port.setDeviceEnable(r.chance(0.7));
    if (r.chance(0.05)) attempt(trace, 'wm', () => port.setWatermark(r.int(1, depth)));
    if (r.chance(0.04)) port.setInterrupt(r.chance(0.5) ? null : { line: 3, mask: r.int(0, 15), threshold: r.int(0, depth) });
    if (r.chance(0.04)) port.setTxStreaming(r.chance(0.5));
    if (r.chance(0.06)) attempt(trace, 'cancel', () => sim.dma.cancelTransfer(channels[0]!));
    if (r.chance(0.04)) attempt(trace, 'flush', () => sim.dma.flushChannel(channels[0]!));
    if (r.chance(0.12)) program('reprogram');
    if (r.chance(0.06)) sim.clearBusFaults();
    if (r.chance(0.06)) sim.injectBusFault(r.int(0, RAM - 1));
  }
  trace.push(['readTx-end', Array.from(port.readTx())]);
  return sim;
}

export function roundRobinMem(r: Rng, fastPaths: boolean, trace: Trace, created: Created): Simulator {
  const fifoDepth = r.pick([2, 4, 8, 16]);
  const nch = r.pick([2, 2, 3, 4, 5, 8, 16, 32]);
  const sim = created(new Sim({
    fastPaths,
    channels: 32,
    eventBufferRecords: r.chance(0.2) ? r.int(1, 8) : 4096,
    timing: {
      fifoDepth,
      burstLength: r.int(1, fifoDepth),
      burstSetup: r.int(0, 2),
      arbitrationCycles: r.int(0, 2),
      interruptLatency: r.int(0, 2),
      requestLatency: r.int(0, 2),
      priority: r.chance(0.85) ? 'round-robin' : 'fixed',
    },
  }));
  const SIZE = 0x10000;
  const quarter = SIZE / 4;
  for (let q = 0; q < 4; q++) {
    sim.addMemory({ base: q * quarter, size: quarter, readWait: r.pick([0, 0, 1, 3]), writeWait: r.pick([0, 0, 1, 2]) });
  }
  sim.poke(0, new Uint8Array(SIZE).map((_, i) => (i * 19 + 5 + (i >> 10)) & 0xff));
  const channels: number[] = [];
  const slot = SIZE / 2 / nch;  // each channel's own source slot in the lower half, destination slot in the upper
  const program = (c: number, k: number, tag: string) => {
    const width: Width = r.pick([1, 2, 4, 4, 8] as const);
    const length = width * r.int(1, Math.max(1, Math.floor(slot / width) - 2));
    const align = r.chance(0.7) ? 16 : width;
    const own = (base: number) => base + align * r.int(0, Math.max(0, Math.floor((slot - length) / align)));
    let source = own(k * slot);
    let destination = own(SIZE / 2 + k * slot);
    const overlap = r.f();
    if (overlap < 0.08) destination = Math.min(SIZE - length, source + width * r.int(-8, 8));  // its own buffer
    else if (overlap < 0.16) destination = own(((k + 1) % nch) * slot);  // another channel's source
    else if (overlap < 0.22) source = own(SIZE / 2 + ((k + 1) % nch) * slot);  // another channel's destination
    destination = Math.max(0, destination - (destination % width));
    source -= source % width;
    attempt(trace, tag, () =>
      sim.dma.programMemoryToMemory({ channel: c, source, destination, length, width, burst: r.chance(0.3) ? r.int(1, fifoDepth) : undefined }),
    );
  };
  for (let k = 0; k < nch; k++) {
    const c = nch === 32 ? k : r.chance(0.5) ? k : (k * 3 + 1) % 32;
    if (channels.includes(c)) continue;
    channels.push(c);
    if (r.chance(0.2)) attempt(trace, 'cfg-burst', () => sim.dma.configureChannel(c, 5, r.int(1, fifoDepth)));
    if (r.chance(0.15)) attempt(trace, 'cfg-prio', () => sim.dma.configureChannel(c, 6, r.int(0, 3)));
    program(c, k, 'm2m');
  }
  const ports: FifoPort[] = [];
  if (r.chance(0.2)) {
    // A demand-mode tx channel beside them (a port that asks now and then).
    const free = Array.from({ length: 32 }, (_, i) => i).filter((i) => !channels.includes(i));
    const c = free.length ? r.pick(free) : null;
    if (c !== null) {
      const port = sim.addFifoPort({ address: 0x40000, direction: 'tx', elementWidth: 4, depth: 8, rate: r.int(2, 40), requestLine: 9, watermark: r.int(1, 8), dmaEnable: true });
      ports.push(port);
      channels.push(c);
      attempt(trace, 'port-channel', () =>
        sim.dma.programChannel({ channel: c, requestLine: 9, sg: [{ address: SIZE / 2 - 0x100, length: 0x100 }], deviceAddress: 0x40000, direction: 'memory-to-device', width: 4, demandMode: true, loop: r.chance(0.5) }),
      );
    }
  }
  if (r.chance(0.2)) sim.injectBusFault(r.int(0, SIZE - 1));
  let cycle = 0;
  const steps = r.int(2, 10);
  for (let s = 0; s < steps; s++) {
    cycle += r.chance(0.3) ? r.int(1, 80) : r.int(80, 20000);
    runTo(sim, trace, cycle, r);
    snapshot(sim, trace, channels, ports);
    if (r.chance(0.12)) attempt(trace, 'cancel', () => sim.dma.cancelTransfer(r.pick(channels)));
    if (r.chance(0.05)) attempt(trace, 'flush', () => sim.dma.flushChannel(r.pick(channels)));
    if (r.chance(0.25)) {
      const k = r.int(0, nch - 1);
      program(channels[k] ?? channels[0]!, k, 'm2m-again');
    }
    if (r.chance(0.08)) sim.clearBusFaults();
    if (r.chance(0.08)) sim.injectBusFault(r.int(0, SIZE - 1));
  }
  trace.push(['memory-rr', Array.from(sim.peek(0, SIZE))]);
  return sim;
}
