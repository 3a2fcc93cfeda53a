// The SerCx2 ring driver's per-device state: the receive ring (a common buffer the RX channel fills in a looped
// transfer that runs while the port is open), the position bookkeeping of that ring, the custom-receive and
// custom-transmit transactions in progress, and the progress timer that moves ring data into a pending read.
import * as W from 'kmdf-dma-sim/kmdf';
import type { MDL } from 'kmdf-dma-sim/kmdf';
import type * as X from 'kmdf-dma-sim/sercx2';

export interface RING_PARAMETERS {
  /** Bytes of the receive ring [4096]: a multiple of 2 × TriggerLevel (the loop notifies every half ring). */
  RingBytes: number;
  /** RX and TX trigger level in characters, and the controller watermark in bytes [16]. */
  TriggerLevel: number;
  /** UART_RXTO: character times of silence before a partly filled RX FIFO is flushed into the ring [4]. */
  RxIdleCharacters: number;
  /** The progress timer's period while a read waits, in microseconds [50]. */
  ProgressMicroseconds: number;
}

/** The one line rate this UART's fixed clock divides to. */
export const UART_BAUD = 3_000_000;

export const DEFAULT_RING_PARAMETERS: RING_PARAMETERS = { RingBytes: 4096, TriggerLevel: 16, RxIdleCharacters: 4, ProgressMicroseconds: 50 };

/** The custom-receive transaction SerCx2 has started, until the driver completes its request. */
export interface RX_TRANSFER {
  Request: W.WDFREQUEST;
  /** The read buffer's system VA at the transaction's offset. */
  Buffer: number;
  Length: number;
  Copied: number;
  /** Bytes were copied since the last progress report (EvtSerCx2CustomReceiveTransactionQueryProgress). */
  Moved: boolean;
}

/** The custom-transmit transaction in progress: its DMA runs ('dma'), then the TX FIFO drains ('drain'). */
export interface TX_TRANSFER {
  Request: W.WDFREQUEST;
  Length: number;
  Phase: 'dma' | 'drain';
  /** Bytes the DMA moved (the DMA part's end) and whether the request was cancelled. */
  Moved: number;
  Cancelled: boolean;
}

export class DEVICE_CONTEXT {
  Parameters = DEFAULT_RING_PARAMETERS;
  Device: W.WDFDEVICE | null = null;
  Registers = 0;
  Interrupt: W.WDFINTERRUPT | null = null;
  TxRequestLine = 0;
  RxRequestLine = 0;
  Cr = 0;
  Dmacr = 0;
  Imsc = 0;
  /** Interrupt bits the ISR saw, for the DPC. */
  IsrStatus = 0;
  // ---- the receive ring ----
  RingEnabler: W.WDFDMAENABLER | null = null;
  RingTransaction: W.WDFDMATRANSACTION | null = null;
  CommonBuffer: W.WDFCOMMONBUFFER | null = null;
  RingVa = 0;
  RingMdl: MDL | null = null;
  /** The looped transfer runs (a completion while it does not is a late one); RingStop has asked it to end. */
  RingActive = false;
  RingStopping = false;
  /** The port was reopened while the loop was stopping: start it again when the stop ends. */
  RingRestart = false;
  /** Bytes the DMA has written into the ring since it started (laps × RingBytes + position) and bytes taken out. */
  Produced = 0;
  Consumed = 0;
  LapPosition = 0;
  /** Ring overruns: bytes the DMA overwrote before anyone read them. */
  LostBytes = 0;
  // ---- transactions ----
  CustomReceive: X.SERCX2CUSTOMRECEIVETRANSACTION | null = null;
  CustomTransmit: X.SERCX2CUSTOMTRANSMITTRANSACTION | null = null;
  PioReceive: X.SERCX2PIORECEIVE | null = null;
  Rx: RX_TRANSFER | null = null;
  NewDataArmed = false;
  PioReadyArmed = false;
  ProgressTimer: W.WDFTIMER | null = null;
  TxEnabler: W.WDFDMAENABLER | null = null;
  TxTransaction: W.WDFDMATRANSACTION | null = null;
  Tx: TX_TRANSFER | null = null;
  PioTransmit: X.SERCX2PIOTRANSMIT | null = null;
  WaitMask = 0;
  /** For the tests: callbacks with their cycles. */
  readonly Log: string[] = [];
}

export const [WDF_DEVICE_CONTEXT_TYPE_INFO, DeviceGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'DEVICE_CONTEXT',
  () => new DEVICE_CONTEXT(),
);

/** The context of each SerCx2 object this driver creates: a back pointer to its device (as a C driver keeps one). */
export class SERCX2_OBJECT_CONTEXT {
  Device: W.WDFDEVICE | null = null;
}
export const [SERCX2_OBJECT_CONTEXT_TYPE_INFO, ObjectGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'SERCX2_OBJECT_CONTEXT',
  () => new SERCX2_OBJECT_CONTEXT(),
);

/** The context of each request SerCx2 creates for a custom transaction (SERCX2_CONFIG.RequestAttributes): its
 *  device, for the request's cancel routine. */
export class REQUEST_CONTEXT {
  Device: W.WDFDEVICE | null = null;
}
export const [REQUEST_CONTEXT_TYPE_INFO, RequestGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'REQUEST_CONTEXT',
  () => new REQUEST_CONTEXT(),
);

/** The device context behind a SerCx2 object handle. */
export function ContextOf(object: W.WDFOBJECT): DEVICE_CONTEXT {
  return DeviceGetContext(ObjectGetContext(object).Device!);
}
