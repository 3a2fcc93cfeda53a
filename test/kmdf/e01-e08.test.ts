// KMDF-SYSTEM-DMA.md §E behaviours 1–8, on the real stack (engine → HAL → framework).
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { KeStallExecutionProcessor } from '../../lib/hal/wdm-ke.js';
import { MachineHaltedError } from '../../lib/hal/bugcheck.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;

describe('KMDF-SYSTEM-DMA §E 1–8', () => {
  it('E.1 Execute before Initialize bugchecks 0x10D/0x8 with the state in parameter 3, even with the verifier off', () => {
    const h = new Harness({ framework: { verifier: false } });
    const t = h.transaction();
    const e = catchError(() => h.call(() => W.WdfDmaTransactionExecute(t, null))) as W.WdfBugCheck;
    expect(e).toBeInstanceOf(W.WdfBugCheck);
    expect(e.code).toBe(0x10d);
    expect(e.parameters[0]).toBe(W.WDF_DMA_FATAL_ERROR);
    expect(e.parameters[1]).toBe((t as unknown as { handleValue: number }).handleValue);
    expect(e.parameters[2]).toBe(1); // Created
    expect(e.ddi).toBe('WdfDmaTransactionExecute');
    expect(e.state).toEqual({ name: 'Created', number: 1 });
    expect(e.rule).toMatch(/Initialized/);
    // The machine is halted and says so on every later call.
    const later = catchError(() => h.call(() => W.WdfDmaTransactionGetBytesTransferred(t)));
    expect(later).toBeInstanceOf(MachineHaltedError);
    expect(later.message).toMatch(/WdfDmaTransactionExecute/);
    expect(catchError(() => h.host.runFor(10))).toBeInstanceOf(MachineHaltedError);
  });

  it('E.2 DmaCompleted outside Transfer bugchecks 0x10D/0x8 (a second DmaCompleted after TRUE)', () => {
    const h = new Harness();
    const t = h.transaction();
    const buf = h.buffer(256);
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 256);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('TransferComplete');
    expect(h.log.at(-1)!.detail).toMatchObject({ done: true, result: W.STATUS_SUCCESS });
    const e = catchError(() => h.call(() => W.WdfDmaTransactionDmaCompleted(t, new Out(0)))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 8, 5]);
  });

  it('E.2 DmaCompleted after Execute but before the channel is granted is flagged as misuse', () => {
    const h = new Harness({ device: { rate: 50 } });
    const a = h.transaction();
    const b = h.transaction();
    const buf = h.buffer(1024);
    h.call(() => {
      W.WdfDmaTransactionInitialize(a, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(a, null);
      W.WdfDmaTransactionInitialize(b, h.programDma, WRITE, buf.mdl, buf.va, 1024);
      expect(W.WdfDmaTransactionExecute(b, null)).toBe(W.STATUS_SUCCESS); // queued behind a
    });
    const e = catchError(() => h.call(() => W.WdfDmaTransactionDmaCompleted(b, new Out(0)))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 8, 4]);
    expect(e.rule).toMatch(/before the adapter channel was granted/);
  });

  it('E.3 Initialize twice without Release, or re-initializing a completed transaction, bugchecks 0x10D/0x8', () => {
    const h = new Harness({ framework: { verifier: false } });
    const t = h.transaction();
    const buf = h.buffer(64);
    h.call(() => expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 64)).toBe(0));
    const e = catchError(() => h.call(() => W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 64)));
    expect((e as W.WdfBugCheck).parameters).toEqual([8, expect.any(Number), 3, 0]);

    const h2 = new Harness();
    const t2 = h2.transaction();
    const b2 = h2.buffer(64);
    h2.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t2, h2.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t2, h2.programDma, WRITE, b2.mdl, b2.va, 64);
      W.WdfDmaTransactionExecute(t2, null);
    });
    h2.runUntilEvent('TransferComplete');
    const e2 = catchError(() => h2.call(() => W.WdfDmaTransactionInitialize(t2, h2.programDma, WRITE, b2.mdl, b2.va, 64)));
    expect((e2 as W.WdfBugCheck).parameters[2]).toBe(5); // TransferCompleted
  });

  it('E.4 Configure callback returning FALSE maps nothing and calls nothing; Release then bugchecks; DmaCompletedFinal inside ends it', () => {
    const h = new Harness();
    const t = h.transaction();
    const buf = h.buffer(512);
    h.call(() => {
      W.WdfDmaTransactionSetChannelConfigurationCallback(t, () => (h.note('Configure'), false), null);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 512);
      expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
    });
    h.host.runFor(100_000);
    expect(h.events()).toEqual(['Configure']); // no EvtProgramDma, no TransferComplete
    expect(h.host.kernel.stats.dma.maps).toBe(0);
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('Transfer');
    const e = catchError(() => h.call(() => W.WdfDmaTransactionRelease(t))) as W.WdfBugCheck;
    expect([e.parameters[0], e.parameters[2]]).toEqual([8, 4]);

    const h2 = new Harness();
    const t2 = h2.transaction();
    const b2 = h2.buffer(512);
    let inner: boolean | null = null;
    h2.call(() => {
      W.WdfDmaTransactionSetChannelConfigurationCallback(t2, (txn) => {
        inner = W.WdfDmaTransactionDmaCompletedFinal(txn, 0, new Out(0));
        return false;
      }, null);
      W.WdfDmaTransactionInitialize(t2, h2.programDma, WRITE, b2.mdl, b2.va, 512);
      W.WdfDmaTransactionExecute(t2, null);
      expect(inner).toBe(true);
      expect(W.FxDmaTransactionGetState(t2).name).toBe('TransferCompleted');
      expect(W.WdfDmaTransactionRelease(t2)).toBe(W.STATUS_SUCCESS);
    });
  });

  it('E.5 the configure callback sees the requested length, EvtProgramDma the mapped length; the rest becomes more fragments', () => {
    // One SG element per controller program: a buffer spread over scattered pages is mapped a piece at a time.
    const h = new Harness({ host: { sim: { timing: { maxFragments: 1 } } }, maximumLength: 16384 });
    const t = h.transaction();
    const buf = h.buffer(12288);
    const configured: number[] = [];
    h.call(() => {
      W.WdfDmaTransactionSetChannelConfigurationCallback(t, (_t, _d, _c, _m, _o, len) => (configured.push(len), true), null);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 12288);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
    const programmed = h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { length: number }).length);
    expect(configured[0]).toBe(12288);
    expect(programmed[0]).toBeLessThan(configured[0]!);
    expect(programmed.length).toBeGreaterThan(1);
    programmed.forEach((len, i) => expect(len).toBeLessThanOrEqual(configured[i]!));
    expect(programmed.reduce((a, b) => a + b, 0)).toBe(12288);
  });

  it('E.6 per fragment: configure → controller programmed → EvtProgramDma → TransferComplete, never before EvtProgramDma returns', () => {
    const h = new Harness({ demandMode: false });
    const t = h.transaction();
    const buf = h.buffer(8192);
    const maps: number[] = [];
    h.call(() => {
      W.WdfDmaTransactionSetChannelConfigurationCallback(t, () => {
        maps.push(h.host.kernel.stats.dma.maps);
        h.note('Configure');
        return true;
      }, null);
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, (txn, dev, ctx, dir, sg) => {
        maps.push(h.host.kernel.stats.dma.maps);
        h.programDma(txn, dev, ctx, dir, sg);
        // Busy-wait long enough for the controller to finish this fragment before EvtProgramDma returns.
        KeStallExecutionProcessor(200);
        h.note('EvtProgramDma:return', { remaining: h.host.kernel.sim.dma.readDmaCounter(0) });
        return true;
      }, WRITE, buf.mdl, buf.va, 8192);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
    const seq = h.events().filter((e) => e !== 'EvtProgramDma' && e !== 'TransferComplete');
    expect(seq).toEqual([
      'Configure',
      'EvtProgramDma:return',
      'TransferComplete:enter',
      'Configure',
      'EvtProgramDma:return',
      'TransferComplete:enter',
    ]);
    // Mapping (which programs the controller) happened between the configure callback and EvtProgramDma.
    expect(maps).toEqual([0, 1, 1, 2]);
    // The controller had finished inside EvtProgramDma, yet the completion came after it returned.
    const ret = h.log.find((e) => e.event === 'EvtProgramDma:return')!;
    expect((ret.detail as { remaining: number }).remaining).toBe(0);
    expect(h.log.find((e) => e.event === 'TransferComplete:enter')!.cycle).toBeGreaterThan(ret.cycle);
  });

  it('E.7 no EvtProgramDma recursion: DmaCompleted inside EvtProgramDma returns FALSE + MORE_PROCESSING_REQUIRED at once', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = h.transaction();
    const buf = h.buffer(3072);
    let depth = 0;
    let maxDepth = 0;
    const results: [boolean, number][] = [];
    h.call(() => {
      W.WdfDmaTransactionInitialize(t, (txn) => {
        depth++;
        maxDepth = Math.max(maxDepth, depth);
        h.note('EvtProgramDma');
        const st = new Out(0);
        results.push([W.WdfDmaTransactionDmaCompleted(txn, st), st.value]);
        depth--;
        return true;
      }, WRITE, buf.mdl, buf.va, 3072);
      expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
    });
    expect(maxDepth).toBe(1);
    expect(results).toEqual([
      [false, W.STATUS_MORE_PROCESSING_REQUIRED],
      [false, W.STATUS_MORE_PROCESSING_REQUIRED],
      [true, W.STATUS_SUCCESS],
    ]);
    // The whole transaction finished inside Execute.
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('TransferCompleted');
    expect(h.call(() => W.WdfDmaTransactionGetBytesTransferred(t))).toBe(3072);
  });

  it('E.8 EvtProgramDma returning FALSE is ignored: the transfer runs to completion', () => {
    const h = new Harness();
    const t = h.transaction();
    const buf = h.buffer(512, (i) => i & 0xff);
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      W.WdfDmaTransactionInitialize(t, (txn, d, c, dir, sg) => (h.programDma(txn, d, c, dir, sg), false), WRITE, buf.mdl, buf.va, 512);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('TransferComplete');
    expect(h.log.at(-1)!.detail).toMatchObject({ done: true, result: W.STATUS_SUCCESS });
    expect(Array.from(h.model.tx.readTx())).toEqual(Array.from({ length: 512 }, (_, i) => i & 0xff));
  });
});
