// KMDF-SYSTEM-DMA.md §E behaviours 16–20: StopSystemTransfer and Cancel.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;

/** A slow device (100 cycles per element) so transfers are still running when the test intervenes. */
const slow = { device: { rate: 100 }, maximumLength: 1024 } as const;

function start(h: Harness, t: W.WDFDMATRANSACTION, length: number, context: unknown = null) {
  const buf = h.buffer(length);
  h.call(() => {
    W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, length);
    expect(W.WdfDmaTransactionExecute(t, context)).toBe(W.STATUS_SUCCESS);
  });
}

describe('KMDF-SYSTEM-DMA §E 16–20', () => {
  it('E.16 Stop while running with a TransferComplete callback: DmaCancelled, DmaCompletedFinal → TRUE, later staging fails until re-initialized', () => {
    const h = new Harness(slow);
    const t = h.transaction();
    const statuses: number[] = [];
    let answer: 'final' | 'completed' = 'completed';
    h.call(() =>
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn, _d, _c, _dir, status) => {
        statuses.push(status);
        const st = new Out(0);
        const done = answer === 'final' ? W.WdfDmaTransactionDmaCompletedFinal(txn, 0, st) : W.WdfDmaTransactionDmaCompleted(txn, st);
        h.note('answered', [done, st.value]);
      }, null),
    );
    // Answered with plain DmaCompleted: the fragment counts, the next staging fails with STATUS_CANCELLED.
    start(h, t, 4096);
    h.host.runFor(20_000);
    h.call(() => W.WdfDmaTransactionStopSystemTransfer(t));
    h.runUntilEvent('answered');
    expect(statuses).toEqual([W.DmaCancelled]);
    expect(h.log.at(-1)!.detail).toEqual([true, W.STATUS_CANCELLED]);
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('TransferFailed');
    // Re-initialized, the transaction works again; a Stop answered with DmaCompletedFinal ends it with success.
    h.call(() => W.WdfDmaTransactionRelease(t));
    answer = 'final';
    start(h, t, 4096);
    h.host.runFor(20_000);
    h.call(() => W.WdfDmaTransactionStopSystemTransfer(t));
    h.runUntilEvent('answered', 2);
    expect(statuses).toEqual([W.DmaCancelled, W.DmaCancelled]);
    expect(h.log.at(-1)!.detail).toEqual([true, W.STATUS_SUCCESS]);
  });

  it('E.17 Stop with no TransferComplete callback: no callback; the next DmaCompleted → TRUE + STATUS_CANCELLED if bytes remain', () => {
    const h = new Harness(slow);
    const t = h.transaction();
    start(h, t, 4096);
    h.host.runFor(20_000);
    h.call(() => W.WdfDmaTransactionStopSystemTransfer(t));
    h.host.runFor(50_000);
    expect(h.host.kernel.stats.dma.completions.cancelled).toBe(0);
    const st = new Out(0);
    expect(h.call(() => W.WdfDmaTransactionDmaCompleted(t, st))).toBe(true);
    expect(st.value).toBe(W.STATUS_CANCELLED);

    // On the last fragment the same sequence ends with STATUS_SUCCESS.
    const h2 = new Harness(slow);
    const t2 = h2.transaction();
    start(h2, t2, 512);
    h2.host.runFor(5_000);
    h2.call(() => W.WdfDmaTransactionStopSystemTransfer(t2));
    h2.host.runFor(50_000);
    const st2 = new Out(0);
    expect(h2.call(() => W.WdfDmaTransactionDmaCompleted(t2, st2))).toBe(true);
    expect(st2.value).toBe(W.STATUS_SUCCESS);
  });

  it('E.18 Stop before the channel is granted: at the grant the framework synthesizes TransferComplete(DmaCancelled) without configure or EvtProgramDma', () => {
    const h = new Harness(slow);
    const a = h.transaction();
    const b = h.transaction();
    const seen: [string, number][] = [];
    h.call(() => {
      for (const [t, name] of [[a, 'a'], [b, 'b']] as const) {
        W.WdfDmaTransactionSetChannelConfigurationCallback(t, () => (h.note(`configure ${name}`), true), null);
        W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn, _d, _c, _dir, status) => {
          seen.push([name, status]);
          const st = new Out(0);
          if (status === W.DmaComplete) W.WdfDmaTransactionDmaCompleted(txn, st);
          else W.WdfDmaTransactionDmaCompletedFinal(txn, 0, st);
        }, null);
      }
    });
    start(h, a, 512, 'a');
    start(h, b, 512, 'b'); // queued behind a
    h.call(() => W.WdfDmaTransactionStopSystemTransfer(b));
    h.runUntil(() => seen.length === 2);
    expect(seen).toEqual([['a', W.DmaComplete], ['b', W.DmaCancelled]]);
    expect(h.events().filter((e) => e.startsWith('configure'))).toEqual(['configure a']);
    expect(h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { context: unknown }).context)).toEqual(['a']);
  });

  it('E.19 a second Stop on the same transaction bugchecks 0x10D/0x8 with the verifier on (KMDF ≥ 1.11)', () => {
    const h = new Harness(slow);
    const t = h.transaction();
    start(h, t, 4096);
    h.host.runFor(5_000);
    h.call(() => W.WdfDmaTransactionStopSystemTransfer(t));
    const e = catchError(() => h.call(() => W.WdfDmaTransactionStopSystemTransfer(t))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 8, 4]);
    expect(e.ddi).toBe('WdfDmaTransactionStopSystemTransfer');
  });

  it('E.19 switch positions: a second Stop is harmless with the verifier off or a KMDF 1.9 driver', () => {
    for (const framework of [{ verifier: false }, { kmdfVersion: { major: 1, minor: 9 } }] as W.WdfFrameworkOptions[]) {
      const h = new Harness({ ...slow, framework });
      const t = h.transaction();
      start(h, t, 4096);
      h.host.runFor(5_000);
      h.call(() => {
        W.WdfDmaTransactionStopSystemTransfer(t);
        W.WdfDmaTransactionStopSystemTransfer(t);
      });
      expect(h.host.kernel.halted).toBe(false);
    }
  });

  it('E.20 Cancel before the grant → TRUE, TransferFailed, no callbacks; after the grant → FALSE, no change; on Created → bugcheck', () => {
    const h = new Harness(slow);
    const a = h.transaction();
    const b = h.transaction();
    h.call(() => W.WdfDmaTransactionSetTransferCompleteCallback(b, () => h.note('b complete'), null));
    start(h, a, 1024, 'a');
    start(h, b, 1024, 'b');
    expect(h.call(() => W.WdfDmaTransactionCancel(b))).toBe(true);
    expect(h.call(() => W.FxDmaTransactionGetState(b)).name).toBe('TransferFailed');
    expect(h.call(() => W.WdfDmaTransactionCancel(a))).toBe(false);
    expect(h.call(() => W.FxDmaTransactionGetState(a)).name).toBe('Transfer');
    h.host.runFor(300_000);
    expect(h.events()).not.toContain('b complete');
    expect(h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { context: unknown }).context)).toEqual(['a']);
    const fresh = h.transaction();
    const e = catchError(() => h.call(() => W.WdfDmaTransactionCancel(fresh))) as W.WdfBugCheck;
    expect([e.parameters[0], e.parameters[2]]).toEqual([8, 1]);
  });
});
