// DMA_OPERATIONS that acquire and release the adapter channel: AllocateAdapterChannelEx, FreeAdapterChannel,
// CancelAdapterChannel, InitializeDmaTransferContext. Grant timing is documented in channel.ts. Behaviour sources:
// the DDI pages of those four routines (a NULL ExecutionRoutine needs DMA_SYNCHRONOUS_CALLBACK and a MapRegisterBase
// out-parameter; DMA_SYNCHRONOUS_CALLBACK on a busy channel gives STATUS_INSUFFICIENT_RESOURCES), KMDF-SYSTEM-DMA.md
// B.6/D.5, and Driver Verifier's 0xE6/0x04 (an adapter channel freed that is not held: never allocated, already
// freed, or held by another adapter).

import { DMA_VIOLATION } from '../bugcheck.js';
import {
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type NTSTATUS,
} from '../ntstatus.js';
import type { Out } from '../out.js';
import { DMA_TRANSFER_CONTEXT, live, type DMA_ADAPTER } from './adapter.js';
import type { MapRegisterBase, PDRIVER_CONTROL } from './channel.js';
import { wrongType, checkInteger, checkOptionalFunction, checkOptionalOut } from '../arguments.js';

/** The DmaTransferContext argument: a DMA_TRANSFER_CONTEXT the caller allocated (allocateTransferContext). */
export function transferContextArgument(ddi: string, tc: unknown): DMA_TRANSFER_CONTEXT {
  return tc instanceof DMA_TRANSFER_CONTEXT ? tc : wrongType(ddi, 'DmaTransferContext', tc, 'a DMA_TRANSFER_CONTEXT');
}
import { DMA_SYNCHRONOUS_CALLBACK } from './types.js';
import { dmaViolation } from './verifier.js';

export function InitializeDmaTransferContext(adapter: DMA_ADAPTER, tc: DMA_TRANSFER_CONTEXT): NTSTATUS {
  live(adapter, 'InitializeDmaTransferContext');
  transferContextArgument('InitializeDmaTransferContext', tc);
  if (tc.state === 'waiting') return STATUS_INVALID_DEVICE_STATE;
  tc.adapter = adapter;
  tc.cancelled = false;
  tc.generation++;
  return STATUS_SUCCESS;
}

export function AllocateAdapterChannelEx(
  adapter: DMA_ADAPTER,
  deviceObject: unknown,
  tc: DMA_TRANSFER_CONTEXT,
  numberOfMapRegisters: number,
  flags: number,
  executionRoutine: PDRIVER_CONTROL | null,
  executionContext: unknown,
  mapRegisterBase: Out<MapRegisterBase | null> | null,
): NTSTATUS {
  const a = live(adapter, 'AllocateAdapterChannelEx');
  const ddi = 'AllocateAdapterChannelEx';
  transferContextArgument(ddi, tc);
  checkInteger(ddi, 'NumberOfMapRegisters', numberOfMapRegisters, 0, 0xffff_ffff, 'a ULONG count');
  checkInteger(ddi, 'Flags', flags, 0, 0xffff_ffff, 'ULONG flags');
  checkOptionalFunction(ddi, 'ExecutionRoutine', executionRoutine);
  checkOptionalOut(ddi, 'MapRegisterBase', mapRegisterBase);
  const sync = (flags & DMA_SYNCHRONOUS_CALLBACK) !== 0;
  if (!executionRoutine && (!sync || !mapRegisterBase)) {
    a.lastError = 'AllocateAdapterChannelEx: a NULL ExecutionRoutine needs DMA_SYNCHRONOUS_CALLBACK and MapRegisterBase';
    return STATUS_INVALID_PARAMETER;
  }
  if (numberOfMapRegisters > a.numberOfMapRegisters) {
    a.lastError = `AllocateAdapterChannelEx: ${numberOfMapRegisters} map registers asked, the adapter has ${a.numberOfMapRegisters}`;
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  if (tc.state !== 'idle') {
    a.lastError = `AllocateAdapterChannelEx: the transfer context is already ${tc.state === 'owner' ? 'holding' : 'waiting for'} the channel`;
    return STATUS_INVALID_DEVICE_STATE;
  }
  tc.adapter = adapter;
  const ch = a.controller.channel(a.channel);
  const req = {
    adapter,
    tc,
    deviceObject,
    mapRegisters: numberOfMapRegisters,
    routine: executionRoutine,
    context: executionContext,
    mapRegisterBaseOut: mapRegisterBase,
  };
  if (!ch.busy) {
    ch.grant(req);
    return STATUS_SUCCESS;
  }
  if (sync) {
    a.lastError = `AllocateAdapterChannelEx: channel ${a.channel} is busy and DMA_SYNCHRONOUS_CALLBACK was given`;
    return STATUS_INSUFFICIENT_RESOURCES;
  }
  tc.state = 'waiting';
  ch.waiters.push(req);
  a.kernel.stats.dma.queuedGrants++;
  return STATUS_SUCCESS;
}

export function FreeAdapterChannel(adapter: DMA_ADAPTER): void {
  const a = live(adapter, 'FreeAdapterChannel');
  const ch = a.controller.channel(a.channel);
  if (!ch.owner || ch.owner.adapter !== adapter) {
    if (a.controller.verifier) {
      dmaViolation(
        a.kernel,
        DMA_VIOLATION.TOO_MANY_ADAPTER_CHANNELS_FREED,
        'FreeAdapterChannel',
        ch.owner
          ? `the adapter channel of channel ${a.channel} is held by another adapter, not this one`
          : `this adapter does not hold an adapter channel (never allocated, or already freed)`,
        adapter,
        1,
      );
    }
    return;
  }
  if (ch.mapped && !ch.mapped.flushed && a.controller.verifier) {
    dmaViolation(
      a.kernel,
      DMA_VIOLATION.MAP_REGISTERS_FREED_WHILE_MAPPED,
      'FreeAdapterChannel',
      'the adapter channel is freed while a transfer is still mapped: call FlushAdapterBuffersEx first',
      adapter,
      ch.owner.mapRegisters,
    );
  }
  if (ch.mapped) {
    a.controller.FlushChannel(a.channel);
    ch.mapped.flushed = true;
    ch.mapped = null;
  }
  ch.release();
}

export function CancelAdapterChannel(adapter: DMA_ADAPTER, _deviceObject: unknown, tc: DMA_TRANSFER_CONTEXT): boolean {
  const a = live(adapter, 'CancelAdapterChannel');
  transferContextArgument('CancelAdapterChannel', tc);
  const ch = a.controller.channel(a.channel);
  const i = ch.waiters.findIndex((w) => w.tc === tc);
  if (i < 0) return false;
  ch.waiters.splice(i, 1);
  tc.state = 'idle';
  return true;
}
