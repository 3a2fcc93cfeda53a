// The UART driver's per-device state (the C driver's DEVICE_EXTENSION, a typed WDF object context) and its
// parameters (what a real driver would read from the registry in DriverEntry).
import { currentKernel } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';

export interface UART_PARAMETERS {
  /** WDF_DMA_ENABLER_CONFIG.MaximumLength: the largest fragment one controller program moves [1024]. */
  MaximumTransferLength: number;
  /** TX and RX FIFO trigger level in characters; also the controller watermark in bytes [16]. */
  TriggerLevel: number;
  /** UART_RXTO: character times of line silence that end a read with what came (the receive timeout) [4]. */
  RxIdleCharacters: number;
  /** A read's total time-out in µs (SERIAL_TIMEOUTS.ReadTotalTimeoutConstant): it then completes with STATUS_TIMEOUT
   *  and what came [0: none]. */
  ReadTotalTimeoutMicroseconds: number;
}

export const DEFAULT_UART_PARAMETERS: UART_PARAMETERS = {
  MaximumTransferLength: 1024,
  TriggerLevel: 16,
  RxIdleCharacters: 4,
  ReadTotalTimeoutMicroseconds: 0,
};

/** Why a running transfer is being stopped (decides the request's status). */
export type StopReason = 'none' | 'cancel' | 'idle' | 'device-error' | 'timeout';

/** One direction's transfer state: the transaction, the request it serves, and how it ends. */
export class UART_CHANNEL {
  /** The direction's sequential queue (WdfDeviceConfigureRequestDispatching: reads or writes), one request at a time. */
  Queue: W.WDFQUEUE | null = null;
  Enabler: W.WDFDMAENABLER | null = null;
  Transaction: W.WDFDMATRANSACTION | null = null;
  Request: W.WDFREQUEST | null = null;
  /** The transaction is executing (set before Execute, cleared when it ends): a transfer-complete callback that
   *  comes while it is not is a late DmaCancelled for a transfer this driver already finished, and is ignored. */
  Active = false;
  /** u.Dma.Port of the direction's DMA resource: the request line the channel acquires. */
  RequestLine = 0;
  Stop: StopReason = 'none';
  /** The status a device error maps to (set with Stop = 'device-error'). */
  ErrorStatus: W.NTSTATUS = W.STATUS_SUCCESS;
  /** TX: the transaction ended; the request completes with these once the FIFO has drained. */
  FinalStatus: W.NTSTATUS = W.STATUS_SUCCESS;
  FinalBytes = 0;
}

/** Per-fragment timing the demo and the tests read (cycles). */
export interface UART_FRAGMENT_RECORD {
  direction: number;
  length: number;
  /** EvtProgramDma ran (the device's DMA request was enabled). */
  programmed: number;
  /** EvtDmaTransactionDmaTransferComplete ran for it. */
  completed: number;
}

export class DEVICE_CONTEXT {
  Parameters: UART_PARAMETERS = DEFAULT_UART_PARAMETERS;
  /** The register block, mapped with MmMapIoSpaceEx (offsets are uart-regs.ts). */
  Registers = 0;
  RegistersLength = 0;
  /** Bus address of the UART (the data registers' DeviceAddress base). */
  PhysicalBase = 0;
  Interrupt: W.WDFINTERRUPT | null = null;
  /** The read's total time-out (ReadTotalTimeoutMicroseconds). */
  ReadTimer: W.WDFTIMER | null = null;
  Tx = new UART_CHANNEL();
  Rx = new UART_CHANNEL();
  /** Shadow of CR, DMACR and IMSC (the driver owns them; read-modify-write through the shadow). */
  Cr = 0;
  Dmacr = 0;
  Imsc = 0;
  /** Interrupt bits the ISR saw, for the DPC (under the interrupt lock). */
  IsrStatus = 0;
  /** The read running when the ISR saw the receive timeout: the DPC ends that one only. */
  IsrRxRequest: W.WDFREQUEST | null = null;
  /** A receive error that happened while no read was running: the next read fails with it. */
  PendingRxError: W.NTSTATUS = W.STATUS_SUCCESS;
  /** Demo/test statistics. */
  Fragments: UART_FRAGMENT_RECORD[] = [];
  ErrorsSeen = 0;
}

export const [WDF_DEVICE_CONTEXT_TYPE_INFO, DeviceGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'DEVICE_CONTEXT',
  () => new DEVICE_CONTEXT(),
);

/** The direction's channel state. */
export function ChannelOf(ctx: DEVICE_CONTEXT, direction: number): UART_CHANNEL {
  return direction === W.WdfDmaDirectionWriteToDevice ? ctx.Tx : ctx.Rx;
}

/** Instrumentation, not part of the C driver: the simulated cycle now (for the demo's latency table). */
export function Now(): number {
  return currentKernel().cycle;
}
