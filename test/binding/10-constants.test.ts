// One source of truth for the numbers shared by C++ and TS: every constant lib/sim/constants.ts mirrors equals the
// value the addon exports straight from native/core's headers (native/addon/constants.cpp), and the error codes
// lib/sim documents are exactly the ones the engine and binding can throw.
import { describe, it, expect } from 'vitest';
import { loadNative } from '../../lib/native/loader.js';
import type { NativeEngineBinding } from '../../lib/native/binding-types.js';
import {
  CONFIGURE_FUNCTION, EVENT_KIND, EVENT_RECORD_BYTES, I8237_MODE, MAX_CYCLE, NO_LINE, PORT_IRQ, PORT_STATUS,
  SIM_ERROR_CODES, STATUS_DEVICE_BUSY, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_PARAMETER, STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
} from '../../lib/index.js';
import { CHANNEL_STATES, INTERRUPT_TYPES } from '../../lib/sim/events.js';

const native = (loadNative() as NativeEngineBinding).constants;

describe('TS constants mirror the engine headers', () => {
  it('configure function numbers and 8237 modes (dma_types.h)', () => {
    expect(CONFIGURE_FUNCTION).toEqual(native.configureFunction);
    expect(I8237_MODE).toEqual(native.i8237Mode);
  });

  it('NTSTATUS values (ntstatus.h): the engine\'s int32 numbers, in TS as unsigned 32-bit numbers', () => {
    const unsigned = Object.fromEntries(Object.entries(native.ntstatus as Record<string, number>).map(([k, v]) => [k, v >>> 0]));
    expect({
      STATUS_SUCCESS, STATUS_DEVICE_BUSY, STATUS_NOT_IMPLEMENTED, STATUS_INVALID_PARAMETER, STATUS_INVALID_DEVICE_STATE,
    }).toEqual(unsigned);
    expect(STATUS_INVALID_DEVICE_STATE).toBe(0xc0000184);
    expect((native.ntstatus as Record<string, number>).STATUS_INVALID_DEVICE_STATE).toBe(-1073741436); // int32 in C++
  });

  it('port status and interrupt-mask bits (port_types.h)', () => {
    expect(PORT_STATUS).toEqual(native.portStatus);
    expect(PORT_IRQ).toEqual(native.portIrq);
  });

  it('event kinds, record size and limits (event.h, options.h, port_types.h)', () => {
    expect(EVENT_KIND).toEqual(native.eventKind);
    expect(EVENT_RECORD_BYTES).toBe(native.limits.EVENT_RECORD_BYTES);
    expect(MAX_CYCLE).toBe(native.limits.MAX_CYCLE);
    expect(NO_LINE).toBe(native.limits.NO_LINE);
  });

  it('channel states and interrupt types decode by their engine numbers', () => {
    expect(CHANNEL_STATES.map((_, i) => i)).toEqual(Object.values(native.channelState).sort((a, b) => a - b));
    expect(CHANNEL_STATES[native.channelState.COMPLETE!]).toBe('done');
    expect(CHANNEL_STATES[native.channelState.STOPPING!]).toBe('stopping');
    expect(CHANNEL_STATES[native.channelState.CANCELLED!]).toBe('cancelled');
    expect(INTERRUPT_TYPES[native.interruptType.COMPLETION!]).toBe('completion');
    expect(INTERRUPT_TYPES[native.interruptType.ERROR!]).toBe('error');
    expect(INTERRUPT_TYPES[native.interruptType.CANCELLED!]).toBe('cancelled');
  });

  it('the documented error codes are exactly the thrown ones', () => {
    expect(Object.keys(SIM_ERROR_CODES).sort()).toEqual(Object.keys(native.errorCodes).sort());
  });
});
