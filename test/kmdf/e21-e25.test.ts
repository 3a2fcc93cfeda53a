// KMDF-SYSTEM-DMA.md §E behaviours 21–25: immediate execution, one transaction per adapter, reservation, Release /
// Delete in Transfer, ConfigureSystemProfile validation.
import { describe, expect, it } from 'vitest';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE, WdfDmaDirectionReadFromDevice: READ } = W;
const slow = { device: { rate: 100 }, maximumLength: 1024 } as const;

function init(h: Harness, t: W.WDFDMATRANSACTION, length: number) {
  const buf = h.buffer(length);
  h.call(() => expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, length)).toBe(0));
}
const programs = (h: Harness) => h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { context: unknown }).context);

describe('KMDF-SYSTEM-DMA §E 21–25', () => {
  it('E.21 immediate execution: busy channel → STATUS_INSUFFICIENT_RESOURCES and TransferFailed; free channel → EvtProgramDma inside Execute; Release clears the flag', () => {
    const h = new Harness(slow);
    const a = h.transaction();
    const b = h.transaction();
    init(h, a, 1024);
    h.call(() => {
      W.WdfDmaTransactionSetImmediateExecution(a, true);
      expect(W.WdfDmaTransactionExecute(a, 'a')).toBe(W.STATUS_SUCCESS);
    });
    expect(programs(h)).toEqual(['a']); // ran before Execute returned
    h.call(() => W.WdfDmaTransactionSetImmediateExecution(b, true));
    init(h, b, 1024); // the flag survives Initialize
    h.call(() => expect(W.WdfDmaTransactionExecute(b, 'b')).toBe(W.STATUS_INSUFFICIENT_RESOURCES));
    expect(h.call(() => W.FxDmaTransactionGetState(b)).name).toBe('TransferFailed');
    // Release is required before re-initializing; it clears the flag, so the next Execute queues instead of failing.
    expect(catchError(() => h.call(() => init(h, b, 1024)))).toBeInstanceOf(W.WdfBugCheck);
    const h2 = new Harness(slow);
    const a2 = h2.transaction();
    const b2 = h2.transaction();
    init(h2, a2, 1024);
    h2.call(() => W.WdfDmaTransactionExecute(a2, 'a'));
    h2.call(() => W.WdfDmaTransactionSetImmediateExecution(b2, true));
    init(h2, b2, 1024);
    h2.call(() => expect(W.WdfDmaTransactionExecute(b2, 'b')).toBe(W.STATUS_INSUFFICIENT_RESOURCES));
    h2.call(() => W.WdfDmaTransactionRelease(b2));
    init(h2, b2, 1024);
    h2.call(() => expect(W.WdfDmaTransactionExecute(b2, 'b')).toBe(W.STATUS_SUCCESS));
    expect(h2.call(() => W.FxDmaTransactionGetState(b2)).name).toBe('Transfer');
  });

  it('E.22 one transaction per adapter: a second Execute returns SUCCESS but its EvtProgramDma waits for the first to finish', () => {
    const h = new Harness(slow);
    const a = h.transaction();
    const b = h.transaction();
    for (const t of [a, b]) h.call(() => W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null));
    init(h, a, 512);
    init(h, b, 512);
    h.call(() => {
      expect(W.WdfDmaTransactionExecute(a, 'a')).toBe(W.STATUS_SUCCESS);
      expect(W.WdfDmaTransactionExecute(b, 'b')).toBe(W.STATUS_SUCCESS);
    });
    expect(programs(h)).toEqual(['a']);
    h.runUntilEvent('TransferComplete', 1);
    // a's final DmaCompleted freed the channel and b was granted at once (inside that call).
    const aDone = h.log.find((e) => e.event === 'TransferComplete')!;
    expect(programs(h)).toEqual(['a', 'b']);
    expect(h.log.filter((e) => e.event === 'EvtProgramDma')[1]!.cycle).toBe(aDone.cycle);
    h.runUntilEvent('TransferComplete', 2);
  });

  it('E.23 reservation: all NMR reserved, EvtReserveDma once, EvtProgramDma inside each Execute, the channel kept until FreeResources', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = h.transaction();
    const other = h.transaction();
    let reserved = 0;
    for (const x of [t, other]) h.call(() => W.WdfDmaTransactionSetTransferCompleteCallback(x, h.completeWithDmaCompleted, null));
    init(h, t, 512);
    h.call(() => {
      expect(W.WdfDmaTransactionAllocateResources(t, WRITE, 0, () => reserved++, null)).toBe(W.STATUS_SUCCESS);
    });
    expect(reserved).toBe(1);
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('Reserved');
    for (let i = 0; i < 3; i++) {
      init(h, t, 512);
      h.call(() => W.WdfDmaTransactionExecute(t, `t${i}`));
      expect(programs(h).at(-1)).toBe(`t${i}`); // synchronously inside Execute
      h.runUntilEvent('TransferComplete', i + 1);
      expect(h.log.at(-1)!.detail).toMatchObject({ done: true, result: W.STATUS_SUCCESS });
      h.call(() => W.WdfDmaTransactionRelease(t));
      if (i === 0) {
        init(h, other, 512);
        h.call(() => W.WdfDmaTransactionExecute(other, 'other')); // waits: the reservation holds the channel
      }
    }
    expect(reserved).toBe(1);
    expect(programs(h)).toEqual(['t0', 't1', 't2']);
    h.call(() => W.WdfDmaTransactionFreeResources(t));
    expect(programs(h)).toEqual(['t0', 't1', 't2', 'other']);
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('Released');
  });

  it('E.24 Release in Transfer bugchecks with the verifier (≥1.11); without it resources are released anyway', () => {
    const h = new Harness(slow);
    const t = h.transaction();
    init(h, t, 1024);
    h.call(() => W.WdfDmaTransactionExecute(t, null));
    const e = catchError(() => h.call(() => W.WdfDmaTransactionRelease(t))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 8, 4]);

    for (const framework of [{ verifier: false }, { kmdfVersion: { major: 1, minor: 9 } }] as W.WdfFrameworkOptions[]) {
      const h2 = new Harness({ ...slow, framework });
      const a = h2.transaction();
      const b = h2.transaction();
      init(h2, a, 1024);
      init(h2, b, 1024);
      h2.call(() => {
        W.WdfDmaTransactionExecute(a, 'a');
        W.WdfDmaTransactionExecute(b, 'b');
        expect(W.WdfDmaTransactionRelease(a)).toBe(W.STATUS_SUCCESS); // frees the channel: b runs
      });
      expect(programs(h2)).toEqual(['a', 'b']);
      expect(h2.call(() => W.FxDmaTransactionGetState(a)).name).toBe('Released');
    }
  });

  it('E.24 Delete in Transfer bugchecks with the verifier (≥1.9); Release twice is harmless (STATUS_SUCCESS)', () => {
    const h = new Harness(slow);
    const t = h.transaction();
    init(h, t, 1024);
    h.call(() => {
      expect(W.WdfDmaTransactionRelease(t)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfDmaTransactionRelease(t)).toBe(W.STATUS_SUCCESS);
    });
    init(h, t, 1024);
    h.call(() => W.WdfDmaTransactionExecute(t, null));
    const e = catchError(() => h.call(() => W.WdfObjectDelete(t))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 8, 4]);
    expect(e.ddi).toBe('WdfObjectDelete');
    // A KMDF 1.7 driver (below 1.9) deletes it.
    const h2 = new Harness({ ...slow, framework: { kmdfVersion: { major: 1, minor: 7 } } });
    const t2 = h2.transaction();
    init(h2, t2, 1024);
    h2.call(() => {
      W.WdfDmaTransactionExecute(t2, null);
      W.WdfObjectDelete(t2);
    });
    expect(h2.host.kernel.halted).toBe(false);
  });

  it('E.25 ConfigureSystemProfile: simplex twice → INVALID_PARAMETER; duplex once per direction; bad Size; NULL descriptor', () => {
    const h = new Harness({ configure: false });
    h.call(() => {
      expect(h.configure(h.writeEnabler, WRITE)).toBe(W.STATUS_SUCCESS);
      expect(h.configure(h.writeEnabler, READ)).toBe(W.STATUS_INVALID_PARAMETER);
      expect(h.configure(h.writeEnabler, WRITE)).toBe(W.STATUS_INVALID_PARAMETER);
      const bad = h.profileConfig(READ);
      bad.Size = 8;
      expect(W.WdfDmaEnablerConfigureSystemProfile(h.readEnabler, bad, READ)).toBe(W.STATUS_INFO_LENGTH_MISMATCH);
      const none = h.profileConfig(READ);
      none.DmaDescriptor = null;
      expect(W.WdfDmaEnablerConfigureSystemProfile(h.readEnabler, none, READ)).toBe(W.STATUS_INVALID_PARAMETER);
      expect(W.WdfDmaEnablerConfigureSystemProfile(h.readEnabler, null, READ)).toBe(W.STATUS_INVALID_PARAMETER);
    });
    const d = new Harness({ configure: false, duplex: true });
    d.call(() => {
      expect(d.configure(d.writeEnabler, WRITE)).toBe(W.STATUS_SUCCESS);
      expect(d.configure(d.writeEnabler, READ)).toBe(W.STATUS_SUCCESS);
      expect(d.configure(d.writeEnabler, READ)).toBe(W.STATUS_INVALID_PARAMETER);
    });
    expect(h.driver.verifierBreaks.map((b) => b.ddi)).toContain('WdfDmaEnablerConfigureSystemProfile');
  });
});
