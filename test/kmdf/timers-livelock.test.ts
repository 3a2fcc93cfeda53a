// WDFTIMER on the kernel clock tick and the livelock guard seen from a KMDF driver. A WDFTIMER restarted from its own
// EvtTimerFunc with WDF_REL_TIMEOUT_IN_US(0) (which is -0) fires again at the next tick — time advances, so a driver
// polling with it completes its request and runUntilComplete's limit still means something. A driver whose callback
// keeps re-arming itself in one cycle stops with ERR_LIVELOCK naming that callback and its object.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { KernelLivelockError, KeStallExecutionProcessor } from '../../lib/hal/index.js';
import { TestHost, type HostDevice, type HostDriver } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';

/** A driver with one device; `setup` runs in EvtDriverDeviceAdd after WdfDeviceCreate. */
function load(host: TestHost, setup: (device: W.WDFDEVICE) => W.NTSTATUS): { driver: HostDriver; device: HostDevice } {
  const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
      const device = new Out<W.WDFDEVICE | null>(null);
      const status = W.WdfDeviceCreate(DeviceInit, null, device);
      return W.NT_SUCCESS(status) ? setup(device.value!) : status;
    });
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  };
  const driver = host.loadDriver(DriverEntry, { name: 'timers' });
  const device = host.addDevice(driver, {});
  device.startOrThrow();
  return { driver, device };
}

function timerOn(parent: W.WDFDEVICE, fn: W.EVT_WDF_TIMER): W.WDFTIMER {
  const tc = {} as W.WDF_TIMER_CONFIG;
  W.WDF_TIMER_CONFIG_INIT(tc, fn);
  const a = W.newObjectAttributes();
  a.ParentObject = parent;
  const t = new Out<W.WDFTIMER | null>(null);
  expect(W.WdfTimerCreate(tc, a, t)).toBe(W.STATUS_SUCCESS);
  return t.value!;
}

describe('WDFTIMER with a zero due time', () => {
  it('restarted from its own EvtTimerFunc with WDF_REL_TIMEOUT_IN_US(0): one expiry per tick, time advances', () => {
    expect(Object.is(W.WDF_REL_TIMEOUT_IN_US(0), -0)).toBe(true);
    const host = new TestHost();
    const fired: number[] = [];
    let timer: W.WDFTIMER | null = null;
    const { driver } = load(host, (device) => {
      timer = timerOn(device, function PollTimer(t) {
        fired.push(host.cycle);
        if (fired.length < 8) W.WdfTimerStart(t, W.WDF_REL_TIMEOUT_IN_US(0));
      });
      return W.STATUS_SUCCESS;
    });
    host.runFor(1000);
    const start = host.cycle;
    host.call(driver, () => W.WdfTimerStart(timer!, W.WDF_REL_TIMEOUT_IN_US(0)));
    host.runFor(100);
    // Started at `start` (1,000): the next tick is start + 1, then one tick (1 cycle) per restart.
    expect(fired).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008]);
    expect(start).toBe(1000);
  });

  it('with a 100-cycle tick (timerResolution), the same loop fires on every 100th cycle', () => {
    const host = new TestHost({ latencies: { timerResolution: 100 } });
    const fired: number[] = [];
    let timer: W.WDFTIMER | null = null;
    const { driver } = load(host, (device) => {
      timer = timerOn(device, (t) => {
        fired.push(host.cycle);
        if (fired.length < 3) W.WdfTimerStart(t, W.WDF_REL_TIMEOUT_IN_US(0));
      });
      return W.STATUS_SUCCESS;
    });
    host.runFor(1050);
    host.call(driver, () => W.WdfTimerStart(timer!, W.WDF_REL_TIMEOUT_IN_US(0)));
    host.runFor(1000);
    expect(fired).toEqual([1100, 1200, 1300]);
  });
});

describe('a livelocked KMDF driver stops with ERR_LIVELOCK naming its callback', () => {
  it('an EvtTimerFunc spinning on KeStallExecutionProcessor(0) is named with its WDFTIMER', () => {
    const host = new TestHost({ livelockLimit: 100 });
    let timer: W.WDFTIMER | null = null;
    const { driver } = load(host, (device) => {
      timer = timerOn(device, function WaitReadyTimer() {
        for (;;) KeStallExecutionProcessor(0);
      });
      return W.STATUS_SUCCESS;
    });
    host.call(driver, () => W.WdfTimerStart(timer!, W.WDF_REL_TIMEOUT_IN_US(1)));
    let error: unknown = null;
    try {
      host.runFor(1000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KernelLivelockError);
    const e = error as KernelLivelockError;
    expect(e.code).toBe('ERR_LIVELOCK');
    expect(e.cycle).toBe(100); // 1 µs at 100 MHz
    expect(e.callbacks).toHaveLength(1);
    expect(e.callbacks[0]).toMatch(/^KTIMER \(WDFTIMER 0x[0-9A-F]+\) → DPC EvtTimerFunc WaitReadyTimer of WDFTIMER 0x[0-9A-F]+$/);
  });

  it('an EvtInterruptDpc that requeues itself with dpcLatency 0 is named with its WDFINTERRUPT', () => {
    const host = new TestHost({ latencies: { dpcLatency: 0 }, livelockLimit: 500 });
    let interrupt: W.WDFINTERRUPT | null = null;
    const { driver } = load(host, (device) => {
      const ic = {} as W.WDF_INTERRUPT_CONFIG;
      W.WDF_INTERRUPT_CONFIG_INIT(ic, () => false, function RequeueDpc(i) {
        W.WdfInterruptQueueDpcForIsr(i);
      });
      const out = new Out<W.WDFINTERRUPT | null>(null);
      const s = W.WdfInterruptCreate(device, ic, null, out);
      interrupt = out.value;
      return s;
    });
    host.call(driver, () => W.WdfInterruptQueueDpcForIsr(interrupt!));
    let error: unknown = null;
    try {
      host.runFor(10);
    } catch (e) {
      error = e;
    }
    const e = error as KernelLivelockError;
    expect(e.code).toBe('ERR_LIVELOCK');
    expect(e.count).toBe(500);
    expect(e.callbacks).toEqual([expect.stringMatching(/^DPC EvtInterruptDpc RequeueDpc of WDFINTERRUPT 0x[0-9A-F]+$/)]);
  });
});
