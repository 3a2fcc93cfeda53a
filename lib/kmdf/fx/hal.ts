// The one place the framework imports the simulated OS (lib/hal, WDM names; docs/hal-contract.md). Everything the
// framework calls below itself goes through here, so the layer boundary is visible in one file.
export { Out } from '../../hal/out.js';
export { HalError } from '../../hal/hal-error.js';
export { describeValue } from '../../hal/arguments.js';
export { currentKernel } from '../../hal/current.js';
export * from '../../hal/ntstatus.js';
export { Kernel } from '../../hal/kernel.js';
export type { DEVICE_OBJECT } from '../../hal/device-object.js';
export { PASSIVE_LEVEL, DISPATCH_LEVEL, type KIRQL } from '../../hal/irql.js';
export { PAGE_SIZE } from '../../hal/memory/physical.js';
export { MDL, MmGetMdlVirtualAddress, MmGetMdlByteCount } from '../../hal/memory/mdl.js';
export { KDPC } from '../../hal/interrupts/dpc.js';
export { KTIMER } from '../../hal/interrupts/timer.js';
export { KSPIN_LOCK } from '../../hal/interrupts/spinlock.js';
export type { MapRegisterBase } from '../../hal/dma/channel.js';
export type { KINTERRUPT } from '../../hal/interrupts/controller.js';
export {
  KeGetCurrentIrql,
  KeInitializeDpc,
  KeInsertQueueDpc,
  KeInitializeTimerEx,
  KeSetTimerEx,
  KeCancelTimer,
  KeInitializeSpinLock,
  KeAcquireSpinLock,
  KeReleaseSpinLock,
  KeSynchronizeExecution,
  KeAcquireInterruptSpinLock,
  KeReleaseInterruptSpinLock,
} from '../../hal/wdm-ke.js';
export { IoGetDmaAdapter, allocateTransferContext, newDmaTransferInfo } from '../../hal/wdm-mm.js';
export { DMA_ADAPTER, DMA_TRANSFER_CONTEXT } from '../../hal/dma/adapter.js';
export {
  DEVICE_DESCRIPTION,
  SCATTER_GATHER_LIST,
  DMA_SYNCHRONOUS_CALLBACK,
  KeepObject,
  DeallocateObject,
  DmaComplete,
  DmaAborted,
  DmaError,
  DmaCancelled,
  type DMA_COMPLETION_STATUS,
  type IO_ALLOCATION_ACTION,
} from '../../hal/dma/types.js';
