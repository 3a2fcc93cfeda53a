// Layer 0: the value types every other layer uses — NTSTATUS numbers and names, Out<T>, and a Kernel on the real
// engine (RAM region, clock, halted state).
import { describe, expect, it } from 'vitest';
import {
  NT_SUCCESS,
  Out,
  STATUS_CANCELLED,
  STATUS_DEVICE_BUSY,
  STATUS_INSUFFICIENT_RESOURCES,
  STATUS_INVALID_PARAMETER,
  STATUS_MORE_PROCESSING_REQUIRED,
  STATUS_PENDING,
  STATUS_SUCCESS,
  STATUS_WDF_TOO_FRAGMENTED,
  STATUS_WDF_TOO_MANY_TRANSFERS,
  ntStatusName,
  ntStatusText,
} from '../../lib/hal/index.js';
import { makeKernel } from './helpers.js';

describe('NTSTATUS', () => {
  it('has the real Windows values', () => {
    expect(STATUS_SUCCESS).toBe(0);
    expect(STATUS_PENDING).toBe(0x103);
    expect(STATUS_INVALID_PARAMETER).toBe(0xc000000d);
    expect(STATUS_MORE_PROCESSING_REQUIRED).toBe(0xc0000016);
    expect(STATUS_INSUFFICIENT_RESOURCES).toBe(0xc000009a);
    expect(STATUS_CANCELLED).toBe(0xc0000120);
    expect(STATUS_DEVICE_BUSY).toBe(0x80000011);
    expect(STATUS_WDF_TOO_FRAGMENTED).toBe(0xc020020a);
    expect(STATUS_WDF_TOO_MANY_TRANSFERS).toBe(0xc0200213);
  });

  it('NT_SUCCESS is true for success and informational, false for warnings and errors', () => {
    expect(NT_SUCCESS(STATUS_SUCCESS)).toBe(true);
    expect(NT_SUCCESS(STATUS_PENDING)).toBe(true);
    expect(NT_SUCCESS(STATUS_DEVICE_BUSY)).toBe(false);
    expect(NT_SUCCESS(STATUS_INVALID_PARAMETER)).toBe(false);
    expect(NT_SUCCESS(STATUS_INVALID_PARAMETER | 0)).toBe(false); // a signed copy of the same value
  });

  it('ntStatusName gives the bare name, ntStatusText the name with its number; both fall back to hex', () => {
    expect(ntStatusName(STATUS_INVALID_PARAMETER)).toBe('STATUS_INVALID_PARAMETER');
    expect(ntStatusName(0xc0000184 | 0)).toBe('STATUS_INVALID_DEVICE_STATE');
    expect(ntStatusName(0xdeadbeef)).toBe('0xDEADBEEF');
    expect(ntStatusText(STATUS_INVALID_PARAMETER)).toBe('STATUS_INVALID_PARAMETER (0xC000000D)');
    expect(ntStatusText(0xc0000184 | 0)).toBe('STATUS_INVALID_DEVICE_STATE (0xC0000184)');
    expect(ntStatusText(0xdeadbeef)).toBe('0xDEADBEEF');
    // The serial and SPI names a controller driver port needs (ntstatus.h numbers).
    expect([0xc0000703, 0xc000090b, 0xc0000150, 0x4000000c, 0x40000008, 0x8000000f].map(ntStatusName)).toEqual([
      'STATUS_REQUEST_CANCELED',
      'STATUS_BAD_DATA',
      'STATUS_SERIAL_NO_DEVICE_INITED',
      'STATUS_SERIAL_COUNTER_TIMEOUT',
      'STATUS_SERIAL_MORE_WRITES',
      'STATUS_DEVICE_POWERED_OFF',
    ]);
  });
});

describe('Out<T>', () => {
  it('carries an in/out value', () => {
    const length = new Out(4096);
    length.value = 100;
    expect(length.value).toBe(100);
    expect(new Out<number>().value).toBeUndefined();
  });
});

describe('Kernel', () => {
  it('owns a real engine with system RAM, starting at cycle 0 at PASSIVE_LEVEL', () => {
    const k = makeKernel({ sim: { clockHz: 50_000_000 } });
    expect(k.cycle).toBe(0);
    expect(k.irql).toBe(0);
    expect(k.clockHz).toBe(50_000_000);
    expect(k.sim.regions[0]!.base).toBe(0x8000_0000);
    expect(k.physical.freePages).toBe((16 * 1024 * 1024 * 3) / 4 / 4096);
    expect(k.runFor(1234)).toBe(1234);
    expect(k.halted).toBe(false);
    k.dispose();
  });
});
