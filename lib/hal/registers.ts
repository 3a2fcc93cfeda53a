// Memory-mapped device registers: device models (written in TS) register blocks at physical address ranges, drivers
// map them with MmMapIoSpaceEx and touch them with READ_REGISTER_* / WRITE_REGISTER_*, and each access calls the
// block's handler at the current simulated cycle (which may flip native port gates: a DMA-enable bit, a watermark).
// Behaviour sources: "MmMapIoSpaceEx" (maps a physical range, keeps the byte offset within the page, PAGE_NOCACHE /
// PAGE_READWRITE protections), "MmUnmapIoSpace", "READ_REGISTER_ULONG", "READ_REGISTER_BUFFER_ULONG" (count reads
// of the same register into a buffer). An access that reaches no register block is a page fault (bug check 0x50)
// naming the address. TODO(accuracy): register accesses take no simulated time.

import { DRIVER_VERIFIER_DETECTED_VIOLATION, PAGE_FAULT_IN_NONPAGED_AREA, VERIFIER_VIOLATION, type BugCheckInfo } from './bugcheck.js';
import { PAGE_SIZE } from './memory/physical.js';
import { argTypeError, checkStruct, checkUnsigned } from './arguments.js';
import { HalError } from './hal-error.js';

/** MmMapIoSpaceEx protection: read-only. */
export const PAGE_READONLY = 0x02;
/** MmMapIoSpaceEx protection: read and write. */
export const PAGE_READWRITE = 0x04;
/** MmMapIoSpaceEx protection modifier: uncached (what device registers need). */
export const PAGE_NOCACHE = 0x200;
/** MmMapIoSpaceEx protection modifier: write-combined. */
export const PAGE_WRITECOMBINE = 0x400;

export const IO_VA_BASE = 0x2_0000_0000;

/** The width of a register access in bytes: UCHAR 1, USHORT 2, ULONG 4, ULONG64 8. */
export type RegisterWidth = 1 | 2 | 4 | 8;

/** A device model's register file. `offset` is relative to the block's base. */
export interface RegisterBlock {
  /**
   * The driver read the register at `offset` (from the block's base) with an access of `width` bytes; return its value.
   */
  read(offset: number, width: RegisterWidth): number;
  /** The driver wrote `value` to the register at `offset` with an access of `width` bytes. */
  write(offset: number, width: RegisterWidth, value: number): void;
}

interface Mapped {
  base: number;
  size: number;
  block: RegisterBlock;
  name: string;
}

interface IoMapping {
  va: number;
  pa: number;
  size: number;
}

const MASK: Record<RegisterWidth, number> = { 1: 0xff, 2: 0xffff, 4: 0xffffffff, 8: Number.MAX_SAFE_INTEGER };

/**
 * The machine's register space: device register blocks mapped at physical ranges, the virtual mappings MmMapIoSpaceEx
 * makes of them, and READ_/WRITE_REGISTER_* accesses routed to the blocks' handlers.
 */
export class RegisterSpace {
  private readonly blocks: Mapped[] = [];
  private readonly mappings: IoMapping[] = [];
  private nextVa = IO_VA_BASE;
  private last: IoMapping | undefined;
  private resolvedOffset = 0;

  constructor(
    private readonly faults: { bugCheck(info: BugCheckInfo): never; noteZeroTimeWork(what: string): void },
    private readonly isRam: (pa: number, size: number) => boolean,
  ) {}

  /** Registers a device's register block at [base, base + size) of the physical address space. */
  map(base: number, size: number, block: RegisterBlock, name = 'registers'): void {
    // A device model's set-up call, not a DDI: its mistakes are coded HalErrors (no bug check: no driver is at fault).
    const at = 'RegisterSpace.map';
    checkUnsigned(at, 'base', base);
    checkUnsigned(at, 'size', size);
    checkStruct(at, 'block', block, 'RegisterBlock { read, write }');
    if (typeof block.read !== 'function') throw argTypeError(at, 'block.read', block.read, 'a function');
    if (typeof block.write !== 'function') throw argTypeError(at, 'block.write', block.write, 'a function');
    if (typeof name !== 'string') throw argTypeError(at, 'name', name, 'a string');
    if (size === 0) throw new HalError('ERR_OUT_OF_RANGE', `${at}: register block ${name}: size must be positive`);
    for (const b of this.blocks) {
      if (base < b.base + b.size && b.base < base + size) {
        throw new HalError('ERR_INVALID_ARGUMENT', `${at}: register block ${name} at 0x${base.toString(16)} overlaps ${b.name}`);
      }
    }
    if (this.isRam(base, size)) throw new HalError('ERR_INVALID_ARGUMENT', `${at}: register block ${name} at 0x${base.toString(16)} overlaps RAM`);
    this.blocks.push({ base, size, block, name });
  }

  /** MmMapIoSpaceEx(PhysicalAddress, NumberOfBytes, Protect) → a kernel VA for the range (0 for a zero length). */
  mapIoSpace(pa: number, bytes: number, _protect: number): number {
    if (!(bytes > 0)) return 0;
    const inPage = pa % PAGE_SIZE;
    const pages = Math.ceil((inPage + bytes) / PAGE_SIZE);
    const va = this.nextVa + inPage;
    this.nextVa += (pages + 1) * PAGE_SIZE;
    this.mappings.push({ va, pa, size: bytes });
    return va;
  }

  /** MmUnmapIoSpace(BaseAddress, NumberOfBytes). */
  unmapIoSpace(va: number, bytes: number): void {
    const i = this.mappings.findIndex((m) => m.va === va);
    if (i < 0) {
      // Driver Verifier's answer to a memory routine given bad parameters (Bug Check 0xC4, parameter 1 0x16: "passed
      // invalid parameters to a memory routine"): unmapping what was never mapped (or was unmapped already) would
      // otherwise tear down another driver's mapping.
      this.faults.bugCheck({
        code: DRIVER_VERIFIER_DETECTED_VIOLATION,
        parameters: [VERIFIER_VIOLATION.BAD_MEMORY_ROUTINE_PARAMETER, 0, va, bytes],
        ddi: 'MmUnmapIoSpace',
        rule: `BaseAddress 0x${va.toString(16)} is not the start of a range MmMapIoSpaceEx mapped (never mapped, or unmapped already)`,
      });
    }
    if (this.last === this.mappings[i]) this.last = undefined;
    this.mappings.splice(i, 1);
  }

  /**
   * A register read through a mapped virtual address, routed to its block's handler (`ddi` names the caller in errors).
   */
  read(va: number, width: RegisterWidth, ddi: string): number {
    // Register accesses take no simulated time: a loop polling one forever is the kernel's livelock guard's business.
    this.faults.noteZeroTimeWork(ddi);
    const block = this.resolve(va, width, false, ddi);
    return block.read(this.resolvedOffset, width) & MASK[width];
  }

  /**
   * A register write through a mapped virtual address, routed to its block's handler (`ddi` names the caller in
   * errors).
   */
  write(va: number, width: RegisterWidth, value: number, ddi: string): void {
    this.faults.noteZeroTimeWork(ddi);
    const block = this.resolve(va, width, true, ddi);
    block.write(this.resolvedOffset, width, width === 8 ? value : (value & MASK[width]) >>> 0);
  }

  /** The register block behind [va, va + width); its offset in the block is left in resolvedOffset (read by the
   *  caller before it calls the block, so a block that accesses registers itself cannot disturb it): no result
   *  object per register access. */
  private resolve(va: number, width: number, isWrite: boolean, ddi: string): RegisterBlock {
    let m = this.last;
    if (!m || va < m.va || va + width > m.va + m.size) {
      m = this.findMapping(va, width);
      this.last = m;
    }
    if (m) {
      const pa = m.pa + (va - m.va);
      const blocks = this.blocks;
      for (let i = 0; i < blocks.length; i++) {
        const b = blocks[i]!;
        if (pa >= b.base && pa + width <= b.base + b.size) {
          this.resolvedOffset = pa - b.base;
          return b.block;
        }
      }
      this.fault(va, isWrite, ddi, `physical 0x${pa.toString(16)} has no register block behind it`);
    }
    this.fault(va, isWrite, ddi, 'the address is not inside an MmMapIoSpaceEx mapping');
  }

  /** The mapping holding [va, va + width), or undefined. A loop of its own, not a find() closure in resolve: a closure
   *  capturing va and width made resolve allocate its context on every register access, found or not. */
  private findMapping(va: number, width: number): IoMapping | undefined {
    const mappings = this.mappings;
    for (let i = 0; i < mappings.length; i++) {
      const x = mappings[i]!;
      if (va >= x.va && va + width <= x.va + x.size) return x;
    }
    return undefined;
  }

  private fault(va: number, isWrite: boolean, ddi: string, why: string): never {
    // Only here, off the hot path: a register "address" that is no address at all (NaN, fractional, negative) is the
    // caller's arithmetic gone wrong, not a page fault a machine could take.
    if (!Number.isSafeInteger(va) || va < 0) {
      throw new HalError('ERR_OUT_OF_RANGE', `${ddi}: Register is ${String(va)}, not a register address (a VA from MmMapIoSpaceEx)`);
    }
    return this.faults.bugCheck({
      code: PAGE_FAULT_IN_NONPAGED_AREA,
      parameters: [va, isWrite ? 1 : 0, 0, 0],
      ddi,
      rule: `register ${isWrite ? 'write to' : 'read from'} 0x${va.toString(16)}: ${why}`,
    });
  }
}
