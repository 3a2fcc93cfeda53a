// The framework's side of a machine trace (lib/hal/trace/software-tracer.ts): each Evt* callback as a slice with its
// object and arguments, DMA DDIs as slices with their result, and the request lifecycle (sent, dispatched, marked
// cancelable, cancelled, completed with status and information) as an async span. Called only while a trace records
// (kernel.tracer !== null); the hooks in the framework files are one null check each.
import type { SoftwareSlice, SoftwareTracer, TraceArgs } from '../../hal/trace/software-tracer.js';
import { describeArg } from '../../hal/trace/software-tracer.js';
import { ntStatusText } from '../../hal/ntstatus.js';
import { FxDriverGlobals } from './globals.js';

/** The KMDF callbacks the framework calls (names a trace can start on), besides the DDIs it traces. */
export const KMDF_TRACE_CALLBACKS = [
  'EvtDriverDeviceAdd', 'EvtDevicePrepareHardware', 'EvtDeviceReleaseHardware', 'EvtDeviceD0Entry', 'EvtDeviceD0Exit',
  'EvtCleanupCallback', 'EvtDestroyCallback', 'EvtInterruptIsr', 'EvtInterruptDpc', 'EvtInterruptSynchronize',
  'EvtTimerFunc', 'EvtIoRead', 'EvtIoWrite', 'EvtIoDeviceControl', 'EvtIoDefault', 'EvtIoQueueStopComplete',
  'EvtIoQueuePurgeComplete', 'EvtRequestCancel', 'EvtReserveDma', 'EvtDmaTransactionConfigureDmaChannel',
  'EvtProgramDma', 'EvtDmaTransactionDmaTransferComplete', 'EvtDmaEnablerFill', 'EvtDmaEnablerFlush',
  'EvtDmaEnablerEnable', 'EvtDmaEnablerDisable', 'EvtDmaEnablerSelfManagedIoStart', 'EvtDmaEnablerSelfManagedIoStop',
] as const;

/** The DMA DDIs traced with their result. */
export const KMDF_TRACE_DDIS = [
  'WdfDmaTransactionInitialize', 'WdfDmaTransactionInitializeUsingOffset', 'WdfDmaTransactionInitializeUsingRequest',
  'WdfDmaTransactionExecute', 'WdfDmaTransactionDmaCompleted', 'WdfDmaTransactionDmaCompletedWithLength',
  'WdfDmaTransactionDmaCompletedFinal', 'WdfDmaTransactionRelease', 'WdfDmaTransactionStopSystemTransfer',
  'WdfDmaTransactionCancel',
] as const;

function args(list: readonly unknown[]): TraceArgs {
  const out: TraceArgs = {};
  for (let i = 0; i < list.length; i++) if (list[i] !== undefined) out[`arg${i}`] = describeArg(list[i]);
  return out;
}

function result(value: unknown): TraceArgs | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return { result: ntStatusText(value) };  // callbacks and DDIs return NTSTATUS
  return { result: describeArg(value) };
}

export function traceCallbackBegin(t: SoftwareTracer, name: string, a: unknown, b: unknown, c: unknown, d: unknown, e: unknown): SoftwareSlice | null {
  return t.begin('callback', name, args([a, b, c, d, e]));
}

export function traceCallbackEnd(t: SoftwareTracer, slice: SoftwareSlice, value: unknown): void {
  t.end(slice, result(value));
}

/** The tracer of the driver whose code runs now, if a trace records. */
export function currentTracer(): SoftwareTracer | null {
  return FxDriverGlobals.current?.kernel.tracer ?? null;
}

/** Runs a DMA DDI's body as a slice named `ddi`, with its arguments and result (only while a trace records). */
export function tracedDdi<T>(t: SoftwareTracer, ddi: string, list: readonly unknown[], body: () => T): T {
  const slice = t.begin('dma', ddi, args(list));
  let value: T | undefined;
  try {
    value = body();
    return value;
  } finally {
    t.end(slice, value === undefined ? { result: 'void' } : result(value));
  }
}
