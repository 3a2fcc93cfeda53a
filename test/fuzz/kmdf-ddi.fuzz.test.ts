// Property fuzzing of the KMDF DDIs with fast-check (issue 13 items 4 and 5), seeded and replayable (budget.ts). On a
// started machine with a live object of every KMDF type (test/kmdf/fixtures/fuzz-machine.ts: queues of every dispatch
// type, requests the host sent in every state, file objects, interrupts, a timer, a spin lock, DMA enablers, a
// transaction, a common buffer), sequences of calls to every exported Wdf* DDI and WDF_*_INIT helper
// (kmdf-calls.ts), at PASSIVE_LEVEL, DISPATCH_LEVEL (under a spin lock) and DIRQL (under the interrupt lock), with
// host actions (send, cancel, open, close, raise the interrupt) and the machine run between calls so deferred
// callbacks, DMA and ISRs happen. Two properties:
//  - hostile arguments: short sequences whose every call has one never-valid argument (most bug-check at the call);
//  - long well-typed sequences: hundreds of calls in random order, state and IRQL with arguments of the right kind.
// A bug check halts the machine; the next call must answer with it again (MachineHaltedError), then a new machine
// (cheap: ~0.3 ms) takes over, so a sequence keeps going. Every call must return, or end in one of our answers: a
// WdfBugCheck, the halted machine's MachineHaltedError, or a coded HalError / SimulatorError — never a TypeError, a
// RangeError or an uncoded error, at the call or later in a run. Calls are counted exactly and the count is checked
// against the budget (at least 100,000 in CI, at least 10^7 with `npm run fuzz`), so a budget that silently drops fails.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HalError } from '../../lib/hal/hal-error.js';
import { DDIS, ours, runSequence, stats, type Mode } from './kmdf-calls.js';
import { LONG, BASE_SEED, batches } from './budget.js';

/** One call: a 31-bit integer (kmdf-calls.ts decodes it). */
const callArb = fc.integer({ min: 0, max: 0x7fff_ffff });

interface Plan {
  mode: Mode;
  /** Calls per sequence. */
  minLength: number;
  maxLength: number;
  runs: number;
  batches: number;
  /** DDI calls on live machines this property must make (counted, not estimated). */
  minCalls: number;
}

// Measured on the 2-core machine (seed 0x5eed, idle): CI makes 114,219 typed calls (~3.5 s, ~30 µs a call with the
// restarts) and ~7,200 hostile ones (~3.4 s: nearly every hostile call bug-checks, so each costs a new machine,
// ~0.6 ms); under load from other jobs both take up to ~2.5x longer. Long mode: ~1.14·10^7 typed calls (~45,000-52,000
// calls/s, ~3.5-4 min) and ~430,000 hostile ones (~2.5 min), each batch's seed printed before it runs. The floors
// leave room for another seed (the lengths are random).
const PLANS: Record<Mode, Plan> = {
  hostile: { mode: 'hostile', minLength: 1, maxLength: 8, runs: LONG ? 3_000 : 2_500, batches: LONG ? 50 : 1, minCalls: LONG ? 380_000 : 6_000 },
  typed: { mode: 'typed', minLength: 100, maxLength: 400, runs: LONG ? 1_100 : 550, batches: LONG ? 50 : 1, minCalls: LONG ? 10_000_000 : 100_000 },
};

function fuzz(plan: Plan): void {
  const before = stats.calls;
  const started = performance.now();
  const cpu = process.cpuUsage();
  batches(`kmdf-ddi ${plan.mode}`, plan.batches, (seed) => {
    const arb = fc.array(callArb, { minLength: plan.minLength, maxLength: plan.maxLength, size: 'max' });
    fc.assert(fc.property(arb, (seq) => runSequence(seq, plan.mode)), { seed, numRuns: plan.runs });
    if (LONG) {
      const calls = stats.calls - before;
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`fuzz kmdf-ddi ${plan.mode}: ${calls.toLocaleString('en-US')} calls in ${s.toFixed(0)} s (${Math.round(calls / s).toLocaleString('en-US')} calls/s)\n`);
    }
  });
  const calls = stats.calls - before;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  process.stderr.write(
    `fuzz kmdf-ddi ${plan.mode}: ${calls.toLocaleString('en-US')} calls, ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(${cpuSeconds.toFixed(1)} s CPU, ${Math.round(calls / cpuSeconds).toLocaleString('en-US')} calls per CPU second)\n`,
  );
  expect(calls).toBeGreaterThanOrEqual(plan.minCalls);
}

describe('fuzz: KMDF DDIs (random handles, arguments, order, state, IRQL)', () => {
  afterAll(() => {
    const reached = [...stats.byDdi.keys()].length;
    process.stderr.write(
      `fuzz kmdf-ddi: ${stats.calls.toLocaleString('en-US')} calls of ${reached}/${DDIS.length} DDIs on live machines ` +
        `(${stats.insideCallbacks.toLocaleString('en-US')} of them from inside driver callbacks; +${stats.haltedCalls.toLocaleString('en-US')} on halted ones, ${stats.actions.toLocaleString('en-US')} host actions): ` +
        `${stats.bugChecks.toLocaleString('en-US')} bug checks, ${stats.coded.toLocaleString('en-US')} coded errors, ` +
        `${stats.machines.toLocaleString('en-US')} machines (seed base ${BASE_SEED})\n`,
    );
  });

  it('the oracle refuses what is not ours (a TypeError, an uncoded Error, a thrown string)', () => {
    expect(() => ours(new TypeError('pending.cb is not a function'))).toThrow(/not one of our errors: TypeError/);
    expect(() => ours(new Error('plain'))).toThrow(/not one of our errors/);
    expect(() => ours('thrown')).toThrow(/not one of our errors/);
    expect(ours(new HalError('ERR_INVALID_ARG_TYPE', 'x'))).toBe('coded');
  });

  it(`hostile arguments: one never-valid argument per call (${DDIS.length} DDIs and helpers)`, () => {
    expect(DDIS.length).toBeGreaterThan(100);
    fuzz(PLANS.hostile);
  }, LONG ? 24 * 3600_000 : 120_000);

  it('long well-typed sequences: random order, state and IRQL on live objects of every type', () => {
    fuzz(PLANS.typed);
    // The live setup reaches the right-type, right-object paths of every object type, not only their wrong handles:
    // these DDIs returned (no bug check) on live objects.
    const returned = (n: string) => stats.returned.get(n) ?? 0;
    expect(stats.insideCallbacks).toBeGreaterThan(1_000); // calls from the ISR, DPC, timer and EvtIo* callbacks
    for (const n of [
      'WdfRequestComplete', 'WdfRequestCompleteWithInformation', 'WdfRequestRetrieveInputBuffer', 'WdfRequestRetrieveOutputBuffer',
      'WdfRequestRetrieveOutputWdmMdl', 'WdfRequestGetParameters', 'WdfRequestMarkCancelableEx', 'WdfRequestUnmarkCancelable',
      'WdfRequestForwardToIoQueue', 'WdfRequestGetFileObject', 'WdfIoQueueRetrieveNextRequest', 'WdfIoQueueStop', 'WdfIoQueuePurge',
      'WdfIoQueueStart', 'WdfIoQueueCreate', 'WdfInterruptSynchronize', 'WdfInterruptQueueDpcForIsr', 'WdfCommonBufferGetLength',
      'WdfCommonBufferCreate', 'WdfFileObjectGetDevice', 'WdfDmaTransactionInitialize', 'WdfDmaTransactionExecute', 'WdfTimerStart',
      'WdfDmaTransactionDmaCompleted', 'WdfDmaTransactionRelease', 'WdfDmaTransactionInitializeUsingRequest',
    ]) {
      expect(returned(n), n).toBeGreaterThan(0);
    }
  }, LONG ? 24 * 3600_000 : 120_000);
});
