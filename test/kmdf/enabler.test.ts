// Enabler power callbacks (KMDF-SYSTEM-DMA.md A.5) and common buffers (A.1 WDFCOMMONBUFFER).
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { TestHost } from '../../lib/host/index.js';
import { Harness } from './fixtures/harness.js';

function powerDriver(log: string[], failAt?: string) {
  const cb = (name: string) => () => (log.push(name), name === failAt ? W.STATUS_UNSUCCESSFUL : W.STATUS_SUCCESS);
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (_Driver, DeviceInit) => {
    const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
    W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
    pnp.EvtDeviceD0Entry = cb('D0Entry');
    pnp.EvtDeviceD0Exit = cb('D0Exit');
    W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
    const device = new Out<W.WDFDEVICE | null>(null);
    W.WdfDeviceCreate(DeviceInit, null, device);
    const config = {} as W.WDF_DMA_ENABLER_CONFIG;
    W.WDF_DMA_ENABLER_CONFIG_INIT(config, W.WdfDmaProfileSystem, 4096);
    config.EvtDmaEnablerFill = cb('Fill');
    config.EvtDmaEnablerEnable = cb('Enable');
    config.EvtDmaEnablerSelfManagedIoStart = cb('SelfManagedIoStart');
    config.EvtDmaEnablerSelfManagedIoStop = cb('SelfManagedIoStop');
    config.EvtDmaEnablerDisable = cb('Disable');
    config.EvtDmaEnablerFlush = cb('Flush');
    return W.WdfDmaEnablerCreate(device.value!, config, null, new Out<W.WDFDMAENABLER | null>(null));
  };
  return ((DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  }) as W.DRIVER_INITIALIZE;
}

describe('DMA enabler', () => {
  it('A.5: D0 entry runs Fill, Enable, SelfManagedIoStart after D0Entry; exit runs SelfManagedIoStop, Disable, Flush before D0Exit', () => {
    const log: string[] = [];
    const host = new TestHost();
    const device = host.addDevice(host.loadDriver(powerDriver(log)), {});
    device.startOrThrow();
    device.remove();
    expect(log).toEqual(['D0Entry', 'Fill', 'Enable', 'SelfManagedIoStart', 'SelfManagedIoStop', 'Disable', 'Flush', 'D0Exit']);
  });

  it('A.5: a failed Enable stops power-up; on the way down Flush is skipped', () => {
    const log: string[] = [];
    const host = new TestHost();
    const device = host.addDevice(host.loadDriver(powerDriver(log, 'Enable')), {});
    expect(device.start()).toBe(W.STATUS_UNSUCCESSFUL);
    expect(log).toEqual(['D0Entry', 'Fill', 'Enable']);
  });

  it('common buffer: physically contiguous, aligned as asked, its getters, freed with the enabler', () => {
    const h = new Harness();
    h.call(() => {
      const cb = new Out<W.WDFCOMMONBUFFER | null>(null);
      expect(W.WdfCommonBufferCreate(h.writeEnabler, 0, null, cb)).toBe(W.STATUS_INVALID_PARAMETER);
      expect(W.WdfCommonBufferCreate(h.writeEnabler, 8192, null, cb)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfCommonBufferGetLength(cb.value!)).toBe(8192);
      const va = W.WdfCommonBufferGetAlignedVirtualAddress(cb.value!);
      const la = W.WdfCommonBufferGetAlignedLogicalAddress(cb.value!);
      expect(h.host.kernel.memory.physicalAddressOf(va + 5000)).toBe(la + 5000);
      const config = {} as W.WDF_COMMON_BUFFER_CONFIG;
      W.WDF_COMMON_BUFFER_CONFIG_INIT(config, 0xffff);
      const aligned = new Out<W.WDFCOMMONBUFFER | null>(null);
      expect(W.WdfCommonBufferCreateWithConfig(h.writeEnabler, 100, config, null, aligned)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfCommonBufferGetAlignedLogicalAddress(aligned.value!) % 0x10000).toBe(0);
      W.WdfObjectDelete(h.writeEnabler);
    });
    expect(h.host.kernel.halted).toBe(false);
  });
});
