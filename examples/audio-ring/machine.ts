// The audio-ring example's machine: the example board (board.ts) with I2S0's device model, the audio-ring driver
// loaded, the device added with its CM resources (register range, interrupt, the RX DMA descriptor) and started, and
// one file open. Tests and the demo both start here; `ioctl` sends the capture IOCTLs of driver/public.ts.
import { TestHost, type HostDevice, type HostFile, type HostRequest } from 'kmdf-dma-sim/host';
import type { HalDmaOptions, KernelLatencies } from 'kmdf-dma-sim/hal';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS, I2S0 } from '../board.js';
import { I2sReceiver, type I2sOptions } from './device/i2s.js';
import { DeviceGetContext, type AUDIO_RING_PARAMETERS, type DEVICE_CONTEXT } from './driver/context.js';
import { AudioRingDriverEntryWith } from './driver/driver.js';
import {
  AUDIO_RING_POSITION_SIZE,
  IOCTL_AUDIO_RING_GET_POSITION,
  IOCTL_AUDIO_RING_READ_PERIOD,
  IOCTL_AUDIO_RING_START,
  IOCTL_AUDIO_RING_STOP,
} from './driver/public.js';

export interface AudioRingMachineOptions {
  latencies?: Partial<KernelLatencies>;
  parameters?: Partial<AUDIO_RING_PARAMETERS>;
  i2s?: Partial<I2sOptions>;
  /** The HAL DMA controller extension's switches (e.g. lateCancellation). */
  dma?: HalDmaOptions;
}

export interface AudioRingMachine {
  host: TestHost;
  i2s: I2sReceiver;
  device: HostDevice;
  file: HostFile;
  /** The driver's device context (its statistics). */
  context: DEVICE_CONTEXT;
  start(): HostRequest;
  stop(): HostRequest;
  readPeriod(): HostRequest;
  position(): HostRequest;
}

export function createAudioRingMachine(options: AudioRingMachineOptions = {}): AudioRingMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: { ...BOARD_LATENCIES, ...options.latencies }, dma: options.dma });
  const i2s = new I2sReceiver({
    base: I2S0.base,
    size: I2S0.size,
    rxRequestLine: I2S0.rxLine,
    interruptLine: I2S0.irq,
    name: 'i2s0',
    ...options.i2s,
  });
  const driver = host.loadDriver(AudioRingDriverEntryWith(options.parameters), { name: 'audioring' });
  const device = host.addDevice(driver, {
    name: 'I2S0',
    memory: [{ start: I2S0.base, length: I2S0.size }],
    interrupts: [I2S0.irq],
    dma: [{ channel: I2S0.rxChannel, requestLine: I2S0.rxLine }],
    model: i2s,
  });
  device.startOrThrow();
  const file = device.open();
  const context = DeviceGetContext(device.handle);
  return {
    host,
    i2s,
    device,
    file,
    context,
    start: () => file.ioctl(IOCTL_AUDIO_RING_START, [], 0),
    stop: () => file.ioctl(IOCTL_AUDIO_RING_STOP, [], AUDIO_RING_POSITION_SIZE),
    readPeriod: () => file.ioctl(IOCTL_AUDIO_RING_READ_PERIOD, [], context.PeriodBytes),
    position: () => file.ioctl(IOCTL_AUDIO_RING_GET_POSITION, [], AUDIO_RING_POSITION_SIZE),
  };
}
