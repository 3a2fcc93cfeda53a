// lib/hal: the simulated OS below the framework (docs/hal-contract.md). WDM names, parameter order and values;
// out-parameters are Out<T> boxes; NTSTATUS values are unsigned 32-bit numbers.
export { Out } from './out.js';
export * from './ntstatus.js';
export * from './irql.js';
export * from './bugcheck.js';
export { Kernel, type KernelOptions, type KernelLatencies, type KernelMemoryOptions, type BugCheckHook } from './kernel.js';
export { currentKernel } from './current.js';
export { KernelLivelockError, DEFAULT_LIVELOCK_LIMIT, DPC_WATCHDOG_VIOLATION } from './livelock.js';
export type { KernelStats, DmaStats } from './stats.js';
export type { DEVICE_OBJECT } from './device-object.js';

export { PAGE_SIZE, PAGE_SHIFT, PhysicalMemory } from './memory/physical.js';
export { AddressSpace, POOL_FLAG_NON_PAGED, POOL_FLAG_PAGED, POOL_FLAG_UNINITIALIZED } from './memory/address-space.js';
export * from './memory/mdl.js';
export {
  RegisterSpace,
  PAGE_READONLY,
  PAGE_READWRITE,
  PAGE_NOCACHE,
  PAGE_WRITECOMBINE,
  type RegisterBlock,
  type RegisterWidth,
} from './registers.js';

export { KDPC, type PKDEFERRED_ROUTINE } from './interrupts/dpc.js';
export { KTIMER, NotificationTimer, SynchronizationTimer } from './interrupts/timer.js';
export { KSPIN_LOCK } from './interrupts/spinlock.js';
export {
  KINTERRUPT,
  InterruptController,
  type ConnectOptions,
  type LineStats,
  type PKSERVICE_ROUTINE,
  type PKSYNCHRONIZE_ROUTINE,
} from './interrupts/controller.js';
export * from './wdm-ke.js';
export * from './wdm-mm.js';
export * from './wdm-rtl.js';

export * from './dma/types.js';
export { DMA_ADAPTER, DMA_TRANSFER_CONTEXT } from './dma/adapter.js';
export { MapRegisterBase, type PDRIVER_CONTROL, type PDMA_COMPLETION_ROUTINE } from './dma/channel.js';
export { HalDmaController, type HalDmaOptions } from './dma/controller.js';
export { dmaOperations, type DMA_OPERATIONS } from './dma/operations.js';
export { buildSgList, type SgLimits } from './dma/sg-builder.js';
export {
  CONFIGURE_FUNCTION,
  I8237_MODE,
  BUILTIN_CONTROLLER_FUNCTIONS,
  type DmaControllerFunction,
  type DmaControllerFunctionCall,
} from './dma/custom-functions.js';
export {
  SoftwareTracer, SOFTWARE_TRACE_GROUPS, SOFTWARE_TRACE_EVENTS, describeArg,
  type SoftwareTraceData, type SoftwareTraceGroup, type SoftwareSlice, type SoftwareInstant, type RequestSpan,
  type SoftwareTrack, type TraceArgs,
} from './trace/software-tracer.js';
