// The example SoC every example runs on (and `kmdf-dma-sim demo` prints): the package's default `soc` controller
// (100 MHz bus, 8 channels, 32 request lines, controller interrupt on line 0, TIMING.md defaults) with one change —
// 16-beat channel FIFOs, so a demand-mode channel can move one UART trigger level (16 bytes) per request, the way an
// i.MX SDMA script moves its watermark. The memory map, request lines, channels and interrupt lines of the
// peripherals are the board's "ACPI tables": the host hands them to the drivers as CM resources.
import type { SimulatorOptions } from 'kmdf-dma-sim/sim';
import type { KernelLatencies } from 'kmdf-dma-sim/hal';

/** Bus clock of the board, in Hz. */
export const BOARD_CLOCK_HZ = 100_000_000;

/** Simulator options of the board (everything not named is the package default). */
export const BOARD_SIM_OPTIONS: SimulatorOptions = {
  profile: 'soc',
  clockHz: BOARD_CLOCK_HZ,
  timing: { fifoDepth: 16 },
};

/** Software latencies of the simulated CPU (TIMING.md "Software time" defaults). */
export const BOARD_LATENCIES: Pick<KernelLatencies, 'isrLatency' | 'dpcLatency'> = { isrLatency: 40, dpcLatency: 100 };

/** UART0: registers, the TX and RX request lines and the controller channels the firmware assigns them. */
export const UART0 = { base: 0x4001_0000, size: 0x1000, txLine: 4, rxLine: 5, txChannel: 0, rxChannel: 1, irq: 10 } as const;

/** SPI0: registers, TX/RX request lines and channels, its interrupt line. */
export const SPI0 = { base: 0x4002_0000, size: 0x1000, txLine: 6, rxLine: 7, txChannel: 2, rxChannel: 3, irq: 11 } as const;

/** I2S0 receiver (the audio-ring example): registers, RX request line and channel. */
export const I2S0 = { base: 0x4003_0000, size: 0x1000, rxLine: 8, rxChannel: 4, irq: 12 } as const;
