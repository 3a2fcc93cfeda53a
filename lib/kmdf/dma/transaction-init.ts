// Helpers of the Initialize* DDIs: where InitializeUsingRequest takes its MDL and length from (KMDF-SYSTEM-DMA.md
// B.2; FX-API InitializeUsingRequest) and the single-transfer checks (C.6; FX-BASE Initialize).
import {
  Out,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_SUCCESS,
  STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS,
  STATUS_WDF_TOO_FRAGMENTED,
  STATUS_WDF_TOO_MANY_TRANSFERS,
  newDmaTransferInfo,
  NT_SUCCESS,
  type MDL,
  type NTSTATUS,
} from '../fx/hal.js';
import type { FxRequest } from '../io/request.js';
import {
  IRP_MJ_DEVICE_CONTROL,
  IRP_MJ_READ,
  IRP_MJ_WRITE,
  METHOD_BUFFERED,
  METHOD_IN_DIRECT,
  METHOD_OUT_DIRECT,
} from '../io/request-types.js';
import { WdfDmaDirectionReadFromDevice, WdfDmaDirectionWriteToDevice, type WDF_DMA_DIRECTION } from './dma-types.js';
import type { FxDmaSystemTransaction } from './transaction.js';

/** The MDL and length a request gives a DMA transaction, or the failure status. */
export function requestDmaSource(r: FxRequest, direction: WDF_DMA_DIRECTION): { mdl: MDL; length: number } | NTSTATUS {
  const d = r.description;
  let mdl: MDL | null = null;
  let length = 0;
  if (d.majorFunction === IRP_MJ_READ) {
    if (direction !== WdfDmaDirectionReadFromDevice) return STATUS_INVALID_DEVICE_REQUEST;
    mdl = d.output?.mdl ?? null;
    length = d.length ?? 0;
  } else if (d.majorFunction === IRP_MJ_WRITE) {
    if (direction !== WdfDmaDirectionWriteToDevice) return STATUS_INVALID_DEVICE_REQUEST;
    mdl = d.input?.mdl ?? null;
    length = d.length ?? 0;
  } else if (d.majorFunction === IRP_MJ_DEVICE_CONTROL) {
    const method = r.method;
    if (method === METHOD_BUFFERED) {
      mdl = d.input?.mdl ?? null;
      length = direction === WdfDmaDirectionWriteToDevice ? (d.inputBufferLength ?? 0) : (d.outputBufferLength ?? 0);
    } else if (method === METHOD_IN_DIRECT || method === METHOD_OUT_DIRECT) {
      const needed = method === METHOD_IN_DIRECT ? WdfDmaDirectionWriteToDevice : WdfDmaDirectionReadFromDevice;
      if (direction !== needed) return STATUS_INVALID_DEVICE_REQUEST;
      mdl = d.output?.mdl ?? null;
      length = d.outputBufferLength ?? 0;
    } else {
      return STATUS_INVALID_DEVICE_REQUEST;
    }
  } else {
    return STATUS_INVALID_DEVICE_REQUEST;
  }
  if (!mdl || length === 0) return STATUS_INVALID_DEVICE_REQUEST;
  return { mdl, length };
}

/** C.6: the checks a single-transfer transaction runs at Initialize. */
export function singleTransferChecks(t: FxDmaSystemTransaction): NTSTATUS {
  const e = t.enabler;
  if (t.maxFrag < e.maximumLength) t.maxFrag = e.maximumLength;
  if (t.length > t.maxFrag) return STATUS_WDF_TOO_MANY_TRANSFERS;
  const d = t.desc!;
  const info = newDmaTransferInfo();
  const status = d.adapter.DmaOperations.GetDmaTransferInfo(
    d.adapter,
    t.startMdl!,
    t.startOffset,
    t.length,
    t.direction === WdfDmaDirectionWriteToDevice,
    info,
  );
  if (!NT_SUCCESS(status)) return status;
  const available = t.reservedMapRegisters > 0 ? t.reservedMapRegisters : d.nmr;
  if (info.V1.MapRegisterCount > available) return STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS;
  if (info.V1.ScatterGatherElementCount > e.maxSGElements) return STATUS_WDF_TOO_FRAGMENTED;
  void Out;
  return STATUS_SUCCESS;
}
