// IoGetDmaAdapter for system DMA: a version-3 DEVICE_DESCRIPTION with Master = FALSE binds an adapter to a
// controller channel (DmaChannel) and request line (DmaRequestLine), checked with the controller's
// ValidateRequestLineBinding at adapter creation (HAL decision; KMDF-SYSTEM-DMA.md D.2 says "presumably at adapter
// creation"). NumberOfMapRegisters is a Kernel option (C.1: UNCONFIRMED how the HAL picks it), by default
// ceil(MaximumLength / PAGE_SIZE) + 1. Returns NULL for what this HAL does not model or cannot bind.
// TODO(accuracy): bus-master (Master = TRUE) and version 0-2 descriptions are not modelled (NULL).
// Behaviour sources: "IoGetDmaAdapter", "DEVICE_DESCRIPTION", KMDF-SYSTEM-DMA.md B.1 (what KMDF puts in it).

import type { Kernel } from '../kernel.js';
import type { Out } from '../out.js';
import { DMA_ADAPTER, defaultMapRegisters, type DmaBeatWidth } from './adapter.js';
import { dmaOperations } from './operations.js';
import { checkBoolean, checkUnsigned } from '../arguments.js';
import { DEVICE_DESCRIPTION_VERSION3, Width16Bits, Width32Bits, Width64Bits, Width8Bits, type DEVICE_DESCRIPTION } from './types.js';

/** The DEVICE_DESCRIPTION fields this HAL reads, checked for their C types (values are IoGetDmaAdapter's own checks:
 *  an unsupported one returns NULL with the reason in kernel.lastDmaAdapterError). */
function checkDescription(d: DEVICE_DESCRIPTION): void {
  const ddi = 'IoGetDmaAdapter';
  for (const f of ['Version', 'DmaWidth', 'DmaChannel', 'DmaRequestLine', 'MaximumLength', 'DeviceAddress'] as const) {
    checkUnsigned(ddi, `DeviceDescription->${f}`, d[f]);
  }
  for (const f of ['Master', 'DemandMode', 'AutoInitialize'] as const) {
    // A BOOLEAN the caller did not set reads as FALSE (C zero-initializes the structure).
    if (d[f] !== undefined) checkBoolean(ddi, `DeviceDescription->${f}`, d[f]);
  }
}

const WIDTH_BYTES: Record<number, DmaBeatWidth> = { [Width8Bits]: 1, [Width16Bits]: 2, [Width32Bits]: 4, [Width64Bits]: 8 };

export function getDmaAdapter(
  kernel: Kernel,
  physicalDeviceObject: unknown,
  description: DEVICE_DESCRIPTION,
  numberOfMapRegisters: Out<number>,
): DMA_ADAPTER | null {
  kernel.assertRunning();
  checkDescription(description);
  const why = (reason: string): null => {
    kernel.lastDmaAdapterError = `IoGetDmaAdapter: ${reason}`;
    return null;
  };
  if (description.Version !== DEVICE_DESCRIPTION_VERSION3) return why(`Version ${description.Version} is not DEVICE_DESCRIPTION_VERSION3`);
  if (description.Master) return why('bus-master adapters are not modelled (system DMA only)');
  const width = WIDTH_BYTES[description.DmaWidth];
  if (!width) return why(`DmaWidth ${description.DmaWidth} is not a supported DMA_WIDTH`);
  const dma = kernel.dma;
  if (description.DmaChannel < 0 || description.DmaChannel >= dma.config.channels) {
    return why(`DmaChannel ${description.DmaChannel} does not exist (the controller has ${dma.config.channels})`);
  }
  if (!dma.ValidateRequestLineBinding(description.DmaRequestLine, description.DmaChannel)) {
    return why(`request line ${description.DmaRequestLine} cannot be bound to channel ${description.DmaChannel}`);
  }
  const nmr = dma.options.numberOfMapRegisters ?? defaultMapRegisters(description.MaximumLength);
  numberOfMapRegisters.value = nmr;
  return new DMA_ADAPTER(dmaOperations, {
    kernel,
    controller: dma,
    description: { ...description },
    channel: description.DmaChannel,
    requestLine: description.DmaRequestLine,
    width,
    numberOfMapRegisters: nmr,
    minimumTransferUnit: dma.options.minimumTransferUnit ?? width,
    deviceObject: physicalDeviceObject,
    released: false,
    commonBuffers: new Map(),
    lastError: null,
  });
}
