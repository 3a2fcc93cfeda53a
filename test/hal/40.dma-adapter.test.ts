// Layer 4: system-DMA adapters — IoGetDmaAdapter, adapter-channel ownership and queueing, the 0xE6 channel checks,
// ConfigureAdapterChannel statuses, GetDmaAdapterInfo and GetDmaTransferInfo.
import { describe, expect, it } from 'vitest';
import { CONFIGURE_FUNCTION } from '../../lib/sim/index.js';
import {
  DMA_ADAPTER_INFO,
  DMA_SYNCHRONOUS_CALLBACK,
  DMA_TRANSFER_CONTEXT,
  DMA_TRANSFER_INFO,
  DMA_VIOLATION,
  DRIVER_VERIFIER_DMA_VIOLATION,
  DeallocateObject,
  DISPATCH_LEVEL,
  IoGetDmaAdapter,
  KeGetCurrentIrql,
  KeepObject,
  MapRegisterBase,
  Out,
  PAGE_SIZE,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
  Width32Bits,
  type DMA_ADAPTER,
  type IO_ALLOCATION_ACTION,
} from '../../lib/hal/index.js';
import { adapterFor, bugCheckOf, buffer, description, makeKernel, transferContext, txPort } from './helpers.js';

const DEV = { DeviceName: 'dev' };

/** Asks for the channel; the execution routine records when it ran and returns `action`. */
function request(adapter: DMA_ADAPTER, log: string[], name: string, action: IO_ALLOCATION_ACTION = KeepObject, flags = 0) {
  const tc = transferContext(adapter);
  const status = adapter.DmaOperations.AllocateAdapterChannelEx(adapter, DEV, tc, 1, flags, (dev, irp, base, ctx) => {
    log.push(`${ctx}@irql${KeGetCurrentIrql()}`);
    expect(dev).toBe(DEV);
    expect(irp).toBeNull();
    expect(base).toBeInstanceOf(MapRegisterBase);
    return action;
  }, name, null);
  return { tc, status };
}

describe('IoGetDmaAdapter', () => {
  it('binds a v3 system description to a channel and request line and grants ceil(MaxLen/PAGE)+1 map registers', () => {
    const k = makeKernel();
    const port = txPort(k);
    const { adapter, nmr } = adapterFor(port, { MaximumLength: 10_000 });
    expect(nmr).toBe(4);
    expect(adapter.channel).toBe(0);
    const info = new DMA_ADAPTER_INFO();
    expect(adapter.DmaOperations.GetDmaAdapterInfo(adapter, info)).toBe(STATUS_SUCCESS);
    expect(info.V1.MinimumTransferUnit).toBe(1);
    expect(info.V1.ScatterGatherLimit).toBe(64);
    expect(info.V1.ReadDmaCounterAvailable).toBe(true);
    const wide = adapterFor(port, { DmaWidth: Width32Bits }).adapter;
    wide.DmaOperations.GetDmaAdapterInfo(wide, info);
    expect(info.V1.MinimumTransferUnit).toBe(4);
    info.Version = 2;
    expect(adapter.DmaOperations.GetDmaAdapterInfo(adapter, info)).not.toBe(STATUS_SUCCESS);
  });

  it('returns NULL for a channel/request-line binding the controller refuses, a bus master, or version < 3', () => {
    const k = makeKernel({ sim: { profile: 'i8237' } }); // 8237: request line must equal the channel
    const port = txPort(k, { requestLine: 2, elementWidth: 1 });
    const nmr = new Out(0);
    expect(IoGetDmaAdapter(DEV, description(port, { DmaChannel: 1 }), nmr)).toBeNull();
    expect(k.lastDmaAdapterError).toMatch(/request line 2 cannot be bound to channel 1/);
    expect(IoGetDmaAdapter(DEV, description(port, { DmaChannel: 2 }), nmr)).not.toBeNull();
    expect(IoGetDmaAdapter(DEV, description(port, { DmaChannel: 2, Master: true }), nmr)).toBeNull();
    expect(IoGetDmaAdapter(DEV, description(port, { DmaChannel: 2, Version: 2 }), nmr)).toBeNull();
    expect(IoGetDmaAdapter(DEV, description(port, { DmaChannel: 9 }), nmr)).toBeNull();
  });

  it('uses the Kernel option for NumberOfMapRegisters', () => {
    const k = makeKernel({ dma: { numberOfMapRegisters: 3 } });
    expect(adapterFor(txPort(k)).nmr).toBe(3);
  });
});

describe('adapter channel', () => {
  it('grants a free channel synchronously at DISPATCH_LEVEL; a second request waits and runs at FreeAdapterChannel', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const log: string[] = [];
    expect(request(adapter, log, 'first').status).toBe(STATUS_SUCCESS);
    expect(log).toEqual([`first@irql${DISPATCH_LEVEL}`]);
    expect(KeGetCurrentIrql()).toBe(0);
    expect(request(adapter, log, 'second').status).toBe(STATUS_SUCCESS);
    expect(request(adapter, log, 'third').status).toBe(STATUS_SUCCESS);
    k.runFor(10_000);
    expect(log).toEqual(['first@irql2']); // nothing frees the channel on its own
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    expect(log).toEqual(['first@irql2', 'second@irql2']);
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    expect(log).toEqual(['first@irql2', 'second@irql2', 'third@irql2']);
    expect(k.stats.dma.grants).toBe(3);
    expect(k.stats.dma.queuedGrants).toBe(2);
  });

  it('queued routines returning DeallocateObject let the next ones run in the same FreeAdapterChannel', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const log: string[] = [];
    request(adapter, log, 'a');
    request(adapter, log, 'b', DeallocateObject);
    request(adapter, log, 'c', DeallocateObject);
    request(adapter, log, 'd');
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    expect(log.map((s) => s[0])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adapters on the same controller channel queue behind each other; other channels do not', () => {
    const k = makeKernel();
    const port = txPort(k);
    const a = adapterFor(port).adapter;
    const b = adapterFor(port).adapter;
    const c = adapterFor(port, { DmaChannel: 1 }).adapter;
    const log: string[] = [];
    request(a, log, 'a');
    request(b, log, 'b');
    request(c, log, 'c');
    expect(log.map((s) => s[0])).toEqual(['a', 'c']);
    a.DmaOperations.FreeAdapterChannel(a);
    expect(log.map((s) => s[0])).toEqual(['a', 'c', 'b']);
  });

  it('DMA_SYNCHRONOUS_CALLBACK on a busy channel fails with STATUS_INSUFFICIENT_RESOURCES and never runs', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const log: string[] = [];
    request(adapter, log, 'holder');
    const r = request(adapter, log, 'immediate', KeepObject, DMA_SYNCHRONOUS_CALLBACK);
    expect(r.status).toBe(STATUS_INSUFFICIENT_RESOURCES);
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    expect(log).toEqual(['holder@irql2']);
    // With the flag and no execution routine, the MapRegisterBase comes back through the out-parameter.
    const base = new Out<MapRegisterBase | null>(null);
    const tc = transferContext(adapter);
    expect(adapter.DmaOperations.AllocateAdapterChannelEx(adapter, DEV, tc, 1, DMA_SYNCHRONOUS_CALLBACK, null, null, base)).toBe(STATUS_SUCCESS);
    expect(base.value).toBeInstanceOf(MapRegisterBase);
    expect(adapter.DmaOperations.AllocateAdapterChannelEx(adapter, DEV, transferContext(adapter), 1, 0, null, null, null)).toBe(STATUS_INVALID_PARAMETER);
  });

  it('asking for more map registers than granted fails', () => {
    const k = makeKernel();
    const { adapter, nmr } = adapterFor(txPort(k));
    const status = adapter.DmaOperations.AllocateAdapterChannelEx(adapter, DEV, transferContext(adapter), nmr + 1, 0, () => KeepObject, null, null);
    expect(status).toBe(STATUS_INSUFFICIENT_RESOURCES);
  });

  it('CancelAdapterChannel removes a queued request (TRUE) and refuses a granted one (FALSE)', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const log: string[] = [];
    const held = request(adapter, log, 'held');
    const queued = request(adapter, log, 'queued');
    expect(adapter.DmaOperations.CancelAdapterChannel(adapter, DEV, queued.tc)).toBe(true);
    expect(adapter.DmaOperations.CancelAdapterChannel(adapter, DEV, queued.tc)).toBe(false);
    expect(adapter.DmaOperations.CancelAdapterChannel(adapter, DEV, held.tc)).toBe(false);
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    expect(log).toEqual(['held@irql2']);
    expect(adapter.DmaOperations.CancelAdapterChannel(adapter, DEV, new DMA_TRANSFER_CONTEXT())).toBe(false);
  });

  it('freeing a channel the adapter does not hold is bug check 0xE6/0x04 (double free, never allocated)', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    request(adapter, [], 'x');
    adapter.DmaOperations.FreeAdapterChannel(adapter);
    const bc = bugCheckOf(() => adapter.DmaOperations.FreeAdapterChannel(adapter));
    expect(bc.code).toBe(DRIVER_VERIFIER_DMA_VIOLATION);
    expect(bc.parameters[0]).toBe(DMA_VIOLATION.TOO_MANY_ADAPTER_CHANNELS_FREED);
    expect(bc.message).toContain('FreeAdapterChannel');
    expect(k.halted).toBe(true);

    const k2 = makeKernel();
    const port2 = txPort(k2);
    const a = adapterFor(port2).adapter;
    const b = adapterFor(port2).adapter;
    request(a, [], 'a');
    expect(bugCheckOf(() => b.DmaOperations.FreeAdapterChannel(b)).message).toMatch(/held by another adapter/);

    const k3 = makeKernel({ dma: { verifier: false } });
    const c = adapterFor(txPort(k3)).adapter;
    expect(() => c.DmaOperations.FreeAdapterChannel(c)).not.toThrow();
  });

  it('PutDmaAdapter while holding the channel is 0xE6/0x08; a released adapter is 0xE6/0x18', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    request(adapter, [], 'x');
    expect(bugCheckOf(() => adapter.DmaOperations.PutDmaAdapter(adapter)).parameters[0]).toBe(DMA_VIOLATION.ADAPTER_RELEASED_WITH_CHANNEL);

    const k2 = makeKernel();
    const b = adapterFor(txPort(k2)).adapter;
    b.DmaOperations.PutDmaAdapter(b);
    expect(bugCheckOf(() => b.DmaOperations.ReadDmaCounter(b)).parameters[0]).toBe(DMA_VIOLATION.ADAPTER_ALREADY_RELEASED);
  });
});

describe('ConfigureAdapterChannel', () => {
  it('passes the custom function to the controller and returns its status', () => {
    const k = makeKernel();
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const ops = adapter.DmaOperations;
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([4]))).toBe(STATUS_SUCCESS);
    expect(k.sim.dma.channelStatus(0).watermark).toBe(4);
    expect(ops.ConfigureAdapterChannel(adapter, 99, null)).toBe(STATUS_NOT_IMPLEMENTED);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_BURST_LENGTH, new Uint32Array([0]))).toBe(STATUS_INVALID_PARAMETER);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, { not: 'a number' })).toBe(STATUS_INVALID_PARAMETER);
    // While a transfer runs the controller refuses: STATUS_INVALID_DEVICE_STATE.
    const base = new Out<MapRegisterBase | null>(null);
    const tc = transferContext(adapter);
    ops.AllocateAdapterChannelEx(adapter, DEV, tc, 1, DMA_SYNCHRONOUS_CALLBACK, null, null, base);
    port.setDmaEnable(false);
    const { mdl } = buffer(k, 256);
    const status = ops.MapTransferEx(adapter, mdl, base.value!, 0, 0, new Out(256), true, null, 0, null, null);
    expect(status, adapter.lastError ?? '').toBe(STATUS_SUCCESS);
    k.runFor(10);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([2]))).toBe(STATUS_INVALID_DEVICE_STATE);
  });
});

describe('GetDmaTransferInfo', () => {
  it('counts map registers (pages) and SG elements (physically contiguous runs) of a range', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 4 * PAGE_SIZE, 100);
    const info = new DMA_TRANSFER_INFO();
    expect(adapter.DmaOperations.GetDmaTransferInfo(adapter, mdl, 0, 4 * PAGE_SIZE, true, info)).toBe(STATUS_SUCCESS);
    expect(info.V1.MapRegisterCount).toBe(5); // 100 bytes into the first page: spans 5 pages
    expect(info.V1.ScatterGatherElementCount).toBeGreaterThan(1);
    expect(info.V1.ScatterGatherListSize).toBe(16 + 24 * info.V1.ScatterGatherElementCount);
    adapter.DmaOperations.GetDmaTransferInfo(adapter, mdl, PAGE_SIZE - 100, 10, true, info);
    expect(info.V1).toEqual({ MapRegisterCount: 1, ScatterGatherElementCount: 1, ScatterGatherListSize: 40 });
  });
});
