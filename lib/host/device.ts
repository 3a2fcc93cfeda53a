// A device on the test host: its CM resources (register ranges, interrupt lines, DMA channel + request line), its
// device model, and the PnP steps the host drives (start: PrepareHardware → D0Entry; remove: D0Exit →
// ReleaseHardware, where the Driver Verifier "transaction left in Transfer" check runs). Files and requests hang off it.
import { NT_SUCCESS, ntStatusText, type NTSTATUS } from '../hal/ntstatus.js';
import {
  CmDmaDescriptor,
  CmInterruptDescriptor,
  CmMemoryDescriptor,
  type CM_PARTIAL_RESOURCE_DESCRIPTOR,
} from '../kmdf/device/resources.js';
import type { FxDevice } from '../kmdf/device/device.js';
import type { WDFDEVICE } from '../kmdf/object/handles.js';
import { fxAddDevice, fxRemoveDevice, fxStartDevice } from '../kmdf/pnp/pnp.js';
import { fxCreateFile } from '../kmdf/pnp/io-manager.js';
import { HostRequest, allocateBuffer } from './request.js';
import type { DeviceModel } from './device-model.js';
import { HostFile } from './file.js';
import type { HostDriver, TestHost } from './host.js';

/** Resources in the order the driver sees them in its WDFCMRESLIST: memory, then interrupts, then DMA. */
export interface DeviceSpec {
  name?: string;
  /** Register ranges (CmResourceTypeMemory). */
  memory?: readonly { start: number; length: number }[];
  /** Interrupt lines (CmResourceTypeInterrupt). */
  interrupts?: readonly number[];
  /** DMA descriptors (CmResourceTypeDma, CM_RESOURCE_DMA_V3): u.DmaV3.Channel = channel, u.DmaV3.RequestLine =
   *  request line (= u.Dma.Channel / u.Dma.Port), u.DmaV3.TransferWidth = transferWidth (a DMAV3_TRANSFER_WIDTH_*
   *  value, default DMAV3_TRANSFER_WIDTH_8), as an ACPI FixedDMA descriptor gives them. */
  dma?: readonly { channel: number; requestLine: number; transferWidth?: number }[];
  /** Raw descriptors appended after the above (any order the test wants). */
  descriptors?: readonly CM_PARTIAL_RESOURCE_DESCRIPTOR[];
  model?: DeviceModel;
}

/** What CreateFile passes besides the name. */
export interface HostOpenOptions {
  /** Bytes that travel with the create (the create request's input buffer): a serial peripheral's connection
   *  parameters (its ACPI UartSerialBus descriptor, vendor data included) for SerCx2 (lib/sercx2). */
  createParameters?: Uint8Array | readonly number[];
}

/**
 * The CM resource list a DeviceSpec describes: memory ranges, then interrupts, then DMA descriptors, then the raw
 * descriptors.
 */
export function buildResources(spec: DeviceSpec): CM_PARTIAL_RESOURCE_DESCRIPTOR[] {
  for (const d of spec.dma ?? []) {
    const w = d.transferWidth ?? 0;
    if (!Number.isInteger(w) || w < 0 || w > 5) {
      throw new RangeError(`DeviceSpec.dma transferWidth ${String(d.transferWidth)} is not a DMAV3_TRANSFER_WIDTH_* value (0..5)`);
    }
  }
  return [
    ...(spec.memory ?? []).map((m) => CmMemoryDescriptor(m.start, m.length)),
    ...(spec.interrupts ?? []).map((line) => CmInterruptDescriptor(line)),
    ...(spec.dma ?? []).map((d) => CmDmaDescriptor(d.channel, d.requestLine, d.transferWidth)),
    ...(spec.descriptors ?? []),
  ];
}

/**
 * A device on the test host: its resources and device model, start and remove (the PnP steps), and files to send
 * requests on.
 */
export class HostDevice {
  private constructor(
    readonly host: TestHost,
    readonly driver: HostDriver,
    readonly spec: DeviceSpec,
    /** EvtDriverDeviceAdd's status. */
    readonly addStatus: NTSTATUS,
    /** @internal */ readonly fx: FxDevice | null,
  ) {}

  /** @internal */
  static add(host: TestHost, driver: HostDriver, spec: DeviceSpec): HostDevice {
    const { status, device } = fxAddDevice(driver.fx, spec.name ?? 'device0', buildResources(spec));
    return new HostDevice(host, driver, spec, status >>> 0, device);
  }

  /** The WDFDEVICE handle (for tests that call DDIs directly). */
  get handle(): WDFDEVICE {
    return this.live('handle').handle;
  }

  private live(what: string): FxDevice {
    if (!this.fx) throw new Error(`${what}: EvtDriverDeviceAdd failed (${ntStatusText(this.addStatus)}); there is no device`);
    return this.fx;
  }

  /** IRP_MN_START_DEVICE: EvtDevicePrepareHardware, EvtDeviceD0Entry, interrupts, DMA enabler power-up. */
  start(): NTSTATUS {
    this.host.kernel.makeCurrent();
    return fxStartDevice(this.live('start')) >>> 0;
  }

  /** start() that throws on failure. */
  startOrThrow(): void {
    const status = this.start();
    if (!NT_SUCCESS(status)) throw new Error(`device start failed: ${ntStatusText(status)}`);
  }

  /**
   * IRP_MJ_CREATE, as CreateFile does it: the framework's file object, EvtDeviceFileCreate (or a create queue), and —
   * when the driver pends the create — the machine runs until the driver completes it (up to `limitCycles`). Returns
   * the create's status and, if it succeeded, the file handle; a create still pending at the limit throws.
   */
  tryOpen(limitCycles = 100_000_000, options: HostOpenOptions = {}): { status: NTSTATUS; file: HostFile | null; completionCycle: number } {
    const pending = this.beginOpen(options);
    const result = this.host.runUntilComplete(pending.request, this.host.kernel.cycle + limitCycles);
    return { status: result.status, file: NT_SUCCESS(result.status) ? pending.file : null, completionCycle: result.completionCycle };
  }

  /** tryOpen() that throws on failure: a file handle to send requests with. */
  open(limitCycles?: number, options: HostOpenOptions = {}): HostFile {
    const { status, file } = this.tryOpen(limitCycles, options);
    if (!file) throw new Error(`open failed: ${ntStatusText(status)}`);
    return file;
  }

  /** Sends IRP_MJ_CREATE and returns at once: the create request (run the host to complete it) and the file. */
  beginOpen(options: HostOpenOptions = {}): { request: HostRequest; file: HostFile } {
    const kernel = this.host.kernel;
    kernel.makeCurrent();
    const bytes = options.createParameters;
    const input = bytes && bytes.length > 0 ? allocateBuffer(kernel, bytes.length, Uint8Array.from(bytes)) : null;
    const request = new HostRequest('create', kernel, { input, output: null });
    const { file, request: fx } = fxCreateFile(this.live('open'), (r) => request.onComplete(r, false), input);
    request.fx = fx;
    return { request, file: new HostFile(this, file) };
  }

  /** IRP_MN_REMOVE_DEVICE: EvtDeviceD0Exit, EvtDeviceReleaseHardware, the 0xE6 checks, deletion. */
  remove(): NTSTATUS {
    this.host.kernel.makeCurrent();
    const status = fxRemoveDevice(this.live('remove'));
    this.spec.model?.detach?.(this.host.kernel);
    return status >>> 0;
  }
}
