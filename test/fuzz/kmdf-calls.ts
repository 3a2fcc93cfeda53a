// The KMDF DDI fuzzer's calls (issue 13 item 5): every exported Wdf* DDI and WDF_*_INIT helper, the arguments each
// parameter takes on a FuzzMachine (test/kmdf/fixtures/fuzz-machine.ts), and the oracle. A call is one 31-bit
// integer that fast-check draws (and shrinks): it seeds a small PRNG that picks the DDI, each argument, the IRQL, the
// cycles run afterwards, or a host action instead (send a read / write / IOCTL, cancel, open, close, raise the
// interrupt). One integer per call keeps generation cheap (hundreds of calls per sequence) and every run replayable.
//
// Two shapes share this: 'typed' calls pass, for each parameter, a value of the kind its name asks for (a live
// handle of the right type in whatever state the sequence left it, a fresh Out box, an initialized structure, a
// callback of the right role) — wrong order and wrong state come from the random sequence; 2% of them pass one
// handle of another type, 6% are made from inside the next driver callback (ISR, DPC, timer, EvtIo*), and a DMA
// driver step (initialize / execute / release by the transaction's state) is among the host actions so the DMA
// success paths are reached too. 'hostile' calls put one never-valid value (NULL, a primitive, a Symbol, a frozen
// object, a handle of another type, a Proxy or getter that throws the caller's own error or runs or disposes the
// machine) into one parameter: most bug-check at the call.
import * as W from '../../lib/kmdf/index.js';
import { Out } from '../../lib/hal/out.js';
import { MachineHaltedError } from '../../lib/hal/bugcheck.js';
import { HalError } from '../../lib/hal/hal-error.js';
import { SimulatorError } from '../../lib/index.js';
import { FuzzMachine, type FuzzKind } from '../kmdf/fixtures/fuzz-machine.js';

const isClass = (f: unknown): boolean => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

/** The parameter names of a DDI, as written (the compiled function keeps them). */
function parameterNames(fn: (...args: unknown[]) => unknown): string[] {
  const m = /^[^(]*\(([^)]*)\)/.exec(Function.prototype.toString.call(fn));
  return (m?.[1] ?? '').split(',').map((p) => p.trim().replace(/[=\s].*$/, '')).filter((p) => p !== '');
}

interface Ddi {
  name: string;
  fn: (...args: unknown[]) => unknown;
  params: string[];
}

/** Every exported DDI and *_INIT helper of lib/kmdf. */
export const DDIS: Ddi[] = Object.entries(W)
  .filter(([n, f]) => typeof f === 'function' && !isClass(f) && (/^Wdf[A-Z]/.test(n) || /^WDF_[A-Z0-9_]+_INIT/.test(n)))
  .map(([name, f]) => ({ name, fn: f as (...args: unknown[]) => unknown, params: parameterNames(f as (...args: unknown[]) => unknown) }));

/** A small fast PRNG (mulberry32): the choices of one call, from its integer. */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** DDIs that bug-check in most random orders (a lock released that is not held, a DMA call outside its state, a
 *  second WdfDriverCreate): in the long typed sequences they come up one eighth as often as the others, so a machine
 *  lives for tens of calls between bug checks; the hostile property picks every DDI alike. */
const ORDER_HAZARD =
  /^Wdf(SpinLock(Acquire|Release)|Interrupt(Acquire|Release)Lock|DriverCreate|DeviceCreate|ObjectDelete|DmaTransaction(Execute|DmaCompleted|Cancel|FreeResources|AllocateResources|GetTransferInfo|Initialize|StopSystemTransfer|Release))/;

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
  () => new Out<unknown>(null),
  () => new Out<unknown>(0),
  () => W.newObjectAttributes(),
];

/**
 * Values whose reading does something (test/fuzz/hostile.ts's kind): a Proxy or getters that throw the caller's own
 * CallerError (which must come through unchanged), and getters that run the machine or dispose it in the middle of
 * the DDI. Built per call, for the machine the call runs on.
 */
const EXOTIC: ((m: FuzzMachine) => unknown)[] = [
  () => throwingProxy(),
  () => ({ valueOf: throwCaller, toString: throwCaller }),
  () => Object.defineProperty({}, 'Size', { get: throwCaller, set: throwCaller, enumerable: true }),
  () => Object.defineProperty({}, 'Size', { value: 0, writable: false, enumerable: true }), // a read-only field
  () => Object.defineProperty(new Out<unknown>(null), 'value', { get: throwCaller, set: throwCaller }),
  (m) => new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : (m.host.runFor(3), 4)) }),
  (m) => new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : (m.dispose(), 1)) }),
];

/** The caller's own error, thrown by an EXOTIC getter: the oracle lets it through (it is not the library's). */
export class CallerError extends Error {
  constructor() {
    super('a caller getter threw');
    this.name = 'CallerError';
  }
}
function throwCaller(): never {
  throw new CallerError();
}
function throwingProxy(): object {
  return new Proxy({}, { get: throwCaller, has: throwCaller, ownKeys: throwCaller, getPrototypeOf: throwCaller, getOwnPropertyDescriptor: throwCaller });
}

const KINDS: FuzzKind[] = [
  'WDFDEVICE', 'WDFDRIVER', 'WDFQUEUE', 'WDFREQUEST', 'WDFFILEOBJECT', 'WDFINTERRUPT', 'WDFTIMER', 'WDFSPINLOCK',
  'WDFDMAENABLER', 'WDFDMATRANSACTION', 'WDFCOMMONBUFFER', 'WDFCMRESLIST', 'WDFDEVICE_INIT',
];

/** The handle kind a parameter of this name takes (null: not a handle). Order matters: DeviceInit before Device. */
function handleKind(name: string): FuzzKind | null {
  if (/DeviceInit/.test(name)) return 'WDFDEVICE_INIT';
  if (/Enabler/.test(name)) return 'WDFDMAENABLER';
  if (/Transaction/.test(name)) return 'WDFDMATRANSACTION';
  if (/CommonBuffer/.test(name)) return 'WDFCOMMONBUFFER';
  if (/Lock/.test(name)) return 'WDFSPINLOCK';
  if (/Timer$/.test(name)) return 'WDFTIMER';
  if (/Queue$/.test(name)) return 'WDFQUEUE';
  if (/Request$/.test(name)) return 'WDFREQUEST';
  if (/Interrupt$/.test(name)) return 'WDFINTERRUPT';
  if (/FileObject$/.test(name)) return 'WDFFILEOBJECT';
  if (/^List$/.test(name)) return 'WDFCMRESLIST';
  if (/^Driver$/.test(name)) return 'WDFDRIVER';
  if (/^Device$/.test(name)) return 'WDFDEVICE';
  return null;
}

/** Whether a parameter is a C out-parameter (an Out box): by DDI and name, as the headers declare them. */
function isOut(ddi: string, name: string, index: number, count: number): boolean {
  if (/Create(WithConfig)?$/.test(ddi) && index === count - 1) return true; // the new handle
  if (/^(OutRequest|Buffer|MapRegisterCount|ScatterGatherElementCount|context)$/.test(name)) return true;
  if (name === 'Mdl') return /WdmMdl$/.test(ddi);
  if (name === 'Length') return /^WdfRequestRetrieve/.test(ddi);
  if (name === 'Status') return /^WdfDmaTransactionDmaCompleted/.test(ddi);
  return false;
}

const [CONTEXT_TYPE] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME('FUZZ_CONTEXT', () => ({ n: 0 }));

/** An initialized structure for a DDI's structure parameter (helpers get an empty object to fill). */
function struct(ddi: string, name: string, m: FuzzMachine, r: () => number): unknown {
  if (/_INIT/.test(ddi)) return {};
  switch (`${ddi}.${name}`) {
    case 'WdfIoQueueCreate.Config': {
      const c = {} as W.WDF_IO_QUEUE_CONFIG;
      W.WDF_IO_QUEUE_CONFIG_INIT(c, pick(r, [W.WdfIoQueueDispatchManual, W.WdfIoQueueDispatchParallel, W.WdfIoQueueDispatchSequential]));
      if (r() < 0.5) c.EvtIoDefault = (_q, req) => m.keep('WDFREQUEST', req);
      if (r() < 0.2) c.DefaultQueue = true;
      return c;
    }
    case 'WdfTimerCreate.Config': {
      const c = {} as W.WDF_TIMER_CONFIG;
      if (r() < 0.7) W.WDF_TIMER_CONFIG_INIT(c, m.timerFunc);
      else W.WDF_TIMER_CONFIG_INIT_PERIODIC(c, m.timerFunc, pick(r, [1, 10]));
      return c;
    }
    case 'WdfInterruptCreate.Configuration': {
      const c = {} as W.WDF_INTERRUPT_CONFIG;
      W.WDF_INTERRUPT_CONFIG_INIT(c, m.isr, m.dpc);
      return c;
    }
    case 'WdfCommonBufferCreateWithConfig.Config': {
      const c = {} as W.WDF_COMMON_BUFFER_CONFIG;
      W.WDF_COMMON_BUFFER_CONFIG_INIT(c, pick(r, [0, 15, 0xfff, 0x1fff]));
      return c;
    }
    case 'WdfDmaEnablerCreate.config': {
      const c = {} as W.WDF_DMA_ENABLER_CONFIG;
      W.WDF_DMA_ENABLER_CONFIG_INIT(c, pick(r, [W.WdfDmaProfileSystem, W.WdfDmaProfileSystemDuplex, W.WdfDmaProfilePacket]), pick(r, [512, 4096]));
      return c;
    }
    case 'WdfDmaEnablerConfigureSystemProfile.profileConfig':
      return m.profileConfig(pick(r, [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice]));
    case 'WdfRequestGetParameters.Parameters':
      return W.newRequestParameters();
    case 'WdfObjectAllocateContext.contextAttributes':
    case 'WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE.attributes': {
      const a = W.newObjectAttributes();
      W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(a, CONTEXT_TYPE);
      return a;
    }
    default:
      return {};
  }
}

/** A callback of the role a parameter's name gives it. */
function callback(name: string, m: FuzzMachine, r: () => number): unknown {
  if (/ProgramDma/.test(name)) return m.programDma;
  if (/Completion|DmaTransferComplete/.test(name)) return m.completeDma;
  if (/RequestCancel/.test(name)) return m.cancelRequest;
  if (/InterruptIsr/.test(name)) return m.isr;
  if (/InterruptDpc/.test(name)) return m.dpc;
  if (/TimerFunc/.test(name)) return m.timerFunc;
  if (/^Callback$/.test(name)) return m.synchronize;
  if (/StopComplete|PurgeComplete/.test(name)) return r() < 0.3 ? null : m.queueState;
  if (/ConfigureRoutine/.test(name)) return r() < 0.3 ? null : () => true;
  if (/EvtFile|EvtDeviceFile/.test(name)) return r() < 0.3 ? null : () => undefined;
  return () => W.STATUS_SUCCESS;
}

/** A typed value for parameter `k` of a DDI (see the file comment). */
function typedArg(d: Ddi, k: number, m: FuzzMachine, r: () => number): unknown {
  const name = d.params[k]!;
  if (isOut(d.name, name, k, d.params.length)) return r() < 0.99 ? new Out<unknown>(null) : null;
  if (k === 0 && /^WDF_\w+_INIT/.test(d.name)) return {}; // the structure a helper initializes
  if (/^Evt|Function$|Callback$|Routine$|Complete$|^EvtReserveDma$/.test(name)) return callback(name, m, r);
  if (/ttributes(Given)?$/.test(name)) return r() < 0.4 ? null : r() < 0.5 ? W.newObjectAttributes() : m.attributes();
  if (/Config$|Callbacks$|Requirements$|Info$|Parameters$|Configuration$|^profileConfig$|^config$/.test(name)) {
    if (name === 'typeInfo') return CONTEXT_TYPE;
    return struct(d.name, name, m, r);
  }
  const kind = handleKind(name);
  if (kind) {
    if (kind === 'WDFREQUEST' && r() < 0.8) refillRequests(m);
    const live = m.of(kind);
    if (r() < 0.02 || live.length === 0) return anyHandle(m, r);
    const h = pick(r, live);
    // A deleted (completed, closed) handle is a wrong handle: keep one in ten of them, else take a live one.
    if (isDeleted(h) && r() < 0.9) {
      const alive = live.filter((x) => !isDeleted(x));
      if (alive.length) return pick(r, alive);
    }
    return h;
  }
  if (name === 'ContextPointer') return r() < 0.95 ? pick(r, m.of('CONTEXT')) : { n: 0 };
  if (/^(handle|object)$/.test(name)) return anyHandle(m, r);
  if (name === 'Mdl') return m.buffer.mdl;
  if (/VirtualAddress/.test(name)) return m.buffer.va;
  if (/Direction/.test(name)) return pick(r, [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice]);
  if (name === 'Status') return pick(r, [W.STATUS_SUCCESS, W.STATUS_SUCCESS, W.STATUS_CANCELLED, 0xc000_0120]);
  if (name === 'Profile') return pick(r, [W.WdfDmaProfileSystem, W.WdfDmaProfileSystemDuplex, W.WdfDmaProfilePacket]);
  if (name === 'DispatchType') return pick(r, [W.WdfIoQueueDispatchSequential, W.WdfIoQueueDispatchParallel, W.WdfIoQueueDispatchManual]);
  if (name === 'RequestType') return pick(r, [W.WdfRequestTypeRead, W.WdfRequestTypeWrite, W.WdfRequestTypeDeviceControl, W.WdfRequestTypeCreate]);
  if (name === 'DueTime') return pick(r, [-10, -100, -1_000, -10_000, 0]); // 1 µs..1 ms (100..100,000 cycles)
  if (name === 'Index') return pick(r, [0, 1, 2, 3, 9]);
  if (name === 'DmaWidth') return pick(r, [W.Width8Bits, W.Width32Bits]);
  if (/Length$|Size$|Count$|Offset$|Period$|Maximum|Minimum|Information$|Alignment|Elements$|Bytes$|Registers$|Fragments$/.test(name)) {
    return pick(r, [0, 4, 64, 512, 4096]);
  }
  if (/^(Wait|Enable|Exclusive|Is|UseImmediate|Require)/.test(name)) return r() < 0.5;
  if (/Context$/.test(name)) return r() < 0.5 ? null : { tag: 'context' };
  if (name === 'RegistryPath') return '\\Registry\\fuzz';
  if (name === 'DriverObject') return { DriverName: '\\Driver\\fuzz2' };
  if (name === 'Address') return m.model.txAddress;
  if (name === 'DmaDescriptor') return m.dmaDescriptors[0] ?? null;
  if (name === 'IoType') return pick(r, [1, 2, 3]);
  return pick(r, [0, 1, null, new Out<unknown>(null)]);
}

const isDeleted = (h: unknown): boolean => (h as { deleted?: boolean }).deleted === true;

/** When every request the driver saw is gone (completed), the host sends a read so a live one comes (at once: the
 *  parallel default queue presents it). On a halted machine nothing is sent. */
function refillRequests(m: FuzzMachine): void {
  if (m.halted || m.of('WDFREQUEST').some((h) => !isDeleted(h))) return;
  try {
    m.sendRead(64);
  } catch (e) {
    ours(e);
  }
}

/** A DDI call a driver-like macro makes, counted as the fuzzer's calls are. */
function ddi<A extends unknown[], R>(fn: (...args: A) => R, name: string, ...args: A): R {
  stats.calls++;
  stats.byDdi.set(name, (stats.byDdi.get(name) ?? 0) + 1);
  const result = fn(...args);
  stats.returned.set(name, (stats.returned.get(name) ?? 0) + 1);
  return result;
}

/**
 * What a DMA driver does next with a transaction, by its state, so the success paths are reached amid the random
 * calls: initialize it (from the buffer or from a live request), set the transfer-complete callback and execute it
 * (the machine then programs, transfers and completes it through the callbacks), release it once it completed, free
 * its reserved resources. A transaction in Transfer is left to the machine.
 */
function dmaDriverStep(m: FuzzMachine, r: () => number): void {
  const t = pick(r, m.of('WDFDMATRANSACTION')) as W.WDFDMATRANSACTION;
  if (m.halted || isDeleted(t)) return;
  m.call(() => {
    const state = W.FxDmaTransactionGetState(t).name;
    if (state === 'Created' || state === 'Released') {
      const request = m.of('WDFREQUEST').find((h) => !isDeleted(h)) as W.WDFREQUEST | undefined;
      const s =
        request && r() < 0.3
          ? ddi(W.WdfDmaTransactionInitializeUsingRequest, 'WdfDmaTransactionInitializeUsingRequest', t, request, m.programDma, pick(r, [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice]))
          : ddi(W.WdfDmaTransactionInitialize, 'WdfDmaTransactionInitialize', t, m.programDma, pick(r, [W.WdfDmaDirectionWriteToDevice, W.WdfDmaDirectionReadFromDevice]), m.buffer.mdl, m.buffer.va, pick(r, [4, 64, 512]));
      if (!W.NT_SUCCESS(s)) return;
      if (r() < 0.8) ddi(W.WdfDmaTransactionSetTransferCompleteCallback, 'WdfDmaTransactionSetTransferCompleteCallback', t, m.completeDma, null);
      ddi(W.WdfDmaTransactionExecute, 'WdfDmaTransactionExecute', t, null);
    } else if (state === 'Initialized') {
      ddi(W.WdfDmaTransactionExecute, 'WdfDmaTransactionExecute', t, null);
    } else if (state === 'TransferCompleted' || state === 'TransferFailed') {
      ddi(W.WdfDmaTransactionRelease, 'WdfDmaTransactionRelease', t);
    } else if (state === 'Reserved') {
      ddi(W.WdfDmaTransactionFreeResources, 'WdfDmaTransactionFreeResources', t);
    }
  });
}

function anyHandle(m: FuzzMachine, r: () => number): unknown {
  const live = m.of(pick(r, KINDS));
  if (!live.length) return m.device.handle;
  const h = pick(r, live);
  return isDeleted(h) && r() < 0.9 ? m.device.handle : h;
}

export type Mode = 'typed' | 'hostile';

/** One decoded call: a DDI with its arguments and IRQL, or a host action; and the cycles to run afterwards. */
interface Decoded {
  ddi: Ddi | null;
  args: unknown[];
  irql: 'passive' | 'dispatch' | 'dirql';
  action: ((m: FuzzMachine) => void) | null;
  run: number;
  /** Made from inside the next driver callback (FuzzMachine.inside) instead of now. */
  deferred: boolean;
}

const ACTIONS: ((m: FuzzMachine, r: () => number) => void)[] = [
  (m, r) => m.sendRead(pick(r, [0, 16, 64, 600])),
  (m, r) => m.sendWrite(pick(r, [0, 16, 64, 600])),
  (m, r) => m.sendIoctl(r() < 0.5),
  (m, r) => m.cancel(Math.floor(r() * 16)),
  (m) => m.open(),
  (m, r) => m.close(Math.floor(r() * 6)),
  (m) => m.raiseInterrupt(),
  (m) => (m.pendCreates = !m.pendCreates),
  dmaDriverStep,
  dmaDriverStep,
  dmaDriverStep,
];

/** DDI indices, each hazardous one once and every other one eight times (the typed property's choice). */
const TYPED_CHOICE: number[] = DDIS.flatMap((d, i) => Array<number>(ORDER_HAZARD.test(d.name) ? 1 : 8).fill(i));

function decode(seed: number, mode: Mode, m: FuzzMachine): Decoded {
  const r = prng(seed);
  const run = r() < 0.85 ? 0 : pick(r, [50, 500, 5_000]);
  if (mode === 'typed' && r() < 0.12) {
    const act = pick(r, ACTIONS);
    return { ddi: null, args: [], irql: 'passive', action: (mm) => act(mm, r), run, deferred: false };
  }
  const d = DDIS[mode === 'typed' ? pick(r, TYPED_CHOICE) : Math.floor(r() * DDIS.length)]!;
  const u = r();
  const irql = u < 0.7 ? 'passive' : u < 0.9 ? 'dispatch' : 'dirql';
  const args = d.params.map((_, k) => typedArg(d, k, m, r));
  if (mode === 'hostile') {
    const count = Math.max(0, d.params.length + pick(r, [0, 0, 0, 0, 0, -1, 1]));
    args.length = Math.min(args.length, count);
    while (args.length < count) args.push(undefined);
    // The bad value goes after the first parameter three times in four: the first is mostly the handle, whose
    // checks (fxResolve) are shared by every DDI, while the later ones each have their own.
    const at = count > 1 && r() < 0.75 ? 1 + Math.floor(r() * (count - 1)) : Math.floor(r() * count);
    const u = r();
    if (count > 0) args[at] = u < 0.6 ? pick(r, HOSTILE)() : u < 0.7 ? pick(r, EXOTIC)(m) : anyHandle(m, r);
  }
  return { ddi: d, args, irql, action: null, run, deferred: mode === 'typed' && r() < 0.06 };
}

/** Our answers: a bug check, the halted machine, a coded error. Anything else is a finding (thrown). */
export function ours(e: unknown): 'bugcheck' | 'coded' | 'caller' {
  if (e instanceof W.WdfBugCheck || e instanceof MachineHaltedError) return 'bugcheck';
  if (e instanceof CallerError) return 'caller';
  if ((e instanceof HalError || e instanceof SimulatorError) && typeof e.code === 'string' && e.code.startsWith('ERR_')) return 'coded';
  const x = e as Error;
  const error = new Error(`not one of our errors: ${x?.name ?? typeof e}: ${x?.message ?? String(e)}`);
  if (x instanceof Error) error.stack = `${error.message}\n${x.stack}`;
  throw error;
}

/** What the fuzzers did (each sequence adds to it). */
export const stats = { calls: 0, insideCallbacks: 0, haltedCalls: 0, actions: 0, bugChecks: 0, coded: 0, machines: 0, byDdi: new Map<string, number>(), returned: new Map<string, number>(), bugCheckBy: new Map<string, number>() };

/** Keeps what a call's Out boxes were given (new handles, contexts) for later calls. */
function harvest(m: FuzzMachine, d: Ddi, args: unknown[]): void {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (!(a instanceof Out)) continue;
    const v = a.value as { typeName?: unknown } | null;
    if (!v || typeof v !== 'object') continue;
    if (typeof v.typeName === 'string') m.keep(v.typeName as FuzzKind, v);
    else if (d.params[k] === 'context') m.keep('CONTEXT', v);
  }
}

/** Counts a DDI call about to be made: on a live machine, or on a halted one (which must answer MachineHaltedError). */
function count(m: FuzzMachine, d: Ddi): void {
  if (m.halted) stats.haltedCalls++;
  else {
    stats.calls++;
    stats.byDdi.set(d.name, (stats.byDdi.get(d.name) ?? 0) + 1);
  }
}

/** Makes the (counted) DDI call at its IRQL and keeps what its Out boxes got. Throws what the call throws. */
function callDdi(m: FuzzMachine, c: Decoded): void {
  const d = c.ddi!;
  if (c.irql === 'dispatch') W.WdfSpinLockAcquire(m.lock);
  else if (c.irql === 'dirql') W.WdfInterruptAcquireLock(m.interrupt);
  try {
    d.fn(...c.args);
  } finally {
    if (c.irql === 'dispatch') W.WdfSpinLockRelease(m.lock);
    else if (c.irql === 'dirql') W.WdfInterruptReleaseLock(m.interrupt);
  }
  if (!m.halted) stats.returned.set(d.name, (stats.returned.get(d.name) ?? 0) + 1);
  harvest(m, d, c.args);
}

/** Runs one decoded call on the machine; true if the machine halted (a bug check), at the call or while running. */
function execute(m: FuzzMachine, c: Decoded): boolean {
  try {
    if (c.action) {
      stats.actions++;
      c.action(m);
    } else if (c.deferred && !m.halted) {
      // Replaces a call still waiting: only the newest runs. Its errors surface where the callback ran (a run, a
      // host action, a DDI that presented a request), all inside this try of some later call.
      // A coded error there is the driver's own (it stops at the callback, as a bug check does not: that halts).
      m.inside = () => {
        stats.insideCallbacks++;
        count(m, c.ddi!);
        try {
          callDdi(m, c);
        } catch (e) {
          if (ours(e) !== 'coded') throw e;
          stats.coded++;
        }
      };
    } else {
      count(m, c.ddi!); // before host.call: on a halted machine that call already answers MachineHaltedError
      m.call(() => callDdi(m, c));
    }
    if (c.run && !m.halted) m.run(c.run);
  } catch (e) {
    if (ours(e) === 'coded') stats.coded++;
    else if (e instanceof W.WdfBugCheck) {
      const key = `${e.ddi} 0x${e.code.toString(16)}/0x${e.parameters[0].toString(16)}`;
      stats.bugCheckBy.set(key, (stats.bugCheckBy.get(key) ?? 0) + 1);
    }
  }
  return m.halted;
}

/**
 * Runs a sequence of calls (one integer each) from a fresh machine. After a bug check the next call runs on the
 * halted machine (it must answer with the bug check again: MachineHaltedError), then a new machine takes over.
 */
export function runSequence(seq: readonly number[], mode: Mode): void {
  let m = newMachine();
  let haltedOnce = false;
  try {
    for (const seed of seq) {
      if (m.disposed) {
        m = newMachine(); // a getter disposed it in the middle of a call
        haltedOnce = false;
      } else if (m.halted) {
        if (haltedOnce) {
          m.dispose();
          m = newMachine();
          haltedOnce = false;
        } else haltedOnce = true;
      }
      const wasHalted = m.halted;
      if (execute(m, decode(seed, mode, m)) && !wasHalted) stats.bugChecks++;
    }
  } finally {
    m.dispose();
  }
}

function newMachine(): FuzzMachine {
  stats.machines++;
  return new FuzzMachine();
}
