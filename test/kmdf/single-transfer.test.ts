// What the framework implemented but no suite exercised: the single-transfer checks of KMDF-SYSTEM-DMA.md C.6 (at
// Initialize: STATUS_WDF_TOO_MANY_TRANSFERS, STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS after maxFrag is raised to the
// enabler's MaximumLength, STATUS_WDF_TOO_FRAGMENTED; at completion: bytes left → TRUE + TOO_MANY_TRANSFERS),
// WdfDmaTransactionGetTransferInfo (B.3: the HAL's GetDmaTransferInfo for the whole transaction, Initialized only)
// and the reservation clip of C.1 (an explicit RequiredMapRegisters smaller than needed clips each fragment to
// PAGE × (reserved − 1) + (PAGE − page offset of the fragment's start)).
//
// Pool buffers start on a page boundary and their pages are physically scattered, so a block spanning n pages needs
// n map registers and n SG elements; a contiguous buffer needs n map registers and one element.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { MmAllocateContiguousMemory, IoAllocateMdl, MmBuildMdlForNonPagedPool, PAGE_SIZE } from '../../lib/hal/index.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const WRITE = W.WdfDmaDirectionWriteToDevice;

function singleTransfer(h: Harness): W.WDFDMATRANSACTION {
  const t = h.transaction();
  h.call(() => W.WdfDmaTransactionSetSingleTransferRequirement(t, true));
  return t;
}

const lengths = (h: Harness) =>
  h.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { length: number }).length);

describe('single-transfer transactions (C.6)', () => {
  it('Initialize: a length above MaximumLength → STATUS_WDF_TOO_MANY_TRANSFERS (the transaction is Released)', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = singleTransfer(h);
    const buf = h.buffer(2048);
    h.call(() => {
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1025)).toBe(W.STATUS_WDF_TOO_MANY_TRANSFERS);
      expect(W.FxDmaTransactionGetState(t).name).toBe('Released');
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1024)).toBe(W.STATUS_SUCCESS);
    });
    // The same length without the requirement is simply split into fragments.
    const plain = h.transaction();
    h.call(() => expect(W.WdfDmaTransactionInitialize(plain, h.programDma, WRITE, buf.mdl, buf.va, 2048)).toBe(W.STATUS_SUCCESS));
  });

  it('Initialize: maxFrag is raised to MaximumLength, then the map registers decide (NMR 2: 2 pages fit, 3 do not)', () => {
    // NumberOfMapRegisters 2 makes the adapter fragment (2 − 1) × PAGE = 4,096 bytes; MaximumLength is 16,384.
    const h = new Harness({ maximumLength: 16384, host: { dma: { numberOfMapRegisters: 2 } } });
    expect(h.call(() => W.WdfDmaEnablerGetFragmentLength(h.writeEnabler, WRITE))).toBe(PAGE_SIZE);
    const t = singleTransfer(h);
    const buf = h.buffer(3 * PAGE_SIZE);
    h.call(() => {
      // 8,192 bytes from a page boundary: above the 4,096 fragment, but 2 map registers ≤ NMR → accepted.
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 2 * PAGE_SIZE)).toBe(W.STATUS_SUCCESS);
      W.WdfDmaTransactionRelease(t);
      W.WdfDmaTransactionSetSingleTransferRequirement(t, true); // Release put it back to the enabler's default
      // 8,192 bytes from offset 100 span 3 pages: 3 map registers > 2.
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va + 100, 2 * PAGE_SIZE)).toBe(
        W.STATUS_WDF_NOT_ENOUGH_MAP_REGISTERS,
      );
    });
  });

  it('Initialize: more SG elements than WdfDmaEnablerSetMaximumScatterGatherElements allows → STATUS_WDF_TOO_FRAGMENTED', () => {
    const h = new Harness({ maximumLength: 16384 });
    h.call(() => W.WdfDmaEnablerSetMaximumScatterGatherElements(h.writeEnabler, 2));
    const t = singleTransfer(h);
    const buf = h.buffer(3 * PAGE_SIZE);
    h.call(() => {
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va + 100, 2 * PAGE_SIZE)).toBe(
        W.STATUS_WDF_TOO_FRAGMENTED, // 3 scattered pages, 3 elements > 2
      );
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 2 * PAGE_SIZE)).toBe(W.STATUS_SUCCESS);
    });
    // Without the requirement the limit does not apply to system DMA (C.1).
    const plain = h.transaction();
    h.call(() =>
      expect(W.WdfDmaTransactionInitialize(plain, h.programDma, WRITE, buf.mdl, buf.va + 100, 2 * PAGE_SIZE)).toBe(W.STATUS_SUCCESS),
    );
  });

  it('completion: a short WithLength leaves bytes → TRUE + STATUS_WDF_TOO_MANY_TRANSFERS, 512 counted', () => {
    const h = new Harness({ maximumLength: 1024 });
    const t = singleTransfer(h);
    const buf = h.buffer(1024, (i) => i & 0xff);
    const result: { done?: boolean; status?: number; bytes?: number } = {};
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (Transaction) => {
        const st = new Out(0);
        result.done = W.WdfDmaTransactionDmaCompletedWithLength(Transaction, 512, st);
        result.status = st.value;
        result.bytes = W.WdfDmaTransactionGetBytesTransferred(Transaction);
      }, null);
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 1024)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
    });
    h.runUntil(() => result.done !== undefined);
    expect(result).toEqual({ done: true, status: W.STATUS_WDF_TOO_MANY_TRANSFERS, bytes: 512 });
    expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe('TransferFailed');
  });
});

describe('WdfDmaTransactionGetTransferInfo', () => {
  it('map registers and SG elements of the whole transaction, from the HAL', () => {
    const h = new Harness({ maximumLength: 16384 });
    const t = h.transaction();
    const buf = h.buffer(5 * PAGE_SIZE);
    const info = (va: number, length: number, mdl = buf.mdl): [number, number] =>
      h.call(() => {
        const m = new Out(-1);
        const s = new Out(-1);
        expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, mdl, va, length)).toBe(W.STATUS_SUCCESS);
        W.WdfDmaTransactionGetTransferInfo(t, m, s);
        W.WdfDmaTransactionRelease(t);
        return [m.value, s.value];
      });
    expect(info(buf.va, PAGE_SIZE)).toEqual([1, 1]);
    expect(info(buf.va, 2 * PAGE_SIZE)).toEqual([2, 2]);
    expect(info(buf.va + 100, 12000)).toEqual([3, 3]); // 100 + 12,000 bytes reach into the third page
    // More than one fragment's worth (16,384) is still counted whole.
    expect(info(buf.va + 1, 4 * PAGE_SIZE)).toEqual([5, 5]);
    // A physically contiguous block: one element, a map register per page.
    h.host.kernel.makeCurrent();
    const cva = MmAllocateContiguousMemory(3 * PAGE_SIZE, 0xffffffff);
    const cmdl = IoAllocateMdl(cva, 3 * PAGE_SIZE, false, false, null)!;
    MmBuildMdlForNonPagedPool(cmdl);
    expect(info(cva, 3 * PAGE_SIZE, cmdl)).toEqual([3, 1]);
  });

  it('outside Initialized: WDF_VIOLATION 0x8 with the state number', () => {
    const h = new Harness();
    const t = h.transaction();
    const state = h.call(() => W.FxDmaTransactionGetState(t));
    expect(state.name).toBe('Created');
    const e = catchError(() => h.call(() => W.WdfDmaTransactionGetTransferInfo(t, new Out(0), new Out(0)))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0], e.parameters[2]]).toEqual([0x10d, 0x8, state.number]);
  });
});

describe('the reservation clip (C.1)', () => {
  it('RequiredMapRegisters 2: fragments of PAGE + (PAGE − page offset): 12,000 bytes at offset 100 → 8,092 + 3,908', () => {
    const h = new Harness({ maximumLength: 16384 });
    const t = h.transaction();
    const buf = h.buffer(4 * PAGE_SIZE);
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
      expect(W.WdfDmaTransactionAllocateResources(t, WRITE, 2, () => {}, null)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va + 100, 12000)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
    });
    h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
    // Fragment 1 starts at page offset 100: 4,096 × (2 − 1) + (4,096 − 100) = 8,092. Fragment 2 starts at offset
    // 100 + 8,092 = 8,192, a page boundary: its clip is 4,096 + 4,096 = 8,192 ≥ the 3,908 left.
    expect(lengths(h)).toEqual([8092, 3908]);
    expect(h.call(() => W.WdfDmaTransactionGetBytesTransferred(t))).toBe(12000);
    expect(h.model.tx.readTx()).toEqual(h.host.kernel.memory.read(buf.va + 100, 12000));
    h.call(() => {
      W.WdfDmaTransactionRelease(t);
      W.WdfDmaTransactionFreeResources(t);
    });
  });

  it('RequiredMapRegisters 0 (all NMR) or no reservation: no clip, one 12,000-byte fragment', () => {
    for (const reserve of [true, false]) {
      const h = new Harness({ maximumLength: 16384 });
      const t = h.transaction();
      const buf = h.buffer(4 * PAGE_SIZE);
      h.call(() => {
        W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
        expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va + 100, 12000)).toBe(W.STATUS_SUCCESS);
        if (reserve) expect(W.WdfDmaTransactionAllocateResources(t, WRITE, 0, () => {}, null)).toBe(W.STATUS_SUCCESS);
        if (reserve) expect(W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va + 100, 12000)).toBe(W.STATUS_SUCCESS);
        expect(W.WdfDmaTransactionExecute(t, null)).toBe(W.STATUS_SUCCESS);
      });
      h.runUntil(() => h.log.some((e) => e.event === 'TransferComplete' && (e.detail as { done: boolean }).done));
      expect(lengths(h)).toEqual([12000]);
    }
  });
});
