// The audio-ring driver's per-device state (the C driver's DEVICE_EXTENSION, a typed WDF object context) and its
// parameters (what a real driver reads from its registry key).
import { currentKernel } from 'kmdf-dma-sim/hal';
import * as W from 'kmdf-dma-sim/kmdf';

export interface AUDIO_RING_PARAMETERS {
  /** Frames per period: one notification, one READ_PERIOD [480 = 10 ms at 48 kHz]. */
  PeriodFrames: number;
  /** Periods in the ring [2: the WaveRT-style ping-pong, two notifications per buffer]. */
  RingPeriods: number;
  /** RX FIFO watermark in frames; also the controller watermark (× 4 bytes) per DMA request [16]. */
  TriggerLevel: number;
}

export const DEFAULT_AUDIO_RING_PARAMETERS: AUDIO_RING_PARAMETERS = { PeriodFrames: 480, RingPeriods: 2, TriggerLevel: 16 };

/** idle: no stream; running: the looped transfer runs; stopping: StopSystemTransfer is on its way; overrun: the
 *  stream was stopped because the consumer fell a whole ring behind (reads fail until the next START). */
export type STREAM_STATE = 'idle' | 'running' | 'stopping' | 'overrun';

/** Why a stream is stopping: the client's STOP, or an overrun the driver detected. */
export type STOP_REASON = 'none' | 'stop' | 'overrun' | 'error';

/** One transfer-complete notification, as the driver saw it (cycles; for the tests and the demo's table). */
export interface NOTIFICATION_RECORD {
  cycle: number;
  status: number;
  /** ReadDmaCounter at the callback: bytes left in the current lap. */
  counter: number;
  /** Periods captured after it. */
  captured: number;
}

export class DEVICE_CONTEXT {
  Parameters: AUDIO_RING_PARAMETERS = DEFAULT_AUDIO_RING_PARAMETERS;
  /** Bytes per period and per ring (frames × channels × 2). */
  PeriodBytes = 0;
  RingBytes = 0;
  /** The register block, mapped with MmMapIoSpaceEx (offsets are i2s-regs.ts). */
  Registers = 0;
  RegistersLength = 0;
  PhysicalBase = 0;
  RequestLine = 0;
  Device: W.WDFDEVICE | null = null;
  Interrupt: W.WDFINTERRUPT | null = null;
  Enabler: W.WDFDMAENABLER | null = null;
  Transaction: W.WDFDMATRANSACTION | null = null;
  /** The ring: a common buffer (VA, and the MDL describing it for WdfDmaTransactionInitialize). */
  CommonBuffer: W.WDFCOMMONBUFFER | null = null;
  RingVa = 0;
  RingMdl: W.MDL | null = null;
  /** Guards the stream state below between the I/O callbacks and the DMA completion (DISPATCH_LEVEL). */
  Lock: W.WDFSPINLOCK | null = null;

  State: STREAM_STATE = 'idle';
  Stop: STOP_REASON = 'none';
  /** Why the last stream ended (for the tests and the demo). */
  LastStop: STOP_REASON = 'none';
  /** A configure-callback failure seen inside WdfDmaTransactionExecute (START fails with it). */
  StartStatus: W.NTSTATUS = W.STATUS_SUCCESS;
  /** DmaCompletedFinal's status and WdfDmaTransactionGetBytesTransferred at the end of the last stream. */
  FinalStatus: W.NTSTATUS = W.STATUS_SUCCESS;
  FinalBytesTransferred = 0;
  /** The client's STOP request, completed when the DMA has stopped. */
  StopRequest: W.WDFREQUEST | null = null;
  /** The manual queue READ_PERIOD requests wait in for a period, oldest first (the framework cancels them there). */
  ReadQueue: W.WDFQUEUE | null = null;
  /** The hardware position: bytes of earlier laps, and the last position seen inside the lap (ring − counter). */
  LapBase = 0;
  LapPosition = 0;
  /** Periods wholly in memory / handed to the client, since START. */
  CapturedPeriods = 0;
  ConsumedPeriods = 0;
  /** Shadows of CR and IER (the driver owns them; read-modify-write through the shadow). */
  Cr = 0;
  Ier = 0;
  /** SR bits the ISR saw, for the DPC. */
  IsrStatus = 0;

  /** Demo/test statistics. */
  StreamStarted = -1;
  Notifications: NOTIFICATION_RECORD[] = [];
  /** Cycle of each hardware FIFO overrun (SR.OVR) the DPC turned into an overrun stop. */
  FifoOverruns: number[] = [];
  /** Cycle and captured/consumed periods of each ring overrun the driver declared (a consumer a ring behind). */
  Overruns: { cycle: number; captured: number; consumed: number }[] = [];
  /** Cycle of each period's delivery to a READ_PERIOD (latency from its notification, for the demo). */
  Deliveries: { period: number; cycle: number }[] = [];
}

export const [WDF_DEVICE_CONTEXT_TYPE_INFO, DeviceGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(
  'DEVICE_CONTEXT',
  () => new DEVICE_CONTEXT(),
);

/** Bytes of the stream in memory: every finished lap plus the position in the current one. */
export function StreamBytes(ctx: DEVICE_CONTEXT): number {
  return ctx.LapBase + ctx.LapPosition;
}

/** Instrumentation, not part of the C driver: the simulated cycle now. */
export function Now(): number {
  return currentKernel().cycle;
}

/** Stores a ULONGLONG at a kernel virtual address (*(PULONGLONG)p = v). */
export function WriteUlonglong(Address: number, Value: number): void {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(Value), true);
  currentKernel().memory.write(Address, bytes);
}
