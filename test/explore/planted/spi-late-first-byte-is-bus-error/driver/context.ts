// The SPI driver's per-device state (typed WDF context) and parameters.
import { currentKernel } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';

export interface SPI_PARAMETERS {
  /** WdfDmaTransactionSetMaximumLength: bytes per SPI frame (one fragment per frame) [64]. */
  FrameLength: number;
  /** The controller watermark for MOSI in bytes (the TX FIFO trigger level) [8]. */
  TxWatermark: number;
}

export const DEFAULT_SPI_PARAMETERS: SPI_PARAMETERS = { FrameLength: 64, TxWatermark: 8 };

export class SPI_DIRECTION {
  Transaction: W.WDFDMATRANSACTION | null = null;
  Request: W.WDFREQUEST | null = null;
  RequestLine = 0;
  /** The request's length (the transaction's total). */
  Length = 0;
}

export interface SPI_FRAGMENT_RECORD {
  direction: number;
  length: number;
  programmed: number;
  /** The DPC that completed it (the device's TC interrupt). */
  completed: number;
  /** Bytes the DPC counted for it. */
  counted: number;
}

export class SPI_DEVICE_CONTEXT {
  Parameters: SPI_PARAMETERS = DEFAULT_SPI_PARAMETERS;
  Registers = 0;
  RegistersLength = 0;
  PhysicalBase = 0;
  /** One SystemDuplex enabler: a read adapter (MISO) and a write adapter (MOSI). */
  Enabler: W.WDFDMAENABLER | null = null;
  Tx = new SPI_DIRECTION();
  Rx = new SPI_DIRECTION();
  Cr = 0;
  Dmacr = 0;
  /** TXCNT latched by the ISR when the frame ended. */
  FrameBytes = 0;
  /** Bytes the current frame shifted before the clock was restarted (an early TC: the DMA fell behind). */
  FrameBytesBefore = 0;
  Fragments: SPI_FRAGMENT_RECORD[] = [];
}

export const [WDF_SPI_CONTEXT_TYPE_INFO, SpiGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'SPI_DEVICE_CONTEXT',
  () => new SPI_DEVICE_CONTEXT(),
);

export function DirectionOf(ctx: SPI_DEVICE_CONTEXT, direction: number): SPI_DIRECTION {
  return direction === W.WdfDmaDirectionWriteToDevice ? ctx.Tx : ctx.Rx;
}

/** Instrumentation, not part of the C driver: the simulated cycle now. */
export function Now(): number {
  return currentKernel().cycle;
}
