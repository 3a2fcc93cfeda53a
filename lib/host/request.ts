// One I/O request sent by the test host: its buffers in simulated kernel memory (ExAllocatePool2 + an MDL built with
// MmBuildMdlForNonPagedPool, as the I/O manager does for direct I/O), and its result once the driver completes it.
import { IoAllocateMdl, IoFreeMdl, MmBuildMdlForNonPagedPool, ExAllocatePool2, ExFreePool } from '../hal/wdm-mm.js';
import { POOL_FLAG_NON_PAGED } from '../hal/memory/address-space.js';
import type { Kernel } from '../hal/kernel.js';
import type { FxRequest, FxRequestBuffer } from '../kmdf/io/request.js';
import { fxCancelRequest } from '../kmdf/pnp/io-manager.js';

/** What a completed request returns to the test. */
export interface RequestResult {
  status: number;
  information: number;
  /** Read / IOCTL output: the first `information` bytes of the output buffer. Write: empty. */
  data: Uint8Array;
  /** The simulated cycle at which the driver completed the request. */
  completionCycle: number;
}

const TAG = 0x74736f48; // 'Host'

/** Allocates a nonpaged buffer with its MDL; `bytes` fills it. */
export function allocateBuffer(kernel: Kernel, length: number, bytes?: Uint8Array): FxRequestBuffer {
  kernel.makeCurrent();
  const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, length, TAG);
  if (bytes) kernel.memory.write(va, bytes.subarray(0, length));
  const mdl = IoAllocateMdl(va, length, false, false, null)!;
  MmBuildMdlForNonPagedPool(mdl);
  return { va, length, mdl };
}

export function freeBuffer(buffer: FxRequestBuffer | null): void {
  if (!buffer) return;
  IoFreeMdl(buffer.mdl);
  ExFreePool(buffer.va);
}

export class HostRequest {
  /** Set when the driver completes the request. */
  result: RequestResult | null = null;
  /** @internal */ fx: FxRequest | null = null;

  constructor(
    readonly kind: 'read' | 'write' | 'ioctl',
    private readonly kernel: Kernel,
    /** @internal */ readonly buffers: { input: FxRequestBuffer | null; output: FxRequestBuffer | null },
  ) {}

  get completed(): boolean {
    return this.result !== null;
  }

  /** @internal called by the framework at completion (the I/O manager copies the data out, then frees). */
  onComplete(request: FxRequest, outputIsInput: boolean): void {
    const out = outputIsInput ? this.buffers.input : this.buffers.output;
    const n = this.kind === 'write' || !out ? 0 : Math.min(request.information, out.length);
    const data = n > 0 ? this.kernel.memory.read(out!.va, n) : new Uint8Array(0);
    this.result = {
      status: request.status >>> 0,
      information: request.information,
      data,
      completionCycle: request.completionCycle,
    };
    freeBuffer(this.buffers.input);
    if (!outputIsInput) freeBuffer(this.buffers.output);
  }

  /** IoCancelIrp. True if the driver's cancel routine ran or the queue cancelled it. */
  cancel(): boolean {
    if (this.completed || !this.fx) return false;
    return fxCancelRequest(this.fx);
  }
}
