// The PnP/power sequence the framework runs for a device (FX-PNP fxpkgpnp.cpp / powerstatemachinekm.cpp, reduced to
// the start and remove paths a system-DMA driver sees; KMDF-SYSTEM-DMA.md A.5; "PnP and Power Management Callback
// Sequence" pages). Start: EvtDriverDeviceAdd → EvtDevicePrepareHardware → interrupts get their resources →
// EvtDeviceD0Entry → interrupts connected → DMA enablers Fill / Enable / SelfManagedIoStart → queues present.
// Remove: queues purged → enablers SelfManagedIoStop / Disable / Flush → interrupts disconnected → EvtDeviceD0Exit →
// EvtDeviceReleaseHardware → Driver Verifier's "transaction left in Transfer" check (0xE6) → the device is deleted.
import { NT_SUCCESS, STATUS_INVALID_DEVICE_STATE, STATUS_SUCCESS, type NTSTATUS } from '../fx/hal.js';
import { FxDriverGlobals } from '../fx/globals.js';
import type { FxDriver } from '../driver/driver.js';
import type { WDFDRIVER } from '../object/handles.js';
import { FxDevice } from '../device/device.js';
import { WDFDEVICE_INIT, WdfPowerDeviceD3Final } from '../device/device-init.js';
import { CmResourceTypeInterrupt, type CM_PARTIAL_RESOURCE_DESCRIPTOR } from '../device/resources.js';
import { FxIoQueue } from '../io/queue.js';
import { FxDmaSystemTransaction, FxDmaTransactionStateTransfer } from '../dma/transaction.js';
import {
  DMA_VIOLATION_TRANSACTION_LEFT_IN_TRANSFER,
  DRIVER_VERIFIER_DMA_VIOLATION,
} from '../verifier/bugcheck.js';

/** Runs `fn` as framework code of this driver (FxDriverGlobals.current). */
export function fxEnter<T>(g: FxDriverGlobals, fn: () => T): T {
  const previous = FxDriverGlobals.current;
  FxDriverGlobals.current = g;
  g.kernel.makeCurrent();
  try {
    g.checkAlive();
    return fn();
  } finally {
    FxDriverGlobals.current = previous;
  }
}

/** The PnP manager found a device: EvtDriverDeviceAdd. */
export function fxAddDevice(
  driver: FxDriver,
  name: string,
  resources: readonly CM_PARTIAL_RESOURCE_DESCRIPTOR[],
): { status: NTSTATUS; device: FxDevice | null } {
  return fxEnter(driver.globals, () => {
    const init = new WDFDEVICE_INIT(driver, name, resources);
    const add = driver.config.EvtDriverDeviceAdd;
    if (!add) return { status: STATUS_INVALID_DEVICE_STATE, device: null };
    const status = driver.globals.callDriver('EvtDriverDeviceAdd', () => add(driver.handle as WDFDRIVER, init));
    const device = init.created as FxDevice | null;
    if (!NT_SUCCESS(status)) {
      device?.delete();
      return { status, device: null };
    }
    if (!device) return { status: STATUS_INVALID_DEVICE_STATE, device: null };
    return { status, device };
  });
}

/** IRP_MN_START_DEVICE: PrepareHardware, D0Entry, interrupts, enabler power-up, queues. */
export function fxStartDevice(device: FxDevice): NTSTATUS {
  return fxEnter(device.globals, () => {
    const g = device.globals;
    const pnp = device.pnp;
    if (device.pnpState !== 'added') return STATUS_INVALID_DEVICE_STATE;
    if (pnp?.EvtDevicePrepareHardware) {
      const cb = pnp.EvtDevicePrepareHardware;
      const s = g.callDriver('EvtDevicePrepareHardware', () =>
        cb(device.handle, device.resourcesRaw.handle as never, device.resourcesTranslated.handle as never),
      );
      if (!NT_SUCCESS(s)) return s;
    }
    const lines = device.resourcesTranslated.descriptors
      .filter((d) => d.Type === CmResourceTypeInterrupt)
      .map((d) => d.u.Interrupt.Vector);
    device.interrupts.forEach((i, n) => {
      const line = lines[n];
      if (line !== undefined) i.assignResource(line);
    });
    if (pnp?.EvtDeviceD0Entry) {
      const cb = pnp.EvtDeviceD0Entry;
      const s = g.callDriver('EvtDeviceD0Entry', () => cb(device.handle, WdfPowerDeviceD3Final));
      if (!NT_SUCCESS(s)) return s;
    }
    for (const i of device.interrupts) i.connect();
    for (const e of device.dmaEnablers) {
      const s = e.powerUp();
      if (!NT_SUCCESS(s)) return s;
    }
    device.pnpState = 'started';
    for (const cx of device.classExtensions) cx.started?.(device);
    for (const q of device.queues) (q as FxIoQueue).dispatch();
    return STATUS_SUCCESS;
  });
}

/** Every transaction of the device's enablers. */
export function fxDeviceTransactions(device: FxDevice): FxDmaSystemTransaction[] {
  const out: FxDmaSystemTransaction[] = [];
  const walk = (o: { children: readonly unknown[] }): void => {
    for (const c of o.children) {
      if (c instanceof FxDmaSystemTransaction) out.push(c);
      else walk(c as { children: readonly unknown[] });
    }
  };
  walk(device);
  return out;
}

/** IRP_MN_REMOVE_DEVICE: the power-down and release path, then the device object goes away. */
export function fxRemoveDevice(device: FxDevice): NTSTATUS {
  return fxEnter(device.globals, () => {
    const g = device.globals;
    const pnp = device.pnp;
    let result: NTSTATUS = STATUS_SUCCESS;
    const note = (s: NTSTATUS): void => {
      if (!NT_SUCCESS(s) && NT_SUCCESS(result)) result = s;
    };
    for (const cx of device.classExtensions) cx.removing?.(device);
    for (const q of device.queues) (q as FxIoQueue).purge();
    if (device.pnpState === 'started') {
      for (const e of device.dmaEnablers) note(e.powerDown());
      for (const i of device.interrupts) i.disconnect();
      if (pnp?.EvtDeviceD0Exit) {
        const cb = pnp.EvtDeviceD0Exit;
        note(g.callDriver('EvtDeviceD0Exit', () => cb(device.handle, WdfPowerDeviceD3Final)));
      }
      if (pnp?.EvtDeviceReleaseHardware) {
        const cb = pnp.EvtDeviceReleaseHardware;
        note(g.callDriver('EvtDeviceReleaseHardware', () => cb(device.handle, device.resourcesTranslated.handle as never)));
      }
    }
    device.pnpState = 'removed';
    if (g.options.verifier) {
      for (const t of fxDeviceTransactions(device)) {
        if (t.state === FxDmaTransactionStateTransfer) {
          g.fatal(DRIVER_VERIFIER_DMA_VIOLATION, DMA_VIOLATION_TRANSACTION_LEFT_IN_TRANSFER, t.handleValue, t.state, {
            ddi: 'IRP_MN_REMOVE_DEVICE',
            object: t.describe(),
            state: t.stateInfo,
            rule: 'A DMA transaction is still in Transfer (holding its adapter channel) when its device is removed; every transaction must be completed and released before EvtDeviceReleaseHardware returns.',
          });
        }
      }
    }
    device.delete();
    return result;
  });
}
