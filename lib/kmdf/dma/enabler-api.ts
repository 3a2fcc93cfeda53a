// WDFDMAENABLER DDIs for the system profiles (KMDF-SYSTEM-DMA.md B.1; FX-ENAPI fxdmaenablerapi.cpp; DDI pages
// WdfDmaEnablerCreate, WdfDmaEnablerConfigureSystemProfile, WdfDmaEnablerWdmGetDmaAdapter,
// WdfDmaEnablerGetMaximumLength, WdfDmaEnablerGetFragmentLength, WdfDmaEnablerSet/GetMaximumScatterGatherElements).
// Bus-master profiles are not modelled: WdfDmaEnablerCreate answers STATUS_NOT_SUPPORTED for them.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDEVICE, WDFDMAENABLER } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { describeValue, fxCallbackFields, fxInteger, fxOut, fxStruct, fxUnsigned, fxWrongType } from '../verifier/arguments.js';
import {
  NT_SUCCESS,
  KeGetCurrentIrql,
  PASSIVE_LEVEL,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_SUPPORTED,
  STATUS_SUCCESS,
  STATUS_WDF_OBJECT_ATTRIBUTES_INVALID,
  type DMA_ADAPTER,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import { FxDevice } from '../device/device.js';
import { FxDmaEnabler } from './enabler.js';
import {
  WdfDmaProfileMaximum,
  WdfDmaProfileSystem,
  WdfDmaProfileSystemDuplex,
  WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER,
  WDF_DMA_ENABLER_CONFIG_SIZE,
  WDF_DMA_SYSTEM_PROFILE_CONFIG_SIZE,
  type WDF_DMA_DIRECTION,
  type WDF_DMA_ENABLER_CONFIG,
  type WDF_DMA_SYSTEM_PROFILE_CONFIG,
} from './dma-types.js';

const ENABLER_CALLBACKS = [
  'EvtDmaEnablerFill',
  'EvtDmaEnablerFlush',
  'EvtDmaEnablerDisable',
  'EvtDmaEnablerEnable',
  'EvtDmaEnablerSelfManagedIoStart',
  'EvtDmaEnablerSelfManagedIoStop',
] as const;

const enablerOf = (h: WDFDMAENABLER, ddi: string): FxDmaEnabler => fxResolve(h, FxDmaEnabler, ddi, 'WDFDMAENABLER');

/**
 * WdfDmaEnablerCreate(Device, Config, Attributes, DmaEnablerHandle).
 * @partial the system profiles only (WdfDmaProfileSystem, WdfDmaProfileSystemDuplex): the bus-master profiles answer
 * STATUS_NOT_SUPPORTED.
 */
export function WdfDmaEnablerCreate(
  Device: WDFDEVICE,
  config: WDF_DMA_ENABLER_CONFIG,
  attributesGiven: WDF_OBJECT_ATTRIBUTES | null,
  DmaEnablerHandle: Out<WDFDMAENABLER | null>,
): NTSTATUS {
  const ddi = 'WdfDmaEnablerCreate';
  const device = fxResolve(Device, FxDevice, ddi, 'WDFDEVICE');
  const g = device.globals;
  const Config = { ...fxStruct(g, ddi, 'Config', 2, config, device) };
  const out = fxOut(g, ddi, 'DmaEnablerHandle', 4, DmaEnablerHandle, device);
  if (KeGetCurrentIrql() > PASSIVE_LEVEL && g.options.verifier) {
    g.verifierBreak(ddi, device.describe(), null, 'WdfDmaEnablerCreate must be called at PASSIVE_LEVEL.');
    return STATUS_INVALID_DEVICE_REQUEST;
  }
  const validated = fxObjectAttributes(g, ddi, 3, attributesGiven, device);
  if (!NT_SUCCESS(validated.status)) return validated.status;
  const Attributes = validated.attributes;
  if (Config.Size !== WDF_DMA_ENABLER_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  // The scalar fields are C integers (size_t, ULONG); the callbacks NULL or functions.
  Config.MaximumLength = fxUnsigned(g, ddi, 'Config->MaximumLength', 2, Config.MaximumLength ?? 0, Number.MAX_SAFE_INTEGER, device);
  Config.AddressWidthOverride = fxUnsigned(g, ddi, 'Config->AddressWidthOverride', 2, Config.AddressWidthOverride ?? 0, 0xffff_ffff, device);
  Config.WdmDmaVersionOverride = fxUnsigned(g, ddi, 'Config->WdmDmaVersionOverride', 2, Config.WdmDmaVersionOverride ?? 0, 0xffff_ffff, device);
  Config.Flags = fxUnsigned(g, ddi, 'Config->Flags', 2, Config.Flags ?? 0, 0xffff_ffff, device);
  fxCallbackFields(g, ddi, 'Config', 2, Config, ENABLER_CALLBACKS, device);
  for (const f of ENABLER_CALLBACKS) Config[f] ??= null;
  if (!(Config.Profile > 0 && Config.Profile < WdfDmaProfileMaximum)) return STATUS_INVALID_PARAMETER;
  if (Config.MaximumLength === 0) return STATUS_INVALID_PARAMETER;
  const system = Config.Profile === WdfDmaProfileSystem || Config.Profile === WdfDmaProfileSystemDuplex;
  // TODO(accuracy): bus-master profiles are not modelled by this project.
  if (!system) return STATUS_NOT_SUPPORTED;
  if (Config.AddressWidthOverride !== 0) {
    g.verifierBreak(ddi, device.describe(), null, 'AddressWidthOverride is not allowed with a system profile.');
    return STATUS_INVALID_PARAMETER;
  }
  if (Config.WdmDmaVersionOverride !== 0 && Config.WdmDmaVersionOverride < 3) {
    g.verifierBreak(ddi, device.describe(), null, 'System profiles need DMA version 3 (WdmDmaVersionOverride < 3).');
    return STATUS_INVALID_PARAMETER;
  }
  if ((Config.Flags & WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER) !== 0 && g.options.kmdfVersion.minor < 19) {
    return STATUS_INVALID_PARAMETER;
  }
  let parent: FxObject = device;
  const parentHandle = Attributes?.ParentObject ?? null;
  if (parentHandle) {
    const p = fxResolve(parentHandle, FxObject, ddi, 'WDFOBJECT');
    const underDevice = p.findAncestor((o): o is FxDevice => o === device) !== null;
    if (underDevice) parent = p;
    else if (!g.options.docs.enablerIgnoresNonDeviceParent && g.options.kmdfVersion.minor >= 11) {
      return STATUS_WDF_OBJECT_ATTRIBUTES_INVALID;
    }
  }
  const enabler = new FxDmaEnabler(device, Config);
  enabler.commit(Attributes, parent);
  device.dmaEnablers.push(enabler);
  out.value = enabler.handle;
  return STATUS_SUCCESS;
}

/**
 * WdfDmaEnablerConfigureSystemProfile(DmaEnabler, ProfileConfig, ConfigDirection) in B.1's validation order. A
 * ProfileConfig or DmaDescriptor that is not NULL but no structure, a DmaDescriptor without its u.Dma union, or a
 * DeviceAddress that is no PHYSICAL_ADDRESS is 0x10D / WDF_VERIFIER_FATAL_ERROR (verifier/arguments.ts); the
 * configuration is copied once, so the adapter is built from what was checked.
 */
export function WdfDmaEnablerConfigureSystemProfile(
  DmaEnabler: WDFDMAENABLER,
  profileConfig: WDF_DMA_SYSTEM_PROFILE_CONFIG | null,
  ConfigDirection: WDF_DMA_DIRECTION,
): NTSTATUS {
  const ddi = 'WdfDmaEnablerConfigureSystemProfile';
  const e = enablerOf(DmaEnabler, ddi);
  const g = e.globals;
  if (profileConfig === null || profileConfig === undefined) {
    g.verifierBreak(ddi, e.describe(), null, 'ProfileConfig must not be NULL.');
    return STATUS_INVALID_PARAMETER;
  }
  const ProfileConfig = { ...fxStruct(g, ddi, 'ProfileConfig', 2, profileConfig, e) };
  if (ProfileConfig.Size !== WDF_DMA_SYSTEM_PROFILE_CONFIG_SIZE) {
    g.verifierBreak(ddi, e.describe(), null, 'ProfileConfig->Size is not sizeof(WDF_DMA_SYSTEM_PROFILE_CONFIG).');
    return STATUS_INFO_LENGTH_MISMATCH;
  }
  const descriptor = ProfileConfig.DmaDescriptor;
  if (descriptor === null || descriptor === undefined) {
    g.verifierBreak(ddi, e.describe(), null, 'ProfileConfig->DmaDescriptor must not be NULL.');
    return STATUS_INVALID_PARAMETER;
  }
  const dma = typeof descriptor === 'object' ? (descriptor as { u?: { Dma?: { Channel?: unknown; Port?: unknown } } }).u?.Dma : undefined;
  if (typeof dma !== 'object' || dma === null) {
    fxWrongType(g, ddi, 'ProfileConfig->DmaDescriptor', 2, descriptor, 'a CM_PARTIAL_RESOURCE_DESCRIPTOR (with its u.Dma union)', e);
  }
  ProfileConfig.DeviceAddress = fxInteger(g, ddi, 'ProfileConfig->DeviceAddress', 2, ProfileConfig.DeviceAddress, e);
  ProfileConfig.DemandMode = !!ProfileConfig.DemandMode;
  ProfileConfig.LoopedTransfer = !!ProfileConfig.LoopedTransfer;
  if (!FxDmaEnabler.isDirection(ConfigDirection)) return STATUS_INVALID_PARAMETER;
  if (e.isConfigured(ConfigDirection)) {
    g.verifierBreak(
      ddi,
      e.describe(),
      null,
      e.duplex
        ? 'This direction of the duplex enabler is already configured.'
        : 'A simplex enabler is configured once; its one adapter serves both directions.',
    );
    return STATUS_INVALID_PARAMETER;
  }
  return e.configureSystemAdapter(ProfileConfig, ConfigDirection);
}

/** WdfDmaEnablerWdmGetDmaAdapter(DmaEnabler, DmaDirection): NULL before configuration or for a bad direction. */
export function WdfDmaEnablerWdmGetDmaAdapter(DmaEnabler: WDFDMAENABLER, DmaDirection: WDF_DMA_DIRECTION): DMA_ADAPTER | null {
  const ddi = 'WdfDmaEnablerWdmGetDmaAdapter';
  const e = enablerOf(DmaEnabler, ddi);
  if (!FxDmaEnabler.isDirection(DmaDirection)) {
    e.globals.verifierBreak(ddi, e.describe(), null, `DmaDirection is ${describeValue(DmaDirection)}, not a WDF_DMA_DIRECTION.`);
    return null;
  }
  return e.description(DmaDirection)?.adapter ?? null;
}

/** WdfDmaEnablerGetMaximumLength: the MaximumLength of the read description (0 until it is configured). */
export function WdfDmaEnablerGetMaximumLength(DmaEnabler: WDFDMAENABLER): number {
  const e = enablerOf(DmaEnabler, 'WdfDmaEnablerGetMaximumLength');
  return e.read ? e.read.deviceDescription.MaximumLength : 0;
}

/** WdfDmaEnablerGetFragmentLength(DmaEnabler, DmaDirection): min(MaximumLength, (NMR−1)·PAGE_SIZE). */
export function WdfDmaEnablerGetFragmentLength(DmaEnabler: WDFDMAENABLER, DmaDirection: WDF_DMA_DIRECTION): number {
  const ddi = 'WdfDmaEnablerGetFragmentLength';
  const e = enablerOf(DmaEnabler, ddi);
  if (!FxDmaEnabler.isDirection(DmaDirection)) {
    e.globals.verifierBreak(ddi, e.describe(), null, `DmaDirection is ${describeValue(DmaDirection)}, not a WDF_DMA_DIRECTION.`);
    return 0;
  }
  return e.description(DmaDirection)?.maximumFragmentLength ?? 0;
}

/** WdfDmaEnablerSetMaximumScatterGatherElements: 0 is ignored; for system DMA only single-transfer checks use it. */
export function WdfDmaEnablerSetMaximumScatterGatherElements(DmaEnabler: WDFDMAENABLER, MaximumFragments: number): void {
  const ddi = 'WdfDmaEnablerSetMaximumScatterGatherElements';
  const e = enablerOf(DmaEnabler, ddi);
  const n = fxUnsigned(e.globals, ddi, 'MaximumFragments', 2, MaximumFragments, Number.MAX_SAFE_INTEGER, e);
  if (KeGetCurrentIrql() > PASSIVE_LEVEL && e.globals.options.verifier) {
    e.globals.verifierBreak(ddi, e.describe(), null, `${ddi} must be called at PASSIVE_LEVEL; the call is ignored.`);
    return;
  }
  if (n === 0) return;
  e.maxSGElements = Math.min(n, 0xffffffff);
}

/** The most scatter/gather elements one transfer of the enabler may have. */
export function WdfDmaEnablerGetMaximumScatterGatherElements(DmaEnabler: WDFDMAENABLER): number {
  return enablerOf(DmaEnabler, 'WdfDmaEnablerGetMaximumScatterGatherElements').maxSGElements;
}
