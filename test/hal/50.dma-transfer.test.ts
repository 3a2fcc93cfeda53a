// Layer 5: system-DMA transfers end to end on the engine — MapTransferEx builds the SG list from scattered pages
// (with QueryMaxFragments / NMR / MinimumTransferUnit clipping), programs the controller, the data really moves
// through a FIFO port, and the HAL's controller ISR → DPC calls the completion routine with DmaComplete / DmaError /
// DmaCancelled. Also the 0xE6 transfer checks and GeneratesInterrupt off.
import { describe, expect, it } from 'vitest';
import {
  DMA_SYNCHRONOUS_CALLBACK,
  DMA_VIOLATION,
  DmaCancelled,
  DmaComplete,
  DmaError,
  DISPATCH_LEVEL,
  ExAllocatePool2,
  IoAllocateMdl,
  KeGetCurrentIrql,
  MapRegisterBase,
  MDL,
  MmBuildMdlForNonPagedPool,
  MmGetPhysicalAddress,
  Out,
  PAGE_SIZE,
  POOL_FLAG_NON_PAGED,
  SCATTER_GATHER_LIST,
  SCATTER_GATHER_LIST_SIZE,
  STATUS_CANCELLED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  Width32Bits,
  type DMA_ADAPTER,
  type DMA_COMPLETION_STATUS,
  type DMA_TRANSFER_CONTEXT,
  type Kernel,
} from '../../lib/hal/index.js';
import { bugCheckOf, adapterFor, buffer, makeKernel, rxPort, transferContext, txPort } from './helpers.js';

const DEV = { DeviceName: 'dev' };

interface Mapped {
  status: number;
  length: number;
  sg: SCATTER_GATHER_LIST;
  completions: { status: DMA_COMPLETION_STATUS; cycle: number; irql: number }[];
}

/** Takes the adapter channel (synchronously), then maps [offset, offset + length) of `mdl`. */
function grantAndMap(
  k: Kernel,
  adapter: DMA_ADAPTER,
  mdl: MDL,
  length: number,
  opts: { offset?: number; writeToDevice?: boolean; sgCapacity?: number; routine?: boolean; tc?: DMA_TRANSFER_CONTEXT } = {},
): Mapped & { base: MapRegisterBase; tc: DMA_TRANSFER_CONTEXT } {
  const tc = opts.tc ?? transferContext(adapter);
  const baseOut = new Out<MapRegisterBase | null>(null);
  const nmr = adapter.hal.numberOfMapRegisters;
  expect(adapter.DmaOperations.AllocateAdapterChannelEx(adapter, DEV, tc, nmr, DMA_SYNCHRONOUS_CALLBACK, null, null, baseOut)).toBe(STATUS_SUCCESS);
  const base = baseOut.value!;
  return { ...map(k, adapter, base, mdl, length, opts), base, tc };
}

function map(
  k: Kernel,
  adapter: DMA_ADAPTER,
  base: MapRegisterBase,
  mdl: MDL,
  length: number,
  opts: { offset?: number; writeToDevice?: boolean; sgCapacity?: number; routine?: boolean } = {},
): Mapped {
  const sg = new SCATTER_GATHER_LIST();
  const len = new Out(length);
  const completions: Mapped['completions'] = [];
  const routine =
    opts.routine === false
      ? null
      : (a: DMA_ADAPTER, dev: unknown, ctx: unknown, status: DMA_COMPLETION_STATUS) => {
          expect(a).toBe(adapter);
          expect(dev).toBe(DEV);
          expect(ctx).toBe('ctx');
          completions.push({ status, cycle: k.cycle, irql: KeGetCurrentIrql() });
        };
  const status = adapter.DmaOperations.MapTransferEx(
    adapter, mdl, base, opts.offset ?? 0, 0, len, opts.writeToDevice ?? true, sg,
    SCATTER_GATHER_LIST_SIZE(opts.sgCapacity ?? 256), routine, 'ctx',
  );
  return { status, length: len.value, sg, completions };
}

function flush(adapter: DMA_ADAPTER, base: MapRegisterBase, mdl: MDL): number {
  return adapter.DmaOperations.FlushAdapterBuffersEx(adapter, mdl, base, 0, 0, true);
}

describe('MapTransferEx → controller → device', () => {
  it('moves a 16 KiB buffer on scattered pages to a tx FIFO port intact; completion is TC + 1 + isrLatency + dpcLatency', () => {
    const k = makeKernel();
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const { mdl, data } = buffer(k, 16 * 1024);
    const events: { tc?: number; rise?: number } = {};
    k.onSimEvent((e) => {
      if (e.kind === 'terminal-count') events.tc = e.cycle;
      if (e.kind === 'irq' && e.line === 0 && e.level === 1) events.rise ??= e.cycle;
    });
    const m = grantAndMap(k, adapter, mdl, data.length);
    expect(m.status, adapter.lastError ?? '').toBe(STATUS_SUCCESS);
    expect(m.length).toBe(16 * 1024);
    // The SG list is the buffer's physical pages: several elements (the pages are scrambled), in order.
    expect(m.sg.NumberOfElements).toBeGreaterThan(1);
    expect(m.sg.Elements[0]!.Address).toBe(MmGetPhysicalAddress(mdl.StartVa));
    expect(m.sg.Elements.reduce((n, e) => n + e.Length, 0)).toBe(16 * 1024);
    k.runUntilIdle(10_000_000);
    expect(m.completions.map((c) => c.status)).toEqual([DmaComplete]);
    expect(m.completions[0]!.irql).toBe(DISPATCH_LEVEL);
    expect(events.rise).toBe(events.tc! + 1); // interruptLatency 1
    expect(m.completions[0]!.cycle).toBe(events.rise! + 40 + 100);
    expect(port.readTx()).toEqual(data);
    expect(k.stats.dma.completions.complete).toBe(1);
    expect(k.stats.dma.controllerInterrupts).toBe(1);
    expect(k.cycle).toBe(m.completions[0]!.cycle); // runUntilIdle stopped right there
    expect(flush(adapter, m.base, mdl)).toBe(STATUS_SUCCESS);
    adapter.DmaOperations.FreeAdapterChannel(adapter);
  });

  it('fills memory from an rx FIFO port (device-to-memory), through an MDL chain with offsets', () => {
    const k = makeKernel();
    const port = rxPort(k, { rate: 20 }); // slow enough that 4-byte bursts keep up (no overrun)
    const { adapter } = adapterFor(port);
    const a = ExAllocatePool2(POOL_FLAG_NON_PAGED, 2 * PAGE_SIZE, 1);
    const b = ExAllocatePool2(POOL_FLAG_NON_PAGED, PAGE_SIZE, 1);
    const irp = { MdlAddress: null as MDL | null };
    const m1 = IoAllocateMdl(a + 3000, 2000, false, false, irp)!; // crosses a page
    const m2 = IoAllocateMdl(b + 16, 1000, true, false, irp)!;
    MmBuildMdlForNonPagedPool(m1);
    MmBuildMdlForNonPagedPool(m2);
    // Map 1500 bytes starting 1000 bytes into the chain: 1000 from m1 (its last bytes), 500 from m2.
    const m = grantAndMap(k, adapter, m1, 1500, { offset: 1000, writeToDevice: false });
    expect(m.status, adapter.lastError ?? '').toBe(STATUS_SUCCESS);
    expect(m.sg.Elements.map((e) => e.Address)).toContain(MmGetPhysicalAddress(b + 16));
    expect(k.runUntilIdle(1_000_000)).toBe(m.completions[0]!.cycle); // idle once the completion was delivered
    expect(m.completions.map((c) => c.status)).toEqual([DmaComplete]);
    expect(port.status.overruns).toBe(0);
    const pattern = (i: number): number => i & 0xff; // the default rx pattern is the byte ramp
    const got = new Uint8Array([...k.memory.read(a + 4000, 1000), ...k.memory.read(b + 16, 500)]);
    expect(got).toEqual(Uint8Array.from({ length: 1500 }, (_, i) => pattern(i)));
    expect(k.memory.read(a + 3999, 1)[0]).toBe(0); // nothing before the offset was touched
    expect(k.memory.read(b + 16 + 500, 1)[0]).toBe(0); // nor after the length
  });
});

describe('MapTransferEx clipping', () => {
  it('maps no more SG elements than QueryMaxFragments allows; the rest maps in the next transfer', () => {
    const k = makeKernel({ sim: { timing: { maxFragments: 2 } } });
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const { mdl, data } = buffer(k, 8 * PAGE_SIZE);
    const first = grantAndMap(k, adapter, mdl, data.length);
    expect(first.status).toBe(STATUS_SUCCESS);
    expect(first.sg.NumberOfElements).toBeLessThanOrEqual(2);
    expect(first.length).toBe(first.sg.Elements.reduce((n, e) => n + e.Length, 0));
    expect(first.length).toBeLessThan(data.length);
    k.runUntilIdle(10_000_000);
    let done = first.length;
    while (done < data.length) {
      expect(flush(adapter, first.base, mdl)).toBe(STATUS_SUCCESS);
      const next = map(k, adapter, first.base, mdl, data.length - done, { offset: done });
      expect(next.status).toBe(STATUS_SUCCESS);
      k.runUntilIdle(k.cycle + 10_000_000);
      expect(next.completions.map((c) => c.status)).toEqual([DmaComplete]);
      done += next.length;
    }
    expect(port.readTx()).toEqual(data);
  });

  it('is limited by the caller SG buffer capacity', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 8 * PAGE_SIZE);
    const m = grantAndMap(k, adapter, mdl, 8 * PAGE_SIZE, { sgCapacity: 1 });
    expect(m.sg.NumberOfElements).toBe(1);
    expect(m.length).toBe(m.sg.Elements[0]!.Length);
  });

  it('maps at most NumberOfMapRegisters pages', () => {
    const k = makeKernel({ dma: { numberOfMapRegisters: 3 } });
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 8 * PAGE_SIZE, 100);
    const m = grantAndMap(k, adapter, mdl, 8 * PAGE_SIZE);
    expect(m.length).toBe(3 * PAGE_SIZE - 100); // three page pieces: the first starts 100 bytes in
  });

  it('keeps every element a multiple of MinimumTransferUnit', () => {
    const k = makeKernel({ dma: { minimumTransferUnit: 16 } });
    const port = txPort(k, { elementWidth: 4 });
    const { adapter } = adapterFor(port, { DmaWidth: Width32Bits });
    const { mdl } = buffer(k, 2 * PAGE_SIZE, 4088); // the first page piece is 8 bytes: not a whole unit
    const m = grantAndMap(k, adapter, mdl, 2 * PAGE_SIZE - 8);
    expect(m.status).toBe(STATUS_INVALID_PARAMETER);
    expect(adapter.lastError).toMatch(/MinimumTransferUnit/);
    const k2 = makeKernel({ dma: { minimumTransferUnit: 16 } });
    const { adapter: a2 } = adapterFor(txPort(k2, { elementWidth: 4 }), { DmaWidth: Width32Bits });
    const { mdl: mdl2 } = buffer(k2, 3 * PAGE_SIZE);
    const m2 = grantAndMap(k2, a2, mdl2, 100); // 100 → 96
    expect(m2.status).toBe(STATUS_SUCCESS);
    expect(m2.length).toBe(96);
    for (const e of m2.sg.Elements) expect(e.Length % 16).toBe(0);
  });
});

describe('completion status', () => {
  it('a bus error ends the transfer with DmaError', () => {
    const k = makeKernel();
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const { mdl } = buffer(k, 3 * PAGE_SIZE);
    k.sim.injectBusFault(MmGetPhysicalAddress(mdl.StartVa + PAGE_SIZE + 8));
    const m = grantAndMap(k, adapter, mdl, 3 * PAGE_SIZE);
    k.runUntilIdle(10_000_000);
    expect(m.completions.map((c) => c.status)).toEqual([DmaError]);
    expect(port.status.dmaElements).toBeLessThan(PAGE_SIZE + 8 + 4);
  });

  it('CancelMappedTransfer stops a running transfer: DmaCancelled, and the counter shows what is left', () => {
    const k = makeKernel();
    const port = rxPort(k, { rate: 50 });
    const { adapter } = adapterFor(port);
    const { mdl } = buffer(k, 4096);
    const m = grantAndMap(k, adapter, mdl, 4096, { writeToDevice: false });
    k.runFor(20_000); // ~400 bytes arrive
    const left = adapter.DmaOperations.ReadDmaCounter(adapter);
    expect(left).toBeGreaterThan(3000);
    expect(left).toBeLessThan(4096);
    expect(adapter.DmaOperations.CancelMappedTransfer(adapter, m.tc)).toBe(STATUS_SUCCESS);
    k.runFor(10_000);
    expect(m.completions.map((c) => c.status)).toEqual([DmaCancelled]);
    expect(adapter.DmaOperations.ReadDmaCounter(adapter)).toBeLessThanOrEqual(left);
    // A second cancel of the same transfer finds it already stopped (KMDF-SYSTEM-DMA.md E.19).
    expect(adapter.DmaOperations.CancelMappedTransfer(adapter, m.tc)).toBe(STATUS_INVALID_DEVICE_STATE);
    expect(flush(adapter, m.base, mdl)).toBe(STATUS_SUCCESS);
    // The cancel lasts until the context is re-initialized: mapping again fails with STATUS_CANCELLED.
    expect(map(k, adapter, m.base, mdl, 100).status).toBe(STATUS_CANCELLED);
    adapter.DmaOperations.InitializeDmaTransferContext(adapter, m.tc);
    expect(map(k, adapter, m.base, mdl, 100, { writeToDevice: false }).status).toBe(STATUS_SUCCESS);
  });

  it('CancelMappedTransfer before mapping makes the next MapTransferEx fail with STATUS_CANCELLED', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const tc = transferContext(adapter);
    expect(adapter.DmaOperations.CancelMappedTransfer(adapter, tc)).toBe(STATUS_SUCCESS);
    const { mdl } = buffer(k, 100);
    expect(grantAndMap(k, adapter, mdl, 100, { tc }).status).toBe(STATUS_CANCELLED);
  });

  it('with GeneratesInterrupt off no completion routine is ever called; the counter still shows progress', () => {
    const k = makeKernel({ dma: { generatesInterrupt: false } });
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const { mdl, data } = buffer(k, 1000);
    const m = grantAndMap(k, adapter, mdl, 1000);
    k.runFor(100_000);
    expect(m.completions).toEqual([]);
    expect(adapter.DmaOperations.ReadDmaCounter(adapter)).toBe(0);
    expect(port.readTx()).toEqual(data);
    expect(k.stats.interrupts).toBe(0);
  });

  it('a completion for a transfer flushed before the DPC ran is dropped', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 64);
    const m = grantAndMap(k, adapter, mdl, 64);
    k.runWhile(() => k.stats.dma.controllerInterrupts === 0, 100_000); // ISR ran, DPC queued
    expect(flush(adapter, m.base, mdl)).toBe(STATUS_SUCCESS);
    k.runFor(1000);
    expect(m.completions).toEqual([]);
    expect(k.stats.dma.droppedCompletions).toBe(1);
  });
});

describe('Driver Verifier DMA checks (0xE6)', () => {
  it('mapping zero bytes is 0xE6/0x21', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 100);
    const bc = bugCheckOf(() => grantAndMap(k, adapter, mdl, 0));
    expect(bc.parameters[0]).toBe(DMA_VIOLATION.ZERO_LENGTH_MAP);
    expect(k.halted).toBe(true);
  });

  it('mapping again without FlushAdapterBuffersEx is 0xE6/0x0D', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 100);
    const m = grantAndMap(k, adapter, mdl, 50);
    k.runUntilIdle(100_000);
    const bc = bugCheckOf(() => map(k, adapter, m.base, mdl, 50, { offset: 50 }));
    expect(bc.parameters[0]).toBe(DMA_VIOLATION.ADAPTER_BUFFERS_NOT_FLUSHED);
    expect(bc.message).toContain('MapTransferEx');
  });

  it('freeing the adapter channel with a transfer still mapped is 0xE6/0x10', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 100);
    grantAndMap(k, adapter, mdl, 50);
    const bc = bugCheckOf(() => adapter.DmaOperations.FreeAdapterChannel(adapter));
    expect(bc.parameters[0]).toBe(DMA_VIOLATION.MAP_REGISTERS_FREED_WHILE_MAPPED);
  });

  it('with the verifier off the same mistakes return statuses instead', () => {
    const k = makeKernel({ dma: { verifier: false } });
    const { adapter } = adapterFor(txPort(k));
    const { mdl } = buffer(k, 100);
    const m = grantAndMap(k, adapter, mdl, 0);
    expect(m.status).toBe(STATUS_INVALID_PARAMETER);
    expect(map(k, adapter, m.base, mdl, 50).status).toBe(STATUS_SUCCESS);
    expect(map(k, adapter, m.base, mdl, 50).status).not.toBe(STATUS_SUCCESS);
    expect(k.halted).toBe(false);
  });
});

describe('common buffers', () => {
  it('AllocateCommonBuffer gives physically contiguous memory whose logical address is physical; double free is 0xE6/0x03', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const la = new Out(0);
    const va = adapter.DmaOperations.AllocateCommonBuffer(adapter, 3 * PAGE_SIZE, la, true);
    expect(va).not.toBe(0);
    expect(la.value).toBe(MmGetPhysicalAddress(va));
    expect(MmGetPhysicalAddress(va + 2 * PAGE_SIZE)).toBe(la.value + 2 * PAGE_SIZE);
    adapter.DmaOperations.FreeCommonBuffer(adapter, 3 * PAGE_SIZE, la.value, va, true);
    expect(bugCheckOf(() => adapter.DmaOperations.FreeCommonBuffer(adapter, 3 * PAGE_SIZE, la.value, va, true)).parameters[0]).toBe(
      DMA_VIOLATION.TOO_MANY_COMMON_BUFFERS_FREED,
    );
  });
});
