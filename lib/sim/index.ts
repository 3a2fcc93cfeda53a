// lib/sim: the TypeScript face of the engine (ARCHITECTURE.md layer "lib/sim"), re-exported from the package root.
export * from './types.js';
export { Simulator, DEFAULT_MAX_EVENTS } from './simulator.js';
export { DEFAULT_EVENT_KINDS, SIM_EVENT_KINDS } from './events.js';
export { MemoryRegion } from './memory-region.js';
export { FifoPort, DEFAULT_RX_PATTERN } from './fifo-port.js';
export { InterruptSource } from './interrupt-source.js';
export { DmaController } from './dma-controller.js';
export { SimulatorError, SIM_ERROR_CODES, type SimErrorCode } from './errors.js';
export { toRational, numberToRational, type Rational } from './rational.js';
export { DEFAULT_CLOCK_HZ, type ResolvedSimulatorOptions } from './options.js';
export * from './constants.js';
export { HardwareTracer, type HardwareTraceData, type TraceSignal, type TracedPort } from './trace.js';
export {
  HARDWARE_TRACE_GROUPS, HARDWARE_TRACE_TRIGGERS, DEFAULT_TRACE_CAP, MAX_TRACE_CAP, resolveTraceOptions,
  type TraceOptions, type TraceStart, type HardwareTraceGroup, type HardwareTraceTrigger, type ResolvedTraceOptions,
  type SoftwareTraceNames,
} from './trace-options.js';
export { CHANNEL_PHASES, TRACE_SIGNAL_KINDS, type ChannelPhase, type TraceSignalKind } from './trace-records.js';
