// Property fuzzing of lib/sim's public API with fast-check (issue 13 item 5), seeded and replayable (budget.ts):
//  A. one hostile value at a time, in every argument (and options field) of every entry point: the call succeeds,
//     lets the caller's own getter exception through, or throws a SimulatorError with a stable code whose message
//     names the argument as the caller wrote it — never a TypeError, a RangeError, a crash or a hang — and the
//     machine still runs afterwards;
//  B. random call sequences (with dispose in the middle, transfers of the views, hostile values now and then) give
//     the same outcomes twice (replay) and with the engine's fast paths off, and the cycle never goes back;
//  C. bytes are conserved: memory-to-memory copies and memory-to-FIFO transfers deliver exactly the source bytes.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SIM_ERROR_CODES, Simulator, SimulatorError } from '../../lib/index.js';
import { BASE_SEED, LONG, batches, counter } from './budget.js';
import { CallerError, hostileValue } from './hostile.js';
import { ENTRIES, RAM, TX_PORT, actualValues, machine, type Entry, type Machine } from './sim-catalogue.js';

const CODES = new Set<string>(Object.values(SIM_ERROR_CODES));
/** Codes that say an argument was bad: their message must name it. */
const ARGUMENT_CODES = new Set(['ERR_INVALID_ARG_TYPE', 'ERR_OUT_OF_RANGE', 'ERR_INVALID_ARGUMENT', 'ERR_DETACHED_BUFFER']);
/** Hostile values that call the simulator back: the error that follows may be about that, not the argument. */
const REENTRANT = /disposes|runs the simulator/;

type Outcome = { ok: true; value: string } | { ok: false; code: string; message: string; name: string };

function attempt(fn: () => unknown): Outcome {
  counter.calls++;
  try {
    return { ok: true, value: describeValue(fn()) };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { ok: false, code: String(e?.code), message: String(e?.message), name: e instanceof SimulatorError ? 'SimulatorError' : e instanceof CallerError ? 'CallerError' : String(e?.name ?? typeof e) };
  }
}

function describeValue(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Uint8Array) : typeof x === 'bigint' ? `${x}n` : x)) ?? 'undefined';
}

/**
 * Fails the property (with the reason) unless `o` is an acceptable outcome of a hostile call on `arg`. `whole`: the
 * hostile value replaced a whole object or array; an object-like one may be refused by a field's name (it lacks
 * `channel`), a primitive one must be refused by the argument's own name.
 */
function checkHostile(o: Outcome, arg: string, label: string, whole = false, objectLike = false): void {
  if (o.ok || o.name === 'CallerError') return;
  if (o.name !== 'SimulatorError' || !CODES.has(o.code)) {
    throw new Error(`"${arg}" = ${label}: threw ${o.name} (code ${o.code}): ${o.message}`);
  }
  if (whole && objectLike) return;
  if (ARGUMENT_CODES.has(o.code) && !REENTRANT.test(label) && !o.message.includes(arg)) {
    throw new Error(`"${arg}" = ${label}: ${o.code} does not name "${arg}": ${o.message}`);
  }
}

/** After a call: a live machine still answers and runs, and its cycle did not go back. */
function checkSane(m: Machine, before: number): void {
  if (m.sim.disposed) return;
  const now = m.sim.cycle;
  if (now < before) throw new Error(`the cycle went back from ${before} to ${now}`);
  const r = attempt(() => m.sim.runFor(10));
  if (!r.ok) throw new Error(`the machine no longer runs: ${r.name} ${r.code} ${r.message}`);
}

const withArgs = ENTRIES.filter((e) => e.args.length > 0);

/** Entries whose argument is a whole object (or array): the hostile value replaces all of it. */
const WHOLE: { name: string; arg: string; call: (m: Machine, v: unknown) => unknown }[] = [
  { name: 'addMemory', arg: 'options', call: (m, v) => m.sim.addMemory(v as never) },
  { name: 'addFifoPort', arg: 'options', call: (m, v) => m.sim.addFifoPort(v as never) },
  { name: 'programChannel', arg: 'args', call: (m, v) => m.sim.dma.programChannel(v as never) },
  { name: 'programChannel sg', arg: 'sg', call: (m, v) => m.sim.dma.programChannel({ channel: 0, requestLine: 1, sg: v as never, deviceAddress: TX_PORT, direction: 'memory-to-device', width: 4, demandMode: true, loop: false }) },
  { name: 'programChannel sg[0]', arg: 'sg[0]', call: (m, v) => m.sim.dma.programChannel({ channel: 0, requestLine: 1, sg: [v as never], deviceAddress: TX_PORT, direction: 'memory-to-device', width: 4, demandMode: true, loop: false }) },
  { name: 'programMemoryToMemory', arg: 'args', call: (m, v) => m.sim.dma.programMemoryToMemory(v as never) },
  { name: 'programChannelFlat pairs', arg: 'pairs', call: (m, v) => m.sim.dma.programChannelFlat(0, 1, v as never, 1, TX_PORT, 'memory-to-device', 4, true, false) },
  { name: 'runFor options', arg: 'options', call: (m, v) => m.sim.runFor(10, v as never) },
  { name: 'runUntil options', arg: 'options', call: (m, v) => m.sim.runUntil(m.sim.cycle + 10, v as never) },
  { name: 'setInterrupt', arg: 'interrupt', call: (m, v) => m.rx.setInterrupt(v as never) },
  { name: 'addFifoPort interrupt', arg: 'options.interrupt', call: (m, v) => m.sim.addFifoPort({ address: 0xb000_0000, direction: 'rx', interrupt: v as never }) },
  { name: 'addFifoPort pattern', arg: 'options.pattern', call: (m, v) => m.sim.addFifoPort({ address: 0xb000_0000, direction: 'rx', pattern: v as never }) },
  { name: 'poke data', arg: 'data', call: (m, v) => m.sim.poke(RAM, v as never) },
  { name: 'push data', arg: 'data', call: (m, v) => m.rx.push(v as never) },
  { name: 'new Simulator', arg: 'options', call: (_m, v) => new Simulator(v as never).dispose() },
  { name: 'new Simulator timing', arg: 'options.timing', call: (_m, v) => new Simulator({ timing: v as never }).dispose() },
];

afterAll(() => {
  process.stderr.write(`fuzz: ${counter.calls.toLocaleString('en-US')} calls of lib/sim (seed ${BASE_SEED}${LONG ? ', long mode' : ''})\n`);
});

describe('lib/sim under hostile values (one argument at a time)', () => {
  const runs = LONG ? 100_000 : 12_000;
  it(`every argument of every entry point, ${runs.toLocaleString('en-US')} runs per batch`, () => {
    let current: Machine | undefined;
    batches('hostile arguments', LONG ? 24 : 1, (seed) => {
      fc.assert(
        fc.property(
          fc.constantFrom(...withArgs).chain((entry) =>
            fc.tuple(fc.constant(entry), fc.tuple(...entry.args.map((a) => a.valid)), fc.nat(entry.args.length - 1), hostileValue(() => current!))),
          ([entry, values, index, hostile]) => {
            const m = (current = machine());
            try {
              const args = actualValues(m, entry, values, new Set([index]));
              args[index] = hostile.make();
              const o = attempt(() => entry.call(m, args));
              checkHostile(o, entry.args[index]!.name, `${hostile.label} (${entry.name})`);
              checkSane(m, 0);
            } finally {
              if (!m.sim.disposed) m.sim.dispose();
            }
          },
        ),
        { seed, numRuns: runs },
      );
    });
  });

  it('whole objects and arrays replaced by hostile values', () => {
    let current: Machine | undefined;
    batches('hostile objects', LONG ? 24 : 1, (seed) => {
      fc.assert(
        fc.property(fc.constantFrom(...WHOLE), hostileValue(() => current!), (entry, hostile) => {
          const m = (current = machine());
          try {
            const value = hostile.make();
            const o = attempt(() => entry.call(m, value));
            checkHostile(o, entry.arg, `${hostile.label} (${entry.name})`, true, (typeof value === 'object' && value !== null) || typeof value === 'function');
            checkSane(m, 0);
          } finally {
            if (!m.sim.disposed) m.sim.dispose();
          }
        }),
        { seed, numRuns: LONG ? 20_000 : 3_000 },
      );
    });
  });
});

/** One step of a random sequence. */
type Step =
  | { kind: 'call'; entry: Entry; values: unknown[] }
  | { kind: 'hostile'; entry: Entry; values: unknown[]; index: number; hostile: { label: string; make: () => unknown } }
  | { kind: 'dispose' }
  | { kind: 'transfer-view' };

function stepArbitrary(current: () => Machine): fc.Arbitrary<Step> {
  const call = fc.constantFrom(...ENTRIES).chain((entry) =>
    fc.tuple(...entry.args.map((a) => a.valid)).map((values) => ({ kind: 'call' as const, entry, values })));
  const hostile = fc.constantFrom(...withArgs).chain((entry) =>
    fc.tuple(fc.tuple(...entry.args.map((a) => a.valid)), fc.nat(entry.args.length - 1), hostileValue(current))
      .map(([values, index, h]) => ({ kind: 'hostile' as const, entry, values, index, hostile: h })));
  return fc.oneof(
    { weight: 40, arbitrary: call },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: fc.constant({ kind: 'dispose' as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: 'transfer-view' as const }) },
  );
}

/** Runs the steps on a fresh machine; returns every outcome (and the cycle after it) as text. */
function play(steps: Step[], fastPaths: boolean, setCurrent: (m: Machine) => void): string[] {
  const m = machine({ fastPaths });
  setCurrent(m);
  const out: string[] = [];
  let before = 0;
  try {
    for (const step of steps) {
      let o: Outcome;
      if (step.kind === 'call') o = attempt(() => step.entry.call(m, actualValues(m, step.entry, step.values)));
      else if (step.kind === 'hostile') {
        const args = actualValues(m, step.entry, step.values, new Set([step.index]));
        args[step.index] = step.hostile.make();
        o = attempt(() => step.entry.call(m, args));
        checkHostile(o, step.entry.args[step.index]!.name, `${step.hostile.label} (${step.entry.name})`);
      } else if (step.kind === 'dispose') o = attempt(() => m.sim.dispose());
      else {
        // JS tries to take the RAM view away: Node copies an external buffer instead, the view stays attached
        o = attempt(() => {
          const view = m.ram.bytes;
          if (view.byteLength === 0) return 'detached by dispose';
          const copy = structuredClone(view.buffer, { transfer: [view.buffer] });
          return [view.length, copy.byteLength];
        });
      }
      if (!o.ok && o.name !== 'SimulatorError' && o.name !== 'CallerError') throw new Error(`${o.name}: ${o.message}`);
      const cycle = m.sim.disposed ? -1 : m.sim.cycle;
      if (cycle !== -1 && cycle < before) throw new Error(`the cycle went back from ${before} to ${cycle}`);
      if (cycle !== -1) before = cycle;
      out.push(`${o.ok ? o.value : `${o.name} ${o.code} ${o.message}`} @${cycle}`);
    }
  } finally {
    if (!m.sim.disposed) m.sim.dispose();
  }
  return out;
}

describe('lib/sim call sequences', () => {
  it('replay identically, also with the fast paths off, and the cycle never goes back', () => {
    let current: Machine | undefined;
    batches('sequences', LONG ? 24 : 1, (seed) => {
      fc.assert(
        fc.property(fc.array(stepArbitrary(() => current!), { minLength: 8, maxLength: 80 }), (steps) => {
          const set = (m: Machine) => (current = m);
          const first = play(steps, true, set);
          expect(play(steps, true, set)).toEqual(first);
          expect(play(steps, false, set)).toEqual(first);
        }),
        { seed, numRuns: LONG ? 4_000 : 2_500 },
      );
    });
  });
});

/** Runs until the channel has left 'running' (through every interrupt stop), at most `limit` cycles. */
function finish(m: Machine, channel: number, limit: number): void {
  const end = m.sim.cycle + limit;
  while (m.sim.dma.channelStatus(channel).state === 'running' && m.sim.cycle < end) {
    m.sim.runUntil(end, { discardEvents: true });
    while (m.sim.dma.handleInterrupt());
  }
}

describe('bytes are conserved', () => {
  it('memory-to-memory: the destination holds exactly the source bytes, whatever the width, burst and length', () => {
    batches('memory-to-memory', LONG ? 24 : 1, (seed) => {
      fc.assert(
        fc.property(
          fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 1, max: 512 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }),
          fc.uint8Array({ minLength: 4096, maxLength: 4096 }), fc.boolean(),
          (width, beats, burst, ch, data, fastPaths) => {
            const m = machine({ fastPaths });
            try {
              const n = beats * width;
              m.sim.poke(RAM, data);
              const beyond = m.sim.peek(RAM + 0x8000 + n, 8);
              counter.calls += 2;
              m.sim.dma.programMemoryToMemory({ channel: ch, source: RAM, destination: RAM + 0x8000, length: n, width: width as 4, burst });
              finish(m, ch, 100_000);
              expect(m.sim.dma.channelStatus(ch).state).toBe('done');
              expect(m.sim.peek(RAM + 0x8000, n)).toEqual(data.subarray(0, n));
              expect(m.sim.peek(RAM + 0x8000 + n, 8)).toEqual(beyond); // nothing beyond
            } finally {
              m.sim.dispose();
            }
          },
        ),
        { seed, numRuns: LONG ? 2_000 : 300 },
      );
    });
  });

  it('memory to a FIFO port in demand mode: the device receives exactly the source bytes, in order', () => {
    batches('memory-to-port', LONG ? 24 : 1, (seed) => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 64 }), fc.uint8Array({ minLength: 256, maxLength: 256 }), fc.integer({ min: 1, max: 8 }), (words, data, watermark) => {
          const m = machine();
          try {
            m.sim.poke(RAM, data);
            m.tx.setWatermark(watermark);
            m.tx.setDmaEnable(true);
            counter.calls += 4;
            m.sim.dma.programChannel({ channel: 2, requestLine: 1, sg: [{ address: RAM, length: words * 4 }], deviceAddress: TX_PORT, direction: 'memory-to-device', width: 4, demandMode: true, loop: false });
            finish(m, 2, 100_000);
            m.sim.runFor(200); // the last elements leave the FIFO
            expect(m.tx.readTx()).toEqual(data.subarray(0, words * 4));
          } finally {
            m.sim.dispose();
          }
        }),
        { seed, numRuns: LONG ? 2_000 : 300 },
      );
    });
  });

  it('the short budget makes at least 100,000 calls', () => {
    if (!LONG) expect(counter.calls).toBeGreaterThanOrEqual(100_000);
    else expect(counter.calls).toBeGreaterThanOrEqual(10_000_000);
  });
});
