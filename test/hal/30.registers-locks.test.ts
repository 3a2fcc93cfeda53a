// Layer 3: register blocks behind MmMapIoSpaceEx, spin locks and interrupt locks with verifier checks.
import { describe, expect, it } from 'vitest';
import { PORT_IRQ } from '../../lib/sim/index.js';
import {
  BugCheckError,
  DISPATCH_LEVEL,
  DRIVER_VERIFIER_DETECTED_VIOLATION,
  KSPIN_LOCK,
  KeAcquireInterruptSpinLock,
  KeAcquireSpinLock,
  KeAcquireSpinLockAtDpcLevel,
  KeGetCurrentIrql,
  KeInitializeSpinLock,
  KeReleaseInterruptSpinLock,
  KeReleaseSpinLock,
  KeReleaseSpinLockFromDpcLevel,
  KeSynchronizeExecution,
  MachineHaltedError,
  MmMapIoSpaceEx,
  MmUnmapIoSpace,
  Out,
  PAGE_FAULT_IN_NONPAGED_AREA,
  PAGE_NOCACHE,
  PAGE_READWRITE,
  READ_REGISTER_BUFFER_UCHAR,
  READ_REGISTER_UCHAR,
  READ_REGISTER_ULONG,
  READ_REGISTER_USHORT,
  VERIFIER_VIOLATION,
  WRITE_REGISTER_BUFFER_ULONG,
  WRITE_REGISTER_ULONG,
  WRITE_REGISTER_USHORT,
  type RegisterWidth,
} from '../../lib/hal/index.js';
import { bugCheckOf, makeKernel, rxPort } from './helpers.js';

const REGS = 0x2000_0000;

function device() {
  const k = makeKernel();
  const log: string[] = [];
  const regs = new Uint32Array(4);
  k.registers.map(REGS, 16, {
    read(offset: number, width: RegisterWidth) {
      log.push(`r${width}@${offset}#${k.cycle}`);
      return regs[offset >> 2]! >>> ((offset & 3) * 8);
    },
    write(offset: number, width: RegisterWidth, value: number) {
      log.push(`w${width}@${offset}=${value.toString(16)}`);
      regs[offset >> 2] = value;
    },
  });
  return { k, log, regs };
}

describe('registers', () => {
  it('READ_/WRITE_REGISTER_* reach the block at the mapped offset, at the current cycle', () => {
    const { k, log, regs } = device();
    const va = MmMapIoSpaceEx(REGS, 16, PAGE_READWRITE | PAGE_NOCACHE);
    expect(va % 4096).toBe(REGS % 4096);
    WRITE_REGISTER_ULONG(va + 4, 0x12345678);
    expect(regs[1]).toBe(0x12345678);
    k.runFor(33);
    expect(READ_REGISTER_ULONG(va + 4)).toBe(0x12345678);
    expect(READ_REGISTER_UCHAR(va + 5)).toBe(0x56);
    WRITE_REGISTER_USHORT(va + 8, 0x1abcd); // truncated to 16 bits
    expect(READ_REGISTER_USHORT(va + 8)).toBe(0xabcd);
    expect(log).toEqual(['w4@4=12345678', 'r4@4#33', 'r1@5#33', 'w2@8=abcd', 'r2@8#33']);
  });

  it('the _BUFFER_ forms repeat one register', () => {
    const { log } = device();
    const va = MmMapIoSpaceEx(REGS, 16, PAGE_READWRITE);
    WRITE_REGISTER_BUFFER_ULONG(va, [1, 2, 3], 3);
    const out = new Uint8Array(2);
    READ_REGISTER_BUFFER_UCHAR(va, out, 2);
    expect(log).toEqual(['w4@0=1', 'w4@0=2', 'w4@0=3', 'r1@0#0', 'r1@0#0']);
    expect([...out]).toEqual([3, 3]);
  });

  it('an access outside any mapped block is a page fault naming the address', () => {
    const { k } = device();
    const va = MmMapIoSpaceEx(REGS, 32, PAGE_READWRITE); // the block is only 16 bytes
    const bc = bugCheckOf(() => READ_REGISTER_ULONG(va + 16));
    expect(bc.code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
    expect(bc.message).toContain((va + 16).toString(16));
    expect(bc.message).toContain('READ_REGISTER_ULONG');
    expect(() => READ_REGISTER_ULONG(va)).toThrow(MachineHaltedError);
    expect(k.halted).toBe(true);
  });

  it('MmUnmapIoSpace removes the mapping', () => {
    device();
    const va = MmMapIoSpaceEx(REGS, 16, PAGE_READWRITE);
    MmUnmapIoSpace(va, 16);
    expect(() => WRITE_REGISTER_ULONG(va, 1)).toThrow(BugCheckError);
  });
});

describe('spin locks', () => {
  it('KeAcquireSpinLock raises to DISPATCH_LEVEL and KeReleaseSpinLock restores the old IRQL', () => {
    makeKernel();
    const lock = new KSPIN_LOCK();
    KeInitializeSpinLock(lock);
    const old = new Out<number>();
    KeAcquireSpinLock(lock, old);
    expect(old.value).toBe(0);
    expect(KeGetCurrentIrql()).toBe(DISPATCH_LEVEL);
    KeReleaseSpinLock(lock, old.value);
    expect(KeGetCurrentIrql()).toBe(0);
  });

  it('acquiring a held lock is a self-deadlock bug check (0xC4/0x1000), not a hang', () => {
    makeKernel();
    const lock = new KSPIN_LOCK();
    KeAcquireSpinLock(lock, new Out());
    const bc = bugCheckOf(() => KeAcquireSpinLockAtDpcLevel(lock));
    expect(bc.code).toBe(DRIVER_VERIFIER_DETECTED_VIOLATION);
    expect(bc.parameters[0]).toBe(VERIFIER_VIOLATION.SELF_DEADLOCK);
  });

  it('releasing a lock that is not held is 0xC4/0x1007', () => {
    makeKernel();
    const bc = bugCheckOf(() => KeReleaseSpinLockFromDpcLevel(new KSPIN_LOCK()));
    expect(bc.parameters[0]).toBe(VERIFIER_VIOLATION.UNACQUIRED_RELEASE);
  });

  it('releasing out of acquisition order is 0xC4/0x1003', () => {
    makeKernel();
    const a = new KSPIN_LOCK();
    const b = new KSPIN_LOCK();
    KeAcquireSpinLockAtDpcLevel(a);
    KeAcquireSpinLockAtDpcLevel(b);
    const bc = bugCheckOf(() => KeReleaseSpinLockFromDpcLevel(a));
    expect(bc.parameters[0]).toBe(VERIFIER_VIOLATION.UNEXPECTED_RELEASE);
  });

  it('the interrupt lock raises to DIRQL, and KeSynchronizeExecution from the ISR itself deadlocks', () => {
    const k = makeKernel();
    const port = rxPort(k, { rate: 10, requestLine: null, interrupt: { line: 6, mask: PORT_IRQ.LEVEL, threshold: 1 } });
    const kint = k.interrupts.connect({ line: 6, irql: 9, isr: () => (port.setInterrupt(null), true) });
    const old = KeAcquireInterruptSpinLock(kint);
    expect(KeGetCurrentIrql()).toBe(9);
    KeReleaseInterruptSpinLock(kint, old);
    expect(KeSynchronizeExecution(kint, (ctx) => ctx === 'x' && KeGetCurrentIrql() === 9, 'x')).toBe(true);

    const k2 = makeKernel();
    const port2 = rxPort(k2, { rate: 10, requestLine: null, interrupt: { line: 6, mask: PORT_IRQ.LEVEL, threshold: 1 } });
    const kint2 = k2.interrupts.connect({
      line: 6,
      isr: () => KeSynchronizeExecution(kint2, () => (port2.setInterrupt(null), true), null),
    });
    expect(() => k2.runUntil(1000)).toThrow(/0xC4 \(0x1000/);
    expect(k2.halted).toBe(true);
  });
});
