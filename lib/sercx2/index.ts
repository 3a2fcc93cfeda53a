// lib/sercx2: version 2 of the serial framework extension (SerCx2), a class extension above lib/kmdf: a serial
// controller driver calls its DDIs (sercx.h names and parameter order) and SerCx2 owns the port's I/O — the client's
// file, its serial IOCTLs, reads and writes with their time-outs — and runs the transactions through the driver's
// PIO, system-DMA or custom callbacks. It uses the framework's public DDIs (queues, timers, file objects, DMA enablers
// and transactions) and a few of its internal hooks (class-extension hooks in WDFDEVICE_INIT, requests it makes);
// lib/kmdf never imports it. README.md says what is modelled and how.
export * from './sercx2-types.js';
export * from './ntddser.js';
export { SerCx2InitializeDeviceInit, SerCx2InitializeDevice, SerCx2SaveReceiveFifoOnD0Exit } from './device.js';
export { SerCx2CompleteWait } from './ioctl.js';
export * from './create.js';
export {
  SerCx2PioReceiveReady,
  SerCx2PioTransmitReady,
  SerCx2PioReceiveInitializeTransactionComplete,
  SerCx2PioReceiveCleanupTransactionComplete,
  SerCx2PioTransmitInitializeTransactionComplete,
  SerCx2PioTransmitCleanupTransactionComplete,
  SerCx2PioTransmitDrainFifoComplete,
  SerCx2PioTransmitPurgeFifoComplete,
} from './pio.js';
export {
  SerCx2SystemDmaReceiveInitializeTransactionComplete,
  SerCx2SystemDmaReceiveCleanupTransactionComplete,
  SerCx2SystemDmaReceiveNewDataNotification,
  SerCx2SystemDmaReceiveGetDmaEnabler,
  SerCx2SystemDmaTransmitInitializeTransactionComplete,
  SerCx2SystemDmaTransmitCleanupTransactionComplete,
  SerCx2SystemDmaTransmitDrainFifoComplete,
  SerCx2SystemDmaTransmitPurgeFifoComplete,
  SerCx2SystemDmaTransmitGetDmaEnabler,
} from './system-dma.js';
export {
  SerCx2CustomReceiveTransactionInitializeComplete,
  SerCx2CustomReceiveTransactionCleanupComplete,
  SerCx2CustomReceiveTransactionNewDataNotification,
  SerCx2CustomReceiveTransactionReportProgress,
  SerCx2CustomTransmitTransactionInitializeComplete,
  SerCx2CustomTransmitTransactionCleanupComplete,
} from './custom.js';
