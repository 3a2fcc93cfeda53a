// The UART example's machine: the example board (board.ts) with UART0's device model, the UART driver loaded, the
// device added with its CM resources (register range, interrupt, TX then RX DMA descriptor) and started, and one
// file open. Tests and the demo both start here.
import { TestHost, type HostDevice, type HostFile } from 'kmdf-dma-sim/host';
import type { HalDmaOptions, KernelLatencies } from 'kmdf-dma-sim/hal';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS, UART0 } from '../board.js';
import { Uart, type UartOptions } from './device/uart.js';
import { DeviceGetContext, type DEVICE_CONTEXT, type UART_PARAMETERS } from './driver/context.js';
import { UartDriverEntryWith } from './driver/driver.js';

export interface UartMachineOptions {
  latencies?: Partial<KernelLatencies>;
  parameters?: Partial<UART_PARAMETERS>;
  uart?: Partial<UartOptions>;
  /** The HAL DMA controller extension's switches (e.g. lateCancellation). */
  dma?: HalDmaOptions;
}

export interface UartMachine {
  host: TestHost;
  uart: Uart;
  device: HostDevice;
  file: HostFile;
  /** The driver's device context (its statistics). */
  context: DEVICE_CONTEXT;
}

export function createUartMachine(options: UartMachineOptions = {}): UartMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: { ...BOARD_LATENCIES, ...options.latencies }, dma: options.dma });
  const uart = new Uart({
    base: UART0.base,
    size: UART0.size,
    txRequestLine: UART0.txLine,
    rxRequestLine: UART0.rxLine,
    interruptLine: UART0.irq,
    name: 'uart0',
    ...options.uart,
  });
  const driver = host.loadDriver(UartDriverEntryWith(options.parameters), { name: 'uart' });
  const device = host.addDevice(driver, {
    name: 'UART0',
    memory: [{ start: UART0.base, length: UART0.size }],
    interrupts: [UART0.irq],
    dma: [
      { channel: UART0.txChannel, requestLine: UART0.txLine },
      { channel: UART0.rxChannel, requestLine: UART0.rxLine },
    ],
    model: uart,
  });
  device.startOrThrow();
  const file = device.open();
  return { host, uart, device, file, context: DeviceGetContext(device.handle) };
}
