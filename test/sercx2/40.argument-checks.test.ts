// SerCx2's argument checks at the call (issue 13 item 4): a primitive where a configuration, attributes or out-parameter
// goes, a callback member that is not a function, a count that is not an unsigned integer → KMDF's 0x10D /
// WDF_VERIFIER_FATAL_ERROR naming the SerCx2 DDI and the argument; the *_INIT helpers (driver code) throw a coded
// HalError naming the helper; never a TypeError. The configuration is copied at the call (later edits change nothing).
import { describe, expect, it } from 'vitest';
import { HalError } from '../../lib/hal/hal-error.js';
import { Out } from '../../lib/hal/out.js';
import { TestHost } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';
import * as X from '../../lib/sercx2/index.js';

function bugcheck(fn: () => void): W.WdfBugCheck {
  try {
    fn();
  } catch (e) {
    if (e instanceof W.WdfBugCheck) return e;
    throw e;
  }
  throw new Error('no bug check');
}

function helperError(fn: () => void): HalError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HalError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** Runs `probe` on a fresh machine in EvtDriverDeviceAdd, after SerCx2InitializeDeviceInit and WdfDeviceCreate. */
function inDeviceAdd(probe: (Device: W.WDFDEVICE) => void): void {
  const host = new TestHost();
  const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
      expect(X.SerCx2InitializeDeviceInit(DeviceInit)).toBe(W.STATUS_SUCCESS);
      const device = new Out<W.WDFDEVICE | null>(null);
      const s = W.WdfDeviceCreate(DeviceInit, null, device);
      if (W.NT_SUCCESS(s)) probe(device.value!);
      return s;
    });
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  };
  host.loadDriver(DriverEntry, { name: 'probe' });
  host.addDevice(host.drivers[0]!, {});
}

/** The bug check of `fn` on a fresh machine (each bug check halts its machine). */
function fatalIn(fn: (Device: W.WDFDEVICE) => void): W.WdfBugCheck {
  return bugcheck(() => inDeviceAdd(fn));
}

const noop = () => W.STATUS_SUCCESS;
const config = (): X.SERCX2_CONFIG => {
  const c = {} as X.SERCX2_CONFIG;
  X.SERCX2_CONFIG_INIT(c, noop, noop, () => {});
  return c;
};
const pioRx = (): X.SERCX2_PIO_RECEIVE_CONFIG => {
  const c = {} as X.SERCX2_PIO_RECEIVE_CONFIG;
  X.SERCX2_PIO_RECEIVE_CONFIG_INIT(c, () => 0, () => {}, () => false);
  return c;
};

const expectFatal = (e: W.WdfBugCheck, ddi: string, rule: RegExp): void => {
  expect([e.code, e.subcode, e.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_VERIFIER_FATAL_ERROR, ddi]);
  expect(e.rule).toMatch(rule);
};

describe('SerCx2 *_INIT helpers: a coded HalError naming the helper', () => {
  it('NULL, a primitive or a frozen structure; a callback that is not a function; a DMA length that is not a count', () => {
    for (const bad of [null, undefined, 42, 'config', Object.freeze({})]) {
      const e = helperError(() => X.SERCX2_CONFIG_INIT(bad as never, noop, noop, () => {}));
      expect(e.code).toBe('ERR_INVALID_ARG_TYPE');
      expect(e.message).toMatch(/^SERCX2_CONFIG_INIT: Config is /);
    }
    expect(helperError(() => X.SERCX2_PIO_RECEIVE_CONFIG_INIT({} as never, 7 as never, () => {}, () => false)).message).toMatch(
      /SERCX2_PIO_RECEIVE_CONFIG_INIT: EvtSerCx2PioReceiveReadBuffer is .*not a function or NULL/,
    );
    expect(helperError(() => X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT({} as never, -1, 0, 0, null as never)).message).toMatch(/MaximumTransferLength/);
    expect(helperError(() => X.SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT({} as never, 64, 0, 0, 5 as never)).message).toMatch(/DmaDescriptor/);
    expect(helperError(() => X.SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_INIT({} as never, Symbol('x') as never)).message).toMatch(
      /EvtSerCx2CustomTransmitTransactionStart is a Symbol/,
    );
    // NULL callbacks are stored for the *Create DDI to answer (STATUS_INVALID_PARAMETER there).
    const c = {} as X.SERCX2_CONFIG;
    X.SERCX2_CONFIG_INIT(c, null as never, noop, () => {});
    expect(c.EvtSerCx2ApplyConfig).toBeNull();
  });
});

describe('SerCx2 DDIs: 0x10D / WDF_VERIFIER_FATAL_ERROR at the call', () => {
  it('SerCx2InitializeDevice: a primitive Config, a callback member that is not a function, RequestAttributes not a structure', () => {
    expectFatal(fatalIn((D) => X.SerCx2InitializeDevice(D, 42 as never)), 'SerCx2InitializeDevice', /Config is /);
    expectFatal(fatalIn((D) => X.SerCx2InitializeDevice(D, { ...config(), EvtSerCx2Control: 'x' as never })), 'SerCx2InitializeDevice', /EvtSerCx2Control/);
    expectFatal(fatalIn((D) => X.SerCx2InitializeDevice(D, { ...config(), RequestAttributes: 3 as never })), 'SerCx2InitializeDevice', /RequestAttributes/);
    const nul = bugcheck(() => inDeviceAdd((D) => X.SerCx2InitializeDevice(D, null as never)));
    expect([nul.subcode, nul.ddi]).toEqual([W.WDF_REQUIRED_PARAMETER_IS_NULL, 'SerCx2InitializeDevice']);
  });

  it('SerCx2PioReceiveCreate: the out-parameter, Attributes, a callback member; the configuration is copied at the call', () => {
    const ddi = 'SerCx2PioReceiveCreate';
    const ready = (D: W.WDFDEVICE) => expect(X.SerCx2InitializeDevice(D, config())).toBe(W.STATUS_SUCCESS);
    const nulOut = fatalIn((D) => (ready(D), X.SerCx2PioReceiveCreate(D, pioRx(), null, null as never)));
    expect([nulOut.subcode, nulOut.ddi]).toEqual([W.WDF_REQUIRED_PARAMETER_IS_NULL, ddi]);
    expectFatal(fatalIn((D) => (ready(D), X.SerCx2PioReceiveCreate(D, pioRx(), 'attrs' as never, new Out(null)))), ddi, /Attributes/);
    expectFatal(
      fatalIn((D) => (ready(D), X.SerCx2PioReceiveCreate(D, { ...pioRx(), EvtSerCx2PioReceiveCleanupTransaction: 1 as never }, null, new Out(null)))),
      ddi,
      /EvtSerCx2PioReceiveCleanupTransaction/,
    );
    inDeviceAdd((D) => {
      ready(D);
      const c = pioRx();
      const out = new Out<X.SERCX2PIORECEIVE | null>(null);
      expect(X.SerCx2PioReceiveCreate(D, c, null, out)).toBe(W.STATUS_SUCCESS);
      expect(out.value).not.toBeNull();
      c.EvtSerCx2PioReceiveReadBuffer = 'later' as never; // the copy made at the call is what SerCx2 keeps
      expect(X.SerCx2PioReceiveCreate(D, pioRx(), null, new Out(null))).toBe(W.STATUS_INVALID_DEVICE_REQUEST); // one per device
    });
  });

  it('SerCx2SystemDmaReceiveCreate: a count member that is not an unsigned integer', () => {
    const e = fatalIn((D) => {
      expect(X.SerCx2InitializeDevice(D, config())).toBe(W.STATUS_SUCCESS);
      expect(X.SerCx2PioReceiveCreate(D, pioRx(), null, new Out(null))).toBe(W.STATUS_SUCCESS);
      const c = {} as X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG;
      X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT(c, 64, 0x4000_0000, 0, null as never);
      X.SerCx2SystemDmaReceiveCreate(D, { ...c, DmaAlignment: 1.5 }, null, new Out(null));
    });
    expectFatal(e, 'SerCx2SystemDmaReceiveCreate', /DmaAlignment/);
  });

  it('SerCx2CompleteWait and SerCx2SaveReceiveFifoOnD0Exit: a number argument that is not a ULONG', () => {
    expectFatal(
      fatalIn((D) => (expect(X.SerCx2InitializeDevice(D, config())).toBe(W.STATUS_SUCCESS), X.SerCx2CompleteWait(D, Symbol('e') as never))),
      'SerCx2CompleteWait',
      /Event is a Symbol/,
    );
    expectFatal(
      fatalIn((D) => {
        expect(X.SerCx2InitializeDevice(D, config())).toBe(W.STATUS_SUCCESS);
        expect(X.SerCx2PioReceiveCreate(D, pioRx(), null, new Out(null))).toBe(W.STATUS_SUCCESS);
        X.SerCx2SaveReceiveFifoOnD0Exit(D, -4);
      }),
      'SerCx2SaveReceiveFifoOnD0Exit',
      /FifoSize/,
    );
  });
});
