// Bug checks of the simulated machine: KeBugCheckEx and what follows it. Behaviour: the "Bug Check Code Reference"
// pages (0x0A IRQL_NOT_LESS_OR_EQUAL, 0x50 PAGE_FAULT_IN_NONPAGED_AREA, 0xC2 BAD_POOL_CALLER,
// 0xC4 DRIVER_VERIFIER_DETECTED_VIOLATION, 0xE6 DRIVER_VERIFIER_DMA_VIOLATION, 0x10D WDF_VIOLATION) and
// docs/hal-contract.md: a bug check throws (the framework's verifier may supply the error object through
// kernel.onBugCheck), halts the machine, and every later kernel entry point throws MachineHaltedError repeating it.

import { argTypeError, checkStruct } from './arguments.js';

/** Bug check 0x0A: a routine ran at an IRQL too high for what it touched. */
export const IRQL_NOT_LESS_OR_EQUAL = 0x0a;
/** Bug check 0x50: invalid system memory was referenced (freed or never allocated). */
export const PAGE_FAULT_IN_NONPAGED_AREA = 0x50;
/** Bug check 0xC2: a bad pool request (a double free, a wrong tag or size). */
export const BAD_POOL_CALLER = 0xc2;
/** Bug check 0xC4: Driver Verifier caught a violation (parameter 1 says which: VERIFIER_VIOLATION). */
export const DRIVER_VERIFIER_DETECTED_VIOLATION = 0xc4;
/** Bug check 0xE6: Driver Verifier's DMA checks caught a misuse of a DMA adapter (parameter 1: DMA_VIOLATION). */
export const DRIVER_VERIFIER_DMA_VIOLATION = 0xe6;
/** Bug check 0x10D: the framework (KMDF) detected a driver error (parameter 1: the WDF_VIOLATION subcode). */
export const WDF_VIOLATION = 0x10d;

/** 0xE6 parameter 1 values used by the HAL's DMA checks (Bug Check 0xE6 page). */
export const DMA_VIOLATION = {
  /** The driver freed too many adapter channels (the same channel twice, or one it does not hold). */
  TOO_MANY_ADAPTER_CHANNELS_FREED: 0x04,
  /** The driver released the adapter while still holding its adapter channel. */
  ADAPTER_RELEASED_WITH_CHANNEL: 0x08,
  /** The driver freed too many common buffers. */
  TOO_MANY_COMMON_BUFFERS_FREED: 0x03,
  /** The driver released the adapter without freeing its common buffers. */
  ADAPTER_RELEASED_WITH_COMMON_BUFFERS: 0x07,
  /** The driver did not flush its adapter buffers (mapped again without FlushAdapterBuffersEx). */
  ADAPTER_BUFFERS_NOT_FLUSHED: 0x0d,
  /** The driver freed its map registers (here: the adapter channel) while some were still mapped. */
  MAP_REGISTERS_FREED_WHILE_MAPPED: 0x10,
  /** The driver used an adapter it had already released. */
  ADAPTER_ALREADY_RELEASED: 0x18,
  /** The driver tried to map a zero-length buffer. */
  ZERO_LENGTH_MAP: 0x21,
} as const;

/** 0xC4 parameter 1 values used by the HAL (Bug Check 0xC4 page, Deadlock Detection rows). */
export const VERIFIER_VIOLATION = {
  ZERO_BYTE_POOL_ALLOCATION: 0x00,
  FREE_BAD_ADDRESS: 0x10,
  /** Bad parameters to a memory routine (here: MmUnmapIoSpace of a range MmMapIoSpaceEx did not map). */
  BAD_MEMORY_ROUTINE_PARAMETER: 0x16,
  /** KeRaiseIrql was given a value that is not an IRQL (or one below the current IRQL). */
  INVALID_RAISE_IRQL: 0x30,
  /** KeLowerIrql was given a value that is not an IRQL (or one above the current IRQL). */
  INVALID_LOWER_IRQL: 0x31,
  /** Self-deadlock: a lock the current (only) CPU already holds is acquired again. */
  SELF_DEADLOCK: 0x1000,
  /** A lock is released out of acquisition order. */
  UNEXPECTED_RELEASE: 0x1003,
  /** A lock is released that is not held. */
  UNACQUIRED_RELEASE: 0x1007,
} as const;

/** Everything known about one bug check. `ddi`, `rule`, `object` and `state` are for the message. */
export interface BugCheckInfo {
  code: number;
  parameters: [number, number, number, number];
  /** The routine that detected it (e.g. 'FreeAdapterChannel'). */
  ddi?: string;
  /** The violated rule, in one sentence. */
  rule?: string;
  object?: unknown;
  state?: string;
  /** Simulated cycle at which it happened (filled by the kernel). */
  cycle?: number;
}

const hex = (n: number): string => '0x' + (n >>> 0).toString(16).toUpperCase();

/** A bug check as one line: code, parameters, the routine that detected it, state, rule and cycle. */
export function describeBugCheck(info: BugCheckInfo): string {
  checkStruct('describeBugCheck', 'info', info, 'BugCheckInfo { code, parameters }');
  if (typeof info.code !== 'number') throw argTypeError('describeBugCheck', 'info.code', info.code, 'a bug check code (a number)');
  if (!Array.isArray(info.parameters)) throw argTypeError('describeBugCheck', 'info.parameters', info.parameters, 'an array of four parameters');
  const params = info.parameters.map(hex).join(', ');
  const where = info.ddi ? ` in ${info.ddi}` : '';
  const state = info.state ? ` (state ${info.state})` : '';
  const rule = info.rule ? `: ${info.rule}` : '';
  const at = info.cycle !== undefined ? ` at cycle ${info.cycle}` : '';
  return `bug check ${hex(info.code)} (${params})${where}${state}${rule}${at}`;
}

/** The error a bug check throws when the framework supplies none. */
export class BugCheckError extends Error {
  readonly code: number;
  readonly parameters: [number, number, number, number];
  readonly info: BugCheckInfo;
  constructor(info: BugCheckInfo) {
    super(describeBugCheck(info));
    this.name = 'BugCheckError';
    this.code = info.code;
    this.parameters = info.parameters;
    this.info = info;
  }
}

/** Thrown by every kernel entry point after a bug check. */
export class MachineHaltedError extends Error {
  readonly original: Error;
  readonly info: BugCheckInfo;
  constructor(original: Error, info: BugCheckInfo) {
    super(`the simulated machine is halted after ${describeBugCheck(info)}: ${original.message}`);
    this.name = 'MachineHaltedError';
    this.original = original;
    this.info = info;
  }
}
