// The SerCx2 UART driver's per-device state (the C driver's device extension, a typed WDF object context) and its
// parameters. SerCx2 owns the port's requests, so this context holds only what the controller needs: the mapped
// registers, shadows of the registers it read-modify-writes, the SerCx2 objects, and which notification or drain is
// armed for the DPC to report.
import * as W from 'kmdf-dma-sim/kmdf';
import type * as X from 'kmdf-dma-sim/sercx2';

export interface SERCX2_UART_PARAMETERS {
  /** SERCX2_SYSTEM_DMA_*_CONFIG.MaximumTransferLength: bytes per controller program [1024]. */
  MaximumTransferLength: number;
  /** RX and TX FIFO trigger level in characters, and the controller watermark in bytes [16]. */
  TriggerLevel: number;
  /** UART_RXTO: character times of silence before a partly filled RX FIFO is flushed to memory [4]. */
  RxIdleCharacters: number;
}

export const DEFAULT_SERCX2_UART_PARAMETERS: SERCX2_UART_PARAMETERS = {
  MaximumTransferLength: 1024,
  TriggerLevel: 16,
  RxIdleCharacters: 4,
};

/** The one line rate this UART's fixed clock divides to. */
export const UART_BAUD = 3_000_000;

export class DEVICE_CONTEXT {
  Parameters = DEFAULT_SERCX2_UART_PARAMETERS;
  Registers = 0;
  Interrupt: W.WDFINTERRUPT | null = null;
  /** u.DmaV3.RequestLine of the TX and RX DMA resources (the lines the channels acquire). */
  TxRequestLine = 0;
  RxRequestLine = 0;
  PioReceive: X.SERCX2PIORECEIVE | null = null;
  PioTransmit: X.SERCX2PIOTRANSMIT | null = null;
  DmaReceive: X.SERCX2SYSTEMDMARECEIVE | null = null;
  DmaTransmit: X.SERCX2SYSTEMDMATRANSMIT | null = null;
  /** Shadows of CR, DMACR, IMSC. */
  Cr = 0;
  Dmacr = 0;
  Imsc = 0;
  /** Armed by SerCx2 callbacks, fired (once) by the DPC. */
  NewDataArmed = false;
  DrainArmed = false;
  WaitMask = 0;
  /** Interrupt bits the ISR saw, for the DPC. */
  IsrStatus = 0;
  LineControl: X.SERIAL_LINE_CONTROL = { StopBits: 0, Parity: 0, WordLength: 8 };
  /** For the tests: every SerCx2 callback with its cycle. */
  readonly Log: string[] = [];
}

export const [WDF_DEVICE_CONTEXT_TYPE_INFO, DeviceGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'DEVICE_CONTEXT',
  () => new DEVICE_CONTEXT(),
);

/** The context of each SerCx2 object this driver creates: a pointer back to its device (KMDF has no DDI that goes
 *  from an object to its parent device; a C driver keeps this pointer in the object's context). */
export class SERCX2_OBJECT_CONTEXT {
  Device: W.WDFDEVICE | null = null;
}
export const [SERCX2_OBJECT_CONTEXT_TYPE_INFO, ObjectGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'SERCX2_OBJECT_CONTEXT',
  () => new SERCX2_OBJECT_CONTEXT(),
);

/** The device context behind a SerCx2 object handle. */
export function ContextOf(object: W.WDFOBJECT): DEVICE_CONTEXT {
  return DeviceGetContext(ObjectGetContext(object).Device!);
}
