// lib/kmdf: the KMDF-style framework (WDF object model, driver/device/queue/request/interrupt/timer/spin lock, the
// system-mode DMA enabler, transaction and common buffer, and the verifier). KMDF names and parameter order; C
// out-parameters are Out<T> boxes in the same position (README.md). NTSTATUS values come from lib/hal.
export { Out } from '../hal/out.js';
export * from '../hal/ntstatus.js';
export {
  DmaComplete,
  DmaAborted,
  DmaError,
  DmaCancelled,
  Width8Bits,
  Width16Bits,
  Width32Bits,
  Width64Bits,
  type DMA_COMPLETION_STATUS,
  type SCATTER_GATHER_LIST,
} from '../hal/dma/types.js';
export type { MDL } from '../hal/memory/mdl.js';

export * from './verifier/bugcheck.js';
export type { WdfFrameworkOptions, WdfDocsBehaviour, ResolvedFrameworkOptions } from './fx/options.js';
export { FxDriverGlobals } from './fx/globals.js';

export * from './object/handles.js';
export * from './object/attributes.js';
export { WdfObjectDelete, WdfObjectAllocateContext, WdfObjectContextGetObject } from './object/object-api.js';

export * from './driver/driver.js';
export * from './device/device-init.js';
export {
  WdfDeviceCreate,
  WdfDeviceWdmGetDeviceObject,
  WdfDeviceWdmGetPhysicalDevice,
  WdfDeviceGetDriver,
  FxDevice,
} from './device/device.js';
export * from './device/resources.js';

export * from './file/file-object.js';
export * from './io/request-types.js';
export type { EVT_WDF_REQUEST_CANCEL } from './io/request.js';
export * from './io/request-api.js';
export * from './io/queue.js';

export * from './interrupt/interrupt.js';
export * from './interrupt/timer.js';
export { WdfSpinLockCreate, WdfSpinLockAcquire, WdfSpinLockRelease } from './interrupt/spinlock.js';

export * from './dma/dma-types.js';
export * from './dma/enabler-api.js';
export {
  WdfDmaTransactionCreate,
  WdfDmaTransactionInitialize,
  WdfDmaTransactionInitializeUsingOffset,
  WdfDmaTransactionInitializeUsingRequest,
  WdfDmaTransactionExecute,
  WdfDmaTransactionDmaCompleted,
  WdfDmaTransactionDmaCompletedWithLength,
  WdfDmaTransactionDmaCompletedFinal,
  WdfDmaTransactionRelease,
  WdfDmaTransactionGetBytesTransferred,
  WdfDmaTransactionGetCurrentDmaTransferLength,
  WdfDmaTransactionSetMaximumLength,
  WdfDmaTransactionSetChannelConfigurationCallback,
  WdfDmaTransactionSetTransferCompleteCallback,
  WdfDmaTransactionSetDeviceAddressOffset,
  WdfDmaTransactionGetRequest,
  WdfDmaTransactionGetDevice,
} from './dma/transaction-api.js';
export * from './dma/transaction-control.js';
export * from './dma/common-buffer.js';
export { TRANSACTION_STATE_NAMES } from './dma/transaction.js';
export { FxDmaTransactionGetState } from './dma/inspect.js';
