// The driver's per-device state (the C driver's device extension, a typed WDF object context) and one channel
// record per DMA direction: the System DMA enabler, its reusable transaction, the request it serves.
import * as W from 'kmdf-dma-sim/kmdf';

/** One direction's DMA state. */
export class SAMPLE_CHANNEL {
  Enabler: W.WDFDMAENABLER | null = null;
  Transaction: W.WDFDMATRANSACTION | null = null;
  /** The request the transaction serves, while one runs. */
  Request: W.WDFREQUEST | null = null;
  /** Set from Execute until the transaction ends: a transfer-complete callback outside that window is a late
   *  DmaCancelled for a transfer already finished, and is ignored. */
  Active = false;
  /** The request line of the direction's CM DMA descriptor (u.Dma.Port). */
  RequestLine = 0;
}

export class DEVICE_CONTEXT {
  /** The register block, mapped with MmMapIoSpaceEx (offsets are device/regs.ts). */
  Registers = 0;
  RegistersLength = 0;
  /** Bus address of the device (the FIFO data register's DeviceAddress base). */
  PhysicalBase = 0;
  /** Shadow of CTRL (the driver owns it; read-modify-write through the shadow). */
  Ctrl = 0;
  Tx = new SAMPLE_CHANNEL();
}

export const [WDF_DEVICE_CONTEXT_TYPE_INFO, DeviceGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'DEVICE_CONTEXT',
  () => new DEVICE_CONTEXT(),
);

/** The channel record of a WDF_DMA_DIRECTION. */
export function ChannelOf(ctx: DEVICE_CONTEXT, Direction: number): SAMPLE_CHANNEL {
  if (Direction === W.WdfDmaDirectionWriteToDevice) return ctx.Tx;
  throw new Error(`no DMA channel for direction ${Direction}`);
}
