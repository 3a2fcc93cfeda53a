// Bad input to SerCx2 (lib/sercx2/verifier.ts): the documented statuses of the init and *Create DDIs (order, Size,
// required and all-or-none callbacks), KMDF's verifier stop for a NULL or wrong-type handle (SerCx2's objects are WDF
// objects), and SerCx2's own stop (0x10D / WDF_VERIFIER_FATAL_ERROR) for a method called in the wrong state — each
// naming the DDI and the rule.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { TestHost } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';
import * as X from '../../lib/sercx2/index.js';
import { pioRig } from './fixtures/rig.js';
import type { PIO_CONTEXT } from './fixtures/pio-driver.js';

function bugcheck(fn: () => void): W.WdfBugCheck {
  try {
    fn();
  } catch (e) {
    if (e instanceof W.WdfBugCheck) return e;
    throw e;
  }
  throw new Error('no bug check');
}

/** Runs `probe` in EvtDriverDeviceAdd of a bare SerCx2 driver, after WdfDeviceCreate (SerCx2InitializeDeviceInit done or not). */
function inDeviceAdd(probe: (Device: W.WDFDEVICE, DeviceInit: W.PWDFDEVICE_INIT) => void, initDeviceInit = true): void {
  const host = new TestHost();
  const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
      if (initDeviceInit) expect(X.SerCx2InitializeDeviceInit(DeviceInit)).toBe(W.STATUS_SUCCESS);
      const device = new Out<W.WDFDEVICE | null>(null);
      const s = W.WdfDeviceCreate(DeviceInit, null, device);
      if (W.NT_SUCCESS(s)) probe(device.value!, DeviceInit);
      return s;
    });
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  };
  host.loadDriver(DriverEntry, { name: 'probe' });
  host.addDevice(host.drivers[0]!, {});
}

const noop = () => W.STATUS_SUCCESS;
const config = (): X.SERCX2_CONFIG => {
  const c = {} as X.SERCX2_CONFIG;
  X.SERCX2_CONFIG_INIT(c, noop, noop, () => {});
  return c;
};

describe('SerCx2 init and create: documented statuses', () => {
  it('SerCx2InitializeDevice without SerCx2InitializeDeviceInit, with a bad Size, missing callbacks, twice', () => {
    inDeviceAdd((Device) => expect(X.SerCx2InitializeDevice(Device, config())).toBe(W.STATUS_INVALID_DEVICE_REQUEST), false);
    inDeviceAdd((Device) => {
      expect(X.SerCx2InitializeDevice(Device, { ...config(), Size: 8 })).toBe(W.STATUS_INFO_LENGTH_MISMATCH);
      expect(X.SerCx2InitializeDevice(Device, { ...config(), EvtSerCx2ApplyConfig: null })).toBe(W.STATUS_INVALID_PARAMETER);
      expect(X.SerCx2InitializeDevice(Device, { ...config(), EvtSerCx2FileOpen: noop })).toBe(W.STATUS_INVALID_PARAMETER); // FileOpen needs FileClose
      const attrs = W.newObjectAttributes();
      attrs.ParentObject = Device;
      expect(X.SerCx2InitializeDevice(Device, { ...config(), RequestAttributes: attrs })).toBe(W.STATUS_INVALID_PARAMETER);
      expect(X.SerCx2InitializeDevice(Device, config())).toBe(W.STATUS_SUCCESS);
      expect(X.SerCx2InitializeDevice(Device, config())).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
    });
  });

  it('the create order: PIO first; DMA and custom exclusive of each other; one object of a kind', () => {
    const seen: Record<string, number> = {};
    pioRig({
      afterCreate: (Device, ctx: PIO_CONTEXT) => {
        const pio = {} as X.SERCX2_PIO_RECEIVE_CONFIG;
        X.SERCX2_PIO_RECEIVE_CONFIG_INIT(pio, () => 0, () => {}, () => true);
        seen.pioTwice = X.SerCx2PioReceiveCreate(Device, pio, null, new Out<X.SERCX2PIORECEIVE | null>(null));
        const cr = {} as X.SERCX2_CUSTOM_RECEIVE_CONFIG;
        X.SERCX2_CUSTOM_RECEIVE_CONFIG_INIT(cr);
        seen.customBadSize = X.SerCx2CustomReceiveCreate(Device, { ...cr, Size: 4 }, null, new Out<X.SERCX2CUSTOMRECEIVE | null>(null));
        seen.customExclusive = X.SerCx2CustomReceiveCreate(Device, { ...cr, Exclusive: true, Alignment: 4 }, null, new Out<X.SERCX2CUSTOMRECEIVE | null>(null));
        const custom = new Out<X.SERCX2CUSTOMRECEIVE | null>(null);
        seen.custom = X.SerCx2CustomReceiveCreate(Device, cr, null, custom);
        seen.customTwice = X.SerCx2CustomReceiveCreate(Device, cr, null, new Out<X.SERCX2CUSTOMRECEIVE | null>(null));
        const rt = {} as X.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG;
        X.SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_INIT(rt, () => {}, null, null as never);
        seen.txnNoQuery = X.SerCx2CustomReceiveTransactionCreate(custom.value!, rt, null, new Out<X.SERCX2CUSTOMRECEIVETRANSACTION | null>(null));
        const dma = {} as X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG;
        X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT(dma, 1024, 0x4600_0000, W.Width8Bits, W.CmDmaDescriptor(0, 1));
        seen.dmaWithCustom = X.SerCx2SystemDmaReceiveCreate(Device, dma, null, new Out<X.SERCX2SYSTEMDMARECEIVE | null>(null));
        void ctx;
      },
    }, false);
    expect(seen).toEqual({
      pioTwice: W.STATUS_INVALID_DEVICE_REQUEST,
      customBadSize: W.STATUS_INFO_LENGTH_MISMATCH,
      customExclusive: W.STATUS_INVALID_PARAMETER,
      custom: W.STATUS_SUCCESS,
      customTwice: W.STATUS_INVALID_DEVICE_REQUEST,
      txnNoQuery: W.STATUS_INVALID_PARAMETER,
      dmaWithCustom: W.STATUS_INVALID_DEVICE_REQUEST,
    });
  });

  it('DMA before PIO; PIO without its required callbacks; drain callbacks all or none', () => {
    inDeviceAdd((Device) => {
      expect(X.SerCx2InitializeDevice(Device, config())).toBe(W.STATUS_SUCCESS);
      const dma = {} as X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG;
      X.SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT(dma, 1024, 0x4600_0000, W.Width8Bits, W.CmDmaDescriptor(0, 1));
      expect(X.SerCx2SystemDmaReceiveCreate(Device, dma, null, new Out<X.SERCX2SYSTEMDMARECEIVE | null>(null))).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      const pio = {} as X.SERCX2_PIO_RECEIVE_CONFIG;
      X.SERCX2_PIO_RECEIVE_CONFIG_INIT(pio, () => 0, () => {}, () => true);
      expect(X.SerCx2PioReceiveCreate(Device, { ...pio, EvtSerCx2PioReceiveReadBuffer: null }, null, new Out<X.SERCX2PIORECEIVE | null>(null))).toBe(W.STATUS_INVALID_PARAMETER);
      const tx = {} as X.SERCX2_PIO_TRANSMIT_CONFIG;
      X.SERCX2_PIO_TRANSMIT_CONFIG_INIT(tx, () => 0, () => {}, () => true);
      expect(X.SerCx2PioTransmitCreate(Device, { ...tx, EvtSerCx2PioTransmitDrainFifo: () => {} }, null, new Out<X.SERCX2PIOTRANSMIT | null>(null))).toBe(W.STATUS_INVALID_PARAMETER);
    });
  });
});

describe('SerCx2 verifier stops', () => {
  it('a notification nobody enabled: 0x10D / WDF_VERIFIER_FATAL_ERROR naming SerCx2PioReceiveReady and the rule', () => {
    const r = pioRig();
    const e = bugcheck(() => r.host.call(r.driver, () => X.SerCx2PioReceiveReady(r.ctx.PioReceive!)));
    expect([e.code, e.subcode, e.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_VERIFIER_FATAL_ERROR, 'SerCx2PioReceiveReady']);
    expect(e.object).toMatch(/^SERCX2PIORECEIVE 0x/);
    expect(e.rule).toMatch(/only after EvtSerCx2PioReceiveEnableReadyNotification enabled the ready notification/);
    expect(r.host.kernel.halted).toBe(true);
  });

  it('a *Complete with nothing pending: SerCx2PioTransmitPurgeFifoComplete', () => {
    const r = pioRig();
    const e = bugcheck(() => r.host.call(r.driver, () => X.SerCx2PioTransmitPurgeFifoComplete(r.ctx.PioTransmit!, 0)));
    expect([e.subcode, e.ddi]).toEqual([W.WDF_VERIFIER_FATAL_ERROR, 'SerCx2PioTransmitPurgeFifoComplete']);
    expect(e.rule).toMatch(/only in response to EvtSerCx2PioTransmitPurgeFifo/);
  });

  it('the wrong handle type or NULL: KMDF\'s WDF_INVALID_HANDLE / WDF_REQUIRED_PARAMETER_IS_NULL naming the SerCx2 DDI', () => {
    const r = pioRig();
    const wrong = bugcheck(() => r.host.call(r.driver, () => X.SerCx2PioReceiveReady(r.ctx.PioTransmit as unknown as X.SERCX2PIORECEIVE)));
    expect([wrong.subcode, wrong.ddi]).toEqual([W.WDF_INVALID_HANDLE, 'SerCx2PioReceiveReady']);
    expect(wrong.rule).toBe('SerCx2PioReceiveReady needs a SERCX2PIORECEIVE handle, but was given a SERCX2PIOTRANSMIT.');
    const r2 = pioRig();
    const nul = bugcheck(() => r2.host.call(r2.driver, () => X.SerCx2SystemDmaReceiveNewDataNotification(null as unknown as X.SERCX2SYSTEMDMARECEIVE)));
    expect([nul.subcode, nul.ddi]).toEqual([W.WDF_REQUIRED_PARAMETER_IS_NULL, 'SerCx2SystemDmaReceiveNewDataNotification']);
  });

  it('a ReadBuffer that claims more bytes than it was given room for', () => {
    const r = pioRig();
    r.uart.receive([1]);
    // A driver bug: report one byte more than asked.
    const pio = r.ctx.PioReceive!;
    const o = pio as unknown as { config: X.SERCX2_PIO_RECEIVE_CONFIG };
    o.config.EvtSerCx2PioReceiveReadBuffer = (_h, _b, Length) => Length + 1;
    const e = bugcheck(() => r.host.runUntilComplete(r.port.read(4)));
    expect([e.subcode, e.ddi]).toEqual([W.WDF_VERIFIER_FATAL_ERROR, 'EvtSerCx2PioReceiveReadBuffer']);
    expect(e.rule).toMatch(/must return the number of bytes it moved, 0\.\.4 .* it returned 5/);
  });

  it('SerCx2CompleteWait on a device SerCx2 does not manage', () => {
    let device: W.WDFDEVICE | null = null;
    const host = new TestHost();
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const c = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(c, (_D, DeviceInit) => {
        const out = new Out<W.WDFDEVICE | null>(null);
        const s = W.WdfDeviceCreate(DeviceInit, null, out);
        device = out.value;
        return s;
      });
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, c, null);
    };
    const driver = host.loadDriver(DriverEntry, { name: 'plain' });
    host.addDevice(driver, {}).startOrThrow();
    const e = bugcheck(() => host.call(driver, () => X.SerCx2CompleteWait(device!, X.SERIAL_EV_ERR)));
    expect([e.subcode, e.ddi]).toEqual([W.WDF_VERIFIER_FATAL_ERROR, 'SerCx2CompleteWait']);
  });
});
