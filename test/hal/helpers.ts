// Shared set-up for the lib/hal suites: a Kernel on the real engine and small device rigs built from the engine's
// FIFO ports (no fakes: every cycle asserted here comes from the engine and the HAL's event loop).
import type { FifoPort, FifoPortOptions } from '../../lib/sim/index.js';
import {
  BugCheckError,
  DEVICE_DESCRIPTION,
  DMA_TRANSFER_CONTEXT,
  ExAllocatePool2,
  IoAllocateMdl,
  IoGetDmaAdapter,
  Kernel,
  MmBuildMdlForNonPagedPool,
  Out,
  POOL_FLAG_NON_PAGED,
  Width8Bits,
  type DMA_ADAPTER,
  type KernelOptions,
  type MDL,
} from '../../lib/hal/index.js';

export const PORT_BASE = 0x1000_0000;

export function makeKernel(options: KernelOptions = {}): Kernel {
  return new Kernel(options);
}

/** A tx FIFO port (DMA writes it, the device drains it into its capture sink). */
export function txPort(kernel: Kernel, options: Partial<FifoPortOptions> = {}): FifoPort {
  return kernel.sim.addFifoPort({
    address: PORT_BASE,
    direction: 'tx',
    depth: 16,
    rate: 1,
    requestLine: 3,
    watermark: 4,
    dmaEnable: true,
    txCaptureLimit: 1 << 22,
    ...options,
  });
}

/** An rx FIFO port filled by the device from a pattern. */
export function rxPort(kernel: Kernel, options: Partial<FifoPortOptions> = {}): FifoPort {
  return kernel.sim.addFifoPort({
    address: PORT_BASE + 0x100,
    direction: 'rx',
    depth: 16,
    rate: 1,
    requestLine: 4,
    watermark: 4,
    dmaEnable: true,
    ...options,
  });
}

export function description(port: FifoPort, fields: Partial<DEVICE_DESCRIPTION> = {}): DEVICE_DESCRIPTION {
  const d = new DEVICE_DESCRIPTION();
  d.DmaChannel = 0;
  d.DmaRequestLine = port.requestLine ?? 0;
  d.DemandMode = true;
  d.DmaWidth = Width8Bits;
  d.DeviceAddress = port.address;
  d.MaximumLength = 64 * 1024;
  d.InterfaceType = 0;
  Object.assign(d, fields);
  return d;
}

export function adapterFor(port: FifoPort, fields: Partial<DEVICE_DESCRIPTION> = {}): { adapter: DMA_ADAPTER; nmr: number } {
  const nmr = new Out<number>(0);
  const adapter = IoGetDmaAdapter({ DeviceName: 'test' }, description(port, fields), nmr);
  if (!adapter) throw new Error('IoGetDmaAdapter returned NULL');
  return { adapter, nmr: nmr.value };
}

/** A nonpaged buffer of `length` bytes at `offset` into its first page, filled with a deterministic pattern. */
export function buffer(kernel: Kernel, length: number, offset = 0, seed = 7): { va: number; data: Uint8Array; mdl: MDL } {
  const base = ExAllocatePool2(POOL_FLAG_NON_PAGED, length + offset, 0x74736554);
  const data = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  kernel.memory.write(base + offset, data);
  const mdl = IoAllocateMdl(base + offset, length, false, false, null)!;
  MmBuildMdlForNonPagedPool(mdl);
  return { va: base + offset, data, mdl };
}

export function transferContext(adapter: DMA_ADAPTER): DMA_TRANSFER_CONTEXT {
  const tc = new DMA_TRANSFER_CONTEXT();
  adapter.DmaOperations.InitializeDmaTransferContext(adapter, tc);
  return tc;
}

/** Runs `fn` and returns the bug check it raised (any other error is rethrown; none at all fails the test). */
export function bugCheckOf(fn: () => void): BugCheckError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BugCheckError) return e;
    throw e;
  }
  throw new Error('no bug check');
}
