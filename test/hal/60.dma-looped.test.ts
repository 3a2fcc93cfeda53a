// Layer 6: what the examples need beyond one-shot transfers — a looped (AutoInitialize) ring that reports each
// notification as DmaComplete to the same completion routine and stops with DmaCancelled (KMDF-SYSTEM-DMA.md D.2,
// issue 5 audio-ring), and a ring of back-to-back one-shot fragments driven from the completion routine (the path
// the benchmark measures).
import { describe, expect, it } from 'vitest';
import { CONFIGURE_FUNCTION } from '../../lib/sim/index.js';
import {
  DMA_SYNCHRONOUS_CALLBACK,
  DmaCancelled,
  DmaComplete,
  MapRegisterBase,
  Out,
  PAGE_SIZE,
  SCATTER_GATHER_LIST,
  SCATTER_GATHER_LIST_SIZE,
  STATUS_SUCCESS,
  type DMA_COMPLETION_STATUS,
} from '../../lib/hal/index.js';
import { adapterFor, buffer, makeKernel, rxPort, transferContext, txPort } from './helpers.js';

describe('looped transfers', () => {
  it('calls the completion routine at every notification with DmaComplete, and DmaCancelled after a cancel', () => {
    const k = makeKernel();
    const port = rxPort(k, { rate: 20 });
    const { adapter } = adapterFor(port, { AutoInitialize: true });
    const ops = adapter.DmaOperations;
    const { mdl } = buffer(k, 2 * PAGE_SIZE);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_NOTIFICATION_THRESHOLD, new Uint32Array([1024]))).toBe(STATUS_SUCCESS);
    const tc = transferContext(adapter);
    const base = new Out<MapRegisterBase | null>(null);
    ops.AllocateAdapterChannelEx(adapter, null, tc, 3, DMA_SYNCHRONOUS_CALLBACK, null, null, base);
    const seen: { status: DMA_COMPLETION_STATUS; cycle: number; counter: number }[] = [];
    const len = new Out(2 * PAGE_SIZE);
    const status = ops.MapTransferEx(adapter, mdl, base.value!, 0, 0, len, false, new SCATTER_GATHER_LIST(), SCATTER_GATHER_LIST_SIZE(8),
      (_a, _d, _c, s) => seen.push({ status: s, cycle: k.cycle, counter: ops.ReadDmaCounter(adapter) }), null);
    expect(status, adapter.lastError ?? '').toBe(STATUS_SUCCESS);
    // 8 KiB at 20 cycles a byte is 163,840 cycles a lap: two laps give 16 notifications (every 1 KiB).
    k.runUntil(2 * 8192 * 20 + 5_000);
    const completes = seen.filter((s) => s.status === DmaComplete);
    expect(completes.length).toBe(16);
    // Each notification is ~1 KiB of data (20,480 cycles) after the previous one.
    for (let i = 1; i < completes.length; i++) expect(completes[i]!.cycle - completes[i - 1]!.cycle).toBe(1024 * 20);
    expect(ops.CancelMappedTransfer(adapter, tc)).toBe(STATUS_SUCCESS);
    k.runFor(10_000);
    expect(seen[seen.length - 1]!.status).toBe(DmaCancelled);
    expect(k.stats.dma.completions).toEqual({ complete: 16, error: 0, cancelled: 1 });
  });
});

describe('fragment ring', () => {
  it('re-arms the next fragment from the completion routine: 64 KiB in 4 KiB fragments arrives intact', () => {
    const k = makeKernel();
    const port = txPort(k, { txCaptureLimit: 1 << 20 });
    const { adapter } = adapterFor(port);
    const ops = adapter.DmaOperations;
    const { mdl, data } = buffer(k, 64 * 1024);
    const tc = transferContext(adapter);
    const base = new Out<MapRegisterBase | null>(null);
    ops.AllocateAdapterChannelEx(adapter, null, tc, 17, DMA_SYNCHRONOUS_CALLBACK, null, null, base);
    const sg = new SCATTER_GATHER_LIST();
    let offset = 0;
    let fragments = 0;
    const next = (): void => {
      const len = new Out(Math.min(4096, data.length - offset));
      const s = ops.MapTransferEx(adapter, mdl, base.value!, offset, 0, len, true, sg, SCATTER_GATHER_LIST_SIZE(17), done, null);
      expect(s).toBe(STATUS_SUCCESS);
    };
    const done = (_a: unknown, _d: unknown, _c: unknown, status: DMA_COMPLETION_STATUS): void => {
      expect(status).toBe(DmaComplete);
      ops.FlushAdapterBuffersEx(adapter, mdl, base.value!, offset, 4096, true);
      offset += 4096;
      fragments++;
      if (offset < data.length) next();
      else ops.FreeAdapterChannel(adapter);
    };
    next();
    k.runUntilIdle(100_000_000);
    expect(fragments).toBe(16);
    expect(port.readTx()).toEqual(data);
    expect(k.stats.dpcs).toBe(16);
  });
});
