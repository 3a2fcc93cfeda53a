// The planted-race fixtures' machines: the examples' boards and device models, with a fixture's copy of the
// example driver loaded instead of the example's own (each copy differs from its example in one PLANTED place).
import { TestHost } from 'kmdf-dma-sim/host';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS, SPI0, UART0 } from '../../../examples/board.js';
import { Uart } from '../../../examples/uart/device/uart.js';
import { Spi } from '../../../examples/spi/device/spi.js';
import type { UartMachine } from '../../../examples/uart/machine.js';
import type { SpiMachine } from '../../../examples/spi/machine.js';

type DriverEntry = Parameters<TestHost['loadDriver']>[0];

/** The UART example's machine with `entry` as its driver; `context` reads the copy's device context. */
export function uartMachineWith(entry: DriverEntry, context: (device: never) => unknown): UartMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: BOARD_LATENCIES });
  const uart = new Uart({ base: UART0.base, size: UART0.size, txRequestLine: UART0.txLine, rxRequestLine: UART0.rxLine, interruptLine: UART0.irq, name: 'uart0' });
  const device = host.addDevice(host.loadDriver(entry, { name: 'uart' }), {
    name: 'UART0', memory: [{ start: UART0.base, length: UART0.size }], interrupts: [UART0.irq],
    dma: [{ channel: UART0.txChannel, requestLine: UART0.txLine }, { channel: UART0.rxChannel, requestLine: UART0.rxLine }],
    model: uart,
  });
  device.startOrThrow();
  return { host, uart, device, file: device.open(), context: context(device.handle as never) as UartMachine['context'] };
}

/** The SPI example's machine with `entry` as its driver. */
export function spiMachineWith(entry: DriverEntry, context: (device: never) => unknown): SpiMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: BOARD_LATENCIES });
  const spi = new Spi({ base: SPI0.base, size: SPI0.size, txRequestLine: SPI0.txLine, rxRequestLine: SPI0.rxLine, interruptLine: SPI0.irq, name: 'spi0' });
  const device = host.addDevice(host.loadDriver(entry, { name: 'spi' }), {
    name: 'SPI0', memory: [{ start: SPI0.base, length: SPI0.size }], interrupts: [SPI0.irq],
    dma: [{ channel: SPI0.txChannel, requestLine: SPI0.txLine }, { channel: SPI0.rxChannel, requestLine: SPI0.rxLine }],
    model: spi,
  });
  device.startOrThrow();
  return { host, spi, device, file: device.open(), context: context(device.handle as never) as SpiMachine['context'] };
}
