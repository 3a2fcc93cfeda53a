// The public API of lib/sim as a table the property fuzzers walk (issue 13 item 5): every entry point, each of its
// arguments by the name the caller wrote (what an error message must name), a generator of valid values for it in a
// given machine, and the call itself. Arguments that are options objects are listed field by field, so a hostile
// value can replace one field (`options.base`) or the whole object (`options`).
import fc from 'fast-check';
import { Simulator, numberToRational, toRational, type FifoPort, type InterruptSource, type MemoryRegion } from '../../lib/index.js';

export const RAM = 0x8000_0000;
export const RAM_SIZE = 0x10000;
export const SINK = 0x9000_0000;
export const TX_PORT = 0x4000_0000;
export const RX_PORT = 0x4100_0000;

/** One simulated machine the calls act on. */
export interface Machine {
  sim: Simulator;
  ram: MemoryRegion;
  tx: FifoPort;
  rx: FifoPort;
  source: InterruptSource;
}

export function machine(options: { fastPaths?: boolean } = {}): Machine {
  const sim = new Simulator({ channels: 4, interruptLines: 8, timing: { maxFragments: 4 }, eventBufferRecords: 64, ...options });
  const ram = sim.addMemory({ base: RAM, size: RAM_SIZE });
  sim.addMemory({ base: SINK, size: 0x1000 });
  const tx = sim.addFifoPort({ address: TX_PORT, direction: 'tx', requestLine: 1, depth: 8, elementWidth: 4, rate: 3 });
  const rx = sim.addFifoPort({ address: RX_PORT, direction: 'rx', requestLine: 2, depth: 8, elementWidth: 4, rate: 5, rxSource: 'pushed' });
  const source = sim.addInterruptSource(5);
  for (let i = 0; i < RAM_SIZE; i += 97) ram.bytes[i] = i & 0xff;
  return { sim, ram, tx, rx, source };
}

/** One argument (or options field) of an entry. */
export interface ArgSpec {
  /** The name an error about it must use (`cycles`, `options.base`, `sg[0].length`). */
  name: string;
  valid: fc.Arbitrary<unknown>;
  /** A valid value is a number of cycles from now: the harness adds sim.cycle to it (a hostile value goes as is). */
  fromNow?: boolean;
}

/** The values an entry is called with: valid ones made absolute (fromNow), hostile ones as they are. */
export function actualValues(m: Machine, entry: Entry, values: unknown[], hostile: ReadonlySet<number> = new Set()): unknown[] {
  const now = m.sim.disposed ? 0 : m.sim.cycle;
  return values.map((v, i) => (entry.args[i]!.fromNow && !hostile.has(i) ? now + (v as number) : v));
}

export interface Entry {
  name: string;
  args: ArgSpec[];
  /** Calls the entry with one value per ArgSpec, in order. */
  call: (m: Machine, values: unknown[]) => unknown;
}

const channel = fc.integer({ min: 0, max: 3 });
const line = fc.integer({ min: 0, max: 7 });
const smallCycles = fc.integer({ min: 0, max: 2_000 });
const aligned = (base: number, span: number, width = 4) => fc.integer({ min: 0, max: span / width - 1 }).map((i) => base + i * width);
const width = fc.constantFrom(1, 2, 4, 8);
const byte = fc.integer({ min: 0, max: 255 });

/** Builds an object from leaf values: names like 'options.x' become fields of the object. */
function objectOf(specs: ArgSpec[], values: unknown[], from: number, prefix: string): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  specs.forEach((s, i) => {
    if (i < from) return;
    if (!s.name.startsWith(prefix + '.')) return;
    const v = values[i];
    if (v !== ABSENT) o[s.name.slice(prefix.length + 1)] = v;
  });
  return o;
}

/** A leaf value that leaves an optional field out. */
export const ABSENT = Symbol('absent');

/** The leaves of SimulatorOptions (timing ones under options.timing). */
const SIMULATOR_LEAVES: ArgSpec[] = [
  { name: 'options.profile', valid: fc.constantFrom(ABSENT, 'soc') },
  { name: 'options.clockHz', valid: fc.constantFrom(ABSENT, 1e6, 48e6, 100e6) },
  { name: 'options.channels', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 32 })) },
  { name: 'options.requestLines', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 64 })) },
  { name: 'options.interruptLines', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 64 })) },
  { name: 'options.controllerInterruptLine', valid: fc.constantFrom(ABSENT, 0) },
  { name: 'options.eventBufferRecords', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 4096 })) },
  { name: 'options.fastPaths', valid: fc.oneof(fc.constant(ABSENT), fc.boolean()) },
  { name: 'options.timing.arbitrationCycles', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
  { name: 'options.timing.burstSetup', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
  { name: 'options.timing.interruptLatency', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
  { name: 'options.timing.requestLatency', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
  { name: 'options.timing.burstLength', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 4 })) },
  { name: 'options.timing.fifoDepth', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 4, max: 16 })) },
  { name: 'options.timing.maxFragments', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 128 })) },
  { name: 'options.timing.priority', valid: fc.constantFrom(ABSENT, 'fixed', 'round-robin') },
];

export const ENTRIES: Entry[] = [
  {
    name: 'new Simulator',
    args: SIMULATOR_LEAVES,
    call: (_m, v) => {
      const options = objectOf(SIMULATOR_LEAVES, v, 0, 'options');
      for (const key of Object.keys(options)) if (key.startsWith('timing.')) delete options[key];
      options.timing = objectOf(SIMULATOR_LEAVES, v, 0, 'options.timing');
      new Simulator(options as never).dispose();
    },
  },
  { name: 'runFor', args: [{ name: 'cycles', valid: smallCycles }], call: (m, [c]) => m.sim.runFor(c as number) },
  { name: 'runUntil', args: [{ name: 'cycle', valid: smallCycles, fromNow: true }], call: (m, [c]) => m.sim.runUntil(c as number) },
  {
    name: 'runFor(options)',
    args: [
      { name: 'cycles', valid: smallCycles },
      { name: 'options.maxEvents', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 50 })) },
      { name: 'options.discardEvents', valid: fc.oneof(fc.constant(ABSENT), fc.boolean()) },
    ],
    call: (m, v, s = ENTRIES_BY_NAME.get('runFor(options)')!.args) => m.sim.runFor(v[0] as number, objectOf(s, v, 1, 'options')),
  },
  { name: 'schedule', args: [{ name: 'cycle', valid: fc.integer({ min: 1, max: 5_000 }), fromNow: true }, { name: 'tag', valid: fc.nat(1000) }], call: (m, [c, t]) => m.sim.schedule(c as number, t as number) },
  { name: 'peek', args: [{ name: 'address', valid: aligned(RAM, RAM_SIZE, 1) }, { name: 'length', valid: fc.nat(16) }], call: (m, [a, n]) => m.sim.peek(a as number, n as number) },
  { name: 'poke', args: [{ name: 'address', valid: aligned(RAM, RAM_SIZE / 2, 1) }, { name: 'data', valid: fc.array(byte, { maxLength: 8 }) }], call: (m, [a, d]) => m.sim.poke(a as number, d as number[]) },
  { name: 'injectBusFault', args: [{ name: 'address', valid: aligned(RAM, RAM_SIZE, 1) }], call: (m, [a]) => m.sim.injectBusFault(a as number) },
  { name: 'interruptLineLevel', args: [{ name: 'line', valid: line }], call: (m, [l]) => m.sim.interruptLineLevel(l as number) },
  { name: 'requestLineLevel', args: [{ name: 'line', valid: fc.integer({ min: 0, max: 31 }) }], call: (m, [l]) => m.sim.requestLineLevel(l as number) },
  { name: 'cyclesToSeconds', args: [{ name: 'cycles', valid: smallCycles }], call: (m, [c]) => m.sim.cyclesToSeconds(c as number) },
  { name: 'addInterruptSource', args: [{ name: 'line', valid: line }], call: (m, [l]) => m.sim.addInterruptSource(l as number) },
  {
    name: 'addMemory',
    args: [
      { name: 'options.base', valid: fc.integer({ min: 0, max: 0xff }).map((i) => 0xa000_0000 + i * 0x1000) },
      { name: 'options.size', valid: fc.integer({ min: 1, max: 0x1000 }) },
      { name: 'options.readWait', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
      { name: 'options.writeWait', valid: fc.oneof(fc.constant(ABSENT), fc.nat(4)) },
    ],
    call: (m, v, s = ENTRIES_BY_NAME.get('addMemory')!.args) => m.sim.addMemory(objectOf(s, v, 0, 'options') as never),
  },
  {
    name: 'addFifoPort',
    args: [
      { name: 'options.address', valid: fc.integer({ min: 0, max: 0xff }).map((i) => 0xb000_0000 + i * 0x100) },
      { name: 'options.direction', valid: fc.constantFrom('rx', 'tx') },
      { name: 'options.depth', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 64 })) },
      { name: 'options.elementWidth', valid: fc.oneof(fc.constant(ABSENT), width) },
      { name: 'options.rate', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 1, max: 100 }), fc.constant(2.5)) },
      { name: 'options.requestLine', valid: fc.oneof(fc.constant(ABSENT), fc.constant(null), fc.integer({ min: 10, max: 31 })) },
      { name: 'options.watermark', valid: fc.oneof(fc.constant(ABSENT), fc.constant(1)) },
      { name: 'options.requestRule', valid: fc.oneof(fc.constant(ABSENT), fc.constantFrom('burst', 'single')) },
      { name: 'options.idleTimeout', valid: fc.oneof(fc.constant(ABSENT), fc.constant(0)) },
      { name: 'options.name', valid: fc.oneof(fc.constant(ABSENT), fc.string({ maxLength: 8 })) },
    ],
    call: (m, v, s = ENTRIES_BY_NAME.get('addFifoPort')!.args) => m.sim.addFifoPort(objectOf(s, v, 0, 'options') as never),
  },
  { name: 'dma.validateRequestLineBinding', args: [{ name: 'requestLine', valid: line }, { name: 'channel', valid: channel }], call: (m, [l, c]) => m.sim.dma.validateRequestLineBinding(l as number, c as number) },
  { name: 'dma.queryMaxFragments', args: [{ name: 'channel', valid: channel }, { name: 'maxFragmentsHint', valid: fc.nat(8) }], call: (m, [c, h]) => m.sim.dma.queryMaxFragments(c as number, h as number) },
  {
    name: 'dma.programChannel',
    args: [
      { name: 'channel', valid: channel },
      { name: 'requestLine', valid: fc.constantFrom(1, 2, 3) },
      { name: 'sg[0].address', valid: aligned(RAM, RAM_SIZE / 2, 8) },
      { name: 'sg[0].length', valid: fc.integer({ min: 1, max: 32 }).map((n) => n * 8) },
      { name: 'deviceAddress', valid: fc.constantFrom(SINK, TX_PORT) },
      { name: 'direction', valid: fc.constant('memory-to-device') },
      { name: 'width', valid: fc.constant(4) },
      { name: 'demandMode', valid: fc.boolean() },
      { name: 'loop', valid: fc.boolean() },
    ],
    call: (m, [c, l, a, n, d, dir, w, dm, lp]) => m.sim.dma.programChannel({
      channel: c as number, requestLine: l as number, sg: [{ address: a as number, length: n as number }], deviceAddress: d as number,
      direction: dir as 'memory-to-device', width: w as 4, demandMode: dm as boolean, loop: lp as boolean,
    }),
  },
  {
    name: 'dma.programMemoryToMemory',
    args: [
      { name: 'channel', valid: channel },
      { name: 'source', valid: aligned(RAM, RAM_SIZE / 2, 8) },
      { name: 'destination', valid: aligned(RAM + RAM_SIZE / 2, RAM_SIZE / 4, 8) },
      { name: 'length', valid: fc.integer({ min: 1, max: 64 }).map((n) => n * 8) },
      { name: 'width', valid: width },
      { name: 'burst', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 0, max: 4 })) },
    ],
    call: (m, [c, s, d, n, w, b]) => m.sim.dma.programMemoryToMemory({
      channel: c as number, source: s as number, destination: d as number, length: n as number, width: w as 4,
      ...(b === ABSENT ? {} : { burst: b as number }),
    }),
  },
  { name: 'dma.configureChannel', args: [{ name: 'channel', valid: channel }, { name: 'functionNumber', valid: fc.integer({ min: 1, max: 7 }) }, { name: 'value', valid: fc.nat(64) }], call: (m, [c, f, v]) => m.sim.dma.configureChannel(c as number, f as number, v as number) },
  { name: 'dma.flushChannel', args: [{ name: 'channel', valid: channel }], call: (m, [c]) => m.sim.dma.flushChannel(c as number) },
  { name: 'dma.flushChannelDeferred', args: [{ name: 'channel', valid: channel }], call: (m, [c]) => m.sim.dma.flushChannelDeferred(c as number) },
  { name: 'dma.handleInterrupt', args: [], call: (m) => m.sim.dma.handleInterrupt() },
  { name: 'dma.readDmaCounter', args: [{ name: 'channel', valid: channel }], call: (m, [c]) => m.sim.dma.readDmaCounter(c as number) },
  { name: 'dma.cancelTransfer', args: [{ name: 'channel', valid: channel }], call: (m, [c]) => m.sim.dma.cancelTransfer(c as number) },
  { name: 'dma.channelStatus', args: [{ name: 'channel', valid: channel }], call: (m, [c]) => m.sim.dma.channelStatus(c as number) },
  { name: 'port.setDmaEnable', args: [{ name: 'enable', valid: fc.boolean() }], call: (m, [b]) => m.tx.setDmaEnable(b as boolean) },
  { name: 'port.setDeviceEnable', args: [{ name: 'enable', valid: fc.boolean() }], call: (m, [b]) => m.rx.setDeviceEnable(b as boolean) },
  { name: 'port.setTxStreaming', args: [{ name: 'streaming', valid: fc.boolean() }], call: (m, [b]) => m.tx.setTxStreaming(b as boolean) },
  { name: 'port.setWatermark', args: [{ name: 'watermark', valid: fc.integer({ min: 1, max: 8 }) }], call: (m, [w]) => m.tx.setWatermark(w as number) },
  { name: 'port.setIdleTimeout', args: [{ name: 'cycles', valid: fc.nat(500) }], call: (m, [c]) => m.rx.setIdleTimeout(c as number) },
  {
    name: 'port.setInterrupt',
    args: [
      { name: 'interrupt.line', valid: line },
      { name: 'interrupt.mask', valid: fc.integer({ min: 0, max: 15 }) },
      { name: 'interrupt.threshold', valid: fc.oneof(fc.constant(ABSENT), fc.integer({ min: 0, max: 8 })) },
    ],
    call: (m, v, s = ENTRIES_BY_NAME.get('port.setInterrupt')!.args) => m.rx.setInterrupt(objectOf(s, v, 0, 'interrupt') as never),
  },
  { name: 'port.clearStatus', args: [{ name: 'mask', valid: fc.nat(0xff) }], call: (m, [k]) => m.tx.clearStatus(k as number) },
  { name: 'port.push', args: [{ name: 'data', valid: fc.array(byte, { maxLength: 16 }) }], call: (m, [d]) => m.rx.push(d as number[]) },
  { name: 'port.readTx', args: [{ name: 'maxBytes', valid: fc.oneof(fc.constant(ABSENT), fc.nat(64)) }], call: (m, [n]) => (n === ABSENT ? m.tx.readTx() : m.tx.readTx(n as number)) },
  { name: 'port.injectError', args: [{ name: 'elementIndex', valid: fc.nat(100) }], call: (m, [i]) => m.tx.injectError(i as number) },
  { name: 'port.injectStall', args: [{ name: 'elementIndex', valid: fc.nat(100) }, { name: 'cycles', valid: fc.nat(100) }], call: (m, [i, c]) => m.rx.injectStall(i as number, c as number) },
  { name: 'port.injectStallAt', args: [{ name: 'atCycle', valid: fc.integer({ min: 1, max: 1000 }), fromNow: true }, { name: 'cycles', valid: fc.nat(100) }], call: (m, [a, c]) => m.rx.injectStallAt(a as number, c as number) },
  { name: 'region.contains', args: [{ name: 'address', valid: aligned(RAM, RAM_SIZE, 1) }, { name: 'length', valid: fc.nat(64) }], call: (m, [a, n]) => m.ram.contains(a as number, n as number) },
  { name: 'source.set', args: [{ name: 'level', valid: fc.boolean() }], call: (m, [b]) => m.source.set(b as boolean) },
  { name: 'numberToRational', args: [{ name: 'rate', valid: fc.double({ min: 1, max: 1e6, noNaN: true }) }], call: (_m, [x]) => numberToRational(x as number) },
  { name: 'toRational', args: [{ name: 'rate', valid: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.record({ numerator: fc.integer({ min: 10, max: 100 }), denominator: fc.integer({ min: 1, max: 10 }) })) }], call: (_m, [x]) => toRational(x as number) },
];

const ENTRIES_BY_NAME = new Map(ENTRIES.map((e) => [e.name, e]));
