// The @internal fast entries lib/hal uses on its hot path must be exactly the public calls they stand in for:
//  - mirrorInterruptLine: a mirrored line's interruptLineLevel (read from memory the binding refreshes after every
//    native call) equals the engine's own answer after every run, verb and setter — checked against a twin
//    simulator driven through the same calls without the mirror;
//  - flushChannelDeferred (the flush runs at the start of the next native call) cannot be told from flushChannel,
//    whatever the next call is;
//  - programChannelBound (addon, from the block programBuffer lends) refuses what programChannel refuses,
//    with the same codes, also when lib/sim is bypassed; programChannelFlat (lib/sim) behaves as programChannel for good and bad arguments alike.
import { describe, expect, it } from 'vitest';
import { loadNative } from '../../lib/native/loader.js';
import type { NativeEngineBinding, NativeSimulator } from '../../lib/native/binding-types.js';
import { PORT_IRQ, Simulator, type ProgramChannelArgs } from '../../lib/index.js';
import { engineBinding } from '../../lib/sim/binding.js';
import { resolveSimulatorOptions, toNativeOptions } from '../../lib/sim/options.js';

const RAM = 0x8000_0000;
const SINK = 0x9000_0000;
const PORT = 0x4000_0000;
const SOURCE_LINE = 5;
const PORT_LINE = 6;
const LINES = [0, SOURCE_LINE, PORT_LINE, 7];

function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    const e = error as Error & { code?: string };
    return `${String(e.code)}: ${e.message}`;
  }
}

describe('mirrorInterruptLine', () => {
  // The same calls on two simulators: `m` mirrors LINES, `plain` asks the engine every time.
  function machine(mirror: boolean) {
    const sim = new Simulator({ timing: { burstLength: 4 } });
    sim.addMemory({ base: RAM, size: 0x10000 });
    sim.addMemory({ base: SINK, size: 0x1000 });
    const port = sim.addFifoPort({ address: PORT, direction: 'tx', elementWidth: 4, depth: 8, rate: 4, requestLine: 2, watermark: 4 });
    if (mirror) for (const l of LINES) sim.mirrorInterruptLine(l);
    const source = sim.addInterruptSource(SOURCE_LINE);
    return { sim, port, source };
  }
  const m = machine(true);
  const plain = machine(false);
  const seen = new Set<string>();
  function check(step: string): void {
    for (const l of LINES) {
      const level = m.sim.interruptLineLevel(l);
      expect(level, `line ${l} after ${step}`).toBe(plain.sim.interruptLineLevel(l));
      seen.add(`${l}:${level}`);
    }
  }
  function both(step: string, fn: (x: typeof m) => unknown): void {
    const a = outcome(() => fn(m));
    const b = outcome(() => fn(plain));
    expect(a, step).toBe(b);
    check(step);
  }
  const toSink = (length: number): ProgramChannelArgs => ({
    channel: 1, requestLine: 0, sg: [{ address: RAM, length }], deviceAddress: SINK, direction: 'memory-to-device',
    width: 4, demandMode: false, loop: false,
  });

  it('equals the engine after every run, verb and setter', () => {
    check('construction');
    both('source raise', (x) => x.source.raise());
    both('run', (x) => x.sim.runFor(10));
    both('source lower', (x) => x.source.lower());
    both('program', (x) => x.sim.dma.programChannel(toSink(256)));
    for (let i = 0; i < 4; i++) both(`run ${i}`, (x) => x.sim.runFor(100));
    both('handleInterruptNext', (x) => x.sim.dma.handleInterruptNext());
    both('flush', (x) => x.sim.dma.flushChannel(1));
    both('program again', (x) => x.sim.dma.programChannel(toSink(4096)));
    both('run a little', (x) => x.sim.runFor(20));
    both('cancel', (x) => x.sim.dma.cancelTransfer(1));
    for (let i = 0; i < 3; i++) both(`run after cancel ${i}`, (x) => x.sim.runFor(50));
    both('handleInterrupt', (x) => x.sim.dma.handleInterrupt());
    both('flush after cancel', (x) => x.sim.dma.flushChannel(1));
    both('program, then flush with its interrupt pending', (x) => {
      x.sim.dma.programChannel(toSink(64));
      x.sim.runFor(200);
    });
    both('flush drops the pending interrupt', (x) => x.sim.dma.flushChannel(1));
    both('port interrupt on', (x) => x.port.setInterrupt({ line: PORT_LINE, mask: PORT_IRQ.LEVEL, threshold: 8 }));
    both('run with the port interrupt', (x) => x.sim.runFor(5));
    both('port interrupt off', (x) => x.port.setInterrupt(null));
    both('a refused call', (x) => x.sim.dma.programChannel({ ...toSink(256), sg: [{ address: 0x10, length: 4 }] }));
    both('run on', (x) => x.sim.runFor(30));
    // The test saw both levels of the controller line and of the source line.
    for (const l of [0, SOURCE_LINE]) {
      expect(seen.has(`${l}:true`), `line ${l} high at some point`).toBe(true);
      expect(seen.has(`${l}:false`), `line ${l} low at some point`).toBe(true);
    }
  });

  it('refuses a line the engine does not have, and keeps the disposed error', () => {
    const sim = new Simulator({ interruptLines: 8 });
    expect(outcome(() => sim.mirrorInterruptLine(8))).toMatch(/^ERR_OUT_OF_RANGE/);
    expect(outcome(() => sim.mirrorInterruptLine(1.5))).toMatch(/^ERR_OUT_OF_RANGE: "line"/);
    sim.mirrorInterruptLine(3);
    sim.mirrorInterruptLine(3); // twice is once
    expect(sim.interruptLineLevel(3)).toBe(false);
    sim.dispose();
    expect(outcome(() => sim.interruptLineLevel(3))).toMatch(/^ERR_SIMULATOR_DISPOSED/);
    expect(outcome(() => sim.mirrorInterruptLine(3))).toMatch(/^ERR_SIMULATOR_DISPOSED/);
  });
});

describe('programBuffer + programChannelBound straight at the addon', () => {
  function rawSim(): NativeSimulator {
    engineBinding(); // registers SimulatorError
    const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
    const sim = new Native(toNativeOptions(resolveSimulatorOptions({ timing: { maxFragments: 4 } })));
    sim.addMemory(RAM, 0x10000, 0, 0);
    sim.addMemory(SINK, 0x1000, 0, 0);
    return sim;
  }
  // [channel, requestLine, deviceAddress, direction, width, demandMode, loop, count, pairs...]
  const good = (): number[] => [0, 0, SINK, 0, 4, 0, 0, 1, RAM, 64];
  /** The addon's block with room for the pairs `values` holds (at least one), filled with `values`. */
  const lent = (sim: NativeSimulator, values: number[]): Float64Array => {
    const block = sim.programBuffer(Math.max(1, Math.ceil((values.length - 8) / 2)));
    block.set(values);
    return block;
  };
  const program = (sim: NativeSimulator, values: number[]) => {
    lent(sim, values);
    sim.programChannelBound();
  };

  it('accepts a good request and runs it', () => {
    const sim = rawSim();
    expect(outcome(() => program(sim, good()))).toBe('ok');
    expect(sim.channelStatus(0).state).toBe(1); // running
  });

  it('lends a block the addon owns: 8 + 2 * pairs numbers, zero-filled, of [1, 2^20] pairs', () => {
    const sim = rawSim();
    const block = sim.programBuffer(3);
    expect(block).toBeInstanceOf(Float64Array);
    expect(block.length).toBe(14);
    expect([...block]).toEqual(new Array(14).fill(0));
    expect(outcome(() => sim.programBuffer(0))).toMatch(/^ERR_OUT_OF_RANGE: "pairs"/);
    expect(outcome(() => sim.programBuffer(2 ** 20 + 1))).toMatch(/^ERR_OUT_OF_RANGE: "pairs"/);
    expect(outcome(() => sim.programBuffer(1.5))).toMatch(/^ERR_OUT_OF_RANGE: "pairs"/);
    expect(outcome(() => sim.programBuffer('2' as unknown as number))).toMatch(/^ERR_INVALID_ARG_TYPE: "pairs"/);
  });

  it('refuses what programChannel refuses', () => {
    const cases: [string, (v: number[]) => number[], RegExp][] = [
      ['count beyond the block', (v) => [...v.slice(0, 7), 2, RAM, 64], /^ERR_OUT_OF_RANGE: "count"/],
      ['fractional count', (v) => [...v.slice(0, 7), 0.5, RAM, 64], /^ERR_OUT_OF_RANGE: "count"/],
      ['NaN channel', (v) => [NaN, ...v.slice(1)], /^ERR_OUT_OF_RANGE: "channel"/],
      ['negative request line', (v) => [v[0]!, -1, ...v.slice(2)], /^ERR_OUT_OF_RANGE: "requestLine"/],
      ['fractional device address', (v) => [0, 0, SINK + 0.5, ...v.slice(3)], /^ERR_OUT_OF_RANGE: "deviceAddress"/],
      ['direction 2', (v) => [0, 0, SINK, 2, ...v.slice(4)], /^ERR_OUT_OF_RANGE: "direction"/],
      ['width 16', (v) => [0, 0, SINK, 0, 16, ...v.slice(5)], /^ERR_OUT_OF_RANGE: "width"/],
      ['width 3', (v) => [0, 0, SINK, 0, 3, ...v.slice(5)], /^ERR_INVALID_ARGUMENT/],
      ['demandMode 2', (v) => [...v.slice(0, 5), 2, ...v.slice(6)], /^ERR_INVALID_ARGUMENT: "demandMode"/],
      ['loop NaN', (v) => [...v.slice(0, 6), NaN, ...v.slice(7)], /^ERR_INVALID_ARGUMENT: "loop"/],
      ['NaN SG address', (v) => [...v.slice(0, 8), NaN, 64], /^ERR_OUT_OF_RANGE: "sg\[0\]\.address"/],
      ['negative SG length', (v) => [...v.slice(0, 8), RAM, -4], /^ERR_OUT_OF_RANGE: "sg\[0\]\.length"/],
      ['no SG element', (v) => [...v.slice(0, 7), 0], /^ERR_INVALID_ARGUMENT/],
      ['SG outside RAM', (v) => [...v.slice(0, 8), 0x10, 64], /^ERR_SG_OUTSIDE_MEMORY/],
      ['misaligned SG', (v) => [...v.slice(0, 8), RAM + 2, 64], /^ERR_BAD_ALIGNMENT/],
      ['unmapped device address', (v) => [0, 0, 0x7000_0000, ...v.slice(3)], /^ERR_UNMAPPED_ADDRESS/],
      ['too many fragments', (v) => [...v.slice(0, 7), 5, ...Array.from({ length: 5 }, (_, i) => [RAM + 64 * i, 64]).flat()], /^ERR_TOO_MANY_FRAGMENTS/],
      ['bad channel', (v) => [99, ...v.slice(1)], /^ERR_OUT_OF_RANGE/],
    ];
    for (const [what, make, expected] of cases) {
      const sim = rawSim();
      const values = make(good());
      // 'count beyond the block': a block with room for exactly one pair
      const block = sim.programBuffer(what === 'count beyond the block' ? 1 : Math.max(1, Math.ceil((values.length - 8) / 2)));
      block.set(values.slice(0, block.length));
      expect(outcome(() => sim.programChannelBound()), what).toMatch(expected);
      expect(sim.channelStatus(0).state, `${what}: nothing programmed`).toBe(0);
    }
  });

  it('refuses a busy channel and a call before any block was lent', () => {
    const sim = rawSim();
    program(sim, good());
    expect(outcome(() => sim.programChannelBound())).toMatch(/^ERR_DMA_CHANNEL_BUSY/);
    expect(outcome(() => rawSim().programChannelBound())).toMatch(/^ERR_INVALID_ARG_TYPE: programChannelBound before/);
  });

  it('JS cannot take the block away: a transfer copies it, and the addon goes on reading its own', () => {
    const sim = rawSim();
    const block = lent(sim, [...good().slice(0, 8), 0x10, 64]);
    const copy = structuredClone(block.buffer, { transfer: [block.buffer] });
    expect(block.length).toBe(10); // still attached (Node copies an external ArrayBuffer instead of detaching it)
    expect(new Float64Array(copy)[8]).toBe(0x10);
    new Float64Array(copy)[8] = RAM; // the copy is not the block
    expect(outcome(() => sim.programChannelBound())).toMatch(/^ERR_SG_OUTSIDE_MEMORY/);
    block[8] = RAM;
    expect(outcome(() => sim.programChannelBound())).toBe('ok');
  });

  it('a second block replaces the first; the first stays readable memory, no longer read; dispose detaches both', () => {
    const sim = rawSim();
    const first = lent(sim, good());
    const second = sim.programBuffer(2);
    expect(outcome(() => sim.programChannelBound())).toMatch(/^ERR_INVALID_ARGUMENT/); // the new block: count 0
    first[8] = 0x10;
    expect(first[8]).toBe(0x10);
    second.set(good());
    expect(outcome(() => sim.programChannelBound())).toBe('ok');
    expect(second[2]).toBe(SINK);
    sim.dispose(); // frees the blocks at once (lent_buffers.h LentRegistry), so it detaches every view of them first
    expect([first.length, second.length, second[2]]).toEqual([0, 0, undefined]);
  });

  it('reads the block as it is at the call', () => {
    const sim = rawSim();
    const block = lent(sim, [...good().slice(0, 8), 0x10, 64]);
    expect(outcome(() => sim.programChannelBound())).toMatch(/^ERR_SG_OUTSIDE_MEMORY/);
    block[8] = RAM;
    expect(outcome(() => sim.programChannelBound())).toBe('ok');
  });
});

describe('programChannelFlat behaves as programChannel', () => {
  function sim(): Simulator {
    const s = new Simulator({ timing: { maxFragments: 4 } });
    s.addMemory({ base: RAM, size: 0x10000 });
    s.addMemory({ base: SINK, size: 0x1000 });
    return s;
  }
  const base: ProgramChannelArgs = {
    channel: 0, requestLine: 0, sg: [{ address: RAM, length: 256 }, { address: RAM + 0x1000, length: 128 }],
    deviceAddress: SINK, direction: 'memory-to-device', width: 4, demandMode: false, loop: false,
  };
  const variants: [string, Partial<ProgramChannelArgs> | Record<string, unknown>][] = [
    ['good', {}],
    ['good, looped, device-to-memory', { loop: true, direction: 'device-to-memory' }],
    ['NaN channel', { channel: NaN }],
    ['channel out of range', { channel: 99 }],
    ['fractional request line', { requestLine: 0.5 }],
    ['string device address', { deviceAddress: '1' }],
    ['negative device address', { deviceAddress: -4 }],
    ['unknown direction', { direction: 'sideways' }],
    ['width 3', { width: 3 }],
    ['width as a string', { width: '4' }],
    ['demandMode 1', { demandMode: 1 }],
    ['loop undefined', { loop: undefined }],
    ['fractional SG address', { sg: [{ address: RAM + 0.5, length: 4 }] }],
    ['SG outside RAM', { sg: [{ address: 0x10, length: 4 }] }],
    ['zero SG length', { sg: [{ address: RAM, length: 0 }] }],
    ['empty SG', { sg: [] }],
    ['too many SG elements', { sg: Array.from({ length: 5 }, (_, i) => ({ address: RAM + 64 * i, length: 64 })) }],
    ['as many SG elements as allowed', { sg: Array.from({ length: 4 }, (_, i) => ({ address: RAM + 0x100 * i, length: 64 })) }],
    ['misaligned device address', { deviceAddress: SINK + 2 }],
  ];
  for (const [what, change] of variants) {
    it(what, () => {
      const args = { ...base, ...change } as ProgramChannelArgs;
      const a = sim();
      const b = sim();
      const pairs = Float64Array.from(args.sg.flatMap((e) => [e.address, e.length]));
      const viaObjects = outcome(() => a.dma.programChannel(args));
      const viaPairs = outcome(() => b.dma.programChannelFlat(
        args.channel, args.requestLine, pairs, args.sg.length, args.deviceAddress, args.direction, args.width,
        args.demandMode, args.loop,
      ));
      expect(viaPairs).toBe(viaObjects);
      expect(b.runFor(2000)).toEqual(a.runFor(2000));
      expect(b.peek(SINK, 16)).toEqual(a.peek(SINK, 16));
    });
  }

  it('a list longer than any before grows the bound buffer', () => {
    const a = new Simulator({ timing: { maxFragments: 64 } });
    const b = new Simulator({ timing: { maxFragments: 64 } });
    for (const s of [a, b]) {
      s.addMemory({ base: RAM, size: 0x10000 });
      s.addMemory({ base: SINK, size: 0x1000 });
    }
    for (const n of [1, 40, 3]) {
      const sg = Array.from({ length: n }, (_, i) => ({ address: RAM + 0x100 * i, length: 64 }));
      const pairs = Float64Array.from(sg.flatMap((e) => [e.address, e.length]));
      a.dma.programChannel({ channel: 0, requestLine: 0, sg, deviceAddress: SINK, direction: 'memory-to-device', width: 4, demandMode: false, loop: false });
      b.dma.programChannelFlat(0, 0, pairs, n, SINK, 'memory-to-device', 4, false, false);
      expect(b.runFor(5000)).toEqual(a.runFor(5000));
      expect(b.dma.channelStatus(0)).toEqual(a.dma.channelStatus(0));
      a.dma.flushChannel(0);
      b.dma.flushChannel(0);
    }
  });
});

describe('flushChannelDeferred cannot be told from flushChannel', () => {
  function machine(): Simulator {
    const sim = new Simulator({ timing: { burstLength: 4 } });
    sim.addMemory({ base: RAM, size: 0x10000 });
    sim.addMemory({ base: SINK, size: 0x1000 });
    sim.mirrorInterruptLine(0);
    return sim;
  }
  const toSink = (length: number, channel = 1): ProgramChannelArgs => ({
    channel, requestLine: 0, sg: [{ address: RAM, length }], deviceAddress: SINK, direction: 'memory-to-device',
    width: 4, demandMode: false, loop: false,
  });
  // What may follow a flush; each returns what it observed.
  const nextCalls: [string, (s: Simulator) => unknown][] = [
    ['channelStatus', (s) => s.dma.channelStatus(1)],
    ['readDmaCounter', (s) => s.dma.readDmaCounter(1)],
    ['run', (s) => s.runFor(500)],
    ['program again, then run', (s) => [outcome(() => s.dma.programChannel(toSink(128))), s.runFor(500)]],
    ['program another channel, then run', (s) => [outcome(() => s.dma.programChannel(toSink(128, 2))), s.runFor(500)]],
    ['handleInterrupt', (s) => s.dma.handleInterrupt()],
    ['a second flush of another channel', (s) => { s.dma.flushChannelDeferred(2); return s.dma.channelStatus(2); }],
    ['a refused call', (s) => outcome(() => s.dma.readDmaCounter(99))],
    ['dispose', (s) => { s.dispose(); return outcome(() => s.cycle); }],
  ];
  // Where the flush happens: a finished transfer whose interrupt was reported (the HAL's case: deferred), a
  // transfer still running, and a finished transfer whose interrupt is still pending (flushed at once: the line falls).
  const situations: [string, (s: Simulator) => void][] = [
    ['after a reported completion', (s) => { s.dma.programChannel(toSink(256)); s.runFor(400); s.dma.handleInterrupt(); }],
    ['while running', (s) => { s.dma.programChannel(toSink(4096)); s.runFor(30); }],
    ['with the completion still pending', (s) => { s.dma.programChannel(toSink(256)); s.runFor(400); }],
    ['never programmed', () => {}],
  ];
  for (const [where, setUp] of situations) {
    for (const [what, next] of nextCalls) {
      it(`${where}, then ${what}`, () => {
        const a = machine();
        const b = machine();
        setUp(a);
        setUp(b);
        a.dma.flushChannel(1);
        b.dma.flushChannelDeferred(1);
        expect(b.interruptLineLevel(0)).toBe(a.interruptLineLevel(0));
        expect(b.cycle).toBe(a.cycle);
        expect(next(b)).toEqual(next(a));
        if (!a.disposed) {
          expect(b.interruptLineLevel(0)).toBe(a.interruptLineLevel(0));
          expect(b.runFor(1000)).toEqual(a.runFor(1000));
          expect(b.dma.channelStatus(1)).toEqual(a.dma.channelStatus(1));
        }
      });
    }
  }

  it('the binding runs a flush left in state[1] first thing in its next call, whichever it is', () => {
    engineBinding();
    const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
    const raw = new Native(toNativeOptions(resolveSimulatorOptions({})));
    raw.addMemory(RAM, 0x10000, 0, 0);
    raw.addMemory(SINK, 0x1000, 0, 0);
    const { state } = raw.sharedBuffers(16);
    expect(state[1]).toBe(-1); // lent: nothing deferred
    raw.programChannel(1, 0, Float64Array.of(RAM, 4096), SINK, 0, 4, false, false);
    raw.runBound(raw.cycle() + 20, false);
    expect(raw.channelStatus(1).state).toBe(1); // running
    state[1] = 1;
    expect(raw.channelStatus(1).state).toBe(0); // flushed before the status was read
    expect(state[1]).toBe(-1);
    state[1] = 99;
    expect(outcome(() => raw.cycle())).toMatch(/^ERR_OUT_OF_RANGE/); // as flushChannel(99)
    expect(state[1]).toBe(-1);
    state[1] = 0.5;
    expect(outcome(() => raw.cycle())).toMatch(/^ERR_INVALID_ARGUMENT: the deferred flush slot/);
    raw.dispose();
  });

  it('refuses a bad channel at once, as flushChannel does', () => {
    const a = machine();
    const b = machine();
    expect(outcome(() => b.dma.flushChannelDeferred(99))).toBe(outcome(() => a.dma.flushChannel(99)));
    expect(outcome(() => b.dma.flushChannelDeferred(1.5))).toBe(outcome(() => a.dma.flushChannel(1.5)));
  });
});

describe('hotPathFunctions', () => {
  it('are the methods themselves, without a receiver, and refuse after dispose', () => {
    engineBinding();
    const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
    const raw = new Native(toNativeOptions(resolveSimulatorOptions({})));
    raw.addMemory(RAM, 0x10000, 0, 0);
    raw.addMemory(SINK, 0x1000, 0, 0);
    const { state } = raw.sharedBuffers(16);
    const { runBound, handleInterruptNext, programChannelBound, setPortDmaEnable } = raw.hotPathFunctions();
    expect(outcome(() => setPortDmaEnable(0, true))).toMatch(/^ERR_OUT_OF_RANGE/); // no port 0 yet
    expect(outcome(() => setPortDmaEnable(0, 1 as unknown as boolean))).toMatch(/^ERR_INVALID_ARG_TYPE: "enable"/);
    expect(outcome(() => programChannelBound())).toMatch(/^ERR_INVALID_ARG_TYPE: programChannelBound before/);
    raw.programBuffer(1).set([0, 0, SINK, 0, 4, 0, 0, 1, RAM, 64]);
    programChannelBound();
    expect(handleInterruptNext()).toBe(-1);
    expect(runBound(500, false) % 4).toBe(1); // stopped by the completion interrupt
    expect(state[0]).toBe(raw.cycle());
    expect(handleInterruptNext()).toBe(0); // channel 0, completion, none after it
    expect(outcome(() => runBound(-1, false))).toMatch(/^ERR_OUT_OF_RANGE: "cycle"/);
    raw.dispose();
    expect(outcome(() => runBound(1000, false))).toMatch(/^ERR_SIMULATOR_DISPOSED/);
    expect(outcome(() => handleInterruptNext())).toMatch(/^ERR_SIMULATOR_DISPOSED/);
  });
});
