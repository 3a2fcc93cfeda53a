// Layer 96 — re-entrancy (issue 13 item 2): every entry point of lib/sim that takes an object reads each argument once,
// into values of its own, before it hands anything to the engine. A getter that calls the simulator again — another
// channel, the same channel, a run — finishes its own call first; the outer call then does exactly what it was asked,
// or is refused with a coded error by the engine's own rules (a channel the inner call made busy). Never a mix.
// A run's onEvents callback runs part-way through the run: every call from it is refused (ERR_REENTRANT_CALL).
import { describe, expect, it } from 'vitest';
import { PORT_IRQ, Simulator, type ProgramChannelArgs } from '../../lib/index.js';

const RAM = 0x8000_0000;
const SINK_A = 0x9000_0000;
const SINK_B = 0x9100_0000;

function machine(): Simulator {
  const sim = new Simulator({ timing: { maxFragments: 8 } });
  const ram = sim.addMemory({ base: RAM, size: 0x10000 });
  sim.addMemory({ base: SINK_A, size: 0x1000 });
  sim.addMemory({ base: SINK_B, size: 0x1000 });
  for (let i = 0; i < 0x10000; i++) ram.bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  return sim;
}

const toSink = (channel: number, source: number, length: number, sink: number): ProgramChannelArgs => ({
  channel, requestLine: 0, sg: [{ address: source, length }], deviceAddress: sink, direction: 'memory-to-device',
  width: 4, demandMode: false, loop: false,
});

/** Runs to `cycle` through every interrupt stop on the way. */
function runTo(sim: Simulator, cycle: number): void {
  while (sim.cycle < cycle) sim.runUntil(cycle);
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
}

describe('programChannel with getters that program the controller again', () => {
  it('an SG length getter programming another channel: each channel sends its own bytes', () => {
    const sim = machine();
    const reference = machine();
    // The inner list has the outer list's length, so a shared buffer would have been reused (the repro).
    const inner = toSink(1, RAM + 0x4000, 256, SINK_B);
    const outer: ProgramChannelArgs = {
      ...toSink(0, RAM, 512, SINK_A),
      sg: [{
        address: RAM,
        get length() {
          sim.dma.programChannel(inner);
          return 512;
        },
      }],
    };
    sim.dma.programChannel(outer);
    reference.dma.programChannel(inner);
    reference.dma.programChannel(toSink(0, RAM, 512, SINK_A));
    runTo(sim, 5_000);
    runTo(reference, 5_000);
    expect(sim.peek(SINK_A, 4)).toEqual(sim.peek(RAM + 508, 4)); // a sink register keeps the last beat
    expect(sim.peek(SINK_B, 4)).toEqual(sim.peek(RAM + 0x4000 + 252, 4));
    expect(sim.dma.channelStatus(0)).toEqual(reference.dma.channelStatus(0));
    expect(sim.dma.channelStatus(1)).toEqual(reference.dma.channelStatus(1));
    expect(sim.dma.channelStatus(0).bytesWritten).toBe(512);
    expect(sim.dma.channelStatus(1).bytesWritten).toBe(256);
  });

  it('a getter programming the same channel: the outer call is refused (busy), the inner one stands', () => {
    const sim = machine();
    const outer = { ...toSink(0, RAM, 512, SINK_A), get width() { sim.dma.programChannel(toSink(0, RAM + 0x4000, 64, SINK_B)); return 4 as const; } };
    expect(codeOf(() => sim.dma.programChannel(outer))).toBe('ERR_DMA_CHANNEL_BUSY');
    runTo(sim, 2_000);
    expect(sim.dma.channelStatus(0).bytesWritten).toBe(64);
    expect(sim.peek(SINK_B, 4)).toEqual(sim.peek(RAM + 0x4000 + 60, 4));
  });

  it('a getter that runs the simulator: the outer call programs at the cycle it reaches the engine', () => {
    const sim = machine();
    const outer = { ...toSink(0, RAM, 64, SINK_A), get loop() { sim.runFor(100); return false; } };
    sim.dma.programChannel(outer);
    expect(sim.cycle).toBe(100);
    const r = sim.runFor(1_000);
    // 1 arbitration + 4 services of (1 + 4) + (1 + 4) = 41 cycles after the program call's cycle (TIMING.md); line at +42
    expect(r.events.find((e) => e.kind === 'irq')?.cycle).toBe(100 + 42);
  });

  it('programChannelFlat refuses anything but a real Float64Array (a Proxy of one is never read)', () => {
    const sim = machine();
    let reads = 0;
    const proxy = new Proxy(Float64Array.of(RAM, 256), {
      get(target, key) {
        reads++;
        const v = Reflect.get(target, key, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    expect(codeOf(() => sim.dma.programChannelFlat(0, 0, proxy, 1, SINK_A, 'memory-to-device', 4, false, false)))
      .toBe('ERR_INVALID_ARG_TYPE');
    expect(reads).toBe(0);
    expect(sim.dma.channelStatus(0).state).toBe('idle');
  });
});

describe('other entries that take objects', () => {
  it('programMemoryToMemory: a getter starting another transfer does not change this one', () => {
    const sim = machine();
    const args = {
      channel: 0, source: RAM, destination: RAM + 0x8000, width: 4 as const,
      get length() {
        sim.dma.programMemoryToMemory({ channel: 1, source: RAM + 0x100, destination: RAM + 0xc000, length: 128, width: 4 });
        return 1024;
      },
    };
    sim.dma.programMemoryToMemory(args);
    runTo(sim, 5_000);
    expect(sim.peek(RAM + 0x8000, 1024)).toEqual(sim.peek(RAM, 1024));
    expect(sim.peek(RAM + 0xc000, 128)).toEqual(sim.peek(RAM + 0x100, 128));
  });

  it('addMemory / addFifoPort: a getter adding a region first; both regions are exactly as asked', () => {
    const sim = new Simulator();
    const region = sim.addMemory({
      base: 0x1000,
      get size() {
        sim.addMemory({ base: 0x8000, size: 0x100 });
        return 0x200;
      },
    });
    expect([region.base, region.size]).toEqual([0x1000, 0x200]);
    expect(sim.regions.map((r) => [r.base, r.size])).toEqual([[0x8000, 0x100], [0x1000, 0x200]]);
    const port = sim.addFifoPort({
      address: 0x4000_0000, direction: 'tx', requestLine: 3,
      get depth() {
        sim.addFifoPort({ address: 0x4100_0000, direction: 'rx', requestLine: 4, depth: 8 });
        return 32;
      },
    });
    expect([port.address, port.depth, port.requestLine]).toEqual([0x4000_0000, 32, 3]);
    expect(sim.ports.map((p) => [p.address, p.depth])).toEqual([[0x4100_0000, 8], [0x4000_0000, 32]]);
  });

  it('runFor options: a getter that runs the simulator first; the run is then "cycles from now"', () => {
    const sim = machine();
    const r = sim.runFor(50, { get discardEvents() { sim.runFor(70); return false; } });
    expect(r.cycle).toBe(120);
  });

  it('poke with an array whose element getter pokes elsewhere: both writes land, each read once', () => {
    const sim = machine();
    const data = [1, 2, 3];
    let reads = 0;
    Object.defineProperty(data, 1, { get() { reads++; sim.poke(RAM + 0x200, [9, 9]); return 2; } });
    sim.poke(RAM + 0x100, data);
    expect(reads).toBe(1);
    expect([...sim.peek(RAM + 0x100, 3)]).toEqual([1, 2, 3]);
    expect([...sim.peek(RAM + 0x200, 2)]).toEqual([9, 9]);
  });

  it('FifoPort.setInterrupt with a getter changing the same port: the outer setting, made last, is the one in force', () => {
    const sim = new Simulator();
    // an empty tx port: LEVEL (level <= threshold) holds at once, so the chosen line rises in the next cycle
    const port = sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', requestLine: 1, depth: 16 });
    port.setInterrupt({ line: 7, mask: PORT_IRQ.LEVEL, get threshold() { port.setInterrupt({ line: 9, mask: PORT_IRQ.LEVEL, threshold: 1 }); return 4; } });
    const r = sim.runFor(10);
    expect(r.events.filter((e) => e.kind === 'irq')).toEqual([{ kind: 'irq', cycle: 1, line: 7, level: 1 }]);
  });
});

describe('onEvents is called part-way through a run', () => {
  const streaming = () => {
    const sim = new Simulator({ eventBufferRecords: 16 });
    sim.addFifoPort({ address: 0x4000_0000, direction: 'tx', txStreaming: true, requestLine: 0, depth: 16, elementWidth: 1, rate: 10 });
    return sim;
  };

  it('every call from it is refused with ERR_REENTRANT_CALL, and the run goes on unharmed', () => {
    const sim = streaming();
    const reference = streaming();
    const codes = new Set<string>();
    const seen: unknown[] = [];
    const r = sim.runFor(10_000, {
      onEvents(events) {
        seen.push(...events);
        codes.add(codeOf(() => sim.runFor(1)));
        codes.add(codeOf(() => sim.dma.channelStatus(0)));
        codes.add(codeOf(() => sim.ports[0]!.setWatermark(2)));
        codes.add(codeOf(() => sim.peek(0, 0)));
        codes.add(codeOf(() => sim.dma.flushChannelDeferred(0)));
        codes.add(codeOf(() => sim.dispose()));
      },
    });
    expect([...codes]).toEqual(['ERR_REENTRANT_CALL']);
    expect(sim.disposed).toBe(false);
    expect(r).toEqual({ cycle: 10_000, stoppedBy: 'target', events: [] });
    expect(seen).toEqual(reference.runFor(10_000).events);
    expect(sim.runFor(500)).toEqual(reference.runFor(500));
  });

  it('an exception from it ends the run; the next run goes on from where it stopped', () => {
    const sim = streaming();
    const reference = streaming();
    let calls = 0;
    expect(() => sim.runFor(10_000, { onEvents: () => { if (++calls === 3) throw new Error('consumer failed'); } })).toThrow('consumer failed');
    const stoppedAt = sim.cycle;
    expect(stoppedAt).toBeLessThan(10_000);
    const rest = sim.runUntil(10_000);
    const all = reference.runUntil(10_000).events;
    expect(rest.events).toEqual(all.slice(all.length - rest.events.length));
    expect(rest.events.length).toBe(all.length - 3 * 16);
    expect(sim.runFor(10)).toEqual(reference.runFor(10));
  });
});
