// Driver Verifier's DMA checks at the HAL layer (bug check 0xE6 DRIVER_VERIFIER_DMA_VIOLATION; "DMA Verification"
// and "Bug Check 0xE6" pages; KMDF-SYSTEM-DMA.md F.14). On by default; Kernel option `dma.verifier: false` turns them
// off, and the HAL then returns the status (or does nothing) the way a machine without the verifier would.

import { DMA_VIOLATION, DRIVER_VERIFIER_DMA_VIOLATION } from '../bugcheck.js';
import type { Kernel } from '../kernel.js';

export type DmaViolation = (typeof DMA_VIOLATION)[keyof typeof DMA_VIOLATION];

export function dmaViolation(
  kernel: Kernel,
  violation: DmaViolation,
  ddi: string,
  rule: string,
  object: unknown,
  p2 = 0,
  p3 = 0,
  p4 = 0,
): never {
  return kernel.bugCheck({
    code: DRIVER_VERIFIER_DMA_VIOLATION,
    parameters: [violation, p2, p3, p4],
    ddi,
    rule,
    object,
  });
}
