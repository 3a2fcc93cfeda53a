// The machine the tests run on: a simulated SoC (kmdf-dma-sim's default `soc` DMA controller on a 100 MHz bus, the
// default software latencies), the sample peripheral's device model at its base address, the driver loaded, the
// device added with its CM resources (register range, TX DMA descriptor) and started, and one file open. The board
// constants are what ACPI would hand the driver on real hardware.
import { TestHost, type HostDevice, type HostFile, type HostOptions } from 'kmdf-dma-sim/host';
import { SampleDevice, type SampleDeviceOptions } from './device/sample-device.js';
import { SampleDriverEntry } from './driver/driver.js';

/** Bus clock, in Hz: a cycle is 10 ns. */
export const CLOCK_HZ = 100_000_000;

/** The sample peripheral on the board: registers, request lines and the controller channels they are wired to. */
export const SAMPLE0 = { base: 0x4005_0000, size: 0x1000, txLine: 2, txChannel: 0 } as const;

export interface SampleMachine {
  host: TestHost;
  device: SampleDevice;
  hostDevice: HostDevice;
  file: HostFile;
}

export function createMachine(options: { device?: Partial<SampleDeviceOptions>; host?: HostOptions } = {}): SampleMachine {
  // ISR latency 40 and DPC latency 100 cycles are the simulated OS's defaults, named here because tests count them.
  const host = new TestHost({ sim: { clockHz: CLOCK_HZ }, latencies: { isrLatency: 40, dpcLatency: 100 }, ...options.host });
  const device = new SampleDevice({ base: SAMPLE0.base, size: SAMPLE0.size, txRequestLine: SAMPLE0.txLine, ...options.device });
  const driver = host.loadDriver(SampleDriverEntry, { name: 'sample' });
  const hostDevice = host.addDevice(driver, {
    name: 'SAMPLE0',
    memory: [{ start: SAMPLE0.base, length: SAMPLE0.size }],
    dma: [{ channel: SAMPLE0.txChannel, requestLine: SAMPLE0.txLine }],
    model: device,
  });
  hostDevice.startOrThrow();
  const file = hostDevice.open();
  return { host, device, hostDevice, file };
}
