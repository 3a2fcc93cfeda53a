// Hostile calls (issue 3 item 6): NaN, negatives, fractions, 2^53 + 1, wrong types, huge SG lists, detached
// buffers and calls after dispose() — through the TS face AND straight at the addon (which must protect itself
// when lib/sim is bypassed). Each is a coded error whose message names the argument; none crashes or hangs.
import { describe, it, expect } from 'vitest';
import { loadNative } from '../../lib/native/loader.js';
import type { NativeEngineBinding, NativeSimOptions, NativeSimulator } from '../../lib/native/binding-types.js';
import { Simulator, SimulatorError } from '../../lib/index.js';
import { engineBinding } from '../../lib/sim/binding.js';
import { resolveSimulatorOptions, toNativeOptions } from '../../lib/sim/options.js';

function codeOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const e = error as Error & { code?: string };
    return { code: String(e.code), message: e.message };
  }
  throw new Error('expected a coded error, but the call returned');
}

function detached(size = 16): Uint8Array {
  const buffer = new ArrayBuffer(size);
  const view = new Uint8Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return view;
}

const BAD_NUMBERS: [unknown, string][] = [
  [NaN, 'ERR_OUT_OF_RANGE'],
  [-1, 'ERR_OUT_OF_RANGE'],
  [1.5, 'ERR_OUT_OF_RANGE'],
  [2 ** 53 + 1, 'ERR_OUT_OF_RANGE'],
  [Infinity, 'ERR_OUT_OF_RANGE'],
  ['3', 'ERR_INVALID_ARG_TYPE'],
  [undefined, 'ERR_INVALID_ARG_TYPE'],
  [3n, 'ERR_INVALID_ARG_TYPE'],
  [{}, 'ERR_INVALID_ARG_TYPE'],
];

function rawSim(): NativeSimulator {
  engineBinding(); // registers SimulatorError
  const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
  return new Native(toNativeOptions(resolveSimulatorOptions({})));
}

describe('bad numbers through the TS face', () => {
  const sim = new Simulator();
  sim.addMemory({ base: 0, size: 0x1000 });
  const calls: [string, (v: unknown) => unknown][] = [
    ['cycles', (v) => sim.runFor(v as number)],
    ['cycle', (v) => sim.runUntil(v as number)],
    ['cycle', (v) => sim.schedule(v as number, 0)],
    ['options.base', (v) => sim.addMemory({ base: v as number, size: 16 })],
    ['options.size', (v) => sim.addMemory({ base: 0x10000, size: v as number })],
    ['channel', (v) => sim.dma.readDmaCounter(v as number)],
    ['value', (v) => sim.dma.configureChannel(0, 5, v as number)],
    ['address', (v) => sim.peek(v as number, 4)],
    ['sg[0].address', (v) => sim.dma.programChannel({
      channel: 0, requestLine: 0, sg: [{ address: v as number, length: 4 }], deviceAddress: 0,
      direction: 'memory-to-device', width: 4, demandMode: false, loop: false,
    })],
    ['source', (v) => sim.dma.programMemoryToMemory({ channel: 0, source: v as number, destination: 0x800, length: 4, width: 4 })],
  ];
  for (const [name, call] of calls) {
    it(`"${name}" refuses each bad value with a coded error naming it`, () => {
      for (const [value, code] of BAD_NUMBERS) {
        const e = codeOf(() => call(value));
        expect(e.code, `${name} = ${String(value)}`).toBe(code);
        expect(e.message).toContain(`"${name}"`);
      }
    });
  }
});

describe('bad numbers straight at the addon', () => {
  const sim = rawSim();
  sim.addMemory(0, 0x1000, 0, 0);
  const calls: [string, (v: unknown) => unknown][] = [
    ['cycle', (v) => sim.runUntil(v as number, null)],
    ['cycles', (v) => sim.runFor(v as number, null)],
    ['cycle', (v) => sim.schedule(v as number, 1)],
    ['base', (v) => sim.addMemory(v as number, 16, 0, 0)],
    ['channel', (v) => sim.cancelTransfer(v as number)],
    ['value', (v) => sim.configureChannel(0, 5, v as number)],
    ['port', (v) => sim.portStatus(v as number)],
    ['address', (v) => sim.poke(v as number, new Uint8Array(1))],
    ['length', (v) => sim.programMemoryToMemory(0, 0, 0x800, v as number, 4, 0)],
  ];
  for (const [name, call] of calls) {
    it(`"${name}" refuses each bad value with a coded SimulatorError`, () => {
      for (const [value, code] of BAD_NUMBERS) {
        let thrown: unknown;
        try {
          call(value);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `${name} = ${String(value)}`).toBeInstanceOf(SimulatorError);
        expect((thrown as SimulatorError).code).toBe(code);
        expect((thrown as SimulatorError).message).toContain(`"${name}"`);
      }
    });
  }

  it('a missing options field is named, never guessed', () => {
    const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
    const options = toNativeOptions(resolveSimulatorOptions({})) as Partial<NativeSimOptions>;
    delete options.fifoDepth;
    const e = codeOf(() => new Native(options as NativeSimOptions));
    expect(e.code).toBe('ERR_INVALID_ARG_TYPE');
    expect(e.message).toContain('"options.fifoDepth"');
    expect(codeOf(() => new Native(null as unknown as NativeSimOptions)).code).toBe('ERR_INVALID_ARG_TYPE');
  });

  it('an out-of-range option is refused by the engine, naming the field', () => {
    const { NativeSimulator: Native } = loadNative() as NativeEngineBinding;
    const e = codeOf(() => new Native({ ...toNativeOptions(resolveSimulatorOptions({})), channels: 0 }));
    expect(e.code).toBe('ERR_OUT_OF_RANGE');
    expect(e.message).toMatch(/channels/);
  });

  it('a method called on a foreign object throws instead of crashing', () => {
    const proto = Object.getPrototypeOf(sim) as NativeSimulator;
    expect(() => proto.cycle.call({} as NativeSimulator)).toThrow();
  });

  it('an event buffer must hold at least one record and be an ArrayBuffer', () => {
    expect(codeOf(() => sim.runFor(10, new ArrayBuffer(31))).code).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => sim.runFor(10, new Uint8Array(64) as unknown as ArrayBuffer)).code).toBe('ERR_INVALID_ARG_TYPE');
  });
});

describe('huge SG lists', () => {
  it('the TS face refuses a million-element list by its length', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0, size: 0x1000 });
    const sg = Array.from({ length: 1_000_000 }, () => ({ address: 0, length: 4 }));
    const e = codeOf(() => sim.dma.programChannel({
      channel: 0, requestLine: 0, sg, deviceAddress: 0x800, direction: 'memory-to-device', width: 4,
      demandMode: false, loop: false,
    }));
    expect(e.code).toBe('ERR_TOO_MANY_FRAGMENTS');
    expect(e.message).toContain('"sg"');
  });

  it('the addon reads at most maxFragments + 1 pairs of a 10-million-pair list', () => {
    const sim = rawSim();
    sim.addMemory(0, 0x1000, 0, 0);
    const flat = new Float64Array(20_000_000).fill(4); // every pair (4, 4): aligned, inside RAM
    const e = codeOf(() => sim.programChannel(0, 0, flat, 0x800, 0, 4, false, false));
    expect(e.code).toBe('ERR_TOO_MANY_FRAGMENTS');
  });

  it('an odd-length or wrongly typed SG array is refused', () => {
    const sim = rawSim();
    sim.addMemory(0, 0x1000, 0, 0);
    expect(codeOf(() => sim.programChannel(0, 0, new Float64Array(3), 0x800, 0, 4, false, false)).code).toBe('ERR_INVALID_ARGUMENT');
    expect(codeOf(() => sim.programChannel(0, 0, [0, 4] as unknown as Float64Array, 0x800, 0, 4, false, false)).code)
      .toBe('ERR_INVALID_ARG_TYPE');
    const nan = new Float64Array([NaN, 4]);
    const e = codeOf(() => sim.programChannel(0, 0, nan, 0x800, 0, 4, false, false));
    expect(e.code).toBe('ERR_OUT_OF_RANGE');
    expect(e.message).toContain('"sg[0].address"');
  });
});

describe('detached buffers', () => {
  it('poke, peek, push and readTx refuse a detached view', () => {
    const sim = new Simulator();
    sim.addMemory({ base: 0, size: 0x1000 });
    const rx = sim.addFifoPort({ address: 0x2000, direction: 'rx', rxSource: 'pushed' });
    expect(codeOf(() => sim.poke(0, detached())).code).toBe('ERR_DETACHED_BUFFER');
    expect(codeOf(() => rx.push(detached())).code).toBe('ERR_DETACHED_BUFFER');
    const raw = rawSim();
    raw.addMemory(0, 0x1000, 0, 0);
    expect(codeOf(() => raw.peek(0, detached())).code).toBe('ERR_DETACHED_BUFFER');
    expect(codeOf(() => raw.poke(0, detached())).code).toBe('ERR_DETACHED_BUFFER');
    const port = raw.addFifoPort({
      address: 0x2000, readWait: 0, writeWait: 0, direction: 1, depth: 4, elementWidth: 1, rateNumerator: 1,
      rateDenominator: 1, requestLine: 0xffffffff, watermark: 1, requestRule: 0, dmaEnable: false, deviceEnable: true,
      txStreaming: false, idleTimeout: 0, rxSource: 0, pattern: new Uint8Array([1]), interruptLine: 0xffffffff,
      interruptMask: 0, interruptThreshold: 0, txCaptureLimit: 1024,
    });
    expect(codeOf(() => raw.readTxData(port, detached())).code).toBe('ERR_DETACHED_BUFFER');
  });

  it('a detached event buffer is refused', () => {
    const raw = rawSim();
    const buffer = new ArrayBuffer(64);
    structuredClone(buffer, { transfer: [buffer] });
    expect(codeOf(() => raw.runFor(10, buffer)).code).toBe('ERR_DETACHED_BUFFER');
  });
});

describe('calls after dispose()', () => {
  it('every TS call is ERR_SIMULATOR_DISPOSED; dispose twice is harmless', () => {
    const sim = new Simulator();
    const ram = sim.addMemory({ base: 0, size: 0x1000 });
    const port = sim.addFifoPort({ address: 0x2000, direction: 'tx' });
    const view = ram.bytes;
    expect(view.length).toBe(0x1000);
    sim.dispose();
    sim.dispose();
    expect(sim.disposed).toBe(true);
    const calls: (() => unknown)[] = [
      () => sim.cycle, () => sim.runFor(1), () => sim.runUntil(5), () => sim.schedule(9, 1), () => sim.peek(0, 1),
      () => sim.poke(0, [1]), () => sim.addMemory({ base: 0x8000, size: 16 }), () => sim.interruptLineLevel(0),
      () => sim.dma.handleInterrupt(), () => sim.dma.readDmaCounter(0), () => sim.dma.cancelTransfer(0),
      () => sim.dma.channelStatus(0), () => port.status, () => port.setDmaEnable(true), () => port.readTx(),
      () => sim.injectBusFault(0), () => sim.addFifoPort({ address: 0x3000, direction: 'rx' }),
    ];
    for (const call of calls) expect(codeOf(call).code).toBe('ERR_SIMULATOR_DISPOSED');
    expect(view.length).toBe(0); // detached, not dangling
    expect(ram.bytes.length).toBe(0);
  });

  it('every addon method is ERR_SIMULATOR_DISPOSED, none crashes', () => {
    const raw = rawSim();
    raw.dispose();
    raw.dispose();
    expect(raw.isDisposed()).toBe(true);
    const proto = Object.getPrototypeOf(raw) as Record<string, (...args: unknown[]) => unknown>;
    const names = Object.getOwnPropertyNames(proto).filter((n) => n !== 'constructor' && n !== 'dispose' && n !== 'isDisposed');
    expect(names.length).toBeGreaterThan(35);
    // Plausible arguments for every method, so only the disposed state can refuse them.
    const args = [0, 0, 0, 0, 0, 0, false, false];
    const special: Record<string, unknown[]> = {
      runUntil: [0, null], runFor: [0, null], schedule: [5, 0], peek: [0, new Uint8Array(1)], poke: [0, new Uint8Array(1)],
      programChannel: [0, 0, new Float64Array([0, 4]), 0, 0, 4, false, false], setPortDmaEnable: [0, true],
      setPortDeviceEnable: [0, true], setPortTxStreaming: [0, true], appendRxData: [0, new Uint8Array(1)],
      readTxData: [0, new Uint8Array(1)], addMemory: [0, 16, 0, 0], programMemoryToMemory: [0, 0, 16, 4, 4, 0],
      addFifoPort: [{
        address: 0x2000, readWait: 0, writeWait: 0, direction: 1, depth: 4, elementWidth: 1, rateNumerator: 1,
        rateDenominator: 1, requestLine: 0xffffffff, watermark: 1, requestRule: 0, dmaEnable: false, deviceEnable: true,
        txStreaming: false, idleTimeout: 0, rxSource: 0, pattern: new Uint8Array([1]), interruptLine: 0xffffffff,
        interruptMask: 0, interruptThreshold: 0, txCaptureLimit: 1024,
      }],
    };
    for (const name of names) {
      const e = codeOf(() => proto[name]!.apply(raw, special[name] ?? args));
      expect(e.code, name).toBe('ERR_SIMULATOR_DISPOSED');
    }
  });
});
