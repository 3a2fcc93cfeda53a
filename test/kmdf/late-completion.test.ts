// Late completions (docs/hal-contract.md "Late completions", lib/hal/dma/controller.ts): with the HAL switch
// dma.lateCancellation a stop is answered by the HAL's own DmaCancelled, `delay` cycles after StopSystemTransfer
// [isrLatency 40 + dpcLatency 100 = 140], whatever the driver did meanwhile — so it can arrive after the driver ended
// the transaction with DmaCompletedFinal and after Release, as a real HAL may deliver it. The framework passes it
// on without looking at the transaction's state (as the source does): a driver without a guard calls
// DmaCompletedFinal on a finished transaction and bug checks; a guarded one ignores it. Default (switch off): the
// DmaCancelled comes from the controller's Cancelled interrupt when the channel has stopped, and a transfer the
// driver already flushed is never reported.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError, type HarnessOptions } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;
const slow = (late: boolean, framework?: W.WdfFrameworkOptions): HarnessOptions => ({
  device: { rate: 100 },
  maximumLength: 1024,
  host: late ? { dma: { lateCancellation: {} } } : {},
  framework,
});

/** A driver fragment: one transaction, a transfer-complete callback, a stop that ends the transaction at once. */
function rig(options: HarnessOptions, guarded: boolean) {
  const h = new Harness(options);
  const t = h.transaction();
  const state = { active: false, callbacks: [] as { status: number; cycle: number; state: string }[] };
  const EvtTransferComplete: W.EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE = (txn, _d, _c, _dir, status) => {
    state.callbacks.push({ status, cycle: h.host.cycle, state: W.FxDmaTransactionGetState(txn).name });
    // The guard: this driver ends its transactions itself on a stop, so a completion for a transaction it no longer
    // runs is a late one — ignore it.
    if (guarded && !state.active) return;
    const st = new Out(0);
    if (status === W.DmaComplete ? W.WdfDmaTransactionDmaCompleted(txn, st) : W.WdfDmaTransactionDmaCompletedFinal(txn, 0, st)) {
      state.active = false;
    }
  };
  const start = (length = 4096) => {
    const buf = h.buffer(length);
    h.call(() => {
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, length);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, EvtTransferComplete, null);
      state.active = true;
      expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
    });
  };
  /** Stop, then end the transaction at once with the bytes the controller moved (no waiting for DmaCancelled). */
  const stopNow = (release: boolean) =>
    h.call(() => {
      W.WdfDmaTransactionStopSystemTransfer(t);
      const adapter = W.WdfDmaEnablerWdmGetDmaAdapter(h.writeEnabler, WRITE)!;
      const moved = W.WdfDmaTransactionGetCurrentDmaTransferLength(t) - adapter.DmaOperations.ReadDmaCounter(adapter);
      const st = new Out(0);
      expect(W.WdfDmaTransactionDmaCompletedFinal(t, moved, st)).toBe(true);
      state.active = false;
      if (release) W.WdfDmaTransactionRelease(t);
      return h.host.cycle;
    });
  return { h, t, state, start, stopNow };
}

describe('late DmaCancelled (HAL switch dma.lateCancellation)', () => {
  it('default: a transfer ended and released right after the stop is never reported again', () => {
    const { h, state, start, stopNow } = rig(slow(false), false);
    start();
    h.host.runFor(20_000);
    stopNow(true);
    h.host.runFor(50_000);
    expect(state.callbacks).toEqual([]);
    expect(h.host.kernel.stats.dma.lateCancellations).toBe(0);
  });

  it('late, after Release: a driver without the guard calls DmaCompletedFinal on a Released transaction → 0x10D/0x8', () => {
    const { h, t, state, start, stopNow } = rig(slow(true), false);
    start();
    h.host.runFor(20_000);
    const stoppedAt = stopNow(true);
    const e = catchError(() => h.host.runFor(50_000)) as W.WdfBugCheck;
    expect(state.callbacks).toEqual([{ status: W.DmaCancelled, cycle: stoppedAt + 140, state: 'Released' }]);
    expect([e.code, e.subcode, e.parameters[2]]).toEqual([W.WDF_VIOLATION, W.WDF_DMA_FATAL_ERROR, 7]); // state Released
    expect(e.ddi).toBe('WdfDmaTransactionDmaCompletedFinal');
    expect(h.host.kernel.halted).toBe(true);
    void t;
  });

  it('late, after Release: the guarded driver ignores it and reuses the transaction', () => {
    const { h, t, state, start, stopNow } = rig(slow(true), true);
    start();
    h.host.runFor(20_000);
    const stoppedAt = stopNow(true);
    h.host.runFor(1000);
    expect(state.callbacks).toEqual([{ status: W.DmaCancelled, cycle: stoppedAt + 140, state: 'Released' }]);
    expect(h.host.kernel.stats.dma.lateCancellations).toBe(1);
    start(256); // the next transfer runs normally
    h.runUntil(() => !state.active);
    expect(state.callbacks.at(-1)).toMatchObject({ status: W.DmaComplete, state: 'Transfer' });
    expect(h.call(() => W.FxDmaTransactionGetState(t).name)).toBe('TransferCompleted');
  });

  it('late, after DmaCompletedFinal (not yet released): the unguarded driver bug checks in state TransferCompleted', () => {
    const { h, start, stopNow, state } = rig(slow(true), false);
    start();
    h.host.runFor(20_000);
    stopNow(false);
    const e = catchError(() => h.host.runFor(50_000)) as W.WdfBugCheck;
    expect(state.callbacks.map((c) => c.state)).toEqual(['TransferCompleted']);
    expect([e.subcode, e.parameters[2]]).toEqual([W.WDF_DMA_FATAL_ERROR, 5]);
  });

  it('after StopSystemTransfer returns: late, the DmaCancelled comes `delay` cycles after the stop; default, when the channel has stopped', () => {
    const timeline = (late: boolean, delay?: number) => {
      const options = slow(late);
      if (late && delay !== undefined) options.host = { dma: { lateCancellation: { delay } } };
      const { h, t, state, start } = rig(options, true);
      let stopped = -1;
      h.host.kernel.onSimEvent((ev) => {
        if (ev.kind === 'channel-state' && ev.channel === 0 && ev.state === 'cancelled') stopped = ev.cycle;
      });
      start();
      h.host.runFor(20_000);
      const stopAt = h.call(() => (W.WdfDmaTransactionStopSystemTransfer(t), h.host.cycle));
      h.runUntil(() => state.callbacks.length > 0);
      return { stopAt, stopped, delivered: state.callbacks[0]!.cycle, status: state.callbacks[0]!.status };
    };
    const d = timeline(false);
    // Default: the channel stops at `stopped` (after the burst in progress); its Cancelled interrupt is visible
    // interruptLatency (1) later, the HAL ISR runs isrLatency (40) after that and its DPC dpcLatency (100) later.
    expect(d.delivered).toBe(d.stopped + 1 + 40 + 100);
    expect(d.status).toBe(W.DmaCancelled);
    const l = timeline(true);
    expect(l.delivered).toBe(l.stopAt + 140); // isrLatency + dpcLatency after the stop, whatever the channel does
    const l5 = timeline(true, 5);
    expect(l5.delivered).toBe(l5.stopAt + 5);
  });

  it('a late DmaCancelled is dropped once the transaction is initialized again (the HAL transfer context is new)', () => {
    const { h, state, start, stopNow } = rig(slow(true), false);
    start();
    h.host.runFor(20_000);
    stopNow(true);
    start(256); // Initialize re-initializes the transfer context before the late completion is due
    h.runUntil(() => !state.active);
    h.host.runFor(1000);
    expect(state.callbacks.map((c) => c.status)).toEqual([W.DmaComplete]);
    expect(h.host.kernel.stats.dma.lateCancellations).toBe(0);
    expect(h.host.kernel.stats.dma.droppedCompletions).toBeGreaterThanOrEqual(1);
  });

  it('with the docs behaviour "Release clears the callbacks" (F.1) the late completion after Release calls nothing', () => {
    const { h, state, start, stopNow } = rig(slow(true, { docs: { releaseClearsCallbacks: true } }), false);
    start();
    h.host.runFor(20_000);
    stopNow(true);
    h.host.runFor(1000);
    expect(state.callbacks).toEqual([]);
    expect(h.host.kernel.stats.dma.lateCancellations).toBe(1); // the HAL delivered it; the framework had no callback
  });
});
