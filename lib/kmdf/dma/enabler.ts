// FxDmaEnabler for the system profiles (KMDF-SYSTEM-DMA.md A.1, A.5, B.1; FX-EN fxdmaenabler.cpp
// ConfigureSystemAdapter / InitializeResources / PowerUp / PowerDown). Creation obtains no adapter; each
// ConfigureSystemProfile call builds a v3 DEVICE_DESCRIPTION from the CM DMA descriptor (u.Dma.Channel → DmaChannel,
// u.Dma.Port → DmaRequestLine) and gets one adapter. Simplex: one description for both directions (any second
// configure fails); duplex: one per direction. One shared SG-list buffer per enabler.
import { FxObject } from '../object/fx-object.js';
import type { WDFDMAENABLER } from '../object/handles.js';
import {
  Out,
  IoGetDmaAdapter,
  NT_SUCCESS,
  PAGE_SIZE,
  STATUS_SUCCESS,
  type DEVICE_DESCRIPTION,
  type DMA_ADAPTER,
  type NTSTATUS,
  type SCATTER_GATHER_LIST,
} from '../fx/hal.js';
import type { FxDevice, FxDevicePowerParticipant } from '../device/device.js';
import {
  WdfDmaDirectionReadFromDevice,
  WdfDmaDirectionWriteToDevice,
  WdfDmaProfileSystemDuplex,
  WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER,
  WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS,
  type WDF_DMA_DIRECTION,
  type WDF_DMA_ENABLER_CONFIG,
  type WDF_DMA_SYSTEM_PROFILE_CONFIG,
} from './dma-types.js';

/** One configured direction (FxDmaDescription in FX-EN-H). */
export interface FxDmaDescription {
  readonly deviceDescription: DEVICE_DESCRIPTION;
  readonly adapter: DMA_ADAPTER;
  /** NumberOfMapRegisters the HAL granted. */
  readonly nmr: number;
  /** min(MaximumLength, (NMR − 1) · PAGE_SIZE). */
  readonly maximumFragmentLength: number;
  /** SG-list buffer size for this direction: header + NMR elements. */
  readonly sgListSize: number;
  readonly profileConfig: Readonly<WDF_DMA_SYSTEM_PROFILE_CONFIG>;
}

/** Sizes used for the preallocated SG list (x64 SCATTER_GATHER_LIST header and element). */
export const SG_LIST_HEADER_SIZE = 16;
export const SG_ELEMENT_SIZE = 24;

type PowerStep = 'Fill' | 'Enable' | 'SelfManagedIoStart' | null;

export class FxDmaEnabler extends FxObject implements FxDevicePowerParticipant {
  readonly typeName = 'WDFDMAENABLER';
  readonly duplex: boolean;
  readonly maximumLength: number;
  /** Simplex: both point at the one description once configured. */
  read: FxDmaDescription | null = null;
  write: FxDmaDescription | null = null;
  sgList: SCATTER_GATHER_LIST | null = null;
  sgListSize = 0;
  maxSGElements = WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS;
  readonly requireSingleTransfer: boolean;
  private powerFailedAt: PowerStep = null;

  constructor(
    readonly device: FxDevice,
    readonly config: WDF_DMA_ENABLER_CONFIG,
  ) {
    super(device.globals);
    this.duplex = config.Profile === WdfDmaProfileSystemDuplex;
    this.maximumLength = config.MaximumLength;
    this.requireSingleTransfer = (config.Flags & WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER) !== 0;
  }

  override get handle(): WDFDMAENABLER {
    return this as unknown as WDFDMAENABLER;
  }

  /** The description a direction uses (simplex ignores the direction); null when not configured. */
  description(direction: WDF_DMA_DIRECTION): FxDmaDescription | null {
    if (!this.duplex) return this.read;
    return direction === WdfDmaDirectionWriteToDevice ? this.write : this.read;
  }

  static isDirection(direction: number): boolean {
    return direction === WdfDmaDirectionReadFromDevice || direction === WdfDmaDirectionWriteToDevice;
  }

  /** Whether ConfigureSystemProfile already gave this direction an adapter. */
  isConfigured(direction: WDF_DMA_DIRECTION): boolean {
    return this.description(direction) !== null;
  }

  /** FX-EN ConfigureSystemAdapter + InitializeResources for one direction. Validation is done by the caller. */
  configureSystemAdapter(cfg: WDF_DMA_SYSTEM_PROFILE_CONFIG, direction: WDF_DMA_DIRECTION): NTSTATUS {
    const descriptor = cfg.DmaDescriptor!;
    const deviceDescription: DEVICE_DESCRIPTION = {
      Version: 3,
      Master: false,
      ScatterGather: false,
      DemandMode: cfg.DemandMode,
      AutoInitialize: cfg.LoopedTransfer,
      Dma32BitAddresses: false,
      IgnoreCount: false,
      Reserved1: false,
      Dma64BitAddresses: false,
      BusNumber: 0,
      DmaChannel: descriptor.u.Dma.Channel,
      InterfaceType: 0,
      DmaWidth: cfg.DmaWidth,
      DmaSpeed: 0,
      MaximumLength: this.maximumLength,
      DmaPort: 0,
      DmaAddressWidth: 0,
      DmaControllerInstance: 0,
      DmaRequestLine: descriptor.u.Dma.Port,
      DeviceAddress: cfg.DeviceAddress,
    } as DEVICE_DESCRIPTION;
    const nmrBox = new Out(0);
    const adapter = IoGetDmaAdapter(this.device.deviceObject, deviceDescription, nmrBox);
    if (!adapter) return 0xc0000001; // STATUS_UNSUCCESSFUL (F.11)
    const nmr = nmrBox.value;
    const description: FxDmaDescription = {
      deviceDescription,
      adapter,
      nmr,
      maximumFragmentLength: Math.min(this.maximumLength, Math.max(0, nmr - 1) * PAGE_SIZE),
      sgListSize: SG_LIST_HEADER_SIZE + nmr * SG_ELEMENT_SIZE,
      profileConfig: { ...cfg },
    };
    if (!this.duplex) {
      this.read = description;
      this.write = description;
    } else if (direction === WdfDmaDirectionWriteToDevice) {
      this.write = description;
    } else {
      this.read = description;
    }
    // The shared system SG list: simplex size, or for duplex the largest configured direction.
    if (description.sgListSize > this.sgListSize) {
      this.sgListSize = description.sgListSize;
      this.sgList = { NumberOfElements: 0, Reserved: 0, Elements: [] } as unknown as SCATTER_GATHER_LIST;
    }
    return STATUS_SUCCESS;
  }

  // ---- A.5 power callbacks ----
  powerUp(): NTSTATUS {
    const c = this.config;
    this.powerFailedAt = null;
    const steps: [PowerStep, ((e: WDFDMAENABLER) => NTSTATUS) | null, string][] = [
      ['Fill', c.EvtDmaEnablerFill, 'EvtDmaEnablerFill'],
      ['Enable', c.EvtDmaEnablerEnable, 'EvtDmaEnablerEnable'],
      ['SelfManagedIoStart', c.EvtDmaEnablerSelfManagedIoStart, 'EvtDmaEnablerSelfManagedIoStart'],
    ];
    for (const [step, cb, name] of steps) {
      if (!cb) continue;
      const status = this.globals.callDriver(name, () => cb(this.handle));
      if (!NT_SUCCESS(status)) {
        this.powerFailedAt = step;
        return status;
      }
    }
    return STATUS_SUCCESS;
  }

  powerDown(): NTSTATUS {
    const c = this.config;
    let result: NTSTATUS = STATUS_SUCCESS;
    const run = (cb: ((e: WDFDMAENABLER) => NTSTATUS) | null, name: string): void => {
      if (!cb) return;
      const status = this.globals.callDriver(name, () => cb(this.handle));
      if (!NT_SUCCESS(status) && NT_SUCCESS(result)) result = status;
    };
    const failed = this.powerFailedAt;
    run(c.EvtDmaEnablerSelfManagedIoStop, 'EvtDmaEnablerSelfManagedIoStop');
    if (failed !== 'Fill') run(c.EvtDmaEnablerDisable, 'EvtDmaEnablerDisable');
    if (failed !== 'Fill' && failed !== 'Enable') run(c.EvtDmaEnablerFlush, 'EvtDmaEnablerFlush');
    this.powerFailedAt = null;
    return result;
  }

  /** Dispose: the adapters are released (PutDmaAdapter) and the enabler leaves the device's list. */
  protected override dispose(): void {
    const seen = new Set<DMA_ADAPTER>();
    for (const d of [this.read, this.write]) {
      if (d && !seen.has(d.adapter)) {
        seen.add(d.adapter);
        d.adapter.DmaOperations.PutDmaAdapter(d.adapter);
      }
    }
    this.read = this.write = null;
    const i = this.device.dmaEnablers.indexOf(this);
    if (i >= 0) this.device.dmaEnablers.splice(i, 1);
  }
}
