// Timing matchers for users' vitest suites (issue 15 item 3): `expect(request).toCompleteAt(cycle)`,
// `.toCompleteWithin(cycles)`, `.toCompleteWithStatus(STATUS_…)` on a test host's request, and
// `expect(port).toHaveReceived(bytes)` on a tx FIFO port or a device model. They only read: a pending request is a
// failure that says how to run the machine, never a reason to run it. Messages give cycles and µs at the machine's bus
// clock (TIMING.md: time is bus cycles; seconds are cycles / clockHz), statuses by name (ntStatusText), and point at
// the trace when traceOnFailure() records the test (trace-on-failure.ts). Register them with
// `setupFiles: ['kmdf-dma-sim/vitest/setup']` or `expect.extend(timingMatchers)`; the typings below merge into
// vitest's `Matchers`, as vitest's "Extending Matchers" page describes.
import { ntStatusText, type NTSTATUS } from '../hal/ntstatus.js';
import { HostRequest } from '../host/request.js';
import { FifoPort } from '../sim/fifo-port.js';
import { receivedBytes, type ReceivesBytes } from './received.js';
import { traceOnFailureActive } from './trace-on-failure.js';

/** The matchers `kmdf-dma-sim/vitest` adds to vitest's `expect` (see the file comment). */
export interface TimingMatchers<R = unknown> {
  /** The request (a HostRequest) completed at exactly `cycle`, an absolute machine cycle. */
  toCompleteAt(cycle: number): R;
  /** The request completed at most `cycles` cycles after the host sent it (completionCycle - sentCycle <= cycles). */
  toCompleteWithin(cycles: number): R;
  /** The request completed with `status` (an NTSTATUS such as STATUS_SUCCESS; compared as unsigned 32-bit). */
  toCompleteWithStatus(status: NTSTATUS): R;
  /** A tx FifoPort, or a device model with `received()`, has received exactly `bytes`, in order, since it was made. */
  toHaveReceived(bytes: Uint8Array | readonly number[]): R;
}

declare module 'vitest' {
  // Declaration merging (vitest "Extending Matchers"): every `expect(x)` gains the timing matchers.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unused-vars
  interface Matchers<T = any> extends TimingMatchers<T> {}
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

interface MatcherContext {
  isNot: boolean;
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `n` cycles as "1,365,473 cycles (13,654.73 µs)" at `clockHz`. */
export function cyclesAndMicroseconds(n: number, clockHz: number): string {
  const us = (n * 1e6) / clockHz;
  const text = us.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `${count(n)} ${Math.abs(n) === 1 ? 'cycle' : 'cycles'} (${text} µs)`;
}

/** An absolute cycle as "cycle 1,365,473 (13,654.73 µs)". */
function at(cycle: number, clockHz: number): string {
  const us = ((cycle * 1e6) / clockHz).toLocaleString('en-US', { maximumFractionDigits: 3 });
  return `cycle ${count(cycle)} (${us} µs)`;
}

function describeReceived(received: unknown): string {
  if (received === null) return 'null';
  if (typeof received !== 'object') return `${typeof received} ${String(received)}`;
  const name = (received as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'an object';
}

/** The request, or a result that says what to pass instead. */
function asRequest(received: unknown, matcher: string): HostRequest | MatcherResult {
  if (received instanceof HostRequest) return received;
  const hint = received !== null && typeof received === 'object' && 'completionCycle' in received
    ? ' — this looks like the RequestResult that host.runUntilComplete returns; pass the request itself (file.write(...), file.read(...)), which knows when it was sent and the machine\'s clock'
    : '';
  return { pass: false, message: () => `${matcher} expects a HostRequest (from file.read / write / ioctl or device.beginOpen); received ${describeReceived(received)}${hint}` };
}

/** What a finished request was: its status and bytes, one line. */
function outcome(request: HostRequest): string {
  const r = request.result!;
  return `status ${ntStatusText(r.status)}, information ${count(r.information)}`;
}

/** The trace pointer: where to look in the trace traceOnFailure writes, or how to get one. */
function traceHint(request: HostRequest | null, focus: number | null): string {
  if (traceOnFailureActive()) {
    const span = request ? `the ${request.kind} request's span starts at cycle ${count(request.sentCycle)}` : 'the machine is traced';
    const look = focus !== null ? `; look at cycle ${count(focus)}` : '';
    return `\n(${span}${look} in the trace written for this test, named below)`;
  }
  return '\n(call traceOnFailure() from kmdf-dma-sim/vitest in this file to get a VCD, a trace-event file and a timeline of a failing test)';
}

function pendingMessage(request: HostRequest, expectation: string): string {
  const hz = request.clockHz;
  return `expected the ${request.kind} request ${expectation}, but it is still pending at ${at(request.machineCycle, hz)}, ` +
    `${cyclesAndMicroseconds(request.machineCycle - request.sentCycle, hz)} after it was sent at cycle ${count(request.sentCycle)}; ` +
    `run the machine first (host.runUntilComplete(request), or host.runUntil(cycle))${traceHint(request, request.machineCycle)}`;
}

function toCompleteAt(this: MatcherContext, received: unknown, cycle: number): MatcherResult {
  const request = asRequest(received, 'toCompleteAt');
  if (!(request instanceof HostRequest)) return request;
  const hz = request.clockHz;
  const want = `${this.isNot ? 'not ' : ''}to complete at ${at(cycle, hz)}`;
  if (!request.result) return { pass: false, message: () => pendingMessage(request, want) };
  const got = request.result.completionCycle;
  const pass = got === cycle;
  return {
    pass,
    message: () => {
      const diff = got - cycle;
      const off = diff === 0 ? 'exactly then' : `${cyclesAndMicroseconds(Math.abs(diff), hz)} ${diff > 0 ? 'late' : 'early'}`;
      return `expected the ${request.kind} request (sent at cycle ${count(request.sentCycle)}) ${want}, but it completed at ` +
        `${at(got, hz)}: ${off}; ${outcome(request)}${traceHint(request, got)}`;
    },
  };
}

function toCompleteWithin(this: MatcherContext, received: unknown, cycles: number): MatcherResult {
  const request = asRequest(received, 'toCompleteWithin');
  if (!(request instanceof HostRequest)) return request;
  const hz = request.clockHz;
  const deadline = request.sentCycle + cycles;
  const want = `${this.isNot ? 'not ' : ''}to complete within ${cyclesAndMicroseconds(cycles, hz)} of being sent at cycle ` +
    `${count(request.sentCycle)}, i.e. by cycle ${count(deadline)}`;
  if (!request.result) {
    // Still pending past the deadline is a definite answer; before it, the machine has not been run far enough.
    if (request.machineCycle > deadline) {
      return { pass: false, message: () => `expected the ${request.kind} request ${want}, but it is still pending at ${at(request.machineCycle, hz)}${traceHint(request, deadline)}` };
    }
    return { pass: false, message: () => pendingMessage(request, want) };
  }
  const latency = request.result.completionCycle - request.sentCycle;
  const pass = latency <= cycles;
  return {
    pass,
    message: () => {
      const by = pass
        ? `${cyclesAndMicroseconds(cycles - latency, hz)} to spare`
        : `${cyclesAndMicroseconds(latency - cycles, hz)} too late`;
      return `expected the ${request.kind} request ${want}, but it completed at ${at(request.result!.completionCycle, hz)}, ` +
        `${cyclesAndMicroseconds(latency, hz)} after it was sent (${by}); ${outcome(request)}${traceHint(request, request.result!.completionCycle)}`;
    },
  };
}

function toCompleteWithStatus(this: MatcherContext, received: unknown, status: NTSTATUS): MatcherResult {
  const request = asRequest(received, 'toCompleteWithStatus');
  if (!(request instanceof HostRequest)) return request;
  const want = `${this.isNot ? 'not ' : ''}to complete with ${ntStatusText(status)}`;
  if (!request.result) return { pass: false, message: () => pendingMessage(request, want) };
  const got = request.result.status >>> 0;
  const pass = got === status >>> 0;
  return {
    pass,
    message: () => `expected the ${request.kind} request ${want}, but it completed with ${ntStatusText(got)} at ` +
      `${at(request.result!.completionCycle, request.clockHz)} (information ${count(request.result!.information)})${traceHint(request, request.result!.completionCycle)}`,
  };
}

const hex2 = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

function firstDifference(got: Uint8Array, want: Uint8Array): string {
  const n = Math.min(got.length, want.length);
  for (let i = 0; i < n; i++) {
    if (got[i] !== want[i]) return `the first difference is at byte ${count(i)}: expected ${hex2(want[i]!)}, received ${hex2(got[i]!)}`;
  }
  return got.length < want.length
    ? `the first ${count(got.length)} bytes match; byte ${count(got.length)} onwards never arrived`
    : `the expected ${count(want.length)} bytes match; ${count(got.length - want.length)} more arrived after them (the first extra is ${hex2(got[want.length]!)})`;
}

function toHaveReceived(this: MatcherContext, received: unknown, bytes: Uint8Array | readonly number[]): MatcherResult {
  let record: { bytes: Uint8Array; what: string; dropped: number };
  try {
    record = receivedBytes(received as FifoPort | ReceivesBytes);
  } catch (e) {
    return { pass: false, message: () => `toHaveReceived: ${(e as Error).message}` };
  }
  const want = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  const got = record.bytes;
  const pass = got.length === want.length && got.every((b, i) => b === want[i]);
  return {
    pass,
    message: () => {
      const head = `expected ${record.what} ${this.isNot ? 'not ' : ''}to have received ${count(want.length)} bytes`;
      const dropped = record.dropped > 0 ? `; ${count(record.dropped)} more were dropped by the port's txCaptureLimit` : '';
      if (pass) return `${head}, but it received exactly those`;
      return `${head}, but it received ${count(got.length)}: ${firstDifference(got, want)}${dropped}${traceHint(null, null)}`;
    },
  };
}

/** The matchers as an object for `expect.extend(timingMatchers)` (the setup entry does this). */
export const timingMatchers = {
  /** `expect(request).toCompleteAt(cycle)`: see TimingMatchers.toCompleteAt. */
  toCompleteAt,
  /** `expect(request).toCompleteWithin(cycles)`: see TimingMatchers.toCompleteWithin. */
  toCompleteWithin,
  /** `expect(request).toCompleteWithStatus(status)`: see TimingMatchers.toCompleteWithStatus. */
  toCompleteWithStatus,
  /** `expect(port).toHaveReceived(bytes)`: see TimingMatchers.toHaveReceived. */
  toHaveReceived,
};
