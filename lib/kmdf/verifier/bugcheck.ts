// Bugcheck codes and the error the framework's verifier throws. Codes follow the public KMDF header wdfbugcodes.h
// (WDF_VIOLATION 0x10D and its subcodes) and the "Bug Check 0x10D: WDF_VIOLATION" / "Bug Check 0xE6:
// DRIVER_VERIFIER_DMA_VIOLATION" pages; KMDF-SYSTEM-DMA.md §0 conventions ("Bugcheck(8)").
// Parameter layout of a WDF_VIOLATION: p1 = subcode, p2 = the object handle value, p3 = the object's state number
// (DMA transactions) or a subcode-specific value, p4 = 0.

// WDF_VIOLATION (0x10D) and DRIVER_VERIFIER_DMA_VIOLATION (0xE6) are the OS's codes (lib/hal/bugcheck.ts).
import { DRIVER_VERIFIER_DMA_VIOLATION, WDF_VIOLATION } from '../../hal/bugcheck.js';
export { DRIVER_VERIFIER_DMA_VIOLATION, WDF_VIOLATION };

/** WDF_VIOLATION subcodes (parameter 1), wdfbugcodes.h. */
export const WDF_POWER_ROUTINE_TIMED_OUT = 0x1;
/** WDF_VIOLATION subcode 0x2: a lock was acquired recursively. */
export const WDF_RECURSIVE_LOCK = 0x2;
/** WDF_VIOLATION subcode 0x3: the verifier found a fatal error. */
export const WDF_VERIFIER_FATAL_ERROR = 0x3;
/** WDF_VIOLATION subcode 0x4: a required parameter was NULL. */
export const WDF_REQUIRED_PARAMETER_IS_NULL = 0x4;
/** WDF_VIOLATION subcode 0x5: a handle is not valid (or of the wrong type). */
export const WDF_INVALID_HANDLE = 0x5;
/** WDF_VIOLATION subcode 0x6: a request was misused (completed twice, used after completion, ...). */
export const WDF_REQUEST_FATAL_ERROR = 0x6;
/** WDF_VIOLATION subcode 0x7: an object was misused (deleted twice, its reference count broken, ...). */
export const WDF_OBJECT_ERROR = 0x7;
/** WDF_VIOLATION subcode 0x8: a DMA enabler or transaction was misused (a DDI called in the wrong state). */
export const WDF_DMA_FATAL_ERROR = 0x8;
/** WDF_VIOLATION subcode 0x9: an interrupt object was misused. */
export const WDF_INVALID_INTERRUPT = 0x9;
/** WDF_VIOLATION subcode 0xA: a queue was misused. */
export const WDF_QUEUE_FATAL_ERROR = 0xa;
/** WDF_VIOLATION subcode 0xB: a lock was released that is not held, or released out of order. */
export const WDF_INVALID_LOCK_OPERATION = 0xb;

/**
 * DRIVER_VERIFIER_DMA_VIOLATION parameter-1 values raised by the framework layer. The HAL raises the adapter-channel
 * ones itself (docs/hal-contract.md). These numbers are this project's own (documented in lib/kmdf/README.md).
 */
export const DMA_VIOLATION_TRANSACTION_LEFT_IN_TRANSFER = 0x100;
/** 0xE6 violation type (this project's): a WDFSPINLOCK or interrupt lock released while not held. */
export const DMA_VIOLATION_LOCK_RELEASED_TWICE = 0x101;
/** 0xE6 violation type (this project's): a lock still held when the driver's callback returned. */
export const DMA_VIOLATION_LOCK_HELD_ON_RETURN = 0x102;

const SUBCODE_NAMES: Record<number, string> = {
  [WDF_POWER_ROUTINE_TIMED_OUT]: 'WDF_POWER_ROUTINE_TIMED_OUT',
  [WDF_RECURSIVE_LOCK]: 'WDF_RECURSIVE_LOCK',
  [WDF_VERIFIER_FATAL_ERROR]: 'WDF_VERIFIER_FATAL_ERROR',
  [WDF_REQUIRED_PARAMETER_IS_NULL]: 'WDF_REQUIRED_PARAMETER_IS_NULL',
  [WDF_INVALID_HANDLE]: 'WDF_INVALID_HANDLE',
  [WDF_REQUEST_FATAL_ERROR]: 'WDF_REQUEST_FATAL_ERROR',
  [WDF_OBJECT_ERROR]: 'WDF_OBJECT_ERROR',
  [WDF_DMA_FATAL_ERROR]: 'WDF_DMA_FATAL_ERROR',
  [WDF_INVALID_INTERRUPT]: 'WDF_INVALID_INTERRUPT',
  [WDF_QUEUE_FATAL_ERROR]: 'WDF_QUEUE_FATAL_ERROR',
  [WDF_INVALID_LOCK_OPERATION]: 'WDF_INVALID_LOCK_OPERATION',
};

const DMA_VIOLATION_NAMES: Record<number, string> = {
  [DMA_VIOLATION_TRANSACTION_LEFT_IN_TRANSFER]: 'TRANSACTION_LEFT_IN_TRANSFER',
  [DMA_VIOLATION_LOCK_RELEASED_TWICE]: 'LOCK_RELEASED_TWICE',
  [DMA_VIOLATION_LOCK_HELD_ON_RETURN]: 'LOCK_HELD_ON_CALLBACK_RETURN',
};

/** A bug check code's name: WDF_VIOLATION, DRIVER_VERIFIER_DMA_VIOLATION, or its hex. */
export function bugCheckCodeName(code: number): string {
  if (code === WDF_VIOLATION) return 'WDF_VIOLATION';
  if (code === DRIVER_VERIFIER_DMA_VIOLATION) return 'DRIVER_VERIFIER_DMA_VIOLATION';
  return `0x${code.toString(16).toUpperCase()}`;
}

/** A subcode's name (parameter 1): a WDF_VIOLATION subcode of wdfbugcodes.h or a 0xE6 violation type, else its hex. */
export function subcodeName(code: number, subcode: number): string {
  const names = code === WDF_VIOLATION ? SUBCODE_NAMES : code === DRIVER_VERIFIER_DMA_VIOLATION ? DMA_VIOLATION_NAMES : {};
  return names[subcode] ?? `0x${subcode.toString(16)}`;
}

/** What the verifier knows about a fatal misuse, besides the four bugcheck parameters. */
export interface BugCheckDetails {
  /** The DDI (or framework step) that detected it, e.g. 'WdfDmaTransactionExecute'. */
  ddi: string;
  /** The object, as "WDFDMATRANSACTION 0x1040", or null. */
  object: string | null;
  /** The object's state name and number, when it has one. */
  state: { name: string; number: number } | null;
  /** The rule that was broken, in one sentence. */
  rule: string;
  /** Simulated cycle of the bugcheck. */
  cycle: number;
}

const hex = (n: number): string => `0x${n.toString(16).toUpperCase()}`;

/** Thrown by the verifier (through the kernel's KeBugCheckEx) for every misuse KMDF bugchecks on. */
export class WdfBugCheck extends Error {
  override readonly name = 'WdfBugCheck';
  readonly code: number;
  readonly parameters: readonly [number, number, number, number];
  readonly ddi: string;
  readonly object: string | null;
  readonly state: { name: string; number: number } | null;
  readonly rule: string;
  readonly cycle: number;

  constructor(code: number, parameters: readonly [number, number, number, number], details: BugCheckDetails) {
    const sub = subcodeName(code, parameters[0]);
    const where = details.object ? ` on ${details.object}` : '';
    const state = details.state ? ` in state ${details.state.name} (${details.state.number})` : '';
    super(
      `BugCheck ${hex(code)} ${bugCheckCodeName(code)} / ${sub} in ${details.ddi}${where}${state} at cycle ` +
        `${details.cycle}: ${details.rule} Parameters: ${parameters.map(hex).join(', ')}.`,
    );
    this.code = code;
    this.parameters = parameters;
    this.ddi = details.ddi;
    this.object = details.object;
    this.state = details.state;
    this.rule = details.rule;
    this.cycle = details.cycle;
  }

  /** Parameter 1: the WDF_VIOLATION subcode (or the 0xE6 violation type). */
  get subcode(): number {
    return this.parameters[0];
  }
}

/** A non-fatal VerifierBreak (FxVerifierDbgBreakPoint), thrown only with `breakOnVerifierBreak`. */
export interface VerifierBreakRecord {
  ddi: string;
  object: string | null;
  state: { name: string; number: number } | null;
  rule: string;
  cycle: number;
}

/**
 * A verifier break thrown as an error (only with breakOnVerifierBreak; otherwise it is recorded): `record` says what
 * and where.
 */
export class WdfVerifierBreak extends Error {
  override readonly name = 'WdfVerifierBreak';
  constructor(readonly record: VerifierBreakRecord) {
    super(`VerifierBreak in ${record.ddi}${record.object ? ` on ${record.object}` : ''} at cycle ${record.cycle}: ${record.rule}`);
  }
}
