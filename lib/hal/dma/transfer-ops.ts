// DMA_OPERATIONS that map, start, flush, stop and observe one system-DMA transfer: MapTransferEx,
// FlushAdapterBuffersEx, CancelMappedTransfer, ReadDmaCounter, ConfigureAdapterChannel. For system DMA, MapTransferEx
// programs and starts the controller channel (D-V3; KMDF-SYSTEM-DMA.md D.1): it builds the SG list (sg-builder.ts)
// and calls ProgramChannel with DeviceAddress + DeviceOffset, the direction, the adapter's width, DemandMode and
// AutoInitialize (= loop). Behaviour sources: the DDI pages of those routines and KMDF-SYSTEM-DMA.md B.6, D.6, E.19.
// HAL decisions (UNCONFIRMED in KMDF-SYSTEM-DMA.md, documented here):
//  - CancelMappedTransfer marks the transfer context cancelled; if its transfer is mapped the controller's
//    CancelTransfer stops it and the Cancelled interrupt completes it as DmaCancelled (a completion already raised
//    wins and arrives as DmaComplete); if nothing is mapped yet the next MapTransferEx fails with STATUS_CANCELLED.
//    With the late-cancellation switch (HalDmaOptions.lateCancellation, controller.ts) the HAL instead answers every
//    stop of a mapped transfer with its own DmaCancelled, `delay` cycles later, even after the driver finished,
//    flushed and released the transfer.
//    A second CancelMappedTransfer on the same context (before InitializeDmaTransferContext) finds it already stopped
//    and returns STATUS_INVALID_DEVICE_STATE, which the framework turns into its E.19 bug check.
//  - FlushAdapterBuffersEx resets the channel (FlushChannel) and ends the mapping; with nothing mapped it does
//    nothing and succeeds (KMDF flushes after a configure callback that mapped nothing).
//    TODO(accuracy): Driver Verifier's 0xE6/0x23 (flushing a channel that has not completed) is not checked.
//  - Engine errors for bad programs (alignment, SG outside RAM, width mismatch) become STATUS_INVALID_PARAMETER and
//    a busy channel or request line STATUS_DEVICE_BUSY; the adapter's `lastError` keeps the engine's message.

import { DMA_VIOLATION } from '../bugcheck.js';
import type { MDL } from '../memory/mdl.js';
import {
  STATUS_BUFFER_TOO_SMALL,
  STATUS_CANCELLED,
  STATUS_DEVICE_BUSY,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
  type NTSTATUS,
} from '../ntstatus.js';
import type { Out } from '../out.js';
import { live, type AdapterState, type DMA_ADAPTER, type DMA_TRANSFER_CONTEXT } from './adapter.js';
import { MapRegisterBase, type PDMA_COMPLETION_ROUTINE } from './channel.js';
import { transferContextArgument } from './channel-ops.js';
import { MDL as MDL_CLASS } from '../memory/mdl.js';
import {
  argTypeError,
  checkBoolean,
  wrongType,
  checkInteger,
  checkOptionalFunction,
  checkOptionalStruct,
  checkOut,
  checkUnsigned,
} from '../arguments.js';

// Their own `instanceof` each (arguments.ts wrongType): MapTransferEx and the flush run once per fragment.
const mdlArgument = (ddi: string, mdl: unknown): MDL => (mdl instanceof MDL_CLASS ? mdl : wrongType(ddi, 'Mdl', mdl, 'an MDL'));
const baseArgument = (ddi: string, base: unknown): MapRegisterBase =>
  base instanceof MapRegisterBase ? base : wrongType(ddi, 'MapRegisterBase', base, 'a MapRegisterBase (from the execution routine)');
import { buildSgPairs, type SgPairs } from './sg-builder.js';
import {
  SCATTER_GATHER_ELEMENT_SIZE,
  SCATTER_GATHER_LIST_HEADER_SIZE,
  type SCATTER_GATHER_ELEMENT,
  type SCATTER_GATHER_LIST,
} from './types.js';
import { dmaViolation } from './verifier.js';

function fail(a: AdapterState, status: NTSTATUS, why: string): NTSTATUS {
  a.lastError = why;
  return status;
}

function engineFailure(a: AdapterState, err: unknown): NTSTATUS {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_')) throw err;
  a.kernel.stats.dma.mapFailures++;
  const busy = code === 'ERR_DMA_CHANNEL_BUSY' || code === 'ERR_REQUEST_LINE_BUSY';
  return fail(a, busy ? STATUS_DEVICE_BUSY : STATUS_INVALID_PARAMETER, `ProgramChannel: ${code}: ${(err as Error).message}`);
}

export function MapTransferEx(
  adapter: DMA_ADAPTER,
  mdl: MDL,
  mapRegisterBase: MapRegisterBase,
  offset: number,
  deviceOffset: number,
  length: Out<number>,
  writeToDevice: boolean,
  scatterGatherBuffer: SCATTER_GATHER_LIST | null,
  scatterGatherBufferLength: number,
  dmaCompletionRoutine: PDMA_COMPLETION_ROUTINE | null,
  completionContext: unknown,
): NTSTATUS {
  const a = live(adapter, 'MapTransferEx');
  const ddi = 'MapTransferEx';
  mdlArgument(ddi, mdl);
  baseArgument(ddi, mapRegisterBase);
  checkUnsigned(ddi, 'Offset', offset);
  checkUnsigned(ddi, 'DeviceOffset', deviceOffset);
  checkOut(ddi, 'Length', length);
  if (typeof length.value !== 'number') throw argTypeError(ddi, 'Length->value', length.value, 'a ULONG count of bytes');
  checkUnsigned(ddi, 'Length->value', length.value);
  checkBoolean(ddi, 'WriteToDevice', writeToDevice);
  checkOptionalStruct(ddi, 'ScatterGatherBuffer', scatterGatherBuffer, 'SCATTER_GATHER_LIST');
  checkUnsigned(ddi, 'ScatterGatherBufferLength', scatterGatherBufferLength);
  checkOptionalFunction(ddi, 'DmaCompletionRoutine', dmaCompletionRoutine);
  const ch = a.controller.channel(a.channel);
  const owner = ch.owner;
  if (!owner || owner.adapter !== adapter || owner.base !== mapRegisterBase) {
    return fail(a, STATUS_INVALID_PARAMETER, 'MapTransferEx: the MapRegisterBase is not the one of the adapter channel this adapter holds');
  }
  if (!(length.value > 0)) {
    if (a.controller.verifier) {
      dmaViolation(a.kernel, DMA_VIOLATION.ZERO_LENGTH_MAP, 'MapTransferEx', 'a transfer of zero bytes was mapped', adapter);
    }
    return fail(a, STATUS_INVALID_PARAMETER, 'MapTransferEx: Length is 0');
  }
  if (ch.mapped && !ch.mapped.flushed) {
    if (a.controller.verifier) {
      dmaViolation(
        a.kernel,
        DMA_VIOLATION.ADAPTER_BUFFERS_NOT_FLUSHED,
        'MapTransferEx',
        'the previous transfer on this adapter channel was not flushed (FlushAdapterBuffersEx) before mapping again',
        adapter,
        ch.mapped.length,
        owner.mapRegisters * 4096,
      );
    }
    return fail(a, STATUS_DEVICE_BUSY, 'MapTransferEx: the previous mapping was not flushed');
  }
  if (owner.tc.cancelled) {
    length.value = 0;
    return fail(a, STATUS_CANCELLED, 'MapTransferEx: the transfer was cancelled (CancelMappedTransfer)');
  }
  let capacity = Infinity;
  if (scatterGatherBuffer) {
    capacity = Math.floor((scatterGatherBufferLength - SCATTER_GATHER_LIST_HEADER_SIZE) / SCATTER_GATHER_ELEMENT_SIZE);
    if (capacity < 1) return fail(a, STATUS_BUFFER_TOO_SMALL, 'MapTransferEx: the SG buffer cannot hold one element');
  }
  const maxElements = a.controller.QueryMaxFragments(a.channel, Number.isFinite(capacity) ? capacity : 0);
  // The list is built in the controller's scratch pairs (no element objects): ProgramChannel copies it.
  const sg = a.controller.sgScratch;
  buildSgPairs(mdl, offset, length.value, Math.min(maxElements, capacity), owner.mapRegisters, a.minimumTransferUnit, sg);
  if (sg.count === 0) {
    return fail(a, STATUS_INVALID_PARAMETER, `MapTransferEx: nothing to map at offset ${offset} (MDL chain end, or less than one MinimumTransferUnit of ${a.minimumTransferUnit})`);
  }
  try {
    a.controller.programChannelPairs(
      a.channel,
      a.requestLine,
      sg,
      a.description.DeviceAddress + deviceOffset,
      writeToDevice ? 'memory-to-device' : 'device-to-memory',
      a.width,
      a.description.DemandMode,
      a.description.AutoInitialize,
    );
  } catch (err) {
    return engineFailure(a, err);
  }
  a.kernel.stats.dma.maps++;
  ch.mapped = {
    adapter,
    tc: owner.tc,
    deviceObject: owner.deviceObject,
    routine: a.controller.generatesInterrupt ? dmaCompletionRoutine : null,
    context: completionContext,
    length: sg.length,
    flushed: false,
    halCancels: false,
  };
  if (scatterGatherBuffer) fillSgBuffer(scatterGatherBuffer, sg);
  length.value = sg.length;
  a.lastError = null;
  return STATUS_SUCCESS;
}

/**
 * Writes the mapped list into the caller's SCATTER_GATHER_LIST. As in C, the caller's buffer is overwritten in place:
 * its Elements array and the element objects already in it are reused (KMDF passes the enabler's one SG buffer for
 * every fragment, so a fragment costs no new array or objects).
 */
function fillSgBuffer(buffer: SCATTER_GATHER_LIST, sg: SgPairs): void {
  const n = sg.count;
  let elements = buffer.Elements as SCATTER_GATHER_ELEMENT[] | undefined;
  if (!Array.isArray(elements) || Object.isFrozen(elements)) elements = buffer.Elements = [];
  for (let i = 0; i < n; i++) {
    const e = elements[i];
    if (e !== null && typeof e === 'object' && !Object.isFrozen(e)) {
      e.Address = sg.pairs[2 * i]!;
      e.Length = sg.pairs[2 * i + 1]!;
    } else {
      elements[i] = { Address: sg.pairs[2 * i]!, Length: sg.pairs[2 * i + 1]! };
    }
  }
  if (elements.length !== n) elements.length = n; // setting an array's length is a runtime call even when equal
  buffer.NumberOfElements = n;
}

/** @partial Driver Verifier's stop for flushing a channel whose transfer has not completed (0xE6 / 0x23) is not made. */
export function FlushAdapterBuffersEx(
  adapter: DMA_ADAPTER,
  _mdl: MDL,
  mapRegisterBase: MapRegisterBase,
  _offset: number,
  _length: number,
  _writeToDevice: boolean,
): NTSTATUS {
  const a = live(adapter, 'FlushAdapterBuffersEx');
  const ddi = 'FlushAdapterBuffersEx';
  mdlArgument(ddi, _mdl);
  baseArgument(ddi, mapRegisterBase);
  checkUnsigned(ddi, 'Offset', _offset);
  checkUnsigned(ddi, 'Length', _length);
  checkBoolean(ddi, 'WriteToDevice', _writeToDevice);
  const ch = a.controller.channel(a.channel);
  const m = ch.mapped;
  if (!m) return STATUS_SUCCESS;
  if (m.adapter !== adapter || mapRegisterBase?.transferContext !== m.tc) {
    return fail(a, STATUS_INVALID_PARAMETER, 'FlushAdapterBuffersEx: the MapRegisterBase does not belong to the mapped transfer');
  }
  // The controller's FlushChannel, crossing into the engine with whatever comes next (MapTransferEx's program).
  a.controller.flushChannelDeferred(a.channel);
  m.flushed = true;
  ch.mapped = null;
  return STATUS_SUCCESS;
}

export function CancelMappedTransfer(adapter: DMA_ADAPTER, tc: DMA_TRANSFER_CONTEXT): NTSTATUS {
  const a = live(adapter, 'CancelMappedTransfer');
  transferContextArgument('CancelMappedTransfer', tc);
  if (tc.cancelled) {
    return fail(a, STATUS_INVALID_DEVICE_STATE, 'CancelMappedTransfer: the transfer was already cancelled');
  }
  tc.cancelled = true;
  const ch = a.controller.channel(a.channel);
  const m = ch.mapped;
  if (m && m.tc === tc) {
    a.controller.CancelTransfer(a.channel);
    // Late-cancellation mode: the HAL answers the stop itself, later, whatever the driver does meanwhile.
    if (a.controller.lateCancellation && m.routine && !m.halCancels) a.controller.scheduleLateCancel(m);
  }
  return STATUS_SUCCESS;
}

export function ReadDmaCounter(adapter: DMA_ADAPTER): number {
  const a = live(adapter, 'ReadDmaCounter');
  return a.controller.ReadDmaCounter(a.channel);
}

/**
 * ConfigureAdapterChannel(DmaAdapter, FunctionNumber, Context): dispatches on the controller's function table
 * (controller-functions.ts). Context points to the function's input: a typed array / DataView (the caller's own
 * structure) or a kernel VA (a number) of inputSize bytes; NULL only for a function without input. Unknown
 * FunctionNumber → STATUS_NOT_IMPLEMENTED; a missing or short Context → STATUS_INVALID_PARAMETER (the reason in
 * adapter.lastError); otherwise the function's own status.
 */
export function ConfigureAdapterChannel(adapter: DMA_ADAPTER, functionNumber: number, context: unknown): NTSTATUS {
  const a = live(adapter, 'ConfigureAdapterChannel');
  checkInteger('ConfigureAdapterChannel', 'FunctionNumber', functionNumber, 0, 0xffff_ffff, 'a ULONG function number');
  if (ArrayBuffer.isView(context) && context.buffer.byteLength === 0 && context.byteLength === 0) {
    // A view of a detached (transferred) ArrayBuffer reads as 0 bytes; C has no such pointer: say so, not "0 bytes".
    throw argTypeError('ConfigureAdapterChannel', 'Context', context, 'a pointer to the input (its ArrayBuffer is detached or empty)');
  }
  const fn = a.controller.functions.get(Number(functionNumber) >>> 0);
  if (fn === undefined || !Number.isInteger(functionNumber)) {
    return fail(a, STATUS_NOT_IMPLEMENTED, `ConfigureAdapterChannel: the controller has no function ${String(functionNumber)} (0x${(Number(functionNumber) >>> 0).toString(16)})`);
  }
  const what = `ConfigureAdapterChannel(${fn.name} = 0x${fn.id.toString(16)})`;
  const input = new DataView(new ArrayBuffer(fn.inputSize));
  if (fn.inputSize > 0) {
    if (context === null || context === undefined) {
      return fail(a, STATUS_INVALID_PARAMETER, `${what}: Context is NULL; the function reads a ${fn.inputSize}-byte input structure`);
    }
    if (ArrayBuffer.isView(context)) {
      if (context.byteLength < fn.inputSize) {
        return fail(a, STATUS_INVALID_PARAMETER, `${what}: Context holds ${context.byteLength} bytes; the function reads ${fn.inputSize}`);
      }
      new Uint8Array(input.buffer).set(new Uint8Array(context.buffer, context.byteOffset, fn.inputSize));
    } else if (typeof context === 'number') {
      // A kernel virtual address: read as the controller extension would dereference it (unmapped: bug check 0x50).
      new Uint8Array(input.buffer).set(a.kernel.memory.read(context, fn.inputSize));
    } else {
      return fail(a, STATUS_INVALID_PARAMETER, `${what}: Context must point to the input (a typed array, a DataView or a kernel VA), not a ${typeof context}`);
    }
  }
  const status = a.controller.callFunction(fn, a.channel, a.requestLine, input);
  a.lastError = status === STATUS_SUCCESS ? null : `${what} answered 0x${status.toString(16).toUpperCase()}`;
  return status;
}
