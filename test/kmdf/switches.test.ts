// The docs-vs-source switches (KMDF-SYSTEM-DMA.md §F; lib/kmdf/README.md "Switches"), each in both positions.
// F.1 is in system-dma.test.ts; verifier and KMDF version positions are in e16-e20, e21-e25 and verifier.test.ts.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

const { WdfDmaDirectionWriteToDevice: WRITE } = W;
const docs = (d: W.WdfDocsBehaviour) => ({ framework: { docs: d } });

function started(h: Harness, length: number, context: unknown = null): W.WDFDMATRANSACTION {
  const t = h.transaction();
  const buf = h.buffer(length);
  h.call(() => {
    W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, length);
    W.WdfDmaTransactionExecute(t, context);
  });
  return t;
}

describe('docs-vs-source switches', () => {
  it('F.2 Stop without a callback: source → next DmaCompleted TRUE + CANCELLED; docs → FALSE', () => {
    for (const [options, expected] of [[{}, true], [docs({ stopDmaCompletedReturnsFalse: true }), false]] as const) {
      const h = new Harness({ device: { rate: 100 }, maximumLength: 1024, ...options });
      const t = started(h, 4096);
      h.host.runFor(20_000);
      h.call(() => W.WdfDmaTransactionStopSystemTransfer(t));
      h.host.runFor(50_000);
      const st = new Out(0);
      expect(h.call(() => W.WdfDmaTransactionDmaCompleted(t, st))).toBe(expected);
      expect(st.value).toBe(W.STATUS_CANCELLED);
      if (!expected) expect(h.call(() => W.WdfDmaTransactionDmaCompletedFinal(t, 0, st))).toBe(true);
    }
  });

  it('F.3 WithLength beyond the fragment: source → TRUE and TransferFailed; docs → FALSE and still Transfer', () => {
    for (const [options, expected, state] of [[{}, true, 'TransferFailed'], [docs({ invalidLengthReturnsFalse: true }), false, 'Transfer']] as const) {
      const h = new Harness({ device: { rate: 100 }, ...options });
      const t = started(h, 512);
      h.host.runFor(100);
      const st = new Out(0);
      expect(h.call(() => W.WdfDmaTransactionDmaCompletedWithLength(t, 4096, st))).toBe(expected);
      expect(st.value).toBe(W.STATUS_INVALID_PARAMETER);
      expect(h.call(() => W.FxDmaTransactionGetState(t)).name).toBe(state);
    }
  });

  it('F.4 Execute before Initialize: source → bugcheck; docs → STATUS_INVALID_DEVICE_REQUEST', () => {
    const h = new Harness();
    const t = h.transaction();
    expect(catchError(() => h.call(() => W.WdfDmaTransactionExecute(t, null)))).toBeInstanceOf(W.WdfBugCheck);
    const h2 = new Harness(docs({ executeReturnsInvalidDeviceRequest: true }));
    const t2 = h2.transaction();
    expect(h2.call(() => W.WdfDmaTransactionExecute(t2, null))).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
    expect(h2.call(() => W.FxDmaTransactionGetState(t2)).name).toBe('Created');
  });

  it('F.5 Release twice: source → STATUS_SUCCESS; docs → STATUS_INVALID_DEVICE_STATE', () => {
    for (const [options, expected] of [[{}, W.STATUS_SUCCESS], [docs({ doubleReleaseFails: true }), W.STATUS_INVALID_DEVICE_STATE]] as const) {
      const h = new Harness(options);
      const t = h.transaction();
      expect(h.call(() => W.WdfDmaTransactionRelease(t))).toBe(W.STATUS_SUCCESS);
      expect(h.call(() => W.WdfDmaTransactionRelease(t))).toBe(expected);
    }
  });

  it('F.6 Cancel before Execute: source → asks the HAL (no waiting request: FALSE); docs → FALSE without the HAL', () => {
    for (const options of [{}, docs({ cancelBeforeExecuteReturnsFalse: true })]) {
      const h = new Harness(options);
      const t = h.transaction();
      const buf = h.buffer(256);
      h.call(() => {
        W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 256);
        expect(W.WdfDmaTransactionCancel(t)).toBe(false);
        expect(W.FxDmaTransactionGetState(t).name).toBe('Initialized');
      });
    }
  });

  it('F.9 enabler parent: source → a parent outside the device fails; docs → ignored (the device is the parent)', () => {
    for (const [options, expected] of [[{}, W.STATUS_WDF_OBJECT_ATTRIBUTES_INVALID], [docs({ enablerIgnoresNonDeviceParent: true }), W.STATUS_SUCCESS]] as const) {
      const h = new Harness(options);
      const other = new Harness();
      h.call(() => {
        const config = {} as W.WDF_DMA_ENABLER_CONFIG;
        W.WDF_DMA_ENABLER_CONFIG_INIT(config, W.WdfDmaProfileSystem, 4096);
        const attributes = W.newObjectAttributes();
        attributes.ParentObject = other.device.handle;
        expect(W.WdfDmaEnablerCreate(h.device.handle, config, attributes, new Out<W.WDFDMAENABLER | null>(null))).toBe(expected);
      });
    }
  });

  it('bus-master profiles answer STATUS_NOT_SUPPORTED', () => {
    const h = new Harness();
    h.call(() => {
      const config = {} as W.WDF_DMA_ENABLER_CONFIG;
      W.WDF_DMA_ENABLER_CONFIG_INIT(config, W.WdfDmaProfileScatterGather64, 4096);
      expect(W.WdfDmaEnablerCreate(h.device.handle, config, null, new Out<W.WDFDMAENABLER | null>(null))).toBe(W.STATUS_NOT_SUPPORTED);
    });
  });
});
