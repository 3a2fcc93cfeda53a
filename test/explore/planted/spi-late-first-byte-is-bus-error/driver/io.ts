// The SPI driver's I/O path: a write sends its bytes on MOSI, a read collects MISO while writes clock the bus (SPI
// is full duplex: send the read first, then the write). Each request runs on its direction of one SystemDuplex
// enabler, in frames of FrameLength bytes (WdfDmaTransactionSetMaximumLength: one fragment per frame). No
// transfer-complete callback is registered: the SPI's own TC interrupt ends each frame (isr-dpc.ts), so the HAL
// gets no completion routine (KMDF-SYSTEM-DMA.md D.4, source 2).
import * as W from 'kmdf-dma-sim/kmdf';
import { CONFIGURE_FUNCTION } from 'kmdf-dma-sim/hal';
import * as R from '../../../../../examples/spi/device/spi-regs.js';
import { DirectionOf, Now, SpiGetContext, type SPI_DEVICE_CONTEXT } from './context.js';
import { WriteReg } from './hw.js';

export const SpiEvtIoWrite: W.EVT_WDF_IO_QUEUE_IO_WRITE = (Queue, Request, Length) => {
  SpiStart(SpiGetContext(W.WdfIoQueueGetDevice(Queue)), Request, W.WdfDmaDirectionWriteToDevice, Length);
};

export const SpiEvtIoRead: W.EVT_WDF_IO_QUEUE_IO_READ = (Queue, Request, Length) => {
  SpiStart(SpiGetContext(W.WdfIoQueueGetDevice(Queue)), Request, W.WdfDmaDirectionReadFromDevice, Length);
};

function SpiStart(ctx: SPI_DEVICE_CONTEXT, Request: W.WDFREQUEST, Direction: number, Length: number): void {
  const dir = DirectionOf(ctx, Direction);
  if (dir.Request) {
    W.WdfRequestCompleteWithInformation(Request, W.STATUS_DEVICE_BUSY, 0);
    return;
  }
  const Transaction = dir.Transaction!;
  let status = W.WdfDmaTransactionInitializeUsingRequest(Transaction, Request, SpiEvtProgramDma, Direction);
  if (!W.NT_SUCCESS(status)) {
    W.WdfRequestCompleteWithInformation(Request, status, 0);
    return;
  }
  W.WdfDmaTransactionSetMaximumLength(Transaction, ctx.Parameters.FrameLength);
  W.WdfDmaTransactionSetChannelConfigurationCallback(Transaction, SpiEvtConfigureDmaChannel, Direction);
  W.WdfDmaTransactionSetImmediateExecution(Transaction, true);
  dir.Request = Request;
  dir.Length = Length;
  status = W.WdfDmaTransactionExecute(Transaction, null);
  if (!W.NT_SUCCESS(status)) SpiFinish(ctx, Direction, status);
}

// EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL: MOSI moves a trigger level per request, MISO one byte.
const SpiEvtConfigureDmaChannel: W.EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL = (Transaction, Device, Context) => {
  const ctx = SpiGetContext(Device);
  const Direction = Context as number;
  const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(ctx.Enabler!, Direction)!;
  const watermark = Direction === W.WdfDmaDirectionWriteToDevice ? ctx.Parameters.TxWatermark : 1;
  let status = adapter.DmaOperations.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([watermark]));
  if (W.NT_SUCCESS(status)) {
    status = adapter.DmaOperations.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.ACQUIRE_REQUEST_LINE, new Uint32Array([DirectionOf(ctx, Direction).RequestLine]));
  }
  if (W.NT_SUCCESS(status)) return true;
  const final = new W.Out<W.NTSTATUS>(0);
  W.WdfDmaTransactionDmaCompletedFinal(Transaction, 0, final);
  SpiFinish(ctx, Direction, status);
  return false;
};

// EVT_WDF_PROGRAM_DMA: MISO's request first; a MOSI frame starts the bit clock (SPE), which runs both lines.
const SpiEvtProgramDma: W.EVT_WDF_PROGRAM_DMA = (Transaction, Device, _Context, Direction) => {
  const ctx = SpiGetContext(Device);
  ctx.Fragments.push({
    direction: Direction, length: W.WdfDmaTransactionGetCurrentDmaTransferLength(Transaction),
    programmed: Now(), completed: -1, counted: 0,
  });
  if (Direction === W.WdfDmaDirectionReadFromDevice) {
    SpiSetDmacr(ctx, ctx.Dmacr | R.DMACR_RXDMAE);
  } else {
    SpiSetDmacr(ctx, ctx.Dmacr | R.DMACR_TXDMAE);
    ctx.Cr = R.CR_SPE;
    WriteReg(ctx, R.SPI_CR, ctx.Cr);
  }
  return true;
};

function SpiSetDmacr(ctx: SPI_DEVICE_CONTEXT, value: number): void {
  ctx.Dmacr = value;
  WriteReg(ctx, R.SPI_DMACR, value);
}

/** The direction's transaction has ended with `status`: release it and complete the request with its bytes. */
export function SpiFinish(ctx: SPI_DEVICE_CONTEXT, Direction: number, status: W.NTSTATUS): void {
  const dir = DirectionOf(ctx, Direction);
  const bytes = W.WdfDmaTransactionGetBytesTransferred(dir.Transaction!);
  W.WdfDmaTransactionRelease(dir.Transaction!);
  SpiSetDmacr(ctx, ctx.Dmacr & ~(Direction === W.WdfDmaDirectionWriteToDevice ? R.DMACR_TXDMAE : R.DMACR_RXDMAE));
  const Request = dir.Request!;
  dir.Request = null;
  W.WdfRequestCompleteWithInformation(Request, status, bytes);
}

/** Records the DPC that counted `counted` bytes for the direction's current fragment. */
export function SpiNoteFragmentDone(ctx: SPI_DEVICE_CONTEXT, Direction: number, counted: number): void {
  for (let i = ctx.Fragments.length - 1; i >= 0; i--) {
    const f = ctx.Fragments[i]!;
    if (f.direction === Direction && f.completed < 0) {
      f.completed = Now();
      f.counted = counted;
      return;
    }
  }
}
