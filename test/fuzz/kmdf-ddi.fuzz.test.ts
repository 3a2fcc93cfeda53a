// Property fuzzing of the KMDF DDIs with fast-check (issue 13 items 4 and 5), seeded and replayable (budget.ts): on a
// started loopback device (test/kmdf/fixtures/harness.ts), random sequences of calls to every exported Wdf* DDI and
// WDF_*_INIT helper, with arguments drawn from live handles of every type (so wrong types and wrong order come up),
// handles the sequence created, Out boxes, structures, callbacks and hostile values (NULL, primitives, Symbols, frozen
// and empty objects, non-functions), run at PASSIVE_LEVEL and at DISPATCH_LEVEL (under a spin lock), with the
// machine run between calls so deferred callbacks fire. Every call must return, or end in one of our answers: a
// WdfBugCheck (0x10D / 0xE6 / ...), the halted machine's MachineHaltedError, or a coded HalError / SimulatorError —
// never a TypeError, a RangeError or an uncoded error, at the call or later in a run.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MachineHaltedError } from '../../lib/hal/bugcheck.js';
import { HalError } from '../../lib/hal/hal-error.js';
import { Out } from '../../lib/hal/out.js';
import { SimulatorError } from '../../lib/index.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness } from '../kmdf/fixtures/harness.js';
import { LONG, BASE_SEED, batches } from './budget.js';

const isClass = (f: unknown): boolean => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
/** Every exported DDI and *_INIT helper of lib/kmdf. */
const DDIS: [string, (...args: unknown[]) => unknown][] = Object.entries(W)
  .filter(([n, f]) => typeof f === 'function' && !isClass(f) && (/^Wdf[A-Z]/.test(n) || /^WDF_[A-Z0-9_]+_INIT/.test(n)))
  .map(([n, f]) => [n, f as (...args: unknown[]) => unknown]);

/** Values that are never valid arguments (a fresh copy per call: a DDI may write into an object). */
const HOSTILE: (() => unknown)[] = [
  () => null,
  () => undefined,
  () => 0,
  () => -1,
  () => 42,
  () => 1.5,
  () => NaN,
  () => 2 ** 53,
  () => 'WDFDEVICE',
  () => true,
  () => Symbol('hostile'),
  () => 10n,
  () => ({}),
  () => [],
  () => Object.freeze({ Size: 8 }),
  () => () => undefined,
  () => () => W.STATUS_SUCCESS,
  () => () => true,
  () => new Out<unknown>(null),
  () => new Out<unknown>(0),
  () => W.newObjectAttributes(),
];

/** The parameter names of a DDI, as written (the compiled function keeps them). */
function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn));
  return (m?.[1] ?? '').split(',').map((p) => p.trim().replace(/[=\s].*$/, '')).filter((p) => p !== '');
}
const PARAMETERS = DDIS.map(([, fn]) => parameterNames(fn));

// 'named': a value of the kind the parameter's name asks for (mostly right, sometimes an Out box where a handle goes,
// a handle of the right family but the wrong object); 'pool': any live value (the wrong type); 'hostile': never valid.
type Arg = { kind: 'hostile' | 'pool' | 'named'; i: number };
type Call = { ddi: number; args: Arg[]; bad: { at: number; arg: Arg } | null; extra: number; irql: 'passive' | 'dispatch'; run: number };

const namedArb: fc.Arbitrary<Arg> = fc.record({ kind: fc.constant('named' as const), i: fc.nat(7) });
const badArb: fc.Arbitrary<Arg> = fc.oneof(
  fc.record({ kind: fc.constant('hostile' as const), i: fc.nat(HOSTILE.length - 1) }),
  fc.record({ kind: fc.constant('pool' as const), i: fc.nat(63) }),
);
/** DDIs whose objects the harness has live (DMA, timers, spin locks, objects, helpers) are picked four times as often
 *  as those whose objects it never creates (requests, queues, interrupts, ...: those calls test the wrong handle). */
const UNLIVE = /^Wdf(Request|IoQueue|Interrupt|CommonBuffer|FileObject|DeviceInit|Driver|CmResource|Wdm)/;
const LIVE_DDIS = DDIS.flatMap(([n], i) => (UNLIVE.test(n) ? [] : [i]));
const UNLIVE_DDIS = DDIS.flatMap(([n], i) => (UNLIVE.test(n) ? [i] : []));
const callArb: fc.Arbitrary<Call> = fc.record({
  ddi: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...LIVE_DDIS) }, { weight: 1, arbitrary: fc.constantFrom(...UNLIVE_DDIS) }),
  args: fc.array(namedArb, { minLength: 6, maxLength: 6 }),
  // One call in four has one wrong argument (a hostile value or any live value); the rest are well-typed but in any order.
  bad: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ at: fc.nat(5), arg: badArb }) }),
  extra: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1),
  irql: fc.constantFrom('passive' as const, 'passive' as const, 'dispatch' as const),
  run: fc.constantFrom(0, 0, 0, 500, 5_000),
});

let calls = 0;
let bugChecks = 0;

/** Our answers: a bug check, the halted machine, a coded error. Anything else is a finding. */
function ours(e: unknown): 'bugcheck' | 'coded' {
  if (e instanceof W.WdfBugCheck || e instanceof MachineHaltedError) return 'bugcheck';
  if ((e instanceof HalError || e instanceof SimulatorError) && typeof e.code === 'string' && e.code.startsWith('ERR_')) return 'coded';
  const x = e as Error;
  throw new Error(`not one of our errors: ${x?.name ?? typeof e}: ${x?.message ?? String(e)}`);
}

/** The live values a parameter of this name takes (the harness's objects, what the sequence created, fresh boxes). */
function named(ddi: string, name: string, last: boolean, live: Live): unknown[] {
  const out = () => new Out<unknown>(null);
  if (last && /Create|Retrieve|Get[A-Z]\w*\(|Allocate/.test(`${ddi}(`) && !/^Evt/.test(name)) return [out(), out(), out(), null];
  if (/^Evt|Function$|Callback$|Routine$/.test(name)) return [live.program, live.complete, () => W.STATUS_SUCCESS, () => undefined];
  if (/Attributes$/.test(name)) return [null, live.attributes(), live.attributes()];
  if (/Config$|Callbacks$|Requirements$|Info$/.test(name)) return [{}, ...live.structs];
  if (/Enabler/.test(name)) return live.of('enabler');
  if (/Transaction/.test(name)) return live.of('transaction');
  if (/Lock/.test(name)) return live.of('lock');
  if (/Timer/.test(name)) return live.of('timer');
  if (/Device|Object|Parent|Handle|Queue|Request|Interrupt|CommonBuffer|Driver/.test(name)) return live.of('object');
  if (/Mdl$/.test(name)) return [live.mdl];
  if (/VirtualAddress|Va$/.test(name)) return [live.va];
  if (/Direction/.test(name)) return [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice];
  if (/Status$|Result$/.test(name)) return [W.STATUS_SUCCESS, out(), 0xc000_0120];
  if (/Length|Size|Count|Offset|Timeout|Period|Maximum|Minimum|Width|Alignment|Elements|Bytes/.test(name)) return [0, 64, 512, 4096];
  if (/DueTime/.test(name)) return [-10_000, -1_000_000, 0];
  if (/^(Wait|Enable|Exclusive|Is|Cancel|Success|InitSuccess)/.test(name)) return [true, false];
  if (/Profile/.test(name)) return [W.WdfDmaProfileSystem, W.WdfDmaProfileSystemDuplex, W.WdfDmaProfilePacket];
  return [...live.of('object'), out(), 0, true, null];
}

interface Live {
  program: unknown;
  complete: unknown;
  mdl: unknown;
  va: unknown;
  structs: unknown[];
  attributes(): unknown;
  of(kind: 'enabler' | 'transaction' | 'lock' | 'timer' | 'object'): unknown[];
}

/** One sequence on a fresh machine; stops at the first bug check (the machine is halted after it). */
function runSequence(seq: Call[]): void {
  const h = new Harness({ device: { rate: 100 } });
  const pool: unknown[] = [];
  h.call(() => {
    const buf = h.buffer(512);
    const lock = new Out<W.WDFSPINLOCK | null>(null);
    const attributes = W.newObjectAttributes();
    attributes.ParentObject = h.device.handle;
    W.WdfSpinLockCreate(attributes, lock);
    const enablerConfig = {} as W.WDF_DMA_ENABLER_CONFIG;
    W.WDF_DMA_ENABLER_CONFIG_INIT(enablerConfig, W.WdfDmaProfileSystem, 1024);
    pool.push(h.device.handle, h.writeEnabler, h.readEnabler, h.transaction(), lock.value, buf.mdl, buf.va, 512, 0);
    pool.push(W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice, h.programDma, h.completeWithDmaCompleted);
    pool.push(enablerConfig, h.profileConfig(W.WdfDmaDirectionWriteToDevice), attributes, h.dmaDescriptors[0] ?? null);
  });
  const lock = pool[4] as W.WDFSPINLOCK;
  const timer = h.call(() => {
    const config = {} as W.WDF_TIMER_CONFIG;
    W.WDF_TIMER_CONFIG_INIT(config, () => undefined);
    const a = W.newObjectAttributes();
    a.ParentObject = h.device.handle;
    const t = new Out<W.WDFTIMER | null>(null);
    W.WdfTimerCreate(config, a, t);
    return t.value;
  });
  pool.push(timer);
  const created: unknown[] = [];
  const live: Live = {
    program: h.programDma,
    complete: h.completeWithDmaCompleted,
    mdl: pool[5],
    va: pool[6],
    structs: pool.slice(13, 16),
    attributes: () => {
      const a = W.newObjectAttributes();
      a.ParentObject = h.device.handle;
      return a;
    },
    of: (kind) =>
      kind === 'enabler'
        ? [h.writeEnabler, h.readEnabler]
        : kind === 'transaction'
          ? [pool[3], pool[3], ...created]
          : kind === 'lock'
            ? [lock]
            : kind === 'timer'
              ? [timer, timer, ...created]
              : [h.device.handle, h.device.handle, timer, ...created],
  };
  for (const call of seq) {
    const [, fn] = DDIS[call.ddi]!;
    const names = PARAMETERS[call.ddi]!;
    const count = Math.max(0, Math.min(6, names.length + call.extra));
    const args = call.args.slice(0, count).map((named_, k) => {
      const a = call.bad && call.bad.at % Math.max(1, count) === k ? call.bad.arg : named_;
      if (a.kind === 'hostile') return HOSTILE[a.i]!();
      if (a.kind === 'pool') return pool[a.i % pool.length];
      const candidates = named(DDIS[call.ddi]![0], names[k] ?? '', k === names.length - 1, live);
      return candidates[a.i % candidates.length];
    });
    calls++;
    try {
      h.call(() => {
        if (call.irql === 'dispatch') W.WdfSpinLockAcquire(lock);
        try {
          fn(...args);
        } finally {
          if (call.irql === 'dispatch') W.WdfSpinLockRelease(lock);
        }
      });
      if (call.run) h.runUntil(() => false, call.run);
    } catch (e) {
      if (ours(e) === 'bugcheck') {
        bugChecks++;
        return;
      }
    }
    // Handles the call created (an Out box it filled) join the pool: later calls use them, right or wrong.
    for (const a of args) {
      if (a instanceof Out && a.value !== null && a.value !== undefined && a.value !== 0 && typeof a.value !== 'boolean') {
        pool.push(a.value);
        if (typeof a.value === 'number' && a.value >= 0x1000) created.push(a.value); // a handle
      }
    }
    if (pool.length > 64) pool.splice(18, pool.length - 64);
    if (created.length > 16) created.splice(0, created.length - 16);
  }
}

/** Sequences per batch and batches: the short budget is CI's (a few seconds); `npm run fuzz` runs the long one. */
const RUNS = LONG ? 20_000 : 250;
const BATCHES = LONG ? 50 : 2;

describe('fuzz: KMDF DDIs (random handles, arguments, order, IRQL)', () => {
  afterAll(() => {
    process.stderr.write(`fuzz kmdf-ddi: ${calls} calls of ${DDIS.length} DDIs, ${bugChecks} sequences ended in a bug check (seed base ${BASE_SEED})\n`);
  });

  it('the oracle refuses what is not ours (a TypeError, an uncoded Error, a thrown string)', () => {
    expect(() => ours(new TypeError('pending.cb is not a function'))).toThrow(/not one of our errors: TypeError/);
    expect(() => ours(new Error('plain'))).toThrow(/not one of our errors/);
    expect(() => ours('thrown')).toThrow(/not one of our errors/);
    expect(ours(new HalError('ERR_INVALID_ARG_TYPE', 'x'))).toBe('coded');
  });

  it(`only our bug checks and coded errors come out (${DDIS.length} DDIs and helpers)`, () => {
    expect(DDIS.length).toBeGreaterThan(80);
    batches('kmdf-ddi', BATCHES, (seed) => {
      fc.assert(fc.property(fc.array(callArb, { minLength: 1, maxLength: 40 }), (seq) => runSequence(seq)), { seed, numRuns: RUNS });
    });
  }, LONG ? 24 * 3600_000 : 120_000);
});
