// The argument checks every KMDF DDI makes at the call (issue 13 item 4; lib/kmdf/verifier/arguments.ts): NULL where a
// pointer is required → 0x10D / WDF_REQUIRED_PARAMETER_IS_NULL, a primitive where a structure, Out box or callback
// goes → 0x10D / WDF_VERIFIER_FATAL_ERROR naming the DDI and the argument, at the call (the reproduction:
// WdfIoQueueStop(queue, 42, null) used to fail later with "pending.cb is not a function"); the WDF_*_INIT helpers
// (driver code) throw a coded HalError naming the helper. Never a TypeError.
import { describe, expect, it } from 'vitest';
import { HalError } from '../../lib/hal/hal-error.js';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { Harness, catchError } from './fixtures/harness.js';

function fatal(h: Harness, fn: () => void): W.WdfBugCheck {
  const e = catchError(() => h.call(fn));
  expect(e).toBeInstanceOf(W.WdfBugCheck);
  expect(h.host.kernel.halted).toBe(true);
  return e as W.WdfBugCheck;
}

describe('KMDF DDIs: verifier-style errors at the call', () => {
  it('WdfIoQueueStop with a StopComplete that is not a function: 0x10D at the call, naming the DDI and the argument', () => {
    const h = new Harness();
    const queue = h.call(() => {
      const config = {} as W.WDF_IO_QUEUE_CONFIG;
      W.WDF_IO_QUEUE_CONFIG_INIT(config, W.WdfIoQueueDispatchManual);
      const q = new Out<W.WDFQUEUE | null>(null);
      expect(W.WdfIoQueueCreate(h.device.handle, config, null, q)).toBe(W.STATUS_SUCCESS);
      return q.value!;
    });
    const e = fatal(h, () => W.WdfIoQueueStop(queue, 42 as never, null));
    expect([e.code, e.subcode, e.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_VERIFIER_FATAL_ERROR, 'WdfIoQueueStop']);
    expect(e.rule).toMatch(/StopComplete is 42/);
  });

  it('WdfDmaTransactionAllocateResources with an EvtReserveDma that is not a function', () => {
    const h = new Harness();
    const t = h.transaction();
    const e = fatal(h, () => W.WdfDmaTransactionAllocateResources(t, W.WdfDmaDirectionWriteToDevice, 1, 'reserve' as never, null));
    expect([e.subcode, e.ddi]).toEqual([W.WDF_VERIFIER_FATAL_ERROR, 'WdfDmaTransactionAllocateResources']);
    expect(e.rule).toMatch(/EvtReserveDma/);
  });

  it('WdfDmaEnablerCreate: NULL config is WDF_REQUIRED_PARAMETER_IS_NULL; a number where the Out box goes is WDF_VERIFIER_FATAL_ERROR', () => {
    const h = new Harness();
    const nul = fatal(h, () => W.WdfDmaEnablerCreate(h.device.handle, null as never, null, new Out(null)));
    expect([nul.subcode, nul.ddi]).toEqual([W.WDF_REQUIRED_PARAMETER_IS_NULL, 'WdfDmaEnablerCreate']);
    const h2 = new Harness();
    const e = fatal(h2, () => {
      const config = {} as W.WDF_DMA_ENABLER_CONFIG;
      W.WDF_DMA_ENABLER_CONFIG_INIT(config, W.WdfDmaProfileSystem, 1024);
      W.WdfDmaEnablerCreate(h2.device.handle, config, null, 7 as never);
    });
    expect([e.subcode, e.ddi]).toEqual([W.WDF_VERIFIER_FATAL_ERROR, 'WdfDmaEnablerCreate']);
    expect(e.rule).toMatch(/not an Out box/);
  });

  it('WdfDmaEnablerWdmGetDmaAdapter / GetFragmentLength with a Symbol direction: a VerifierBreak naming it, not a TypeError', () => {
    // Found by the DDI fuzzer: the VerifierBreak message interpolated the direction, and a Symbol cannot be converted.
    const h = new Harness();
    const direction = Symbol('direction') as never;
    expect(h.call(() => W.WdfDmaEnablerWdmGetDmaAdapter(h.writeEnabler, direction))).toBeNull();
    expect(h.call(() => W.WdfDmaEnablerGetFragmentLength(h.writeEnabler, direction))).toBe(0);
    const breaks = h.driver.verifierBreaks.slice(-2);
    expect(breaks.map((b) => b.ddi)).toEqual(['WdfDmaEnablerWdmGetDmaAdapter', 'WdfDmaEnablerGetFragmentLength']);
    for (const b of breaks) expect(b.rule).toMatch(/DmaDirection is a Symbol, not a WDF_DMA_DIRECTION/);
  });

  it('WdfDmaTransactionInitialize with a string handle: WDF_INVALID_HANDLE naming the DDI', () => {
    const h = new Harness();
    const e = fatal(h, () => W.WdfDmaTransactionInitialize('t' as never, h.programDma, W.WdfDmaDirectionWriteToDevice, null as never, 0, 16));
    expect([e.subcode, e.ddi]).toEqual([W.WDF_INVALID_HANDLE, 'WdfDmaTransactionInitialize']);
  });

  it('the WDF_*_INIT helpers: a coded HalError naming the helper and the argument', () => {
    for (const [fn, pattern] of [
      [() => W.WDF_DMA_ENABLER_CONFIG_INIT(null as never, W.WdfDmaProfileSystem, 64), /^WDF_DMA_ENABLER_CONFIG_INIT: Config is NULL/],
      [() => W.WDF_DRIVER_CONFIG_INIT(5 as never, null), /^WDF_DRIVER_CONFIG_INIT: Config is 5/],
      [() => W.WDF_DRIVER_CONFIG_INIT({} as never, 'add' as never), /EvtDriverDeviceAdd is .*not a function or NULL/],
      [() => W.WDF_TIMER_CONFIG_INIT_PERIODIC({} as never, () => undefined, -1), /Period is -1/],
      [() => W.WDF_IO_QUEUE_CONFIG_INIT(Object.freeze({}) as never, W.WdfIoQueueDispatchManual), /frozen/],
      // Found by the DDI fuzzer: a read-only field made the helper's write a TypeError half-way through.
      [() => W.WDF_TIMER_CONFIG_INIT(Object.defineProperty({}, 'Size', { value: 0, writable: false }) as never, () => undefined), /^WDF_TIMER_CONFIG_INIT: Config.Size is read-only/],
      [() => W.WDF_OBJECT_ATTRIBUTES_INIT(Object.defineProperty({}, 'ParentObject', { get: () => null }) as never), /^WDF_OBJECT_ATTRIBUTES_INIT: Attributes.ParentObject is read-only/],
    ] as const) {
      const e = catchError(fn);
      expect(e).toBeInstanceOf(HalError);
      expect((e as HalError).code).toBe('ERR_INVALID_ARG_TYPE');
      expect(e.message).toMatch(pattern);
    }
  });
});
