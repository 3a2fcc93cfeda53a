// The shape of what the native addon exports (native/addon). Only lib/native and lib/sim use it; everything
// else goes through the TypeScript face in lib/sim.

import type { FifoPortStatus } from '../sim/types.js';

/** What the addon's selfCheck() returns: one small simulation on a fresh engine. */
export interface NativeSelfCheck {
  version: string;
  napiVersion: number;
  summary: string;
  /** True when the engine matched TIMING.md's worked example (641 / 642) and the data arrived intact. */
  ok?: boolean;
}

export interface NativeBinding {
  /** Package version the addon was built from (package.json). */
  readonly version: string;
  /** Node-API version the addon was compiled against. */
  readonly napiVersion: number;
  selfCheck(): NativeSelfCheck;
  // Engine classes are added by lib/sim's binding types.
  readonly [name: string]: unknown;
}

// ---- the engine classes (native/addon; lib/sim is their only caller) ----------------------------------------
// Every field below is required: lib/sim/options.ts fills all of them, the addon never guesses.

/** dmasim::SimOptions (native/core/options.h); enums as their numbers. */
export interface NativeSimOptions {
  profile: number;
  channels: number;
  requestLines: number;
  interruptLines: number;
  controllerInterruptLine: number;
  priority: number;
  arbitrationCycles: number;
  burstSetup: number;
  interruptLatency: number;
  requestLatency: number;
  defaultBurstLength: number;
  fifoDepth: number;
  maxFragments: number;
  holdLatency: number;
  compressedTiming: boolean;
  rotatingPriority: boolean;
  fastPaths: boolean;
}

/** dmasim::FifoPortOptions (native/core/port_types.h). */
export interface NativeFifoPortOptions {
  address: number;
  readWait: number;
  writeWait: number;
  direction: number;
  depth: number;
  elementWidth: number;
  rateNumerator: number;
  rateDenominator: number;
  requestLine: number;
  watermark: number;
  requestRule: number;
  dmaEnable: boolean;
  deviceEnable: boolean;
  txStreaming: boolean;
  idleTimeout: number;
  rxSource: number;
  pattern: Uint8Array;
  interruptLine: number;
  interruptMask: number;
  interruptThreshold: number;
  txCaptureLimit: number;
}

export interface NativeRunResult {
  cycle: number;
  /** dmasim::StopReason */
  stoppedBy: number;
  eventCount: number;
}

/** dmasim::EngineStats (native/core/engine.h). */
export interface NativeEngineStats {
  activities: number;
  records: number;
  deviceElements: number;
  dmaBeats: number;
}

export interface NativeRegionInfo {
  base: number;
  size: number;
  readWait: number;
  writeWait: number;
  isFifoPort: boolean;
  portId: number;
}

export interface NativeChannelStatus {
  state: number;
  remaining: number;
  bytesWritten: number;
  loopIterations: number;
  pendingInterrupts: number;
  errorAddress: number;
  serviceInProgress: boolean;
  requestLine: number;
  width: number;
  burstLength: number;
  watermark: number;
  notificationThreshold: number;
  priority: number;
}

/** portStatus() returns the public snapshot shape as is (lib/sim/types.ts FifoPortStatus); one definition. */
export type NativePortStatus = FifoPortStatus;

/** The ObjectWrap over dmasim::Simulator (native/addon/simulator_wrap.h); positional arguments, enums as numbers. */
export interface NativeSimulator {
  dispose(): void;
  isDisposed(): boolean;
  cycle(): number;
  schedule(cycle: number, tag: number): void;
  /** eventBuffer: whole 32-byte records, 8-byte aligned; null discards records. */
  runUntil(cycle: number, eventBuffer: ArrayBuffer | null): NativeRunResult;
  runFor(cycles: number, eventBuffer: ArrayBuffer | null): NativeRunResult;
  /** Allocates, in memory the addon owns, the event block (`records` 32-byte records, 1..2^20) and the state it
   *  shares with lib/sim, and returns views of them (a second call replaces both). state: [0] the cycle a runBound
   *  stopped at, [1] a deferred flush (a channel whose flushChannel the next call runs first, or -1), [2] the
   *  callback guard (non-zero: every call throws ERR_REENTRANT_CALL), [3 + line] each mirrored interrupt line's level. */
  sharedBuffers(records: number): NativeSharedBuffers;
  /** runUntil with the shared event block (or none when discard), filling at most `limit` records when given:
   *  returns stoppedBy + 4 * eventCount. */
  runBound(cycle: number, discard: boolean, limit?: number): number;
  /** runBound, handleInterruptNext, programChannelBound and setPortDmaEnable as functions bound to this simulator (no unwrap of the
   *  receiver per call: lib/sim calls them on every run slice and fragment). */
  hotPathFunctions(): NativeHotPath;
  /** The bound state's element 2 + line holds the line's level (0/1) after every call from now on. */
  mirrorInterruptLine(line: number): void;
  interruptLineLevel(line: number): boolean;
  requestLineLevel(line: number): boolean;
  stats(): NativeEngineStats;
  /** The record kinds runs store from now on: bit k = event kind k (bits 1..15). */
  setRecordMask(mask: number): void;
  /** Hardware timing perturbation (native/core/perturbation.h); each draw [kind, a, b] or [2, values...]. */
  setPerturbation(perturb: NativePerturbation): void;
  recordMask(): number;
  addInterruptSource(line: number): number;
  setInterruptSource(source: number, level: boolean): void;
  interruptSourceLevel(source: number): boolean;

  addMemory(base: number, size: number, readWait: number, writeWait: number): number;
  /** A zero-copy external ArrayBuffer over the region's RAM; detached by dispose(). */
  memoryView(region: number): ArrayBuffer;
  regionCount(): number;
  regionInfo(region: number): NativeRegionInfo;
  peek(address: number, out: Uint8Array): void;
  poke(address: number, data: Uint8Array): void;
  injectBusFault(address: number): void;
  clearBusFaults(): void;

  validateRequestLineBinding(requestLine: number, channel: number): boolean;
  queryMaxFragments(channel: number, hint: number): number;
  /** sg: (address, length) pairs. direction: 0 memory-to-device, 1 device-to-memory. */
  programChannel(channel: number, requestLine: number, sg: Float64Array, deviceAddress: number, direction: number,
    width: number, demandMode: boolean, loop: boolean): void;
  /** Allocates, in memory the addon owns, the packed program request programChannelBound reads (8 + 2 * pairs
   *  numbers, pairs 1..2^20) and returns a view of it (a second call replaces it). */
  programBuffer(pairs: number): Float64Array;
  /** programChannel from the program block: [channel, requestLine, deviceAddress, direction, width,
   *  demandMode (0/1), loop (0/1), count, then count (address, length) pairs]. */
  programChannelBound(): void;
  configureChannel(channel: number, functionNumber: number, value: number): number;
  flushChannel(channel: number): void;
  handleInterrupt(): { channel: number; type: number } | null;
  /** handleInterrupt without an object: -1 when none remains, else channel * 4 + type. */
  handleInterruptPacked(): number;
  /** handleInterruptPacked * 2 + 1 when another report remains after this one (-1 when none remains). */
  handleInterruptNext(): number;
  readDmaCounter(channel: number): number;
  cancelTransfer(channel: number): boolean;
  programMemoryToMemory(channel: number, source: number, destination: number, length: number, width: number,
    burst: number): void;
  channelStatus(channel: number): NativeChannelStatus;

  addFifoPort(options: NativeFifoPortOptions): number;
  portCount(): number;
  portStatus(port: number): NativePortStatus;
  setPortDmaEnable(port: number, enable: boolean): void;
  setPortDeviceEnable(port: number, enable: boolean): void;
  setPortTxStreaming(port: number, streaming: boolean): void;
  setPortWatermark(port: number, watermark: number): void;
  setPortIdleTimeout(port: number, cycles: number): void;
  setPortInterrupt(port: number, line: number, mask: number, threshold: number): void;
  clearPortStatus(port: number, mask: number): void;
  appendRxData(port: number, data: Uint8Array): void;
  readTxData(port: number, out: Uint8Array): number;
  clearTxData(port: number): void;
  injectPortError(port: number, elementIndex: number): void;
  injectPortStall(port: number, elementIndex: number, cycles: number): void;
  injectPortStallAt(port: number, cycle: number, cycles: number): void;

  // The hardware trace (native/addon/trace_methods.cpp; lib/sim/trace.ts is the caller).
  traceStart(options: NativeTraceOptions): void;
  traceStop(): void;
  traceTrigger(): void;
  traceInfo(): NativeTraceInfo;
  /** Copies whole 16-byte records (u64 cycle, u32 signal, u32 value) from record `offset`; returns the count. */
  traceRead(offset: number, out: Uint8Array): number;
  traceReadBase(offset: number, out: Uint8Array): number;
}

/** dmasim::TraceOptions (native/core/trace_recorder.h); every field required. */
export interface NativeTraceOptions {
  groups: number;
  capRecords: number;
  ringCycles: number;
  /** 0 now, 1 cycle, 2 engine event, 3 manual (traceTrigger). */
  trigger: number;
  triggerCycle: number;
  eventKind: number;
  /** 0xFFFFFFFF = any source. */
  eventSource: number;
}

/** dmasim::TraceInfo. */
export interface NativeTraceInfo {
  active: boolean;
  started: boolean;
  triggered: boolean;
  triggerCycle: number;
  windowStart: number;
  completeFrom: number;
  cut: boolean;
  cutCycle: number;
  records: number;
  written: number;
  folded: number;
  capRecords: number;
  groups: number;
}

/** NativeSimulator.setPerturbation's argument. */
export interface NativePerturbation {
  seed: number;
  requestJitter: Float64Array;
  waitStates: Float64Array;
  busPeriod: Float64Array | null;
  busCycles: Float64Array | null;
}

/** NativeSimulator.sharedBuffers(): views of two blocks the addon owns (external, untransferable). */
export interface NativeSharedBuffers {
  /** The event records of the last runBound (8 words each; lib/sim/events.ts). */
  events: Uint32Array;
  state: Float64Array;
}

/** NativeSimulator.hotPathFunctions(): the same methods, callable without a receiver. */
export interface NativeHotPath {
  runBound(cycle: number, discard: boolean, limit?: number): number;
  handleInterruptNext(): number;
  programChannelBound(): void;
  setPortDmaEnable(port: number, enable: boolean): void;
}

export interface NativeSimulatorConstructor {
  new (options: NativeSimOptions): NativeSimulator;
}

/** The engine's numeric constants as the addon sees them (native/addon/constants.cpp). */
export interface NativeConstants {
  configureFunction: Record<string, number>;
  i8237Mode: Record<string, number>;
  ntstatus: Record<string, number>;
  portStatus: Record<string, number>;
  portIrq: Record<string, number>;
  eventKind: Record<string, number>;
  channelState: Record<string, number>;
  interruptType: Record<string, number>;
  stopReason: Record<string, number>;
  limits: Record<string, number>;
  errorCodes: Record<string, string>;
}

/** The addon with its engine classes. */
export interface NativeEngineBinding extends NativeBinding {
  readonly NativeSimulator: NativeSimulatorConstructor;
  readonly constants: NativeConstants;
  /** Registers the JS error class the addon throws (`new Class(message, code)`), once per environment. */
  setErrorClass(errorClass: new (message: string, code: string) => Error): void;
}
