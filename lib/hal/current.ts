// The "current" kernel: WDM routines are free functions (KeInsertQueueDpc, READ_REGISTER_ULONG, ExAllocatePool2...),
// so, as on a real machine, they act on the one machine the code runs on. Each Kernel becomes current when it is
// constructed and while its event loop runs; `kernel.makeCurrent()` switches explicitly when a test drives two.
// Objects initialised by a kernel (KDPC, KTIMER, KINTERRUPT, DMA_ADAPTER, MDL) remember it and never use this.

import { HalError } from './hal-error.js';
import type { Kernel } from './kernel.js';

let current: Kernel | null = null;

export function setCurrentKernel(kernel: Kernel | null): Kernel | null {
  const previous = current;
  current = kernel;
  return previous;
}

/**
 * The kernel WDM routines act on: the one made current last (Kernel.makeCurrent; the host does it before every call
 * into driver code). Throws when there is none.
 */
export function currentKernel(): Kernel {
  if (!current) throw new HalError('ERR_INVALID_STATE', 'no simulated kernel: construct a Kernel (lib/hal) before calling WDM routines');
  return current;
}
