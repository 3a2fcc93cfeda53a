// One I/O request sent by the test host: its buffers in simulated kernel memory (ExAllocatePool2 + an MDL built with
// MmBuildMdlForNonPagedPool, as the I/O manager does for direct I/O), and its result once the driver completes it.
import { IoAllocateMdl, IoFreeMdl, MmBuildMdlForNonPagedPool, ExAllocatePool2, ExFreePool } from '../hal/wdm-mm.js';
import { POOL_FLAG_NON_PAGED, POOL_FLAG_UNINITIALIZED } from '../hal/memory/address-space.js';
import { PAGE_SIZE } from '../hal/memory/physical.js';
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
  /** The simulated cycle at which the host sent it (completionCycle - sentCycle is its latency). */
  sentCycle: number;
}

/**
 * Where one of a pending request's buffers lives in simulated memory: for tests that inject faults or watch the DMA
 * (a bus fault on byte k's page, the physical address a burst should hit).
 */
export interface HostBufferLocation {
  /** The kernel virtual address of byte 0 (the VA the driver's WdfRequestRetrieve*Buffer returns). */
  readonly va: number;
  /** The buffer's length in bytes. */
  readonly length: number;
  /** The physical (bus) address of byte `k`, 0 <= k < length: MmGetPhysicalAddress(va + k). Pages are scrambled, so
   *  byte k + 1 is not always at physicalAddressOf(k) + 1 across a page boundary. */
  physicalAddressOf(k: number): number;
}

const TAG = 0x74736f48; // 'Host'

/** Allocates a nonpaged buffer with its MDL; `bytes` fills it. */
export function allocateBuffer(kernel: Kernel, length: number, bytes?: Uint8Array): FxRequestBuffer {
  kernel.makeCurrent();
  if (bytes && bytes.length >= length) {
    // The data fills bytes [0, length) at once, so only the rest of the last page needs the zeroing the pool would
    // do (same memory contents as a zeroed allocation followed by the copy, without touching each byte twice).
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, length, TAG);
    kernel.memory.write(va, bytes.length === length ? bytes : bytes.subarray(0, length));
    const tail = Math.ceil(length / PAGE_SIZE) * PAGE_SIZE - length;
    if (tail > 0) kernel.memory.fill(va + length, tail, 0);
    const mdl = IoAllocateMdl(va, length, false, false, null)!;
    MmBuildMdlForNonPagedPool(mdl);
    return { va, length, mdl };
  }
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

/**
 * One I/O request the host sent: its buffers while it is pending, its result once the driver completes it, and its
 * cancel (IoCancelIrp).
 */
export class HostRequest {
  /** Set when the driver completes the request. */
  result: RequestResult | null = null;
  /** @internal */ fx: FxRequest | null = null;
  /** @internal METHOD_BUFFERED IOCTL: the output is the input's system buffer. */
  outputIsInput = false;
  /** The simulated cycle at which the host sent the request (the machine's cycle when it was made). */
  readonly sentCycle: number;

  constructor(
    readonly kind: 'create' | 'read' | 'write' | 'ioctl',
    private readonly kernel: Kernel,
    /** @internal */ readonly buffers: { input: FxRequestBuffer | null; output: FxRequestBuffer | null },
  ) {
    this.sentCycle = kernel.cycle;
  }

  /** The bus clock of the machine the request runs on, in Hz (cycles / clockHz = seconds). */
  get clockHz(): number {
    return this.kernel.clockHz;
  }

  /** The machine's cycle now (a pending request's age is now - sentCycle). */
  get machineCycle(): number {
    return this.kernel.cycle;
  }

  /**
   * The write data / IOCTL input buffer (METHOD_BUFFERED: the one system buffer), or null when the request has none.
   * Valid while the request is pending: the I/O manager frees the buffers at completion, so this throws afterwards.
   */
  get inputBuffer(): HostBufferLocation | null {
    return this.locate('inputBuffer', this.buffers.input);
  }

  /** The read data / IOCTL output buffer (METHOD_BUFFERED: the same system buffer as the input); see inputBuffer. */
  get outputBuffer(): HostBufferLocation | null {
    return this.locate('outputBuffer', this.outputIsInput ? this.buffers.input : this.buffers.output);
  }

  private locate(what: string, b: FxRequestBuffer | null): HostBufferLocation | null {
    if (this.result) {
      throw new Error(`${what}: the ${this.kind} request completed at cycle ${this.result.completionCycle}; its buffers were freed`);
    }
    if (!b) return null;
    const kernel = this.kernel;
    const { va, length } = b;
    return {
      va,
      length,
      physicalAddressOf(k: number): number {
        if (!Number.isInteger(k) || k < 0 || k >= length) throw new RangeError(`byte ${k} is outside the ${length}-byte buffer`);
        return kernel.memory.physicalAddressOf(va + k);
      },
    };
  }

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
      sentCycle: this.sentCycle,
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
