// Layer 80 — ConfigureChannel's custom functions and every status it returns (dma_types.h table; real NTSTATUS
// numbers from ntstatus.h), and the bad-call errors of programChannel / programMemoryToMemory.
import { describe, it, expect } from 'vitest';
import {
  CONFIGURE_FUNCTION as F, Simulator, STATUS_DEVICE_BUSY, STATUS_INVALID_DEVICE_STATE, STATUS_INVALID_PARAMETER,
  STATUS_NOT_IMPLEMENTED, STATUS_SUCCESS,
} from '../../lib/index.js';
import { socWithRam } from './_support.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('configureChannel statuses', () => {
  it('SET_BURST_LENGTH: 1..fifoDepth', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, F.SET_BURST_LENGTH, 2)).toBe(STATUS_SUCCESS);
    expect(sim.dma.channelStatus(0).burstLength).toBe(2);
    expect(sim.dma.configureChannel(0, F.SET_BURST_LENGTH, 0)).toBe(STATUS_INVALID_PARAMETER);
    expect(sim.dma.configureChannel(0, F.SET_BURST_LENGTH, 5)).toBe(STATUS_INVALID_PARAMETER); // fifoDepth 4
  });

  it('SET_PRIORITY: 0..255', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(1, F.SET_PRIORITY, 255)).toBe(STATUS_SUCCESS);
    expect(sim.dma.configureChannel(1, F.SET_PRIORITY, 256)).toBe(STATUS_INVALID_PARAMETER);
    expect(sim.dma.channelStatus(1).priority).toBe(255);
  });

  it('SET_WATERMARK: <= fifoDepth x width and a multiple of the width', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, F.SET_WATERMARK, 8)).toBe(STATUS_SUCCESS); // before any program: <= 4 x 8
    expect(sim.dma.configureChannel(0, F.SET_WATERMARK, 33)).toBe(STATUS_INVALID_PARAMETER);
    expect(sim.dma.configureChannel(0, F.SET_WATERMARK, 0)).toBe(STATUS_SUCCESS);
  });

  it('SET_NOTIFICATION_THRESHOLD: up to 0xFFFFFFFF', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, F.SET_NOTIFICATION_THRESHOLD, 0xffff_ffff)).toBe(STATUS_SUCCESS);
    expect(sim.dma.configureChannel(0, F.SET_NOTIFICATION_THRESHOLD, 2 ** 32)).toBe(STATUS_INVALID_PARAMETER);
  });

  it('ACQUIRE / RELEASE_REQUEST_LINE: busy when another channel holds it, refused when not held', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, F.ACQUIRE_REQUEST_LINE, 3)).toBe(STATUS_SUCCESS);
    expect(sim.dma.configureChannel(0, F.ACQUIRE_REQUEST_LINE, 3)).toBe(STATUS_SUCCESS); // already ours
    expect(sim.dma.configureChannel(1, F.ACQUIRE_REQUEST_LINE, 3)).toBe(STATUS_DEVICE_BUSY);
    expect(sim.dma.configureChannel(1, F.ACQUIRE_REQUEST_LINE, 32)).toBe(STATUS_INVALID_PARAMETER); // requestLines 32
    expect(() => sim.dma.programChannel({ channel: 1, requestLine: 3, sg: [{ address: 0, length: 4 }], deviceAddress: 0x8000,
      direction: 'memory-to-device', width: 4, demandMode: false, loop: false })).toThrow(code('ERR_REQUEST_LINE_BUSY'));
    expect(sim.dma.configureChannel(1, F.RELEASE_REQUEST_LINE, 3)).toBe(STATUS_INVALID_PARAMETER);
    expect(sim.dma.configureChannel(0, F.RELEASE_REQUEST_LINE, 3)).toBe(STATUS_SUCCESS);
    expect(sim.dma.configureChannel(1, F.ACQUIRE_REQUEST_LINE, 3)).toBe(STATUS_SUCCESS);
  });

  it('an unknown number, or a function of the other profile: STATUS_NOT_IMPLEMENTED', () => {
    const sim = socWithRam();
    expect(sim.dma.configureChannel(0, 99, 0)).toBe(STATUS_NOT_IMPLEMENTED);
    expect(sim.dma.configureChannel(0, F.I8237_SET_MODE, 2)).toBe(STATUS_NOT_IMPLEMENTED);
  });

  it('a running channel refuses everything with STATUS_INVALID_DEVICE_STATE (checked first)', () => {
    const sim = socWithRam();
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 1024, width: 4 });
    sim.runUntil(50);
    expect(sim.dma.configureChannel(0, F.SET_BURST_LENGTH, 2)).toBe(STATUS_INVALID_DEVICE_STATE);
    expect(sim.dma.configureChannel(0, 99, 0)).toBe(STATUS_INVALID_DEVICE_STATE);
    expect(sim.dma.configureChannel(0, F.SET_BURST_LENGTH, 0)).toBe(STATUS_INVALID_DEVICE_STATE);
    expect(sim.dma.configureChannel(1, F.SET_BURST_LENGTH, 2)).toBe(STATUS_SUCCESS); // another channel is free
  });

  it('an out-of-range channel is a bad call, not a status', () => {
    const sim = socWithRam();
    expect(() => sim.dma.configureChannel(8, F.SET_BURST_LENGTH, 2)).toThrow(code('ERR_OUT_OF_RANGE'));
  });
});

describe('bad calls of programChannel / programMemoryToMemory', () => {
  const args = (over: object) => ({ channel: 0, requestLine: 0, sg: [{ address: 0, length: 16 }], deviceAddress: 0x8000,
    direction: 'memory-to-device' as const, width: 4 as const, demandMode: false, loop: false, ...over });

  it('each rule gives its code', () => {
    const sim = socWithRam(0x10000);
    expect(() => sim.dma.programChannel(args({ channel: 8 }))).toThrow(code('ERR_OUT_OF_RANGE'));
    expect(() => sim.dma.programChannel(args({ requestLine: 32 }))).toThrow(code('ERR_OUT_OF_RANGE'));
    expect(() => sim.dma.programChannel(args({ width: 3 }))).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => sim.dma.programChannel(args({ direction: 'sideways' }))).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => sim.dma.programChannel(args({ sg: [] }))).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => sim.dma.programChannel(args({ sg: [{ address: 0, length: 0 }] }))).toThrow(code('ERR_INVALID_ARGUMENT'));
    expect(() => sim.dma.programChannel(args({ sg: [{ address: 2, length: 16 }] }))).toThrow(code('ERR_BAD_ALIGNMENT'));
    expect(() => sim.dma.programChannel(args({ sg: [{ address: 0, length: 6 }] }))).toThrow(code('ERR_BAD_ALIGNMENT'));
    expect(() => sim.dma.programChannel(args({ sg: [{ address: 0xfff0, length: 32 }] }))).toThrow(code('ERR_SG_OUTSIDE_MEMORY'));
    expect(() => sim.dma.programChannel(args({ deviceAddress: 0x20000 }))).toThrow(code('ERR_UNMAPPED_ADDRESS'));
    expect(() => sim.dma.programChannel(args({ deviceAddress: 0x8002 }))).toThrow(code('ERR_BAD_ALIGNMENT'));
    const sg = Array.from({ length: 65 }, (_, i) => ({ address: i * 16, length: 16 }));
    expect(sim.dma.queryMaxFragments(0)).toBe(64);
    expect(sim.dma.queryMaxFragments(0, 10)).toBe(10);
    expect(() => sim.dma.programChannel(args({ sg }))).toThrow(code('ERR_TOO_MANY_FRAGMENTS'));
    expect(() => sim.dma.programChannel(args({ sg: sg.slice(0, 64) }))).not.toThrow();
    expect(() => sim.dma.programChannel(args({}))).toThrow(code('ERR_DMA_CHANNEL_BUSY'));
    expect(() => sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x8000, length: 16, width: 4 }))
      .toThrow(code('ERR_DMA_CHANNEL_BUSY'));
    expect(() => sim.dma.programMemoryToMemory({ channel: 1, source: 0xfff0, destination: 0x8000, length: 32, width: 4 }))
      .toThrow(code('ERR_SG_OUTSIDE_MEMORY'));
    expect(() => sim.dma.programMemoryToMemory({ channel: 1, source: 1, destination: 0x8000, length: 32, width: 4 }))
      .toThrow(code('ERR_BAD_ALIGNMENT'));
  });

  it('validateRequestLineBinding (soc): any line < requestLines with any channel < channels', () => {
    const sim = new Simulator({ requestLines: 16, channels: 4 });
    expect(sim.dma.validateRequestLineBinding(15, 3)).toBe(true);
    expect(sim.dma.validateRequestLineBinding(16, 3)).toBe(false);
    expect(sim.dma.validateRequestLineBinding(0, 4)).toBe(false);
  });
});
