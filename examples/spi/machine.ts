// The SPI example's machine: the example board with SPI0's model, the SPI driver loaded, SPI0 added (registers,
// interrupt, MOSI then MISO DMA descriptor) and started, one file open.
import { TestHost, type HostDevice, type HostFile } from 'kmdf-dma-sim/host';
import type { KernelLatencies } from 'kmdf-dma-sim/hal';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS, SPI0 } from '../board.js';
import { Spi } from './device/spi.js';
import { SpiGetContext, type SPI_DEVICE_CONTEXT, type SPI_PARAMETERS } from './driver/context.js';
import { SpiDriverEntryWith } from './driver/driver.js';

export interface SpiMachine {
  host: TestHost;
  spi: Spi;
  device: HostDevice;
  file: HostFile;
  context: SPI_DEVICE_CONTEXT;
}

export function createSpiMachine(options: { latencies?: Partial<KernelLatencies>; parameters?: Partial<SPI_PARAMETERS> } = {}): SpiMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: { ...BOARD_LATENCIES, ...options.latencies } });
  const spi = new Spi({ base: SPI0.base, size: SPI0.size, txRequestLine: SPI0.txLine, rxRequestLine: SPI0.rxLine, interruptLine: SPI0.irq, name: 'spi0' });
  const driver = host.loadDriver(SpiDriverEntryWith(options.parameters), { name: 'spi' });
  const device = host.addDevice(driver, {
    name: 'SPI0',
    memory: [{ start: SPI0.base, length: SPI0.size }],
    interrupts: [SPI0.irq],
    dma: [
      { channel: SPI0.txChannel, requestLine: SPI0.txLine },
      { channel: SPI0.rxChannel, requestLine: SPI0.rxLine },
    ],
    model: spi,
  });
  device.startOrThrow();
  return { host, spi, device, file: device.open(), context: SpiGetContext(device.handle) };
}
