// A RAM region of the simulated bus (ARCHITECTURE.md "Bus"): [base, base + size) with per-region read/write wait
// states (TIMING.md "wait state"). `bytes` is a zero-copy Uint8Array over the engine's own memory — writes through
// it are what the DMA reads, and DMA writes show up in it at once. After Simulator.dispose() the view is detached
// (length 0), never a dangling pointer.
import type { NativeSimulator } from '../native/binding-types.js';
import { uint } from './validate.js';

/**
 * A RAM region on the bus (Simulator.addMemory): its base, size and wait states, and `bytes`, a zero-copy view of its
 * contents.
 */
export class MemoryRegion {
  readonly id: number;
  readonly base: number;
  readonly size: number;
  readonly readWait: number;
  readonly writeWait: number;
  readonly name: string | undefined;
  #native: NativeSimulator;
  #bytes: Uint8Array | undefined;

  /** @internal Made by Simulator.addMemory. */
  constructor(native: NativeSimulator, id: number, base: number, size: number, readWait: number, writeWait: number,
    name?: string) {
    this.#native = native;
    this.id = id;
    this.base = base;
    this.size = size;
    this.readWait = readWait;
    this.writeWait = writeWait;
    this.name = name;
  }

  /** One past the last address. */
  get end(): number {
    return this.base + this.size;
  }

  /** The region's RAM, zero-copy: bytes[i] is the byte at address base + i. */
  get bytes(): Uint8Array {
    this.#bytes ??= new Uint8Array(this.#native.memoryView(this.id));
    return this.#bytes;
  }

  /** Whether [address, address + length) lies inside the region (address and length: integers >= 0). */
  contains(address: number, length = 1): boolean {
    const a = uint(address, 'address');
    const n = uint(length, 'length');
    return a >= this.base && a + n <= this.end;
  }
}
