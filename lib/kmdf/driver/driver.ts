// WDFDRIVER: WdfDriverCreate and WDF_DRIVER_CONFIG (wdfdriver.h; DDI pages WdfDriverCreate, WDF_DRIVER_CONFIG_INIT,
// EVT_WDF_DRIVER_DEVICE_ADD). DriverEntry(DriverObject, RegistryPath) is the driver's own function; the host calls it
// with a DRIVER_OBJECT that carries the kernel and the framework switches (lib/kmdf/README.md "Switches").
import { FxDriverGlobals } from '../fx/globals.js';
import type { WdfFrameworkOptions } from '../fx/options.js';
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFDRIVER } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import {
  Kernel,
  NT_SUCCESS,
  PASSIVE_LEVEL,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_INVALID_DEVICE_REQUEST,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';
import {
  describeValue,
  fxCallbackFields,
  fxMachineBugCheck,
  fxOptionalOut,
  fxStruct,
  fxWrongType,
  helperCallback,
  helperStruct,
} from '../verifier/arguments.js';
import { WDF_REQUIRED_PARAMETER_IS_NULL, WDF_VERIFIER_FATAL_ERROR } from '../verifier/bugcheck.js';
import type { PWDFDEVICE_INIT } from '../device/device-init.js';

/** EvtDriverDeviceAdd: the PnP manager found a device of this driver; create its framework device from DeviceInit. */
export type EVT_WDF_DRIVER_DEVICE_ADD = (Driver: WDFDRIVER, DeviceInit: PWDFDEVICE_INIT) => NTSTATUS;
/** EvtDriverUnload: the driver is being unloaded. */
export type EVT_WDF_DRIVER_UNLOAD = (Driver: WDFDRIVER) => void;

/** WdfDriverCreate's configuration: EvtDriverDeviceAdd, EvtDriverUnload, init flags and a pool tag. */
export interface WDF_DRIVER_CONFIG {
  Size: number;
  EvtDriverDeviceAdd: EVT_WDF_DRIVER_DEVICE_ADD | null;
  EvtDriverUnload: EVT_WDF_DRIVER_UNLOAD | null;
  DriverInitFlags: number;
  DriverPoolTag: number;
}

/** sizeof(WDF_DRIVER_CONFIG) in C, for the Size field. */
export const WDF_DRIVER_CONFIG_SIZE = 32;
/** WDF_DRIVER_CONFIG.DriverInitFlags: the driver is not a PnP driver (no EvtDriverDeviceAdd). */
export const WdfDriverInitNonPnpDriver = 0x1;
/** WDF_DRIVER_CONFIG.DriverInitFlags: the framework does not take over the driver's dispatch routines. */
export const WdfDriverInitNoDispatchOverride = 0x2;

/** Initializes WDF_DRIVER_CONFIG with the driver's EvtDriverDeviceAdd. */
export function WDF_DRIVER_CONFIG_INIT(config: WDF_DRIVER_CONFIG, EvtDriverDeviceAdd: EVT_WDF_DRIVER_DEVICE_ADD | null): void {
  helperStruct('WDF_DRIVER_CONFIG_INIT', 'Config', config);
  helperCallback('WDF_DRIVER_CONFIG_INIT', 'EvtDriverDeviceAdd', EvtDriverDeviceAdd, true);
  config.Size = WDF_DRIVER_CONFIG_SIZE;
  config.EvtDriverDeviceAdd = EvtDriverDeviceAdd;
  config.EvtDriverUnload = null;
  config.DriverInitFlags = 0;
  config.DriverPoolTag = 0;
}

/** The WDM DRIVER_OBJECT as the host hands it to DriverEntry (only what the framework reads). */
export interface DRIVER_OBJECT {
  readonly DriverName: string;
  /** The simulated machine the driver is loaded on. */
  readonly Kernel: Kernel;
  /** The framework switches for this driver (verifier, KMDF version, docs-vs-source choices). */
  readonly FrameworkOptions?: WdfFrameworkOptions;
  /** Set by WdfDriverCreate: the framework driver object. */
  WdfDriver?: FxDriver;
}
/** A pointer to a DRIVER_OBJECT (the same object here). */
export type PDRIVER_OBJECT = DRIVER_OBJECT;
/** DriverEntry: called with the driver object and its registry path; calls WdfDriverCreate and returns its status. */
export type DRIVER_INITIALIZE = (DriverObject: PDRIVER_OBJECT, RegistryPath: string) => NTSTATUS;

/** The framework's object behind a WDFDRIVER handle: its configuration, globals and devices. */
export class FxDriver extends FxObject {
  readonly typeName = 'WDFDRIVER';
  constructor(
    globals: FxDriverGlobals,
    readonly driverObject: DRIVER_OBJECT,
    readonly config: WDF_DRIVER_CONFIG,
  ) {
    super(globals);
    this.noDeleteDdi = true;
  }
}

const VALID_DRIVER_INIT_FLAGS = WdfDriverInitNonPnpDriver | WdfDriverInitNoDispatchOverride;

/**
 * WdfDriverCreate(DriverObject, RegistryPath, DriverAttributes, DriverConfig, Driver) in FX fxdriverapi.cpp's order:
 * DriverObject, RegistryPath and DriverConfig are required (0x10D / 0x4, raised on the machine the call runs on until
 * the driver's globals exist); DriverConfig->Size (STATUS_INFO_LENGTH_MISMATCH), DriverInitFlags
 * (STATUS_INVALID_PARAMETER), PASSIVE_LEVEL (STATUS_INVALID_DEVICE_REQUEST + VerifierBreak), the attributes; a second
 * call for the same DRIVER_OBJECT: STATUS_INVALID_DEVICE_STATE.
 */
export function WdfDriverCreate(
  DriverObject: PDRIVER_OBJECT,
  RegistryPath: string,
  DriverAttributes: WDF_OBJECT_ATTRIBUTES | null,
  DriverConfig: WDF_DRIVER_CONFIG,
  Driver: Out<WDFDRIVER | null> | null,
): NTSTATUS {
  const ddi = 'WdfDriverCreate';
  // No framework globals exist before this call: a bad DriverObject is reported on the current machine.
  if (DriverObject === null || DriverObject === undefined) {
    fxMachineBugCheck(WDF_REQUIRED_PARAMETER_IS_NULL, ddi, 'DriverObject is a required parameter and must not be NULL.');
  }
  if (typeof DriverObject !== 'object' || !(DriverObject.Kernel instanceof Kernel)) {
    fxMachineBugCheck(WDF_VERIFIER_FATAL_ERROR, ddi, `DriverObject is ${describeValue(DriverObject)}${typeof DriverObject === 'object' ? ' without the Kernel the host gives a DRIVER_OBJECT' : ''}, not the DRIVER_OBJECT DriverEntry was given.`, 1);
  }
  DriverObject.Kernel.assertRunning();
  if (DriverObject.WdfDriver) return STATUS_INVALID_DEVICE_STATE;
  const globals = new FxDriverGlobals(DriverObject.Kernel, DriverObject.FrameworkOptions);
  FxDriverGlobals.current = globals;
  if (RegistryPath === null || RegistryPath === undefined) fxStruct(globals, ddi, 'RegistryPath', 2, RegistryPath);
  if (typeof RegistryPath !== 'string') fxWrongType(globals, ddi, 'RegistryPath', 2, RegistryPath, 'a registry path (a UNICODE_STRING)');
  const config = { ...fxStruct(globals, ddi, 'DriverConfig', 4, DriverConfig) };
  const out = fxOptionalOut(globals, ddi, 'Driver', 5, Driver);
  if (config.Size !== WDF_DRIVER_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  const flags = config.DriverInitFlags ?? 0;
  if (typeof flags !== 'number' || !Number.isInteger(flags) || (flags & ~VALID_DRIVER_INIT_FLAGS) !== 0) return STATUS_INVALID_PARAMETER;
  fxCallbackFields(globals, ddi, 'DriverConfig', 4, config, ['EvtDriverDeviceAdd', 'EvtDriverUnload']);
  if (globals.kernel.irql > PASSIVE_LEVEL && globals.options.verifier) {
    globals.verifierBreak(ddi, null, null, 'WdfDriverCreate must be called at PASSIVE_LEVEL.');
    return STATUS_INVALID_DEVICE_REQUEST;
  }
  const { status, attributes } = fxObjectAttributes(globals, ddi, 3, DriverAttributes, null, {
    parent: 'not-allowed',
    executionLevel: true,
    synchronizationScope: true,
  });
  if (!NT_SUCCESS(status)) return status;
  config.EvtDriverDeviceAdd ??= null;
  config.EvtDriverUnload ??= null;
  const driver = new FxDriver(globals, DriverObject, config);
  driver.commit(attributes, null);
  DriverObject.WdfDriver = driver;
  if (out) out.value = driver.handle as WDFDRIVER;
  return STATUS_SUCCESS;
}

/** WdfGetDriver() is per-driver global state in C; here: the driver of the code running now. */
export function WdfDriverWdmGetDriverObject(Driver: WDFDRIVER): PDRIVER_OBJECT {
  return fxResolve(Driver, FxDriver, 'WdfDriverWdmGetDriverObject', 'WDFDRIVER').driverObject;
}
