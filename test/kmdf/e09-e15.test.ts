// KMDF-SYSTEM-DMA.md §E behaviours 9–15 (fragmentation, lengths, device offset, partial and error completions).
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;

/** Runs a write transaction whose completions answer with DmaCompleted; returns configure (offset, length) pairs. */
function runWrite(h: Harness, length: number, offset: number, before?: (t: W.WDFDMATRANSACTION) => void) {
  const t = h.transaction();
  const buf = h.buffer(length + offset);
  const configured: [number, number][] = [];
  h.call(() => {
    W.WdfDmaTransactionSetChannelConfigurationCallback(t, (_t, _d, _c, _m, o, len) => (configured.push([o, len]), true), null);
    W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
    expect(W.WdfDmaTransactionInitializeUsingOffset(t, h.programDma, WRITE, buf.mdl, offset, length)).toBe(0);
    before?.(t);
    W.WdfDmaTransactionExecute(t, null);
  });
  h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
  return { t, configured };
}

describe('KMDF-SYSTEM-DMA §E 9–15', () => {
  it('E.9 fragment size = min(remaining, MaximumLength, (NMR−1)·4096, SetMaximumLength); fragment k starts at startOffset + bytes counted', () => {
    // MaximumLength 10000: NMR = ceil(10000/4096)+1 = 4, (NMR−1)·4096 = 12288, so the fragment limit is 10000.
    const h = new Harness({ maximumLength: 10000 });
    expect(h.call(() => W.WdfDmaEnablerGetFragmentLength(h.writeEnabler, WRITE))).toBe(10000);
    const { configured } = runWrite(h, 25000, 100);
    expect(configured).toEqual([[100, 10000], [10100, 10000], [20100, 5000]]);

    // NMR 2 (a HAL option): (2−1)·4096 = 4096 < MaximumLength.
    const h2 = new Harness({ maximumLength: 10000, host: { dma: { numberOfMapRegisters: 2 } } });
    expect(h2.call(() => W.WdfDmaEnablerGetFragmentLength(h2.writeEnabler, WRITE))).toBe(4096);
    expect(runWrite(h2, 10000, 0).configured.map(([, l]) => l)).toEqual([4096, 4096, 1808]);

    // SetMaximumLength below the adapter limit lowers it.
    const h3 = new Harness({ maximumLength: 10000 });
    const r3 = runWrite(h3, 7000, 0, (t) => W.WdfDmaTransactionSetMaximumLength(t, 3000));
    expect(r3.configured).toEqual([[0, 3000], [3000, 3000], [6000, 1000]]);
    expect(h3.call(() => W.WdfDmaTransactionGetBytesTransferred(r3.t))).toBe(7000);
  });

  it('E.10 SetMaximumLength above the adapter limit is ignored; before Initialize it has no effect', () => {
    const h = new Harness({ maximumLength: 4096 });
    expect(runWrite(h, 8192, 0, (t) => W.WdfDmaTransactionSetMaximumLength(t, 100_000)).configured.map(([, l]) => l)).toEqual([4096, 4096]);
    const h2 = new Harness({ maximumLength: 4096 });
    const t = h2.transaction();
    const buf = h2.buffer(8192);
    const lengths: number[] = [];
    h2.call(() => {
      W.WdfDmaTransactionSetMaximumLength(t, 1000); // before Initialize: overwritten
      W.WdfDmaTransactionSetChannelConfigurationCallback(t, (_t, _d, _c, _m, _o, len) => (lengths.push(len), true), null);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h2.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, h2.programDma, WRITE, buf.mdl, buf.va, 8192);
      W.WdfDmaTransactionExecute(t, null);
    });
    h2.runUntil(() => h2.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
    expect(lengths).toEqual([4096, 4096]);
  });

  it('E.11 SetDeviceAddressOffset before Initialize is lost; after Initialize every fragment goes to DeviceAddress + offset', () => {
    // A second TX FIFO 0x10 above the first: data lands there only when the offset is applied.
    const h = new Harness({ maximumLength: 256, demandMode: false });
    const alt = h.host.kernel.sim.addFifoPort({ address: h.model.txAddress + 0x10, direction: 'tx', elementWidth: 4, depth: 16 });
    const data = (i: number) => (i * 3) & 0xff;
    const send = (setOffset: (t: W.WDFDMATRANSACTION, phase: 'before' | 'after') => void) => {
      const t = h.transaction();
      const buf = h.buffer(512, data);
      h.log.length = 0;
      h.call(() => {
        W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
        setOffset(t, 'before');
        W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 512);
        setOffset(t, 'after');
        W.WdfDmaTransactionExecute(t, null);
      });
      h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
      h.host.runFor(1000);
    };
    send((t, phase) => phase === 'before' && W.WdfDmaTransactionSetDeviceAddressOffset(t, 0x10));
    expect(h.model.tx.readTx().length).toBe(512);
    expect(alt.readTx().length).toBe(0);
    send((t, phase) => phase === 'after' && W.WdfDmaTransactionSetDeviceAddressOffset(t, 0x10));
    expect(h.model.tx.readTx().length).toBe(0);
    expect(Array.from(alt.readTx())).toEqual(Array.from({ length: 512 }, (_, i) => data(i))); // both fragments
  });

  it('E.12 DmaCompletedWithLength(len > fragment) returns TRUE with STATUS_INVALID_PARAMETER, VerifierBreak, TransferFailed, channel freed', () => {
    const h = new Harness();
    const t = h.transaction();
    const other = h.transaction();
    const buf = h.buffer(1024);
    const out = new Out(0);
    let done: boolean | null = null;
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn) => (done = W.WdfDmaTransactionDmaCompletedWithLength(txn, 2048, out)), null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(t, null);
      W.WdfDmaTransactionInitialize(other, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(other, 'other'); // queued behind t
    });
    expect(h.log.filter((e) => e.event === 'EvtProgramDma')).toHaveLength(1);
    h.runUntil(() => done !== null);
    expect(done).toBe(true);
    expect(out.value).toBe(W.STATUS_INVALID_PARAMETER);
    expect(h.call(() => W.FxDmaTransactionGetState(t))).toEqual({ number: 6, name: 'TransferFailed' });
    expect(h.driver.verifierBreaks.at(-1)!.ddi).toBe('WdfDmaTransactionDmaCompletedWithLength');
    // The channel was freed: the queued transaction got it at once.
    expect(h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { context: unknown }).context)).toEqual([null, 'other']);
  });

  it('E.13 DmaCompletedWithLength(0) maps the same range again and calls EvtProgramDma again; BytesTransferred unchanged', () => {
    const h = new Harness();
    const t = h.transaction();
    const buf = h.buffer(512);
    const offsets: number[] = [];
    let calls = 0;
    h.call(() => {
      W.WdfDmaTransactionSetChannelConfigurationCallback(t, (_t, _d, _c, _m, o) => (offsets.push(o), true), null);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn) => {
        const st = new Out(0);
        if (calls++ === 0) {
          expect(W.WdfDmaTransactionDmaCompletedWithLength(txn, 0, st)).toBe(false);
          expect(st.value).toBe(W.STATUS_MORE_PROCESSING_REQUIRED);
          expect(W.WdfDmaTransactionGetBytesTransferred(txn)).toBe(0);
        } else {
          expect(W.WdfDmaTransactionDmaCompleted(txn, st)).toBe(true);
          h.note('done');
        }
      }, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 512);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('done');
    expect(offsets).toEqual([0, 0]);
    expect(h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { length: number }).length)).toEqual([512, 512]);
    expect(h.call(() => W.WdfDmaTransactionGetBytesTransferred(t))).toBe(512);
  });

  it('E.14 DmaCompletedFinal(n) ends the transaction with success; BytesTransferred includes n; the rest is abandoned', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = h.transaction();
    const buf = h.buffer(4096);
    const out = new Out(0);
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn) => {
        h.note('final', W.WdfDmaTransactionDmaCompletedFinal(txn, 100, out));
        expect(W.WdfDmaTransactionGetCurrentDmaTransferLength(txn)).toBe(0);
      }, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 4096);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('final');
    expect(h.log.at(-1)!.detail).toBe(true);
    expect(out.value).toBe(W.STATUS_SUCCESS);
    expect(h.call(() => W.WdfDmaTransactionGetBytesTransferred(t))).toBe(100);
    expect(h.log.filter((e) => e.event === 'EvtProgramDma')).toHaveLength(1);
  });

  it('E.15 a controller error is not interpreted: TransferComplete(DmaError) then DmaCompleted counts a full fragment and stages the next', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = h.transaction();
    const buf = h.buffer(2048);
    h.host.kernel.sim.injectBusFault(buf.pa + 64);
    const statuses: number[] = [];
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn, _d, _c, _dir, status) => {
        statuses.push(status);
        const st = new Out(0);
        h.note('completed', [W.WdfDmaTransactionDmaCompleted(txn, st), st.value]);
      }, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 2048);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('completed', 2);
    expect(statuses).toEqual([W.DmaError, W.DmaComplete]);
    expect(h.log.filter((e) => e.event === 'completed').map((e) => e.detail)).toEqual([
      [false, W.STATUS_MORE_PROCESSING_REQUIRED],
      [true, W.STATUS_SUCCESS],
    ]);
    expect(h.call(() => W.WdfDmaTransactionGetBytesTransferred(t))).toBe(2048);
  });
});
