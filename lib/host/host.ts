// The test host: what a user's vitest test calls (ARCHITECTURE.md "Test host"). It builds a machine (a lib/hal Kernel
// over a lib/sim Simulator), loads a driver (DriverEntry with a DRIVER_OBJECT carrying the framework switches), adds
// devices with CM resources and a device model, starts them, opens files, sends read / write / IOCTL requests, cancels
// them, removes devices, and runs the machine until a request completes or a cycle is reached.
import { Kernel, type KernelOptions } from '../hal/kernel.js';
import { NT_SUCCESS, ntStatusText, type NTSTATUS } from '../hal/ntstatus.js';
import type { DRIVER_INITIALIZE, DRIVER_OBJECT, FxDriver } from '../kmdf/driver/driver.js';
import type { FxDriverGlobals } from '../kmdf/fx/globals.js';
import type { WdfFrameworkOptions } from '../kmdf/fx/options.js';
import type { VerifierBreakRecord } from '../kmdf/verifier/bugcheck.js';
import { fxEnter } from '../kmdf/pnp/pnp.js';
import { HostDevice, type DeviceSpec } from './device.js';
import type { HostRequest, RequestResult } from './request.js';
import { MachineTracer } from './trace.js';
import { applyHostDefaults } from './defaults.js';

/**
 * Options of a TestHost: the Kernel's (simulator, latencies, memory, DMA switches) and the machine's name in traces.
 */
export interface HostOptions extends KernelOptions {
  /** The machine's name in traces ['machine']. */
  name?: string;
}

type HostListener = (host: TestHost) => void;
const hostListeners: HostListener[] = [];

/**
 * Calls `listener` with every TestHost constructed from now on, right after construction (before any driver loads):
 * lib/vitest's trace-on-failure fixture and the CLI's trace options use it to trace machines a test or an example
 * builds itself. Returns the function that removes the listener.
 */
export function onHostCreated(listener: HostListener): () => void {
  hostListeners.push(listener);
  return () => {
    const i = hostListeners.indexOf(listener);
    if (i >= 0) hostListeners.splice(i, 1);
  };
}

/**
 * How the host calls DriverEntry: the driver's name and registry path, and the framework's switches (verifier, KMDF
 * version, docs-vs-source behaviours).
 */
export interface LoadDriverOptions {
  name?: string;
  registryPath?: string;
  /** Verifier on/off, KMDF version, break on VerifierBreak, docs-vs-source switches (lib/kmdf/README.md). */
  framework?: WdfFrameworkOptions;
}

/** A driver the host loaded: its DRIVER_OBJECT, DriverEntry's status, its framework globals and verifier breaks. */
export class HostDriver {
  constructor(
    readonly host: TestHost,
    readonly driverObject: DRIVER_OBJECT,
    readonly status: NTSTATUS,
  ) {}

  /** @internal */
  get fx(): FxDriver {
    const d = this.driverObject.WdfDriver;
    if (!d) throw new Error(`DriverEntry of ${this.driverObject.DriverName} did not call WdfDriverCreate`);
    return d;
  }

  get globals(): FxDriverGlobals {
    return this.fx.globals;
  }

  /** Every VerifierBreak the framework recorded for this driver. */
  get verifierBreaks(): readonly VerifierBreakRecord[] {
    return this.globals.verifierBreaks;
  }
}

/**
 * The test host: builds a machine (a Kernel over a Simulator), loads drivers, adds and starts devices, and runs the
 * machine until a request completes or a cycle is reached.
 */
export class TestHost {
  readonly kernel: Kernel;
  readonly drivers: HostDriver[] = [];
  /** The machine's name in traces. */
  name: string;
  /** The machine's trace: hardware and software on one clock (off until host.trace.start; lib/host/trace.ts). */
  readonly trace: MachineTracer;

  constructor(given: HostOptions = {}) {
    const options = applyHostDefaults(given); // lib/explore's seeded timing, when a body runs under it (defaults.ts)
    this.kernel = new Kernel(options);
    this.name = options.name ?? 'machine';
    this.trace = new MachineTracer(this.kernel, () => this.name);
    for (const l of [...hostListeners]) l(this);
  }

  get cycle(): number {
    return this.kernel.cycle;
  }

  /** Loads a driver: calls its DriverEntry(DriverObject, RegistryPath). */
  loadDriver(driverEntry: DRIVER_INITIALIZE, options: LoadDriverOptions = {}): HostDriver {
    this.kernel.makeCurrent();
    const name = options.name ?? driverEntry.name ?? 'driver';
    const driverObject: DRIVER_OBJECT = { DriverName: `\\Driver\\${name}`, Kernel: this.kernel, FrameworkOptions: options.framework };
    const status = driverEntry(driverObject, options.registryPath ?? `\\Registry\\Machine\\System\\CurrentControlSet\\Services\\${name}`);
    const driver = new HostDriver(this, driverObject, status >>> 0);
    if (!NT_SUCCESS(status)) throw new Error(`DriverEntry of ${name} failed: ${ntStatusText(status)}`);
    this.drivers.push(driver);
    return driver;
  }

  /** Adds a device (the device model attaches first), calls EvtDriverDeviceAdd. Start it with device.start(). */
  addDevice(driver: HostDriver, spec: DeviceSpec): HostDevice {
    this.kernel.makeCurrent();
    spec.model?.attach(this.kernel);
    return HostDevice.add(this, driver, spec);
  }

  /** Runs the machine to absolute cycle `cycle`. */
  runUntil(cycle: number): number {
    return this.kernel.runUntil(cycle);
  }

  /** Runs the machine for `cycles` more cycles (runUntil(cycle + cycles)). */
  runFor(cycles: number): number {
    return this.kernel.runFor(cycles);
  }

  /**
   * Runs until the request completes (or `limitCycle`, default now + 100,000,000). Returns its result; throws if
   * the limit came first.
   */
  runUntilComplete(request: HostRequest, limitCycle = this.kernel.cycle + 100_000_000): RequestResult {
    if (!request.completed) this.kernel.runWhile(() => !request.completed, limitCycle);
    if (!request.result) {
      throw new Error(`the ${request.kind} request did not complete by cycle ${limitCycle} (now ${this.kernel.cycle})`);
    }
    return request.result;
  }

  /** Runs until every request in the list completed; returns their results in order. */
  runUntilAllComplete(requests: readonly HostRequest[], limitCycle = this.kernel.cycle + 100_000_000): RequestResult[] {
    this.kernel.runWhile(() => requests.some((r) => !r.completed), limitCycle);
    return requests.map((r) => this.runUntilComplete(r, limitCycle));
  }

  /** Runs framework code of a driver outside any callback (for tests that call DDIs directly, at PASSIVE_LEVEL). */
  call<T>(driver: HostDriver, fn: () => T): T {
    return fxEnter(driver.globals, fn);
  }

  /** Frees the machine: the simulator and everything on it. The host is unusable afterwards. */
  dispose(): void {
    this.kernel.dispose();
  }
}
