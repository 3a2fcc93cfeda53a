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

function currentKernel(): Kernel {
  const k = anyKernel();
  k.assertRunning();
  return k;
}

/** RtlCopyMemory(Destination, Source, Length): copies Length bytes (the blocks must not overlap). */
export function RtlCopyMemory(Destination: number, Source: number, Length: number): void {
  if (Length <= 0) return;
  const memory = currentKernel().memory;
  memory.write(Destination, memory.read(Source, Length));
}

/** RtlMoveMemory(Destination, Source, Length): copies Length bytes; the blocks may overlap. */
export function RtlMoveMemory(Destination: number, Source: number, Length: number): void {
  RtlCopyMemory(Destination, Source, Length);
}

/** RtlFillMemory(Destination, Length, Fill): every byte of the block becomes Fill (its low 8 bits). */
export function RtlFillMemory(Destination: number, Length: number, Fill: number): void {
  if (Length <= 0) return;
  currentKernel().memory.write(Destination, new Uint8Array(Length).fill(Fill & 0xff));
}

/** RtlZeroMemory(Destination, Length). */
export function RtlZeroMemory(Destination: number, Length: number): void {
  RtlFillMemory(Destination, Length, 0);
}

/** RtlCompareMemory(Source1, Source2, Length): the number of leading bytes that are equal (Length if all are). */
export function RtlCompareMemory(Source1: number, Source2: number, Length: number): number {
  if (Length <= 0) return 0;
  const memory = currentKernel().memory;
  const a = memory.read(Source1, Length);
  const b = memory.read(Source2, Length);
  for (let i = 0; i < Length; i++) if (a[i] !== b[i]) return i;
  return Length;
}

/** RtlEqualMemory(Source1, Source2, Length): TRUE when the blocks are byte-for-byte equal. */
export function RtlEqualMemory(Source1: number, Source2: number, Length: number): boolean {
  return RtlCompareMemory(Source1, Source2, Length) === Length;
}
