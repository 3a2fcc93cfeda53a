// SerCx2's time-out timers: one WDFTIMER per purpose (read total, read interval, write total), made with the
// framework's public DDIs on the controller's WDFDEVICE and restarted for every use. A restart replaces the previous
// setting (WdfTimerStart on a queued timer); a timer that fires after its use was cancelled does nothing (generation).
// Due times are WDF_REL_TIMEOUT_IN_MS(ms): on the kernel clock tick, ms × clockHz / 1000 cycles after the start.
import { Out } from '../hal/out.js';
import { NT_SUCCESS, ntStatusText } from '../hal/ntstatus.js';
import type { WDFDEVICE, WDFTIMER } from '../kmdf/object/handles.js';
import { newObjectAttributes } from '../kmdf/object/attributes.js';
import {
  WDF_REL_TIMEOUT_IN_MS,
  WDF_TIMER_CONFIG_INIT,
  WdfTimerCreate,
  WdfTimerStart,
  WdfTimerStop,
  type WDF_TIMER_CONFIG,
} from '../kmdf/interrupt/timer.js';

export type TimerName = 'rxTotal' | 'rxInterval' | 'txTotal';

interface Slot {
  timer: WDFTIMER;
  generation: number;
  action: (() => void) | null;
}

export class SerCx2Timers {
  private readonly slots = new Map<TimerName, Slot>();

  constructor(device: WDFDEVICE) {
    for (const name of ['rxTotal', 'rxInterval', 'txTotal'] as const) {
      const slot: Slot = { timer: null as unknown as WDFTIMER, generation: 0, action: null };
      const config = {} as WDF_TIMER_CONFIG;
      // Named functions: a livelock or trace names them ("EvtTimerFunc SerCx2rxTotalTimeout of WDFTIMER 0x…").
      const fire = { [`SerCx2${name}Timeout`]: () => this.fire(name) }[`SerCx2${name}Timeout`]!;
      WDF_TIMER_CONFIG_INIT(config, fire);
      const attributes = newObjectAttributes();
      attributes.ParentObject = device;
      const out = new Out<WDFTIMER | null>(null);
      const status = WdfTimerCreate(config, attributes, out);
      if (!NT_SUCCESS(status)) throw new Error(`SerCx2: WdfTimerCreate for its ${name} time-out failed: ${ntStatusText(status)}`);
      slot.timer = out.value!;
      this.slots.set(name, slot);
    }
  }

  /** (Re)starts `name`: `action` runs `ms` milliseconds from now unless cancelled or restarted first. */
  start(name: TimerName, ms: number, action: () => void): void {
    const slot = this.slots.get(name)!;
    slot.generation++;
    slot.action = action;
    WdfTimerStart(slot.timer, WDF_REL_TIMEOUT_IN_MS(ms));
  }

  cancel(name: TimerName): void {
    const slot = this.slots.get(name)!;
    slot.generation++;
    slot.action = null;
    WdfTimerStop(slot.timer, false);
  }

  private fire(name: TimerName): void {
    const slot = this.slots.get(name)!;
    const action = slot.action;
    slot.action = null;
    action?.();
  }
}
