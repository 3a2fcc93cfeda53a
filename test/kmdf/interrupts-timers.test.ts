// WDFINTERRUPT and WDFTIMER on the simulated machine: the interrupt gets its CM resource and is connected after
// D0Entry; ISR at the line's rise + isrLatency, DPC at WdfInterruptQueueDpcForIsr + dpcLatency; the interrupt lock;
// a timer due in 10 µs fires exactly 1,000 cycles later at 100 MHz; periodic timers; WdfTimerStop.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { MmMapIoSpaceEx, WRITE_REGISTER_ULONG } from '../../lib/hal/wdm-mm.js';
import { PAGE_READWRITE } from '../../lib/hal/registers.js';
import type { Kernel } from '../../lib/hal/kernel.js';
import { PORT_IRQ, type FifoPort } from '../../lib/sim/index.js';
import { TestHost } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';

const REG = 0x4100_0000;
const LINE = 7;

/** An RX FIFO whose level interrupt is gated by an IMSC register (write 1 to unmask, 0 to mask). */
class IrqDevice {
  rx!: FifoPort;
  rises: number[] = [];
  attach(kernel: Kernel): void {
    this.rx = kernel.sim.addFifoPort({ address: 0x4100_1000, direction: 'rx', rxSource: 'pushed', depth: 16 });
    kernel.registers.map(REG, 0x100, {
      read: () => 0,
      write: (_o, _w, v) => this.rx.setInterrupt(v ? { line: LINE, mask: PORT_IRQ.LEVEL, threshold: 1 } : null),
    });
    kernel.onSimEvent((e) => {
      if (e.kind === 'irq' && e.line === LINE && e.level === 1) this.rises.push(e.cycle);
    });
  }
}

function setup() {
  const host = new TestHost();
  const model = new IrqDevice();
  const log: { event: string; cycle: number }[] = [];
  const note = (event: string) => log.push({ event, cycle: host.kernel.cycle });
  const state = { regs: 0, interrupt: null as W.WDFINTERRUPT | null, timer: null as W.WDFTIMER | null, device: null as W.WDFDEVICE | null };

  const EvtInterruptIsr: W.EVT_WDF_INTERRUPT_ISR = (Interrupt) => {
    note('ISR');
    WRITE_REGISTER_ULONG(state.regs, 0); // mask the source, as an ISR acknowledges its device
    W.WdfInterruptQueueDpcForIsr(Interrupt);
    return true;
  };
  const EvtInterruptDpc: W.EVT_WDF_INTERRUPT_DPC = (Interrupt) => {
    note('DPC');
    W.WdfInterruptAcquireLock(Interrupt);
    W.WdfInterruptReleaseLock(Interrupt);
  };
  const EvtTimer: W.EVT_WDF_TIMER = () => note('Timer');
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (_Driver, DeviceInit) => {
    const pnp = {} as W.WDF_PNPPOWER_EVENT_CALLBACKS;
    W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
    pnp.EvtDevicePrepareHardware = (_D, _R, T) => {
      const d = W.WdfCmResourceListGetDescriptor(T, 0)!;
      state.regs = MmMapIoSpaceEx(d.u.Memory.Start, d.u.Memory.Length, PAGE_READWRITE);
      return W.STATUS_SUCCESS;
    };
    pnp.EvtDeviceD0Entry = () => (WRITE_REGISTER_ULONG(state.regs, 1), W.STATUS_SUCCESS);
    W.WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, pnp);
    const device = new Out<W.WDFDEVICE | null>(null);
    let status = W.WdfDeviceCreate(DeviceInit, null, device);
    if (!W.NT_SUCCESS(status)) return status;
    state.device = device.value;
    const ic = {} as W.WDF_INTERRUPT_CONFIG;
    W.WDF_INTERRUPT_CONFIG_INIT(ic, EvtInterruptIsr, EvtInterruptDpc);
    const interrupt = new Out<W.WDFINTERRUPT | null>(null);
    status = W.WdfInterruptCreate(device.value!, ic, null, interrupt);
    state.interrupt = interrupt.value;
    const tc = {} as W.WDF_TIMER_CONFIG;
    W.WDF_TIMER_CONFIG_INIT(tc, EvtTimer);
    const attributes = W.newObjectAttributes();
    attributes.ParentObject = device.value;
    const timer = new Out<W.WDFTIMER | null>(null);
    if (W.NT_SUCCESS(status)) status = W.WdfTimerCreate(tc, attributes, timer);
    state.timer = timer.value;
    return status;
  };
  const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  };
  const driver = host.loadDriver(DriverEntry, { name: 'irq' });
  const device = host.addDevice(driver, { memory: [{ start: REG, length: 0x100 }], interrupts: [LINE], model });
  device.startOrThrow();
  return { host, model, log, state, driver };
}

describe('interrupts and timers', () => {
  it('ISR at the rise + isrLatency (40), DPC 100 cycles after WdfInterruptQueueDpcForIsr', () => {
    const { host, model, log } = setup();
    host.runFor(1000);
    model.rx.push([1, 2, 3, 4]);
    host.runFor(1000);
    expect(log.map((e) => e.event)).toEqual(['ISR', 'DPC']);
    expect(model.rises).toHaveLength(1);
    expect(log[0]!.cycle).toBe(model.rises[0]! + 40);
    expect(log[1]!.cycle).toBe(log[0]!.cycle + 100);
  });

  it('a one-shot timer due in 10 µs fires 1,000 cycles later; WdfTimerStop cancels a queued timer', () => {
    const { host, log, state, driver } = setup();
    const start = host.cycle;
    expect(host.call(driver, () => W.WdfTimerStart(state.timer!, W.WDF_REL_TIMEOUT_IN_US(10)))).toBe(false);
    host.runFor(5000);
    expect(log.filter((e) => e.event === 'Timer').map((e) => e.cycle)).toEqual([start + 1000]);
    host.call(driver, () => W.WdfTimerStart(state.timer!, W.WDF_REL_TIMEOUT_IN_US(10)));
    expect(host.call(driver, () => W.WdfTimerStop(state.timer!, false))).toBe(true);
    host.runFor(5000);
    expect(log.filter((e) => e.event === 'Timer')).toHaveLength(1);
  });

  it('a periodic timer fires every period until stopped', () => {
    const host = new TestHost();
    const fired: number[] = [];
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const config = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => W.WdfDeviceCreate(DeviceInit, null, new Out<W.WDFDEVICE | null>(null)));
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
    };
    const driver = host.loadDriver(DriverEntry, { name: 'periodic' });
    const device = host.addDevice(driver, {});
    device.startOrThrow();
    const timer = host.call(driver, () => {
      const tc = {} as W.WDF_TIMER_CONFIG;
      W.WDF_TIMER_CONFIG_INIT_PERIODIC(tc, () => fired.push(host.cycle), 1);
      const a = W.newObjectAttributes();
      a.ParentObject = device.handle;
      const t = new Out<W.WDFTIMER | null>(null);
      expect(W.WdfTimerCreate(tc, a, t)).toBe(W.STATUS_SUCCESS);
      W.WdfTimerStart(t.value!, W.WDF_REL_TIMEOUT_IN_MS(1));
      return t.value!;
    });
    host.runFor(350_000);
    expect(fired).toEqual([100_000, 200_000, 300_000]);
    host.call(driver, () => W.WdfTimerStop(timer, true));
    host.runFor(200_000);
    expect(fired).toHaveLength(3);
  });

  it('0xE6: the interrupt lock released twice', () => {
    const { host, state, driver } = setup();
    const e = (() => {
      try {
        host.call(driver, () => {
          W.WdfInterruptAcquireLock(state.interrupt!);
          W.WdfInterruptReleaseLock(state.interrupt!);
          W.WdfInterruptReleaseLock(state.interrupt!);
        });
      } catch (err) {
        return err as W.WdfBugCheck;
      }
      throw new Error('no bugcheck');
    })();
    expect([e.code, e.parameters[0]]).toEqual([0xe6, W.DMA_VIOLATION_LOCK_RELEASED_TWICE]);
    expect(e.object).toMatch(/^WDFINTERRUPT/);
  });
});
