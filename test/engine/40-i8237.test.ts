// Layer 40 — profile i8237 (TIMING.md "Profile i8237", the 8237A datasheet's state machine): the four checks
// exactly, S1 only when A8-A15 change, auto-initialize, and i8237-only call rules.
import { describe, it, expect } from 'vitest';
import { I8237_MODE, CONFIGURE_FUNCTION, Simulator, STATUS_NOT_IMPLEMENTED, STATUS_SUCCESS } from '../../lib/index.js';
import { ofKind, runAll } from './_support.js';

function i8237(compressedTiming = false): Simulator {
  const sim = new Simulator({ profile: 'i8237', timing: { compressedTiming } });
  sim.addMemory({ base: 0x0, size: 0x20000 });
  sim.addMemory({ base: 0x40000, size: 0x10 }); // a device data register (RAM stand-in): fly-by target
  return sim;
}

function program(sim: Simulator, channel: number, mode: number, address: number, length: number,
  direction: 'memory-to-device' | 'device-to-memory' = 'memory-to-device') {
  expect(sim.dma.configureChannel(channel, CONFIGURE_FUNCTION.I8237_SET_MODE, mode)).toBe(STATUS_SUCCESS);
  sim.dma.programChannel({ channel, requestLine: channel, sg: [{ address, length }], deviceAddress: 0x40000,
    direction, width: 1, demandMode: false, loop: false });
  const run = runAll(sim, 2_000_000);
  return {
    tc: ofKind(run.events, 'terminal-count').find((e) => e.channel === channel)?.cycle,
    irq: ofKind(run.events, 'irq').find((e) => e.level === 1)?.cycle,
  };
}

describe('the TIMING.md checks (holdLatency 1, READY high, start address 0x0000)', () => {
  it('block, normal timing, 65,536 bytes: 1 (SI) + 1 (S0) + 256 (S1) + 196,608 = 196,866', () => {
    const r = program(i8237(), 1, I8237_MODE.BLOCK, 0, 65536);
    expect(r.tc).toBe(196_866);
    expect(r.irq).toBe(196_867); // interruptLatency 1 after the last S4
  });

  it('block, compressed timing: 1 + 1 + 256 + 131,072 = 131,330', () => {
    expect(program(i8237(true), 1, I8237_MODE.BLOCK, 0, 65536).tc).toBe(131_330);
  });

  it('memory-to-memory, 65,536 bytes: 1 + 1 + 524,288 = 524,290, interrupt line at +524,291', () => {
    const sim = i8237();
    const ram = sim.regions[0]!.bytes;
    for (let i = 0; i < 0x10000; i++) ram[i] = (i ^ (i >> 8)) & 0xff;
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x10000, length: 0x10000, width: 1 });
    const run = runAll(sim, 1_000_000);
    expect(ofKind(run.events, 'terminal-count')[0]?.cycle).toBe(524_290);
    expect(ofKind(run.events, 'irq').find((e) => e.level === 1)?.cycle).toBe(524_291);
    expect(ram.subarray(0x10000, 0x20000)).toEqual(ram.subarray(0, 0x10000));
  });

  it('single mode, request held, 1,000 bytes: 6 per byte = 6,000', () => {
    expect(program(i8237(), 2, I8237_MODE.SINGLE, 0, 1000, 'device-to-memory').tc).toBe(6_000);
  });
});

describe('S1 and the upper address byte', () => {
  it('256 bytes inside one page: 1 + 1 + 1 (one S1) + 768 = 771', () => {
    expect(program(i8237(), 1, I8237_MODE.BLOCK, 0, 256).tc).toBe(771);
  });

  it('2 bytes across a page (0xFF, 0x100): 1 + 1 + 1 + 3 + 1 (A8-A15 change) + 3 = 10', () => {
    expect(program(i8237(), 1, I8237_MODE.BLOCK, 0xff, 2).tc).toBe(10);
  });

  it('compressed, 256 bytes: 1 + 1 + 1 + 512 = 515', () => {
    expect(program(i8237(true), 1, I8237_MODE.BLOCK, 0, 256).tc).toBe(515);
  });
});

describe('wait states and priority', () => {
  it('one memory wait state adds one Sw per byte in normal timing: 1 + 1 + 1 + 256 x (3 + 1) = 1027', () => {
    const sim = new Simulator({ profile: 'i8237' });
    sim.addMemory({ base: 0x0, size: 0x1000, readWait: 1 });
    sim.addMemory({ base: 0x40000, size: 0x10 });
    expect(program(sim, 1, I8237_MODE.BLOCK, 0, 256).tc).toBe(1027);
  });

  it('compressed timing ignores wait states: 515', () => {
    const sim = new Simulator({ profile: 'i8237', timing: { compressedTiming: true } });
    sim.addMemory({ base: 0x0, size: 0x1000, readWait: 1 });
    sim.addMemory({ base: 0x40000, size: 0x10 });
    expect(program(sim, 1, I8237_MODE.BLOCK, 0, 256).tc).toBe(515);
  });

  /** Four single-mode channels of 4 bytes each, all requesting from cycle 1; each service is 6 cycles. */
  function fourSingles(rotatingPriority: boolean) {
    const sim = new Simulator({ profile: 'i8237', timing: { rotatingPriority } });
    sim.addMemory({ base: 0x0, size: 0x1000 });
    sim.addMemory({ base: 0x40000, size: 0x10 });
    for (let ch = 0; ch < 4; ch++) {
      expect(sim.dma.configureChannel(ch, CONFIGURE_FUNCTION.I8237_SET_MODE, I8237_MODE.SINGLE)).toBe(STATUS_SUCCESS);
      sim.dma.programChannel({ channel: ch, requestLine: ch, sg: [{ address: ch * 0x100, length: 4 }], deviceAddress: 0x40000 + ch * 4,
        direction: 'device-to-memory', width: 1, demandMode: false, loop: false });
    }
    return ofKind(runAll(sim, 10_000).events, 'terminal-count').map((e) => [e.channel, e.cycle]);
  }

  it('fixed priority: channel 0 takes every byte first (services end at 6, 12, ...): 24, 48, 72, 96', () => {
    expect(fourSingles(false)).toEqual([[0, 24], [1, 48], [2, 72], [3, 96]]);
  });

  it('rotating priority: 0, 1, 2, 3, 0, ... — each requester waits for at most 3 services: 78, 84, 90, 96', () => {
    // the 4th byte of channel 0 is the 13th service, ending at 13 x 6 = 78
    expect(fourSingles(true)).toEqual([[0, 78], [1, 84], [2, 90], [3, 96]]);
  });
});

describe('i8237 call rules', () => {
  it('four channels, line == channel, byte width only, soc functions not implemented', () => {
    const sim = i8237();
    expect(sim.options.channels).toBe(4);
    expect(sim.dma.validateRequestLineBinding(2, 2)).toBe(true);
    expect(sim.dma.validateRequestLineBinding(1, 2)).toBe(false);
    expect(sim.dma.configureChannel(0, CONFIGURE_FUNCTION.SET_BURST_LENGTH, 2)).toBe(STATUS_NOT_IMPLEMENTED);
    expect(() => sim.dma.programChannel({ channel: 1, requestLine: 1, sg: [{ address: 0, length: 4 }], deviceAddress: 0x40000,
      direction: 'memory-to-device', width: 2, demandMode: false, loop: false }))
      .toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => new Simulator({ profile: 'i8237', channels: 8 })).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
  });
});
