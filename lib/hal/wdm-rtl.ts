// The Rtl memory routines of wdm.h over kernel virtual addresses (DDI pages RtlCopyMemory, RtlMoveMemory,
// RtlZeroMemory, RtlFillMemory, RtlCompareMemory), as free functions on the current kernel like wdm-mm.ts. They cost
// no simulated time (the CPU's copies are outside the bus model, as every kernel.memory access is). Bytes go through
// the page table: an unmapped byte is PAGE_FAULT_IN_NONPAGED_AREA (0x50) at that address — for a copy the source is
// read whole before the destination is written, so a bad source faults first and nothing is written.
//
// RtlCopyMemory with overlapping blocks is undefined in C (memcpy); here it behaves like RtlMoveMemory, which is the
// documented routine for overlap. A length of 0 touches nothing (no fault even at NULL).
import { currentKernel as anyKernel } from './current.js';
import type { Kernel } from './kernel.js';
import { checkSigned, checkUnsigned } from './arguments.js';

// Addresses and lengths are checked at the call (arguments.ts): a string, NaN or negative Length is a coded HalError
// naming the routine and the argument — never a copy of NaN bytes that silently does nothing.
function block(ddi: string, name: string, va: unknown, length: unknown): number {
  checkUnsigned(ddi, name, va);
  return checkUnsigned(ddi, 'Length', length);
}

function currentKernel(): Kernel {
  const k = anyKernel();
  k.assertRunning();
  return k;
}

/** RtlCopyMemory(Destination, Source, Length): copies Length bytes (the blocks must not overlap). */
export function RtlCopyMemory(Destination: number, Source: number, Length: number): void {
  copy('RtlCopyMemory', Destination, Source, Length);
}

function copy(ddi: string, Destination: number, Source: number, Length: number): void {
  const k = currentKernel();
  block(ddi, 'Destination', Destination, Length);
  checkUnsigned(ddi, 'Source', Source);
  if (Length === 0) return;
  const memory = k.memory;
  memory.write(Destination, memory.read(Source, Length));
}

/** RtlMoveMemory(Destination, Source, Length): copies Length bytes; the blocks may overlap. */
export function RtlMoveMemory(Destination: number, Source: number, Length: number): void {
  copy('RtlMoveMemory', Destination, Source, Length);
}

/** RtlFillMemory(Destination, Length, Fill): every byte of the block becomes Fill (its low 8 bits). */
export function RtlFillMemory(Destination: number, Length: number, Fill: number): void {
  fill('RtlFillMemory', Destination, Length, checkSigned('RtlFillMemory', 'Fill', Fill));
}

function fill(ddi: string, Destination: number, Length: number, Fill: number): void {
  const k = currentKernel();
  block(ddi, 'Destination', Destination, Length);
  if (Length === 0) return;
  k.memory.write(Destination, new Uint8Array(Length).fill(Fill & 0xff));
}

/** RtlZeroMemory(Destination, Length). */
export function RtlZeroMemory(Destination: number, Length: number): void {
  fill('RtlZeroMemory', Destination, Length, 0);
}

/** RtlCompareMemory(Source1, Source2, Length): the number of leading bytes that are equal (Length if all are). */
export function RtlCompareMemory(Source1: number, Source2: number, Length: number): number {
  return compare('RtlCompareMemory', Source1, Source2, Length);
}

function compare(ddi: string, Source1: number, Source2: number, Length: number): number {
  const k = currentKernel();
  block(ddi, 'Source1', Source1, Length);
  checkUnsigned(ddi, 'Source2', Source2);
  if (Length === 0) return 0;
  const memory = k.memory;
  const a = memory.read(Source1, Length);
  const b = memory.read(Source2, Length);
  for (let i = 0; i < Length; i++) if (a[i] !== b[i]) return i;
  return Length;
}

/** RtlEqualMemory(Source1, Source2, Length): TRUE when the blocks are byte-for-byte equal. */
export function RtlEqualMemory(Source1: number, Source2: number, Length: number): boolean {
  return compare('RtlEqualMemory', Source1, Source2, Length) === Length;
}
