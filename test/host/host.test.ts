// The test host end to end: a read and a write through the loopback driver complete with the right bytes and cycle;
// a pending request is cancelled; the device is removed cleanly.
import { describe, expect, it } from 'vitest';
import { TestHost } from '../../lib/host/index.js';
import { STATUS_CANCELLED, STATUS_SUCCESS } from '../../lib/kmdf/index.js';
import { MmGetPhysicalAddress, PAGE_SIZE } from '../../lib/hal/index.js';
import { LoopbackDevice } from '../kmdf/fixtures/loopback-device.js';
import { createLoopbackDriver } from '../kmdf/fixtures/loopback-driver.js';

function setup(deviceOptions = {}, driverOptions = {}) {
  const host = new TestHost();
  const model = new LoopbackDevice(deviceOptions);
  const fixture = createLoopbackDriver(host.kernel, driverOptions);
  const driver = host.loadDriver(fixture.DriverEntry, { name: 'loopback' });
  const device = host.addDevice(driver, {
    memory: [{ start: model.regBase, length: 0x1000 }],
    dma: [
      { channel: 0, requestLine: model.txLine },
      { channel: 1, requestLine: model.rxLine },
    ],
    model,
  });
  expect(device.start()).toBe(STATUS_SUCCESS);
  return { host, model, fixture, driver, device, file: device.open() };
}

describe('test host', () => {
  it('a write completes with the bytes on the device and a completion cycle', () => {
    const { host, model, file } = setup();
    const data = Uint8Array.from({ length: 256 }, (_, i) => (i * 7) & 0xff);
    const r = file.write(data);
    const result = host.runUntilComplete(r);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.information).toBe(256);
    expect(Array.from(model.tx.readTx())).toEqual(Array.from(data));
    expect(result.completionCycle).toBeGreaterThan(0);
    expect(result.completionCycle).toBe(host.cycle);
  });

  it('a read completes with the device bytes', () => {
    const { host, file } = setup({ rxPattern: [9, 8, 7, 6] });
    const r = file.read(64);
    const result = host.runUntilComplete(r);
    expect(result.status).toBe(STATUS_SUCCESS);
    expect(result.information).toBe(64);
    expect(Array.from(result.data)).toEqual(Array.from({ length: 64 }, (_, i) => [9, 8, 7, 6][i % 4]));
  });

  it('the same write completes at the same cycle on every run', () => {
    const a = setup();
    const b = setup();
    const data = new Uint8Array(1000).fill(0x5a);
    const ra = a.host.runUntilComplete(a.file.write(data));
    const rb = b.host.runUntilComplete(b.file.write(data));
    expect(ra.completionCycle).toBe(rb.completionCycle);
  });

  it('cancel of a pending read stops the transfer and completes it with STATUS_CANCELLED', () => {
    // A slow device (100 cycles per element) so the read is still running when it is cancelled.
    const { host, file } = setup({ rate: 100, rxPattern: [1, 2, 3, 4] });
    const r = file.read(4096);
    host.runFor(20_000);
    expect(r.completed).toBe(false);
    expect(r.cancel()).toBe(true);
    const result = host.runUntilComplete(r);
    expect(result.status).toBe(STATUS_CANCELLED);
    expect(result.information).toBeGreaterThan(0);
    expect(result.information).toBeLessThan(4096);
    expect(result.information % 4).toBe(0);
    expect(Array.from(result.data.subarray(0, 8))).toEqual([1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('a queued request (sequential queue) is cancelled by the framework without reaching the driver', () => {
    const { host, file, fixture } = setup({ rate: 50 });
    const first = file.write(new Uint8Array(2048));
    const second = file.write(new Uint8Array(16));
    expect(second.cancel()).toBe(true);
    expect(second.result!.status).toBe(STATUS_CANCELLED);
    expect(host.runUntilComplete(first).status).toBe(STATUS_SUCCESS);
    expect(fixture.log.filter((e) => e.event === 'Execute')).toHaveLength(1);
  });

  it('close and remove run D0Exit and ReleaseHardware', () => {
    const { host, file, device, fixture } = setup();
    host.runUntilComplete(file.write(new Uint8Array(64)));
    file.close();
    expect(device.remove()).toBe(STATUS_SUCCESS);
    const events = fixture.log.map((e) => e.event);
    expect(events.slice(-2)).toEqual(['EvtDeviceD0Exit', 'EvtDeviceReleaseHardware']);
  });

  it('a pending request tells where its buffers live (VA, physical address of byte k); not after completion', () => {
    const { host, file } = setup({ rate: 50 });
    const data = Uint8Array.from({ length: 6000 }, (_, i) => (i * 11) & 0xff);
    const write = file.write(data);
    const input = write.inputBuffer!;
    expect(write.outputBuffer).toBeNull();
    expect(input.length).toBe(6000);
    expect(host.kernel.memory.read(input.va, 6000)).toEqual(data);
    for (const k of [0, 1, PAGE_SIZE - (input.va % PAGE_SIZE), 5999]) {
      expect(input.physicalAddressOf(k)).toBe(host.call(host.drivers[0]!, () => MmGetPhysicalAddress(input.va + k)));
    }
    expect(() => input.physicalAddressOf(6000)).toThrow(RangeError);
    const read = file.read(32);
    expect(read.inputBuffer).toBeNull();
    expect(read.outputBuffer!.length).toBe(32);
    host.runUntilComplete(write);
    expect(() => write.inputBuffer).toThrow(/completed at cycle .*freed/);
  });
});
