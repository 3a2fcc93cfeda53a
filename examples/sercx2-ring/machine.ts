// The SerCx2 ring example's machine: the example board (board.ts) with UART0's device model (examples/uart/device:
// 3 Mbaud, 32-character FIFOs on DMA request lines 4 and 5), the SerCx2 ring driver loaded, the device added with its CM
// resources (registers, interrupt, the TX then the RX DMA resource) and started, and the port opened as a serial
// client opens it — with the connection's parameters (a ULONG BaudRate of 3,000,000, the vendor data this driver
// reads in EvtSerCx2ApplyConfig).
import { HostSerialPort, TestHost, type HostDevice } from 'kmdf-dma-sim/host';
import type { HalDmaOptions, KernelLatencies } from 'kmdf-dma-sim/hal';
import { encodeUlong } from 'kmdf-dma-sim/sercx2';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS, UART0 } from '../board.js';
import { Uart } from '../uart/device/uart.js';
import { DeviceGetContext, UART_BAUD, type DEVICE_CONTEXT, type RING_PARAMETERS } from './driver/context.js';
import { SerCx2RingDriverEntryWith } from './driver/driver.js';

export interface SerCx2RingMachineOptions {
  latencies?: Partial<KernelLatencies>;
  parameters?: Partial<RING_PARAMETERS>;
  dma?: HalDmaOptions;
  /** Open the port (default true). */
  open?: boolean;
}

export interface SerCx2RingMachine {
  host: TestHost;
  uart: Uart;
  device: HostDevice;
  port: HostSerialPort;
  context: DEVICE_CONTEXT;
}

export function createSerCx2RingMachine(options: SerCx2RingMachineOptions = {}): SerCx2RingMachine {
  const host = new TestHost({ sim: BOARD_SIM_OPTIONS, latencies: { ...BOARD_LATENCIES, ...options.latencies }, dma: options.dma });
  const uart = new Uart({
    base: UART0.base,
    size: UART0.size,
    txRequestLine: UART0.txLine,
    rxRequestLine: UART0.rxLine,
    interruptLine: UART0.irq,
    name: 'uart0',
  });
  const driver = host.loadDriver(SerCx2RingDriverEntryWith(options.parameters), { name: 'sercx2ring' });
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
  const port = options.open === false ? (null as unknown as HostSerialPort) : HostSerialPort.open(device, { createParameters: encodeUlong(UART_BAUD) });
  return { host, uart, device, port, context: DeviceGetContext(device.handle) };
}
