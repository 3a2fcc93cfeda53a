// CM_PARTIAL_RESOURCE_DESCRIPTOR for DMA as in wdm.h: CmResourceTypeDma with the union members u.Dma and u.DmaV3 over
// the same storage (Dma.Channel = DmaV3.Channel, Dma.Port = DmaV3.RequestLine, the low byte of Dma.Reserved1 =
// DmaV3.TransferWidth), CM_RESOURCE_DMA_V3 in Flags; the host builds them from the DMA resources it is given, and
// KMDF's ConfigureSystemProfile takes channel and request line from them.
import { describe, expect, it } from 'vitest';
import { TestHost, buildResources } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';

describe('DMA resource descriptors', () => {
  it('the host builds version-3 DMA descriptors: u.DmaV3 and u.Dma are two views of one union', () => {
    const [d] = buildResources({ dma: [{ channel: 3, requestLine: 17, transferWidth: W.DMAV3_TRANSFER_WIDTH_32 }] });
    expect(d!.Type).toBe(W.CmResourceTypeDma);
    expect(d!.Flags & W.CM_RESOURCE_DMA_V3).toBe(W.CM_RESOURCE_DMA_V3);
    expect(d!.Flags & 0xff).toBe(W.CM_RESOURCE_DMA_32);
    expect({ ...d!.u.DmaV3 }).toEqual({ Channel: 3, RequestLine: 17, TransferWidth: 2, Reserved1: 0, Reserved2: 0, Reserved3: 0 });
    expect({ ...d!.u.Dma }).toEqual({ Channel: 3, Port: 17, Reserved1: 2 });
    // Writes through one view are seen through the other, as in C.
    d!.u.Dma.Port = 9;
    d!.u.DmaV3.Reserved2 = 0xab;
    expect(d!.u.DmaV3.RequestLine).toBe(9);
    expect(d!.u.Dma.Reserved1).toBe(0x00ab0002);
    expect(W.DMAV3_TRANSFER_WIDTH_BYTES(d!.u.DmaV3.TransferWidth)).toBe(4);
  });

  it('the default transfer width is 8-bit; a width outside DMAV3_TRANSFER_WIDTH_* is refused', () => {
    const [d] = buildResources({ dma: [{ channel: 0, requestLine: 1 }] });
    expect([d!.u.DmaV3.TransferWidth, d!.Flags]).toEqual([W.DMAV3_TRANSFER_WIDTH_8, W.CM_RESOURCE_DMA_V3 | W.CM_RESOURCE_DMA_8]);
    expect(() => buildResources({ dma: [{ channel: 0, requestLine: 1, transferWidth: 9 }] })).toThrow(/not a DMAV3_TRANSFER_WIDTH_\* value/);
  });

  it('a driver reads u.DmaV3 in EvtDevicePrepareHardware, and ConfigureSystemProfile binds the adapter from it', () => {
    const host = new TestHost();
    const seen: unknown[] = [];
    let enabler: W.WDFDMAENABLER | null = null;
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const config = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
        const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
        W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
        pnp.EvtDevicePrepareHardware = (Device, _Raw, Translated) => {
          const d = W.WdfCmResourceListGetDescriptor(Translated, 0)!;
          seen.push({ type: d.Type, v3: (d.Flags & W.CM_RESOURCE_DMA_V3) !== 0, ...d.u.DmaV3 });
          const ec = {} as W.WDF_DMA_ENABLER_CONFIG;
          W.WDF_DMA_ENABLER_CONFIG_INIT(ec, W.WdfDmaProfileSystem, 4096);
          const e = new W.Out<W.WDFDMAENABLER | null>(null);
          let s = W.WdfDmaEnablerCreate(Device, ec, null, e);
          if (!W.NT_SUCCESS(s)) return s;
          enabler = e.value;
          const pc = {} as W.WDF_DMA_SYSTEM_PROFILE_CONFIG;
          W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(pc, 0x5000_0000, W.Width16Bits, d);
          s = W.WdfDmaEnablerConfigureSystemProfile(enabler!, pc, W.WdfDmaDirectionReadFromDevice);
          return s;
        };
        W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
        return W.WdfDeviceCreate(DeviceInit, null, new W.Out<W.WDFDEVICE | null>(null));
      });
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
    };
    const driver = host.loadDriver(DriverEntry, { name: 'res' });
    host.addDevice(driver, { dma: [{ channel: 5, requestLine: 12, transferWidth: W.DMAV3_TRANSFER_WIDTH_16 }] }).startOrThrow();
    expect(seen).toEqual([{ type: W.CmResourceTypeDma, v3: true, Channel: 5, RequestLine: 12, TransferWidth: 1, Reserved1: 0, Reserved2: 0, Reserved3: 0 }]);
    const adapter = host.call(driver, () => W.WdfDmaEnablerWdmGetDmaAdapter(enabler!, W.WdfDmaDirectionReadFromDevice))!;
    expect(adapter.channel).toBe(5);
    expect(adapter.hal.requestLine).toBe(12);
  });
});
